"""``reportgen merge``: the district's workbook from its schools' workbooks.

Every school's workbook is read and checked first (a school may send only its figures: 地区,
标题, 发布单位, 成文日期 and 正文 may be empty); all problems of all files are reported at
once and nothing is written while any school has an error. The same file given twice, or
workbooks of different years, are refused. The district's workbook then holds:

- the official indicator tables added up by each indicator's meaning (:mod:`.aggregate`), and
  last year's figures (上年) merged the same way where the schools give them;
- a 来源 sheet: each school's figure behind each merged figure, by cell;
- the schools' cases in its 案例 sheet, marked 备选 with their school's name, for the bureau
  to choose from (a 备选 case need not be placed in the text);
- a 素材 sheet: the schools' foreword and text by school and chapter, for the district's own
  text, which it writes in 正文.

With ``base`` (the district's own workbook of the year, typically made by ``init --from``), the
result is a copy of it with the merged figures written in (:mod:`reportgen.xlsx.into`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Sequence

from attrs import frozen

from reportgen.checks import check_report
from reportgen.errors import DataError, Problem, Problems, Severity, UsageError
from reportgen.model import Case, FreeTable, Paragraph, Report
from reportgen.placeholders import substitute
from reportgen.xlsx import sheets as names
from reportgen.xlsx.blank import write_form
from reportgen.xlsx.form import Form, FormCase, MaterialRow, SourceRow
from reportgen.xlsx.into import base_year, write_into
from reportgen.xlsx.workbook import read_report
from reportgen.yearly.aggregate import Merged, School, merge_figures
from reportgen.yearly.carryover import HEADING_KINDS, period_label


@frozen
class MergeResult:
    """What was written, for the message the clerk reads."""

    form: Form
    """The district's workbook."""
    schools: tuple[str, ...]
    """The schools, in the order given."""
    merged: tuple[Merged, ...]
    """Every merged figure."""

    @property
    def left(self) -> tuple[Merged, ...]:
        """The figures left for the clerk (not aggregable, or nothing to divide by)."""
        return tuple(m for m in self.merged if m.left is not None and m.column == "value")


def merge_workbooks(sources: Sequence[Path], target: Path, *, base: Path | None = None,
                    problems: Problems | None = None) -> MergeResult:
    """Merge the schools' workbooks at ``sources`` into a new district workbook at ``target``:
    a fresh form, or a copy of the district's own workbook ``base`` (its 基本信息, text, own
    tables and 上年 figures kept) with the merged figures written in.

    Raises :class:`UsageError` for a refused call (a file twice, different years, an existing
    target) and :class:`DataError` with every problem of every school when any is an error;
    warnings go to ``problems``.
    """
    collected = problems if problems is not None else Problems()
    _refuse(sources, target, base)
    reports: list[tuple[Path, Report]] = []
    found: list[Problem] = []
    for path in sources:
        school_problems = Problems()
        try:
            report = read_report(path, school_problems, draft=True)
        except DataError as exc:  # not a readable workbook at all
            found.extend(exc.problems)
            continue
        if report is None:
            found.extend(school_problems.items)
            continue
        substituted, checked = substitute(report)
        found.extend(school_problems.items + checked + check_report(substituted))
        reports.append((path, report))
    _refuse_years(reports, base)
    schools = _schools(reports)
    if len(reports) < len(sources):  # a workbook could not be read: its errors are in found
        collected.items.extend(found)
        raise DataError(collected.items)
    catalog = reports[0][1].catalog
    figures, merged, merge_problems = merge_figures(schools, catalog)
    found.extend(merge_problems)
    collected.items.extend(found)
    if any(p.severity is Severity.ERROR for p in found):
        raise DataError(collected.items)
    first = reports[0][1].meta
    form = Form(catalog, first.year, {
        names.META_PERIOD: first.period.text or period_label(first.year),
        names.META_YEAR: first.year,
        names.META_TABLES: names.TABLES_APPENDIX, names.META_PREVIOUS: names.NO,
    }, cases=_cases(schools), figures=figures, sources=_sources(merged),
        material=_material(schools))
    if base is not None:
        write_into(base, target, form)
    else:
        write_form(form, target)
    return MergeResult(form, tuple(s.name for s in schools), tuple(merged))


def _refuse(sources: Sequence[Path], target: Path, base: Path | None) -> None:
    """Usage errors: no school, a file missing or twice, two files of one name, a target
    that exists or is not an .xlsx, a base that is missing or one of the schools."""
    if not sources:
        raise UsageError("U-MERGE-NO-SCHOOL")
    if target.suffix.lower() != ".xlsx":
        raise UsageError("U-MERGE-SUFFIX", path=target)
    seen: dict[str, Path] = {}
    names_seen: dict[str, Path] = {}
    for path in sources:
        if not path.is_file():
            raise UsageError("U-MERGE-MISSING", path=path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen:
            same = os.path.samefile(seen[digest], path)
            raise UsageError("U-MERGE-SAME-FILE" if same else "U-MERGE-SAME-CONTENT",
                             first=seen[digest], path=path)
        if path.name in names_seen:
            raise UsageError("U-MERGE-SAME-NAME", first=names_seen[path.name], path=path)
        seen[digest] = names_seen[path.name] = path
    if target.exists():
        raise UsageError("U-MERGE-EXISTS", path=target)
    if base is not None:
        if not base.is_file():
            raise UsageError("U-MERGE-BASE-MISSING", path=base)
        if hashlib.sha256(base.read_bytes()).hexdigest() in seen:
            raise UsageError("U-MERGE-BASE-SCHOOL", path=base)


def _refuse_years(reports: list[tuple[Path, Report]], base: Path | None) -> None:
    """Workbooks of different years cannot be added up, nor written into another year's."""
    years = {report.meta.year for _, report in reports}
    school_years = [f"{path.name}：{report.meta.year}年" for path, report in reports]
    if base is not None and len(years) == 1:
        year = base_year(base)
        if year is None:
            raise UsageError("U-MERGE-BASE-NO-YEAR", file=base.name, school_years=school_years)
        if year not in years:
            raise UsageError("U-MERGE-BASE-YEAR", file=base.name, year=year,
                             school_years=school_years)
    if len(years) > 1:
        raise UsageError("U-MERGE-YEAR-MISMATCH", school_years=school_years)


def _schools(reports: list[tuple[Path, Report]]) -> list[School]:
    """Each school named by its 地区 (its file name when empty), with its file name too when
    two share a name."""
    regions = [report.meta.region.text or path.stem for path, report in reports]
    return [School(region if regions.count(region) == 1 else f"{region}（{path.name}）", report)
            for (path, report), region in zip(reports, regions)]


def _cases(schools: list[School]) -> tuple[FormCase, ...]:
    """Every school's cases, numbered anew, marked 备选 with the school's name."""
    cases: list[FormCase] = []
    for school in schools:
        for case in school.report.cases:
            cases.append(FormCase(str(len(cases) + 1), case.title.text,
                                  "\n".join(p.text.text for p in case.paragraphs),
                                  case.subtitle.text if case.subtitle else "",
                                  names.STATUS_CANDIDATE, school.name))
    return tuple(cases)


def _material(schools: list[School]) -> tuple[MaterialRow, ...]:
    """The schools' foreword and text, by school and chapter."""
    rows: list[MaterialRow] = []
    for school in schools:
        report = school.report
        rows.extend(MaterialRow(school.name, names.FOREWORD_SHEET, names.KIND_PARAGRAPH,
                                p.text.text, p.text.source) for p in report.foreword)
        chapter = ""
        for section in report.sections():  # depth first: a chapter, then what is under it
            if section.level == 1:
                chapter = section.title.text
            else:
                rows.append(MaterialRow(school.name, chapter, HEADING_KINDS[section.level],
                                        section.title.text, section.title.source))
            for block in section.body:
                if isinstance(block, Paragraph):
                    rows.append(MaterialRow(school.name, chapter, names.KIND_PARAGRAPH,
                                            block.text.text, block.text.source))
                elif isinstance(block, Case):
                    rows.append(MaterialRow(school.name, chapter, names.KIND_CASE,
                                            f"（案例“{block.title.text}”，见“案例”表）",
                                            block.source))
                elif isinstance(block, FreeTable):
                    rows.append(MaterialRow(school.name, chapter, names.KIND_TABLE,
                                            f"（自制表格“{block.title}”，未合并）", block.source))
    return tuple(rows)


def _sources(merged: list[Merged]) -> tuple[SourceRow, ...]:
    """The 来源 rows: one per school and merged figure."""
    rows = []
    for item in merged:
        shown = "" if item.value is None else format(item.value, "f")
        for part in item.parts:
            if part.source is None:
                continue
            rows.append(SourceRow(item.key, item.column, item.method, shown, part.school,
                                  part.source, part.shown))
    return tuple(rows)


__all__ = ["MergeResult", "merge_workbooks"]
