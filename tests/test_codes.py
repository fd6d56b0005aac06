"""The problem registry is the one place problem texts live, and docs/problems.md is made from it.

Every code the source uses is registered, every registered code is used, no call writes its
own text (the form of before the registry, ``add("应为数字", …, code=…)``), every template
field has a label for the docs, and the committed docs are what the registry makes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from reportgen import codes
from reportgen.codes.document import problems_markdown
from reportgen.codes.kind import CODE_FORMAT

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "reportgen"
REGISTRY_PACKAGE = SOURCE / "codes"
DOCS = ROOT / "docs" / "problems.md"
CODE_LITERAL = re.compile(r"[\"']([EWIUO](?:-[A-Z0-9]+){2,})[\"']")
ERRORS_MODULE = SOURCE / "errors.py"
"""It builds problems from codes; the only module that may pass ``code=``."""


def _modules() -> list[Path]:
    """The source modules outside the registry."""
    return sorted(p for p in SOURCE.rglob("*.py") if REGISTRY_PACKAGE not in p.parents)


def _used_codes() -> dict[str, list[str]]:
    """Each code literal of the source, with the modules that use it."""
    used: dict[str, list[str]] = {}
    for path in _modules():
        for code in CODE_LITERAL.findall(path.read_text("utf-8")):
            used.setdefault(code, []).append(str(path.relative_to(SOURCE)))
    return used


def test_every_code_the_source_uses_is_registered():
    """A code in a call (``"E-CELL-NUMBER"``) names a registered kind: its text is there."""
    unregistered = {code: where for code, where in _used_codes().items()
                    if code not in codes.REGISTRY}
    assert not unregistered, ("register these codes, with their message and hint, in "
                              f"src/reportgen/codes/: {unregistered}")


def test_every_registered_code_is_used():
    """No kind is registered that nothing reports (a near-miss note is reported through the
    finding it belongs to)."""
    used = set(_used_codes())
    reached = used | {codes.REGISTRY[c].near for c in used
                      if c in codes.REGISTRY and codes.REGISTRY[c].near}
    assert set(codes.REGISTRY) - reached == set()


def test_no_call_writes_its_own_text():
    """Calls pass a code and data, never a Chinese text with ``code=`` beside it: the text
    belongs in the registry."""
    offenders = []
    for path in _modules():
        if path == ERRORS_MODULE:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and any(k.arg == "code" for k in node.keywords):
                offenders.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert not offenders, ("move the text into src/reportgen/codes/ and pass the code first: "
                           f"{offenders}")


def test_codes_are_well_formed_and_their_letters_mean_their_kind():
    """``E-``/``W-``/``I-`` for collected problems, ``U-``/``O-`` for errors raised; a
    near-miss note is the ``I-`` twin of a warning with the same text."""
    for code, kind in codes.REGISTRY.items():
        assert CODE_FORMAT.fullmatch(code) and kind.code == code
        if kind.near is not None:
            note = codes.REGISTRY[kind.near]
            assert code.startswith("W-") and kind.near == "I" + code[1:]
            assert note.message == kind.message and note.hint and note.hint.endswith(kind.hint or "")


def test_every_field_has_a_label_and_every_label_a_field():
    """docs/problems.md shows each field as 〈label〉."""
    used = {name for kind in codes.REGISTRY.values() for name in kind.fields}
    assert set(codes.FIELD_LABELS) == used


def test_every_kind_renders_with_its_fields():
    """Each kind's templates take its fields (numbers where a format asks for one)."""
    for kind in codes.REGISTRY.values():
        message, hint = kind.render({name: 1 for name in kind.fields})
        assert message and "{" not in message.replace("{%", "").replace("{{", "")
        assert (hint is None) == (kind.hint is None)


def test_the_committed_docs_are_what_the_registry_makes():
    """docs/problems.md lists every code with its text: run tools/write_problem_docs.py and
    commit after changing the registry."""
    committed = DOCS.read_text("utf-8")
    assert committed == problems_markdown(), "run tools/write_problem_docs.py and commit"
    for code in codes.REGISTRY:
        assert f"| `{code}` |" in committed
