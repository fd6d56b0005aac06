"""Jinja code compiled once: docxtpl compiles a template's whole XML again for every
rendering, one template renders every report of a batch, and every command renders the same
built-in template.

:class:`CompiledOnce` is mixed into :class:`reportgen.word.sandbox.ReportSandbox`. The code
Jinja makes does not depend on the environment instance, only on its options — the same for
every sandbox — and the sandbox's counters and clock are read when the code runs, so each
rendering is still bounded on its own. The parse that the code is compiled from also gives the
variables a template part uses without defining them (:meth:`CompiledOnce.undeclared`), which
the renderer checks before rendering.

The code is kept in the process (the last :data:`COMPILED_KEPT` sources) and on disk, in the
user's cache folder (:func:`cache_folder`), as Jinja's own bytecode cache keeps it: the
Python code object, marshalled, under a hash of the source, the environment's class and
options, and the Jinja and Python versions. Parsing and compiling the template's Jinja takes
longer than loading that code, so a command that builds one report does not compile the same
template again. A cache file that cannot be read or written is ignored (the code is compiled
as without it); ``REPORTGEN_CACHE_DIR`` names another folder, or, empty, turns the files off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import types
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from reportgen.files import write_atomically

__all__ = ["CACHE_ENV", "COMPILED_KEPT", "CompiledOnce", "cache_folder", "forget_compiled"]

COMPILED_KEPT = 16
"""How many compiled template parts (a document's body, headers, footers…) are kept."""
CACHE_ENV = "REPORTGEN_CACHE_DIR"
"""The environment variable naming the cache folder (empty: no cache files)."""
_MAGIC = b"reportgen-jinja-1\n"
"""The start of every cache file (a file without it is not read)."""
_COMPILED: dict[tuple[Any, ...], tuple[Any, frozenset[str]]] = {}
"""Compiled code and undeclared variables, by source and compile options."""


class CompiledOnce(jinja2.Environment):
    """An environment whose :meth:`compile` remembers the last few sources it compiled."""

    def compile(self, source: Any, name: str | None = None,  # type: ignore[override]
                filename: str | None = None, raw: bool = False, defer_init: bool = False) -> Any:
        """Jinja's compile, remembered for the last :data:`COMPILED_KEPT` sources and in the
        cache folder."""
        compile_: Any = super().compile
        if raw or not isinstance(source, str):
            return compile_(source, name, filename, raw, defer_init)
        key = self._key(source, name, filename, defer_init)
        kept = _COMPILED.get(key)
        if kept is None:
            stored = _cache_file(self._options(key))
            kept = _read(stored) if stored is not None else None
            if kept is None:
                tree = self._parse(source, name, filename)  # parsed once: code and variables
                kept = (compile_(tree, name, filename, raw, defer_init),
                        frozenset(meta.find_undeclared_variables(tree)))
                if stored is not None:
                    _write(stored, kept)
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

    def _options(self, key: tuple[Any, ...]) -> bytes:
        """Everything the compiled code depends on, for the cache file's name."""
        kind, source, *rest = key
        syntax = (self.block_start_string, self.block_end_string, self.variable_start_string,
                  self.variable_end_string, self.comment_start_string, self.comment_end_string,
                  self.line_statement_prefix, self.line_comment_prefix, self.trim_blocks,
                  self.lstrip_blocks, self.newline_sequence, self.keep_trailing_newline,
                  self.optimized, sorted(self.extensions))
        about = (f"{kind.__module__}.{kind.__qualname__}", rest, syntax, jinja2.__version__,
                 sys.implementation.cache_tag, sys.version)
        return repr(about).encode("utf-8") + b"\0" + source.encode("utf-8", "surrogatepass")


def cache_folder() -> Path | None:
    """Where compiled code is kept between runs: ``REPORTGEN_CACHE_DIR``, else
    ``reportgen`` in the user's cache folder (``XDG_CACHE_HOME``, ``~/.cache``, or
    ``LOCALAPPDATA`` on Windows); ``None`` when turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or \
        os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportgen"


def _cache_file(options: bytes) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"jinja-{hashlib.sha256(options).hexdigest()[:32]}.bin"


def _read(path: Path) -> tuple[Any, frozenset[str]] | None:
    """The code and variables kept in ``path``; ``None`` when it is missing or not a file
    this module wrote."""
    try:
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        code, variables = marshal.loads(data[len(_MAGIC):])
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(code, types.CodeType) or not isinstance(variables, tuple) or \
            not all(isinstance(v, str) for v in variables):
        return None
    return code, frozenset(variables)


def _write(path: Path, kept: tuple[Any, frozenset[str]]) -> None:
    """Keep the code in ``path``, whole or not at all; a folder that cannot be written is no
    reason to stop."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(path, _MAGIC + marshal.dumps((kept[0], tuple(sorted(kept[1])))))
    except Exception:  # the cache is an optimisation: any failure leaves it out
        pass


def forget_compiled() -> None:
    """Forget every compiled source kept in this process (tests use it to start from
    nothing); the cache files stay."""
    _COMPILED.clear()
