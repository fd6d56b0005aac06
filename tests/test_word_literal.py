"""Workbook text kept literal through docxtpl (:mod:`reportgen.word.literal`): the pass that
turns the private tokens back runs only when some text needed one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportgen.word.literal import needs_restoring, protect, protect_text, restore_text

TEXTS = st.text(alphabet=st.sampled_from("{}%_ab\ue000u中"), max_size=12)


@given(TEXTS)
def test_a_text_needs_restoring_exactly_when_protecting_changed_it(text):
    """needs_restoring(protect(x)) holds exactly when protect changed x — then restoring
    gives x back."""
    protected = protect({"blocks": [text], "meta": (text,)})
    assert needs_restoring(protected) == (protect_text(text) != text)
    assert restore_text(protect_text(text)) == text


def test_strings_to_ignore_do_not_count():
    """The slot markers (which the tables replace) are left out of the question."""
    marker = protect_text("\ue000slot-1")
    assert needs_restoring({"b": marker})
    assert not needs_restoring({"b": marker}, ignore={marker})
    assert needs_restoring({"b": marker, "t": protect_text("{_{ x }_}")}, ignore={marker})
