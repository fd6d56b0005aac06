"""One kind of problem: its stable code and the Chinese text made from the code and its data.

Texts are :meth:`str.format` templates with named fields (``缺少工作表“{name}”``); a field
holding a list or a tuple is written with its items joined by "、". A template names every
field it needs and a call passes exactly those: a missing or an unknown field is a programming
error, raised when the problem is made.
"""

from __future__ import annotations

import re
import string
from typing import Iterable, Mapping

from attrs import frozen

CODE_FORMAT = re.compile(r"[EWIUO](?:-[A-Z0-9]+){2,}")
"""``E-`` error, ``W-`` warning, ``I-`` note, ``U-`` usage error, ``O-`` LibreOffice, PDF or
page pictures; then an AREA and a NAME in uppercase ASCII joined by hyphens."""

PROBLEM_LETTERS = "EWI"
"""The letters of problems collected in :class:`~reportgen.errors.Problems` (with a place)."""
ERROR_LETTERS = "UO"
"""The letters of errors raised as exceptions (:class:`~reportgen.errors.ReportgenError`)."""

RESERVED_FIELDS = frozenset({"code", "where", "found", "hint", "severity", "related", "expected",
                             "rule", "message"})
"""Names a template may not use: they are the arguments of the calls that make problems."""

LIST_SEPARATOR = "、"


@frozen
class ProblemKind:
    """A kind of problem, registered once in :mod:`reportgen.codes`."""

    code: str
    """Its stable identifier (``E-CELL-NUMBER``)."""
    message: str
    """What is wrong, as a template (``缺少工作表“{name}”``)."""
    hint: str | None = None
    """What to do, as a template; ``None`` when the message says it all."""
    advice: str | None = None
    """For docs/problems.md only: what to do, when the hint does not say it (or there is none)."""
    near: str | None = None
    """For a check finding: the code of the same finding when the two figures differ by less
    than one unit in the last place (a note, ``I-…``)."""

    def __attrs_post_init__(self) -> None:
        if not CODE_FORMAT.fullmatch(self.code):
            raise ValueError(f"malformed problem code {self.code!r}")
        reserved = RESERVED_FIELDS & set(self.fields)
        if reserved:
            raise ValueError(f"{self.code}: reserved field names {sorted(reserved)}")

    @property
    def letter(self) -> str:
        """``E``, ``W``, ``I``, ``U`` or ``O``."""
        return self.code[0]

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields its message and hint use, in order of first use."""
        names: dict[str, None] = {}
        for template in (self.message, self.hint or ""):
            names.update(dict.fromkeys(template_fields(template)))
        return tuple(names)

    def render(self, fields: Mapping[str, object]) -> tuple[str, str | None]:
        """The message and the hint, with ``fields`` written in."""
        missing = [name for name in self.fields if name not in fields]
        unknown = sorted(set(fields) - set(self.fields))
        if missing or unknown:
            raise TypeError(f"{self.code} takes the fields {list(self.fields)}; "
                            f"missing {missing}, unknown {unknown}")
        shown = {name: _show(value) for name, value in fields.items()}
        return (self.message.format_map(shown),
                self.hint.format_map(shown) if self.hint is not None else None)

    def text(self, fields: Mapping[str, object]) -> str:
        """Message and hint in one sentence, as an error's text: ``message。hint``."""
        message, hint = self.render(fields)
        return f"{message}。{hint}" if hint else message


def template_fields(template: str) -> Iterable[str]:
    """The field names of a template, in order, repeats included."""
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            if not name.isidentifier():
                raise ValueError(f"template field {name!r} is not a plain name: {template!r}")
            yield name


def _show(value: object) -> object:
    """Lists and tuples as "a、b、c"; anything else as it is (a format spec may follow)."""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return value


def listing(items: Iterable[object], limit: int) -> str:
    """At most ``limit`` items joined by "、", with "等" when some were left out."""
    shown = list(items)
    text = LIST_SEPARATOR.join(str(item) for item in shown[:limit])
    return text + ("等" if len(shown) > limit else "")
