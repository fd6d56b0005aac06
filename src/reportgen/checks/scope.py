"""Whom a number in the prose speaks of: the district as a whole, or a part, a school, a year.

A text rule compares ``毕业生1476人`` with the district's figure only when it is sure the
sentence speaks of the district's graduates of the report's year. It is not sure, and stays
silent, when:

- **a qualifier stands before the term** — any word right before it (back to the last
  punctuation mark) that is not known to be neutral: 订单班毕业生, 初中毕业生, 贯通培养形式的在校生,
  上年毕业生, 某某学校毕业生. Neutral words are few and listed here (:data:`NEUTRAL_WORDS`):
  years, 本年度, 全区, 区域内, 中职学校, the report's region, 现有, 共有, 其中…
- **the clause is about a school** — it starts with the name of one (璧山职教中心…, 重庆市交通职业
  学校…, 该校…): a name ending in 学校/中心/技校/职校/学院 whose first words are not neutral (the
  report's own region is: a school's own report names itself as its region);
- **the term is part of a part** — after 其中 (or "N人中") the whole just before must itself
  be a number the check accepted (毕业生1476人，其中升学914人), not a part (订单班学生200人，其中
  毕业生46人);
- **the clause counts a part first** — what follows in a clause speaks of the group counted
  first in it (订单班毕业生46人，直接就业45人; 该校专任教师80人，行业导师12人): a number counts only
  when the clause's first count of people is one the check accepted, or is its own.

The year a number speaks of is found separately (:func:`year_at`): the last year written before
it in its sentence, else the report's year; other years are compared only with the prose itself.
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[。！？!?]")
"""Ends a sentence: a year written before it no longer applies."""
CLAUSE_END = re.compile(r"[。！？!?；;]")
"""Ends a clause: a school named before it is no longer the subject."""
_BOUNDARY = re.compile(r"[，,、；;：:。！？!?（）()【】\[\]《》<>“”\"'‘’\s…等]")
"""Where the words qualifying a term begin (a list's 等 ends it too)."""
_YEAR = re.compile(r"(20\d\d)(?:\s*[-—–－~至]\s*(20\d\d))?\s*(?:学)?年")

NEUTRAL_WORDS = (
    "本学年度", "本学年", "本年度", "本年", "今年", "全年", "当年", "年度", "学年度",
    "全区", "全市", "全县", "全省", "全镇", "区域内", "区域", "辖区内", "辖区", "区内", "域内",
    "全部", "所有", "各", "这", "全", "中职教育", "中等职业", "中职", "职业", "学校", "院校", "各校",
    "现有", "共有", "拥有", "一共", "共计", "总计", "合计", "累计", "共", "有", "其中", "另有", "另",
    "开设了", "开设", "聘请", "实现了", "实现", "达到", "为", "的", "毕业生",
)
"""Words that, written before a term, leave it the district's whole quantity."""
_NEUTRAL_PATTERNS = (
    r"20\d\d(?:\s*[-—–－~至]\s*20\d\d)?\s*(?:学)?年度?",  # a year: its own scope (year_at)
    r"\d+所",  # 这3所职业院校
)
_NAME_HEADS = r"(?:技工学校|学校|中心|技校|职校|职专|学院|院校|分校)"
_NAME_CHARS = r"[^\W\d_对与和向在的了是为把被从给及并或、，,。；;：:]"
_SCHOOL = re.compile(rf"({_NAME_CHARS}{{0,20}}?){_NAME_HEADS}")
_THAT_SCHOOL = ("该校", "该所", "该中心", "该学校", "其中一所", "其中1所")
"""A school named before: a part of the district."""
_NOT_A_NAME = re.compile(r"升入|考入|进入|升学|就读|前往|进行|参加|开展|组织|获得|成为|建设|输送|毕业")
"""Words no school's name holds: 升入高一级学校 is no school."""
_COUNT_OF_PEOPLE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*[人名](?!次)")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*(?:学)?年)")
_PART_OF = re.compile(r"其中|(?<=\d[人名个项])中")


class Scope:
    """The neutral words of one report (its region added) and the tests built on them."""

    def __init__(self, region: str = ""):
        words = list(NEUTRAL_WORDS)
        region = region.strip()
        if region:
            words.append(region)
            stem = region.rstrip("区县市镇")
            if len(stem) >= 2:
                words.append(stem)
        alternatives = [re.escape(w) for w in sorted(set(words), key=len, reverse=True)]
        token = "|".join((*_NEUTRAL_PATTERNS, *alternatives))
        self._neutral = re.compile(rf"(?:{token})*")
        self._lead = re.compile(rf"(?:{token}|[，,\s])*")

    def neutral(self, words: str) -> bool:
        """True when ``words`` (what stands before a term) leave the term unqualified."""
        return self._neutral.fullmatch(words.strip()) is not None

    def qualifier(self, text: str, start: int) -> str:
        """The words right before ``start``, back to the last punctuation mark."""
        begin = start
        while begin > 0 and not _BOUNDARY.match(text, begin - 1):
            begin -= 1
        return text[begin:start]

    def school_subject(self, text: str, position: int) -> bool:
        """True when the clause holding ``position`` starts with a school's name."""
        clause = text[clause_start(text, position):position]
        lead = self._lead.match(clause)
        rest = clause[lead.end() if lead else 0:]
        if rest.startswith(_THAT_SCHOOL):
            return True
        match = _SCHOOL.match(rest)
        if match is None:
            return False
        name = match.group(1)
        if _NOT_A_NAME.search(name):
            return False
        generic = re.fullmatch(r"(?:中职|中等职业|职业|技工)?", name) or self.neutral(name)
        return not generic


def clause_start(text: str, position: int) -> int:
    """Where the clause (ended by 。！？；) holding ``position`` starts."""
    return max((m.end() for m in CLAUSE_END.finditer(text, 0, position)), default=0)


def sentence_start(text: str, position: int) -> int:
    """Where the sentence (ended by 。！？) holding ``position`` starts."""
    return max((m.end() for m in SENTENCE_END.finditer(text, 0, position)), default=0)


def year_at(text: str, position: int, default: int) -> int:
    """The year the words at ``position`` speak of: the last year (``2023年``, ``2022-2023年度``
    — its second year) written before it in its sentence, else ``default``."""
    years = list(_YEAR.finditer(text, sentence_start(text, position), position))
    if not years:
        return default
    last = years[-1]
    return int(last.group(2) or last.group(1))


def whole_before(text: str, position: int) -> int | None:
    """When the words at ``position`` follow 其中 (or "N人中") in their sentence: where the
    number of the whole stands (the last number before 其中, in the sentence or, when the
    sentence opens with 其中, in the one before); -1 when no number names the whole; ``None``
    when the words are not a part of anything."""
    start = sentence_start(text, position)
    marks = list(_PART_OF.finditer(text, start, position))
    if not marks:
        return None
    mark = marks[-1].start()
    numbers = list(_NUMBER.finditer(text, start, mark))
    if not numbers and not text[start:mark].strip():
        numbers = list(_NUMBER.finditer(text, sentence_start(text, max(start - 1, 0)), start))
    return numbers[-1].start() if numbers else -1


def first_count(text: str, position: int) -> int | None:
    """Where the first count of people (N人, N名) of the clause holding ``position`` stands,
    when it stands before ``position``."""
    found = _COUNT_OF_PEOPLE.search(text, clause_start(text, position), position)
    return found.start() if found else None
