"""``reportgen check WORKBOOK``: the workbook's problems and findings, without building."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Sequence, TextIO

from reportgen.checks.declared import RULE_PREFIX
from reportgen.checks.places import Place, Places
from reportgen.checks.rules import BY_ID
from reportgen.cli.parsing import SEVERITY_ORDER, Parser, holds_all_of_unicode
from reportgen.errors import DataError, Problem, ReportgenError, Severity
from reportgen.model import SourceRef
from reportgen.pipeline import annotate, inspect_workbook

JSON_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def build_check_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen check``: the workbook's problems without building.

    Findings are grouped by severity (错误 / 警告 / 提示), then by the section or table they stand
    in and by rule, each with both places and both values, its stable code (docs/problems.md)
    and its 编号 (to mark it as checked in the 核对 sheet); findings so marked are left out
    unless ``--all``. ``--format json`` prints them for scripts (and, when the workbook cannot
    be checked at all, the error with its code); ``--annotate OUT.xlsx`` writes a marked copy
    of the workbook. Exit code 1 when there is an error (warnings do not fail the check).
    """
    parser = Parser(
        prog="python -m reportgen check",
        description="检查工作簿中的数字是否前后一致（表内、表与表之间、正文与表格之间），"
                    "不生成报告。",
        epilog="例：python -m reportgen check inputs/2024.xlsx --annotate 标注.xlsx",
    )
    parser.add_argument("workbook", metavar="工作簿", help="要检查的 Excel 工作簿（.xlsx）")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="输出格式：text 供阅读（默认），json 供程序处理")
    parser.add_argument("--annotate", metavar="标注.xlsx",
                        help="另存一份工作簿副本，把有问题的单元格标上颜色和批注（原文件不改动）")
    parser.add_argument("--all", action="store_true",
                        help="也列出“核对”表中已标记为核对过的结果")
    parser.add_argument("--catalog-year", type=int, metavar="年份",
                        help="按这一年的官方指标表读取（默认：按工作簿的报告年份）")
    return parser


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run ``check``; return 1 when the workbook has errors, else 0."""
    args = build_check_parser().parse_args(list(argv))
    workbook = Path(args.workbook)
    try:
        inspection = inspect_workbook(workbook, catalog_year=args.catalog_year)
        every = inspection.problems
        problems = every if args.all else [p for p in every if p.checked is None]
        if args.annotate:
            try:
                marked = annotate(workbook, args.annotate, problems)
            except DataError:  # not a readable workbook: the findings below say why
                print(f"未写出标注副本 {args.annotate}：工作簿无法读取（原因见检查结果）。", file=err)
            else:
                print(f"已写出标注副本：{args.annotate}（标注了 {marked} 个单元格）", file=err)
    except ReportgenError as exc:
        if args.format == "json":  # scripts still get JSON; the clerk's message goes to err
            json.dump(error_as_json(workbook, exc), out, ensure_ascii=not holds_all_of_unicode(out),
                      indent=2)
            out.write("\n")
        raise
    hidden = len(every) - len(problems)
    if args.format == "json":
        json.dump(as_json(workbook, problems, inspection.places, hidden), out,
                  ensure_ascii=not holds_all_of_unicode(out), indent=2)
        out.write("\n")
    else:
        out.write(as_text(workbook, problems, inspection.places, hidden))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


def _place(places: Places | None, problem: Problem) -> Place:
    return places.of(problem.where) if places is not None else Place(
        problem.where.sheet if problem.where and problem.where.sheet else "整个工作簿", 0)


def as_text(workbook: Path, problems: Sequence[Problem], places: Places | None = None,
            hidden: int = 0) -> str:
    """The findings for a clerk: a summary line, then each severity's findings, numbered and
    grouped by the section or table they stand in, then by rule."""
    counts = {s: sum(1 for p in problems if p.severity is s) for s in SEVERITY_ORDER}
    lines = [f"检查 {workbook.name}：" + "，".join(f"{s.value} {counts[s]} 处" for s in SEVERITY_ORDER)
             + "。" + (f"另有 {hidden} 处已核对（见“核对”表），加 --all 一并列出。" if hidden else "")]
    if not problems:
        lines.append("没有发现问题。")
    for severity in SEVERITY_ORDER:
        group = [p for p in problems if p.severity is severity]
        if not group:
            continue
        lines += ["", f"{severity.value}（{len(group)} 处）"]
        n = 0
        for place, by_rule in _grouped(group, places):
            lines += ["", f"【{place}】"]
            for rule, findings in by_rule:
                if rule:
                    lines.append(f"  ▸ {rule}")
                for p in findings:
                    n += 1
                    lines += _finding_lines(n, p)
    return "\n".join(lines) + "\n"


def _grouped(problems: list[Problem], places: Places | None
             ) -> list[tuple[str, list[tuple[str, list[Problem]]]]]:
    """The problems by place (in reading order), then by rule (in the order found)."""
    by_place: dict[Place, dict[str, list[Problem]]] = {}
    for p in problems:
        by_place.setdefault(_place(places, p), {}).setdefault(_rule_title(p), []).append(p)
    return [(place.title, list(rules.items()))
            for place, rules in sorted(by_place.items(), key=lambda item: item[0].order)]


def _rule_title(problem: Problem) -> str:
    """``text.graduates：正文中“毕业生…人”的数字应与表中数值一致`` — the rule and what it checks."""
    if not problem.rule:
        return ""
    rule = BY_ID.get(problem.rule)
    if rule is not None:
        return f"{problem.rule}：{rule.description}"
    if problem.rule.startswith(RULE_PREFIX):
        return f"{problem.rule}：工作簿“规则”表中声明的规则"
    return problem.rule


def _finding_lines(n: int, p: Problem) -> list[str]:
    head = f"{n:>3}. {p.message}" + ("（已核对）" if p.checked is not None else "")
    lines = [head]
    if p.where is not None:
        lines.append(f"     位置：{p.where}" + (f"　内容：{p.found}" if p.found else ""))
    elif p.found:
        lines.append(f"     内容：{p.found}")
    if p.related is not None:
        lines.append(f"     对照：{p.related}" + (f"　内容：{p.expected}" if p.expected else ""))
    if p.hint:
        lines.append(f"     建议：{p.hint}")
    if p.checked is not None:
        lines.append(f"     已核对：{p.checked or '（未写原因）'}")
    last = f"     规则：{p.rule}　代码：{p.code}" if p.rule else f"     代码：{p.code}"
    if p.finding_id:
        last += f"　编号：{p.finding_id}"
    return lines + [last]


def as_json(workbook: Path, problems: Sequence[Problem], places: Places | None = None,
            hidden: int = 0) -> dict[str, Any]:
    """The findings for scripts."""
    return {
        "workbook": str(workbook),
        "counts": {JSON_LEVELS[s]: sum(1 for p in problems if p.severity is s)
                   for s in SEVERITY_ORDER},
        "checked_not_listed": hidden,
        "findings": [{
            "id": p.finding_id,
            "checked": p.checked,
            "section": _place(places, p).title,
            "code": p.code,
            "severity": JSON_LEVELS[p.severity],
            "severity_label": p.severity.value,
            "rule": p.rule,
            "message": p.message,
            "where": _cell(p.where),
            "found": p.found,
            "related": _cell(p.related),
            "expected": p.expected,
            "hint": p.hint,
        } for p in problems],
    }


def error_as_json(workbook: Path, exc: ReportgenError) -> dict[str, Any]:
    """An error that stopped the check (the workbook missing, a refused target), for scripts."""
    return {"workbook": str(workbook), "error": {"code": exc.code, "message": str(exc),
                                                 "exit_code": exc.exit_code}}


def _cell(ref: SourceRef | None) -> dict[str, str] | None:
    return None if ref is None else {"file": ref.file, "sheet": ref.sheet, "cell": ref.cell}
