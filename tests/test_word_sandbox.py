"""The sandbox a template runs in: no way into Python, and every way to spend unbounded time
or memory stopped with a clear, coded reason (see docs of reportgen.word.sandbox)."""

from __future__ import annotations

import itertools

import jinja2
import pytest

from reportgen.errors import UsageError
from reportgen.word.sandbox import (
    MAX_ITERATIONS,
    MAX_OUTPUT,
    MAX_RANGE,
    MAX_SIZE,
    TIME_LIMIT,
    ReportSandbox,
    template_errors,
)


def render(source: str, **options) -> str:
    """``source`` rendered in a fresh sandbox, errors as the clerk gets them."""
    env = ReportSandbox(autoescape=True, undefined=jinja2.StrictUndefined, **options)
    with template_errors("模板.docx"):
        return env.from_string(source).render(items=["甲", "乙"])


def refusal(source: str, **options) -> UsageError:
    with pytest.raises(UsageError) as caught:
        render(source, **options)
    message = str(caught.value)
    assert message.startswith("模板 模板.docx 有错误：")
    assert message.endswith("。请检查模板中的 {% … %} 标记")
    return caught.value


@pytest.mark.parametrize("source, code", [
    # numbers
    ("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
     "U-TEMPLATE-RANGE"),
    ("{{ range(10**9) | list }}", "U-TEMPLATE-RANGE"),
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
     "U-TEMPLATE-LOOPS"),
    ("{{ 2 ** 100000000 }}", "U-TEMPLATE-SIZE"),
    ("{% set ns = namespace(n=2) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
     "{% endfor %}", "U-TEMPLATE-SIZE"),
    # strings and lists, refused before they are made
    ("{{ 'x' * 10**10 }}", "U-TEMPLATE-SIZE"),
    ("{{ 10**10 * [1] }}", "U-TEMPLATE-SIZE"),
    ("{{ ('x' * 999999) + 'yy' }}", "U-TEMPLATE-SIZE"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}", "U-TEMPLATE-SIZE"),
    ("{{ '%999999999d' % 1 }}", "U-TEMPLATE-SIZE"),
    ("{{ '%*d' % (10**9, 1) }}", "U-TEMPLATE-SIZE"),
    ("{{ '{:>999999999}'.format(1) }}", "U-TEMPLATE-SIZE"),
    ("{{ '{:>{w}}'.format(1, w=10**9) }}", "U-TEMPLATE-SIZE"),
    ("{{ 'x'.ljust(10**9) }}", "U-TEMPLATE-SIZE"),
    ("{{ 'x'.zfill(10**9) }}", "U-TEMPLATE-SIZE"),
    ("{{ ('\t' * 999999).expandtabs(100) }}", "U-TEMPLATE-SIZE"),
    ("{{ ('x' * 1000000).replace('', 'yy') }}", "U-TEMPLATE-SIZE"),
    ("{{ 'yy'.join(['x'] * 999999) }}", "U-TEMPLATE-SIZE"),
    ("{{ 'x' | center(10**9) }}", "U-TEMPLATE-SIZE"),
    ("{{ ('x\n' * 400000) | indent(10) }}", "U-TEMPLATE-SIZE"),
    ("{{ ('x' * 999999) | wordwrap(1, wrapstring='y' * 100) }}", "U-TEMPLATE-SIZE"),
    ("{{ 'ab' | replace('', 'x' * 999999) }}", "U-TEMPLATE-SIZE"),
    ("{{ '%*d' | format(10**9, 1) }}", "U-TEMPLATE-SIZE"),
    ("{{ ('x' * 999999) | join('yy') }}", "U-TEMPLATE-SIZE"),
    ("{{ items | batch(10**9, 'x') | list }}", "U-TEMPLATE-SIZE"),
    ("{{ items | slice(10**9) | list }}", "U-TEMPLATE-SIZE"),
    # output, macros and blocks included
    ("{% macro m() %}{% for i in range(10000) %}{{ 'x' * 1000000 }}{% endfor %}{% endmacro %}"
     "{{ m() | length }}", "U-TEMPLATE-OUTPUT"),
    ("{% set s %}{% for i in range(10000) %}{{ 'x' * 1000000 }}{% endfor %}{% endset %}",
     "U-TEMPLATE-OUTPUT"),
    # other templates
    ("{% include 'other.docx' %}", "U-TEMPLATE-INCLUDE"),
    ("{% import 'macros' as m %}", "U-TEMPLATE-INCLUDE"),
    ("{% from 'macros' import m %}", "U-TEMPLATE-INCLUDE"),
    ("{% extends 'base' %}", "U-TEMPLATE-INCLUDE"),
    # mistakes of every other kind
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "U-TEMPLATE-RECURSION"),
    ("{{ 1 / 0 }}", "U-TEMPLATE-ERROR"),
    ("{{ items.append('丙') }}", "U-TEMPLATE-ERROR"),
    ("{{ ''.__class__.__mro__ }}", "U-TEMPLATE-ERROR"),
    ("{{ lipsum(10**9) }}", "U-TEMPLATE-ERROR"),
    ("{% for %}", "U-TEMPLATE-ERROR"),
])
def test_every_way_out_is_a_clear_template_error(source, code):
    """Each payload is refused — most before anything large is made — with the clerk's
    message and a stable code; none is an internal error, none hangs."""
    assert refusal(source).code == code


def test_the_reasons_name_the_bound():
    """The reason says which bound, in Chinese."""
    assert str(refusal("{{ range(10**9) }}")) == (
        f"模板 模板.docx 有错误：range() 最多生成 {MAX_RANGE:,} 个数，这里要 1,000,000,000 个。"
        "请检查模板中的 {% … %} 标记")
    assert f"上限 {MAX_SIZE:,}" in str(refusal("{{ 'x' * 10**10 }}"))
    assert f"上限 {MAX_ITERATIONS:,} 次" in str(
        refusal("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"))
    assert "不能使用 {% include %}、{% import %} 或 {% extends %}（要读取“a”）" in str(
        refusal("{% include 'a' %}"))
    assert "用到了模板不允许使用的内容（Jinja：access to attribute '__class__' of 'str' object " \
        "is unsafe）。" in str(refusal("{{ ''.__class__ }}"))  # Jinja's own full stop dropped
    assert "用到了不存在的名称或内容（Jinja：'nope' is undefined）" in str(refusal("{{ nope }}"))


def test_rendering_stops_when_its_time_is_up():
    """A template that keeps the renderer busy is stopped at the time limit: here a clock
    that advances one second at each look stops a loop after about 30 steps of 30 s."""
    ticks = itertools.count()
    error = refusal("{% for i in range(1000) %}{{ i }}{% endfor %}", time_limit=30,
                    clock=lambda: float(next(ticks)))
    assert error.code == "U-TEMPLATE-TIME"
    assert str(error).startswith("模板 模板.docx 有错误：模板运行超过 30 秒，已停止")
    assert next(ticks) < 100


def test_the_time_limit_defaults_to_a_minute_and_can_be_set(monkeypatch):
    """60 s unless the environment variable REPORTGEN_TEMPLATE_SECONDS says otherwise."""
    monkeypatch.delenv("REPORTGEN_TEMPLATE_SECONDS", raising=False)
    assert ReportSandbox().time_limit == TIME_LIMIT == 60
    monkeypatch.setenv("REPORTGEN_TEMPLATE_SECONDS", "5")
    assert ReportSandbox().time_limit == 5
    assert ReportSandbox(time_limit=1).time_limit == 1


def test_what_a_report_template_does_still_works():
    """Loops, conditions, filters, macros, recursive loops, formatting and string methods
    within the bounds render as Jinja renders them."""
    source = ("{% macro item(x) %}<{{ x }}>{% endmacro %}"
              "{% for x in items %}{{ loop.index }}{{ item(x) }}{% if loop.last %}。{% endif %}"
              "{% endfor %}|{{ items | join('、') }}|{{ '%05.1f' % 3.14159 }}|{{ '{:>4}'.format(7) }}"
              "|{{ ('ab' * 3) | replace('b', 'c') | upper }}|{{ range(3) | list | sum }}"
              "|{% for n in [[1, [2]], [3]] recursive %}{% if n is iterable %}{{ loop(n) }}"
              "{% else %}{{ n }}{% endif %}{% endfor %}|{{ 'x'.center(5, '-') }}|{{ 2 ** 10 }}")
    assert render(source) == "1<甲>2<乙>。|甲、乙|003.1|   7|ACACAC|3|123|--x--|1024"


def test_sizes_just_within_the_bounds_are_allowed():
    """The bounds refuse only what is beyond them."""
    assert len(render(f"{{{{ 'x' * {MAX_SIZE} }}}}")) == MAX_SIZE
    assert len(render(f"{{{{ range({MAX_RANGE}) | list | length }}}}")) == len(str(MAX_RANGE))
    assert MAX_OUTPUT >= 20 * MAX_SIZE
