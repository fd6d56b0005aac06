"""Jinja code compiled once per process: docxtpl compiles a template's whole XML again for
every rendering, and one template renders every report of a batch.

:class:`CompiledOnce` is mixed into :class:`reportgen.word.sandbox.ReportSandbox`. The code
Jinja makes does not depend on the environment instance, only on its options — the same for
every sandbox — and the sandbox's counters and clock are read when the code runs, so each
rendering is still bounded on its own. The parse that the code is compiled from also gives the
variables a template part uses without defining them (:meth:`CompiledOnce.undeclared`), which
the renderer checks before rendering.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2 import meta

__all__ = ["COMPILED_KEPT", "CompiledOnce", "forget_compiled"]

COMPILED_KEPT = 16
"""How many compiled template parts (a document's body, headers, footers…) are kept."""
_COMPILED: dict[tuple[Any, ...], tuple[Any, frozenset[str]]] = {}
"""Compiled code and undeclared variables, by source and compile options."""


class CompiledOnce(jinja2.Environment):
    """An environment whose :meth:`compile` remembers the last few sources it compiled."""

    def compile(self, source: Any, name: str | None = None,  # type: ignore[override]
                filename: str | None = None, raw: bool = False, defer_init: bool = False) -> Any:
        """Jinja's compile, remembered for the last :data:`COMPILED_KEPT` sources."""
        compile_: Any = super().compile
        if raw or not isinstance(source, str):
            return compile_(source, name, filename, raw, defer_init)
        key = self._key(source, name, filename, defer_init)
        kept = _COMPILED.get(key)
        if kept is None:
            tree = self._parse(source, name, filename)  # parsed once: code and variables
            kept = (compile_(tree, name, filename, raw, defer_init),
                    frozenset(meta.find_undeclared_variables(tree)))
            _COMPILED[key] = kept
            while len(_COMPILED) > COMPILED_KEPT:
                del _COMPILED[next(iter(_COMPILED))]
        return kept[0]

    def undeclared(self, source: str) -> frozenset[str]:
        """The variables ``source`` uses without defining them (it is compiled, once)."""
        self.compile(source)
        return _COMPILED[self._key(source, None, None, False)][1]

    def _key(self, source: str, name: str | None, filename: str | None,
             defer_init: bool) -> tuple[Any, ...]:
        return (type(self), source, name, filename, defer_init, bool(self.autoescape))


def forget_compiled() -> None:
    """Forget every compiled source (tests use it to start from nothing)."""
    _COMPILED.clear()
