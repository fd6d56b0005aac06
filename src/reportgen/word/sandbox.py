"""The Jinja environment a template runs in: sandboxed, and bounded in time and size.

A template given with ``--template`` is the only code reportgen runs that it did not write.
Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` keeps it away from Python's
internals (no ``__class__``, no ``__subclasses__``) and from changing the report's data
(no ``list.append``). On top of that :class:`ReportSandbox` bounds what a template may cost:

- ``range()`` gives at most :data:`MAX_RANGE` numbers;
- a string or list made by an operator (``*``, ``+``, ``%``, ``**`` on integers), a filter or
  a method holds at most :data:`MAX_SIZE` items — checked *before* it is made wherever its
  size can be known (products, sums, padding widths, ``join``, ``replace``, format widths);
- loops run at most :data:`MAX_ITERATIONS` times in all; what is written — every
  ``{{ … }}``, in macros and blocks too, and the template text loops repeat — is at most
  :data:`MAX_OUTPUT` characters;
- rendering stops after :data:`TIME_LIMIT` seconds (or ``REPORTGEN_TEMPLATE_SECONDS``),
  checked at every loop iteration, call, attribute or item access, operator and filter;
- ``{% include %}``, ``{% import %}`` and ``{% extends %}`` are refused: a template is one
  Word file, it reads no other.

Each breach raises :class:`TemplateLimitError` (a :class:`jinja2.exceptions.SecurityError`)
with a Chinese reason and a stable code; :func:`template_errors` turns it, and any other error
the template causes, into the clerk's ``模板 X 有错误：…`` :class:`UsageError`. Not bounded: the
memory of one bounded step (a few MB); a template slow within every bound hits the time limit.
"""

from __future__ import annotations

import os
import re
import time
import traceback
from contextlib import contextmanager
from functools import lru_cache, update_wrapper
from typing import Any, Callable, Iterable, Iterator

import attrs
import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.errors import UsageError
from reportgen.word.compiled import CompiledOnce

MAX_RANGE = 10_000
"""The most numbers ``range()`` may give (a report's loops run over its data, not numbers)."""
MAX_SIZE = 1_000_000
"""The most characters (or items) a string (or list) made in a template may hold."""
MAX_ITERATIONS = 1_000_000
"""The most loop iterations of one rendering, all loops together (a report needs thousands)."""
MAX_OUTPUT = 50_000_000
"""The most characters one rendered part may hold (a 60-page report's body has about 2 M)."""
TIME_LIMIT = 60.0
"""Seconds a rendering may take (the official template takes well under one)."""
TIME_LIMIT_VARIABLE = "REPORTGEN_TEMPLATE_SECONDS"
"""The environment variable that overrides :data:`TIME_LIMIT`."""



class TemplateLimitError(SecurityError):
    """A template went beyond one of the sandbox's bounds."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code
        """The stable code of the bound (``U-TEMPLATE-RANGE``)."""


class _NoLoader(jinja2.BaseLoader):
    """Answers every ``include``, ``import`` and ``extends`` with a refusal."""

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        raise TemplateLimitError(
            f"模板中不能使用 {{% include %}}、{{% import %}} 或 {{% extends %}}（要读取“{template}”）："
            "模板必须是一个完整的 Word 文件，不能引用其他模板", "U-TEMPLATE-INCLUDE")


class _LoopCounting(CodeGenerator):
    """Compiles every ``for`` loop to iterate through :meth:`ReportSandbox.loop_guard`, told
    how many characters of template text one iteration writes."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        repeated = sum(len(data.data) for statement in node.body
                       for data in statement.find_all(nodes.TemplateData))
        guard = nodes.Call(nodes.EnvironmentAttribute("loop_guard"),
                           [node.iter, nodes.Const(repeated)], [], None, None)
        guard.set_lineno(node.lineno)
        guard.set_environment(self.environment)
        node.iter = guard
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        """``a ~ b`` (not an interceptable operator) through :meth:`ReportSandbox.checked`."""
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


class ReportSandbox(CompiledOnce, ImmutableSandboxedEnvironment):
    """The sandbox of every rendering: one instance per rendering (its clock starts when it
    is made, its counters add up over every part rendered with it)."""

    code_generator_class = _LoopCounting
    intercepted_binops = frozenset({"*", "+", "%", "**"})

    def __init__(self, *, time_limit: float | None = None,
                 clock: Callable[[], float] = time.monotonic, **options: Any):
        self._iterations = 0
        self._written = 0
        super().__init__(loader=_NoLoader(), finalize=self._count_output, **options)
        self.globals["range"] = self._range
        self.globals.pop("lipsum", None)  # lipsum(n) writes n paragraphs
        self.filters = {name: self._guard_filter(name, f) for name, f in self.filters.items()}
        if time_limit is None:
            time_limit = float(os.environ.get(TIME_LIMIT_VARIABLE) or TIME_LIMIT)
        self.time_limit = time_limit
        """Seconds the rendering may take."""
        self._clock = clock
        self._deadline = clock() + time_limit

    # -- time and counting --

    def tick(self) -> None:
        """Stop the rendering once its time is up."""
        if self._clock() > self._deadline:
            raise TemplateLimitError(f"模板运行超过 {self.time_limit:g} 秒，已停止（循环或计算太多）",
                                     "U-TEMPLATE-TIME")

    def loop_guard(self, iterable: Iterable[Any], repeated: int) -> Iterator[Any]:
        """``iterable``, counting iterations and the template text each one repeats."""
        for item in iterable:
            self._iterations += 1
            if self._iterations > MAX_ITERATIONS:
                raise TemplateLimitError(f"模板中的循环次数过多（上限 {MAX_ITERATIONS:,} 次）",
                                         "U-TEMPLATE-LOOPS")
            self._write(repeated)
            yield item

    def _count_output(self, value: Any) -> Any:
        """Jinja's ``finalize``: every ``{{ … }}`` written, in macros and blocks too."""
        self._write(len(value) if _sized(value) else 0)
        return value

    def _write(self, size: int) -> None:
        self._written += size
        if self._written > MAX_OUTPUT:
            raise _too_much_output()
        self.tick()

    def checked(self, value: Any) -> Any:
        """``value``, unless it is a string or list longer than :data:`MAX_SIZE`."""
        self.tick()
        return _checked(value)

    def concat(self, parts: Iterable[str]) -> str:  # type: ignore[override]
        """The rendered part, as long as it stays within :data:`MAX_OUTPUT`."""
        kept, size = [], 0
        for n, part in enumerate(parts):
            size += len(part)
            if size > MAX_OUTPUT:
                raise _too_much_output()
            if n % 1024 == 0:
                self.tick()
            kept.append(part)
        return "".join(kept)

    def _range(self, *args: int) -> range:
        self.tick()
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise TemplateLimitError(f"range() 最多生成 {MAX_RANGE:,} 个数，这里要 {len(numbers):,} 个",
                                     "U-TEMPLATE-RANGE")
        return numbers

    # -- the sandbox's hooks --

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        if attribute in _data_fields(type(obj)):  # type: ignore[arg-type]  # plain data
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        self.tick()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _sized(seq) and isinstance(times, int):
                    _check_size(len(seq) * times)
            if isinstance(left, int) and isinstance(right, int):
                _check_bits(left.bit_length() + right.bit_length())
        elif operator == "+" and _sized(left) and _sized(right):
            _check_size(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right if isinstance(right, tuple) else (right,))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) \
                and abs(left) > 1 and right > 0:
            _check_bits(right * left.bit_length())
        return _checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: N805
             *args: Any, **kwargs: Any) -> Any:
        __self.tick()
        if isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (__self.loop_guard(args[0], 0), *args[1:])
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (str, bytes)):
            args = _check_text_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text: str = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(text, (*args, *kwargs.values()))
            return _checked(wrapped(*args, **kwargs))
        return update_wrapper(checked, wrapped)

    def _guard_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` (a filter) checked before and after it runs."""
        skip = 1 if hasattr(function, "jinja_pass_arg") else 0  # context or environment first

        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            if len(args) > skip:
                value = args[skip]
                value = _check_filter(name, value, args[skip + 1:], kwargs)
                args = (*args[:skip], value, *args[skip + 1:])
            return _checked(function(*args, **kwargs))
        return update_wrapper(guarded, function)


# -- size checks: each raises before the oversized thing is made --

@lru_cache(maxsize=256)
def _data_fields(kind: type) -> frozenset[str]:
    """The public fields of an attrs class (the context the renderer gives a template is made
    of them): reading one is always safe, so the sandbox's checks for methods and internals
    (a tenth of a rendering) are skipped for them. Empty for any other type."""
    if not attrs.has(kind):
        return frozenset()
    return frozenset(f.name for f in attrs.fields(kind) if not f.name.startswith("_"))


def _too_much_output() -> TemplateLimitError:
    return TemplateLimitError(f"模板生成的内容过多（上限 {MAX_OUTPUT:,} 个字符）", "U-TEMPLATE-OUTPUT")


def _sized(value: Any) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


def _check_size(size: int) -> None:
    if size > MAX_SIZE:
        raise TemplateLimitError(f"模板中生成的文字或列表过长（{size:,} 项，上限 {MAX_SIZE:,}）",
                                 "U-TEMPLATE-SIZE")


def _check_bits(bits: int) -> None:
    if bits > 8 * MAX_SIZE:
        raise TemplateLimitError(f"模板中计算的整数过大（约 {bits:,} 位二进制，上限 {8 * MAX_SIZE:,}）",
                                 "U-TEMPLATE-SIZE")


def _checked(result: Any) -> Any:
    """``result``, unless it is a string or list longer than :data:`MAX_SIZE`."""
    if _sized(result):
        _check_size(len(result))
    return result


_WIDTHS = re.compile(r"\d+")


def _check_format(template: str, args: Iterable[Any]) -> None:
    """A format (``%`` or ``str.format``) whose widths or precisions would pad past the bound:
    a number in the format, or an integer argument (``*`` and ``{:{w}}`` widths)."""
    _check_size(len(template) + max((int(n) for n in _WIDTHS.findall(template)), default=0))
    if "*" in template or "{" in template:
        for arg in args:
            if isinstance(arg, int) and not isinstance(arg, bool):
                _check_size(abs(arg))


def _check_text_method(text: str | bytes, method: str, args: tuple[Any, ...],
                       kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Check a call of a ``str`` (or ``bytes``) method; return its arguments (``join``'s
    iterable as a list, counted)."""
    values = (*args, *kwargs.values())
    if method in ("center", "ljust", "rjust", "zfill") and values:
        _check_size(max(len(text), int(values[0])))
    elif method == "expandtabs":
        _check_size(len(text) * max(1, int(values[0]) if values else 8))
    elif method == "replace" and len(values) >= 2:
        _check_size(_replaced_size(text, values[0], values[1],
                                   values[2] if len(values) > 2 else -1))
    elif method == "join" and values:
        items = list(values[0])
        _check_size(len(items))
        _check_size(sum(len(i) for i in items if _sized(i)) + len(text) * max(0, len(items) - 1))
        return (items, *args[1:])
    elif method == "translate" and values and isinstance(values[0], dict):
        longest = max((len(v) for v in values[0].values() if _sized(v)), default=1)
        _check_size(len(text) * longest)
    return args


def _replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    if not (_sized(text) and _sized(old) and _sized(new)):
        return 0
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(0, len(new) - len(old))


def _check_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Check a filter call before it runs; return the value to filter (``join``'s iterable as
    a list, counted)."""
    def arg(position: int, keyword: str, default: Any) -> Any:
        return args[position] if len(args) > position else kwargs.get(keyword, default)

    if name in ("center", "batch", "slice"):
        width = arg(0, {"center": "width", "batch": "linecount", "slice": "slices"}[name], 0)
        if isinstance(width, int):
            _check_size(width)
    elif name == "indent" and isinstance(value, str):
        width = arg(0, "width", 4)
        pad = len(width) if isinstance(width, str) else int(width)
        _check_size(len(value) + (value.count("\n") + 1) * pad)
    elif name == "wordwrap" and isinstance(value, str):
        wrap = arg(3, "wrapstring", None) or "\n"
        _check_size(len(value) * (1 + len(wrap)))
    elif name == "replace" and len(args) >= 2:
        _check_size(_replaced_size(str(value), args[0], args[1], arg(2, "count", -1)))
    elif name == "format" and isinstance(value, str):
        _check_format(value, (*args, *kwargs.values()))
    elif name == "join" and value is not None and not isinstance(value, str):
        value = list(value)
        _check_size(len(value))
        separator = arg(0, "d", "")
        _check_size(sum(len(str(v)) for v in value) + len(str(separator)) * len(value))
    return value


# -- errors --

@contextmanager
def template_errors(template_name: str) -> Iterator[None]:
    """Turn what a template does wrong — a syntax error, a refused access, a bound crossed,
    an exception raised by its own code — into the clerk's :class:`UsageError`."""
    try:
        yield
    except TemplateLimitError as exc:
        raise _usage(template_name, str(exc), exc.code) from exc
    except jinja2.TemplateError as exc:
        raise _usage(template_name, _jinja_reason(exc), "U-TEMPLATE-ERROR") from exc
    except RecursionError as exc:
        raise _usage(template_name, "宏或循环嵌套的层数过多（可能是宏调用了自己）",
                     "U-TEMPLATE-RECURSION") from exc
    except MemoryError as exc:
        raise _usage(template_name, "模板生成的内容过多，内存不足", "U-TEMPLATE-OUTPUT") from exc
    except Exception as exc:
        if not _raised_by_template(exc):
            raise
        raise _usage(template_name, f"模板中的计算出错（{type(exc).__name__}: {exc}）",
                     "U-TEMPLATE-ERROR") from exc


def _jinja_reason(exc: jinja2.TemplateError) -> str:
    """Chinese first, Jinja's words in brackets; a syntax error quotes the text near it."""
    said = (exc.message or type(exc).__name__).rstrip(".。 ")
    if isinstance(exc, jinja2.TemplateSyntaxError):  # docx_context: docxtpl's text around it
        near = "".join(getattr(exc, "docx_context", None) or ()).strip()[:60]
        return (f"{{% … %}} 或 {{{{ … }}}} 标记的写法有误{f'，出错处附近的文字：“{near}”' if near else ''}"
                f"（Jinja：{said}）")
    if isinstance(exc, jinja2.UndefinedError):
        return f"用到了不存在的名称或内容（Jinja：{said}）"
    if isinstance(exc, SecurityError):
        return f"用到了模板不允许使用的内容（Jinja：{said}）"
    return f"Jinja：{said}"


def _usage(template_name: str, reason: str, code: str) -> UsageError:  # without a final stop
    return UsageError(code, template=template_name, reason=reason.rstrip(".。 "))


def _raised_by_template(exc: BaseException) -> bool:
    """True when the error went through the template's own code (``{{ 1 / 0 }}``)."""
    return any(frame.f_code.co_filename == "<template>"
               for frame, _ in traceback.walk_tb(exc.__traceback__))
