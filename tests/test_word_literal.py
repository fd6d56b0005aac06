"""Workbook text kept literal through docxtpl (:mod:`reportgen.word.literal`): the pass that
turns the private tokens back runs only when some text needed one."""

from __future__ import annotations

import attrs
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


@attrs.frozen
class _View:
    """A view with a field given and one computed from it (as attrs objects in a context
    may have)."""

    text: str
    """Given."""
    shown: str = attrs.field(init=False)
    """Computed from :attr:`text`."""

    @shown.default
    def _shown(self) -> str:
        return "【" + self.text + "】"


CONTEXTS = st.recursive(
    TEXTS | st.integers() | st.builds(_View, TEXTS),
    lambda inner: st.lists(inner, max_size=3) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(st.sampled_from("abc"), inner, max_size=3),
    max_leaves=10)


@given(CONTEXTS, st.data())
def test_protecting_finds_what_needs_restoring_looks_for(context, data):
    """One walk: the texts ``protect`` marks while protecting tell what ``needs_restoring``
    of its result tells, for any context and any of those texts to ignore — also for fields
    computed from protected ones — and the result is the same as without marking."""
    marked: list[str] = []
    protected = protect(context, marked)
    assert protected == protect(context)
    ignore = data.draw(st.sets(st.sampled_from(marked))) if marked else set()
    assert any(text not in ignore for text in marked) == needs_restoring(protected, ignore)


def test_a_computed_field_is_marked_as_it_reads_after_protecting():
    """A field computed from a protected one holds a token too, in its own text: ignoring
    the given text does not hide it."""
    marked: list[str] = []
    protected = protect({"b": [_View("{_{ x")]}, marked)
    assert protected["b"][0].shown == "【" + protect_text("{_{ x") + "】"
    assert set(marked) == {protect_text("{_{ x"), protected["b"][0].shown}
    assert needs_restoring(protected, ignore={protect_text("{_{ x")})


@given(st.text(alphabet=st.sampled_from("{}%ab中 \n"), max_size=12))
def test_a_text_without_underscore_or_token_is_left_as_it_is(text):
    """Only an underscore (of ``{_{``, ``}_}``, ``{_%``, ``%_}``) or the token character is
    ever replaced: any other text is protected as itself."""
    assert protect_text(text) is text
