"""Every indicator says, as data, how schools' figures make the district's.

Counts and amounts add up; rates and ratios are recomputed from their parts; survey results
are weighted by their 调查人次; per-student values by the student count; what cannot be
aggregated says why. A meaning that names an indicator the catalog lacks fails at load.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.catalog import (
    AggregateKind,
    Aggregation,
    CatalogError,
    ColumnKind,
    load_catalog,
    parse_catalog,
)

CATALOG = """
[[table]]
id = "t"
name = "测试表"
columns = [
    { id = "number", sheet = "序号", printed = "序号", width = 10 },
    { id = "name", sheet = "指标", printed = "指标", width = 60 },
    { id = "unit", sheet = "单位", printed = "单位", width = 10 },
    { id = "value", sheet = "数值", printed = "{year}年", width = 20 },
    { id = "asked", kind = "figure", unit = "人次", sheet = "调查人次", printed = "调查人次", width = 20 },
    { id = "how", kind = "text", sheet = "调查方式", printed = "调查方式", width = 20 },
    { id = "note", sheet = "备注", printed = "备注", width = 10 },
]

[[table.row]]
id = "students"
name = "在校生人数"
units = ["人"]
aggregate = "count"

[[table.row]]
id = "teachers"
name = "教师人数"
units = ["人"]
aggregate = "count"

[[table.row]]
id = "graduates"
name = "毕业生人数"
units = ["人"]
aggregate = "count"

[[table.row]]
id = "further_study"
name = "升学人数"
units = ["人"]
aggregate = "count"

[[table.row]]
id = "courses"
name = "课程数"
units = ["门", "学时"]
aggregate = "count"

[[table.row]]
id = "ROW"
"""
ROWS = {
    "count": 'aggregate = "count"\n',
    "amount": 'aggregate = "amount"\n',
    "rate": 'aggregate = "rate"\nnumerator = "t.further_study"\ndenominator = "t.graduates"\n',
    "ratio": 'aggregate = "ratio"\nnumerator = "t.students"\ndenominator = "t.teachers"\n',
    "weighted_by_column": 'aggregate = "weighted_mean"\nweight_column = "asked"\n',
    "weighted_by_figure": 'aggregate = "weighted_mean"\nweight = "t.courses.门"\n',
    "per_student": 'aggregate = "per_student"\ndenominator = "t.students"\n',
    "per_student_of_total": 'aggregate = "per_student"\nnumerator = "t.teachers"\n'
                            'denominator = "t.students"\n',
    "none": 'aggregate = "none"\nreason = "合格人数不在表中"\n',
}


def meaning(words: str, unit: str = "%") -> Aggregation:
    """The aggregation meaning of the test table's last row, written as ``words``."""
    text = CATALOG.replace('id = "ROW"', f'id = "row"\nname = "受测"\nunits = ["{unit}"]\n{words}')
    indicator = parse_catalog(text, year=2030).by_id("t").indicator("row")
    assert indicator is not None
    return indicator.aggregation


def test_counts_and_amounts_add_up():
    """A count and an amount are summed; they read nothing else."""
    for word, kind in (("count", AggregateKind.COUNT), ("amount", AggregateKind.AMOUNT)):
        found = meaning(ROWS[word], "万元")
        assert (found.kind, found.adds_up, found.aggregable) == (kind, True, True)
        assert found.references() == ()
    assert meaning(ROWS["count"]) == Aggregation.count()


def test_a_rate_names_its_numerator_and_denominator_and_scale_100():
    """A rate is recomputed from the summed numerator and denominator, times 100."""
    found = meaning(ROWS["rate"])
    assert found == Aggregation.rate("t.further_study", "t.graduates")
    assert (found.kind, found.scale, found.adds_up) == (AggregateKind.RATE, Decimal(100), False)
    assert found.references() == ("t.further_study", "t.graduates")


def test_a_ratio_is_recomputed_from_its_parts_at_scale_1():
    """生师比: summed students over summed teachers, not an average of ratios."""
    found = meaning(ROWS["ratio"], ":")
    assert found == Aggregation.ratio("t.students", "t.teachers")
    assert found.scale == Decimal(1)


def test_a_weighted_mean_is_weighted_by_a_column_or_by_a_figure():
    """A survey result by the 调查人次 of its own row; another mean by an indicator (one
    unit of a two-unit one)."""
    by_column = meaning(ROWS["weighted_by_column"])
    assert by_column == Aggregation.weighted_mean(weight_column="asked")
    assert by_column.references() == ()
    by_figure = meaning(ROWS["weighted_by_figure"], "人")
    assert by_figure == Aggregation.weighted_mean(weight="t.courses.门")
    assert by_figure.references() == ("t.courses.门",)


def test_a_per_student_value_names_the_student_count_and_maybe_its_total():
    """A per-student value divides a total by the student count; the total is optional
    (value × students when the tables do not hold it)."""
    found = meaning(ROWS["per_student"], "元/生")
    assert found == Aggregation.per_student("t.students")
    assert (found.students, found.numerator) == ("t.students", None)
    with_total = meaning(ROWS["per_student_of_total"], "元/生")
    assert with_total == Aggregation.per_student("t.students", total="t.teachers")


def test_what_cannot_be_aggregated_says_why():
    """``none`` is not aggregable and carries its reason for the clerk."""
    found = meaning(ROWS["none"])
    assert (found.kind, found.aggregable, found.reason) == (
        AggregateKind.NONE, False, "合格人数不在表中")


@pytest.mark.parametrize(("words", "message"), [
    ('aggregate = "average"\n', "aggregate: unknown aggregate 'average'"),
    ('aggregate = "rate"\nnumerator = "t.further_study"\n',
     "aggregate: rate needs a numerator and a denominator"),
    ('aggregate = "rate"\nnumerator = "t.further_studies"\ndenominator = "t.graduates"\n',
     "aggregate refers to unknown indicator(s) t.further_studies"),
    ('aggregate = "ratio"\nnumerator = "students"\ndenominator = "t.teachers"\n',
     "aggregate refers to unknown indicator(s) students"),
    ('aggregate = "weighted_mean"\nweight = "t.courses.学期"\n',
     "aggregate refers to unknown indicator(s) t.courses.学期"),
    ('aggregate = "weighted_mean"\nweight_column = "how"\n',
     "weight_column how is not a figure column of the table (figure columns: asked)"),
    ('aggregate = "weighted_mean"\nweight_column = "asked"\nweight = "t.students"\n',
     "weighted_mean needs either a weight or a weight_column"),
    ('aggregate = "none"\n', "aggregate: none needs a reason"),
    ('aggregate = "count"\nnumerator = "t.students"\n', "aggregate: count takes no numerator"),
    ('aggregate = "count"\nscale = 100\n', "aggregate: count takes no scale"),
    ('aggregate = "rate"\nnumerator = "t.row"\ndenominator = "t.graduates"\n',
     "aggregate refers to the indicator itself"),
    ('aggregate = "per_student"\n', "per_student needs a denominator"),
])
def test_a_wrong_meaning_fails_when_the_catalog_loads(words, message):
    """Unknown kinds, missing parts, references to indicators the catalog lacks, a weight
    column that holds no figure, stray keys: each fails at load, naming the row."""
    with pytest.raises(CatalogError) as caught:
        meaning(words)
    assert "catalog 2030, table t, row row: " in str(caught.value)
    assert message in str(caught.value)


def test_every_2024_indicator_has_a_meaning_and_rates_never_average_silently():
    """Every 2024 indicator declares its meaning; a percentage is a rate of two indicators,
    a survey result weighted by 调查人次, or not aggregable with a reason."""
    catalog = load_catalog(2024)
    for table in catalog.tables:
        for indicator in table.indicators:
            found = indicator.aggregation
            assert found.kind is not AggregateKind.NONE or found.reason, indicator.id
            if "%" in indicator.units:
                assert found.kind in (AggregateKind.RATE, AggregateKind.WEIGHTED_MEAN,
                                      AggregateKind.NONE), indicator.id
            if found.kind is AggregateKind.WEIGHTED_MEAN and found.weight_column:
                column = table.column(found.weight_column)
                assert column is not None and column.kind is ColumnKind.FIGURE


def test_the_2024_meanings_of_the_issue():
    """The examples the merge relies on: survey results by 调查人次, 生师比 from students and
    teachers, per-student values by the student count, money as amounts."""
    catalog = load_catalog(2024)

    def of(ref: str) -> Aggregation:
        indicator = catalog.indicator(ref)
        assert indicator is not None, ref
        return indicator.aggregation

    students = "policy_implementation.full_time_students"
    assert all(i.aggregation == Aggregation.weighted_mean(weight_column="survey_count")
               for i in catalog.by_id("satisfaction").indicators)
    assert of("teaching_resources.student_teacher_ratio") == Aggregation.ratio(
        students, "policy_implementation.full_time_teachers")
    assert of("teaching_resources.equipment_value_per_student") == Aggregation.per_student(students)
    assert of("policy_implementation.per_student_appropriation") == Aggregation.per_student(students)
    assert of("teaching_resources.quality_online_course_students") == Aggregation.weighted_mean(
        weight="teaching_resources.quality_online_courses.门")
    assert of("service_contribution.horizontal_service_income") == Aggregation.amount()
    assert of("scorecard.graduates") == Aggregation.count()
    assert of("policy_implementation.fitness_pass_rate").kind is AggregateKind.NONE
    assert of("teaching_resources.campus_backbone_bandwidth").kind is AggregateKind.NONE
