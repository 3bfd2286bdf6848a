"""Temporal expressions: find every one in an article and normalize it (TimeML / ISO 8601 values).

A grammar of precompiled regular expressions proposes candidate spans over the raw text; the
longest non-overlapping candidates win, a modifier just before a candidate ("early", "the end
of", "more than") is folded into it, and the survivors are resolved in text order against the
anchor (the dateline's date or the publication date). Resolving in order lets anaphoric
expressions ("the same day", "a year earlier", "the quarter") use the date last mentioned.
The spaCy Doc, when given, only answers two questions: the tense that governs an expression
(is "Tuesday" the last one or the next one?) and whether a bare number is a year.
A value that cannot be computed stays ``None``; nothing here raises on odd input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from eventwire.extract.context import Context
from eventwire.extract.first_chars import gated
from eventwire.extract.lexicon.events import cue
from eventwire.model import TimeExpr, TimexType
from eventwire.nlp import doc_text

LEXICON_DIR = Path(__file__).with_name("lexicon")


def _load_words() -> dict[str, Any]:
    with (LEXICON_DIR / "timex_words.json").open(encoding="utf-8") as handle:
        words: dict[str, Any] = json.load(handle)
    return words


def _load_holidays() -> dict[str, str]:
    rules: dict[str, str] = {}
    for line in (LEXICON_DIR / "timex_holidays.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, rule = line.split("\t")
            rules[name.strip()] = rule.strip()
    return rules


WORDS = _load_words()
HOLIDAYS = _load_holidays()
MONTHS: dict[str, int] = WORDS["months"]
WEEKDAYS: dict[str, int] = WORDS["weekdays"]
SEASONS: dict[str, str] = WORDS["seasons"]
NUMBERS: dict[str, float] = WORDS["numbers"]
ORDINALS: dict[str, int] = WORDS["ordinals"]
UNITS: dict[str, str] = WORDS["units"]
DAY_PARTS: dict[str, str] = WORDS["day_parts"]
REFERENCES: dict[str, str] = WORDS["reference_words"]
REFERENCE_ADJECTIVES = frozenset(WORDS["reference_needs_adjective"])
MODIFIERS: dict[str, str] = WORDS["modifiers"]
PART_MODS = frozenset(WORDS["part_modifiers"])
VAGUE_NUMBERS = frozenset(WORDS["vague_numbers"])
FUTURE_MARKERS = frozenset(WORDS["future_markers"])
DATE_MODIFIERS = frozenset(WORDS["date_modifiers"])
YEAR_PREPOSITIONS = frozenset(WORDS["year_prepositions"])
SETS: dict[str, list[str]] = WORDS["sets"]
VAGUE_DURATIONS: dict[str, str] = WORDS["vague_durations"]
PAST_OPENERS = frozenset(WORDS["past_reference_openers"])
FUTURE_OPENERS = frozenset(WORDS["future_reference_openers"])
PREPOSITION_MODIFIERS = frozenset(WORDS["modifiers_not_before_determiner"])
# "the third-quarter loss", "the 30-day period": the determiner belongs to the noun after the compound.
ADJECTIVAL_COMPOUND = re.compile(r"\w-(?i:quarter|year|day|week|month|hour|minute)$")
NOT_A_REFERENCE_AFTER = re.compile(r"\s+(?:after|as|of)\b")
NOT_A_REFERENCE_BEFORE = re.compile(r"\b[Aa]s\s+$")
POSSESSIVE_BEFORE = re.compile(r"\w['’]s\s$")
AGE_AFTER = re.compile(r"[\s-]+old\b")
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT"})
RATE_TAGS = frozenset({"CD", "NN", "NNS", "NNP", "NNPS", "$"})

Tense = str | None  # "past", "future", "present" or unknown


# --------------------------------------------------------------------------- regex fragments


def _alternation(words: list[str]) -> str:
    """Literal words as one alternation, longest first, grouped by first character ("M(?:arch|ay)")
    so that the engine tries only the words that start with the character in front of it."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        if word:
            by_first.setdefault(word[0], []).append(word[1:])
    return "|".join(re.escape(first) + "(?:" + "|".join(re.escape(r) for r in rests) + ")"
                    for first, rests in by_first.items())


def _grouped(alternatives: list[str]) -> str:
    """Regular-expression alternatives (each opening with a literal character) grouped by that
    character, in their given order: "t(?:wo|hree)|f(?:our)" for "two|three|four". The same matches
    (at most one group can start where the text is), but a case-insensitive engine no longer tries
    every word at every word start."""
    by_first: dict[str, list[str]] = {}
    for alternative in alternatives:
        by_first.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(first + "(?:" + "|".join(rests) + ")" for first, rests in by_first.items())


def _title_variants(words: list[str]) -> list[str]:
    return [v for w in words for v in (w.capitalize(), w.upper())]


FULL_MONTH_NAMES = [m for m in MONTHS if len(m) > 4 or m in {"may", "june", "july"}]
ABBREVIATED_MONTHS = [m for m in MONTHS if m not in FULL_MONTH_NAMES]
# Month names are matched in title or upper case only: "may" and "march" are also verbs.
MONTH = (
    rf"(?P<month>(?:{_alternation(_title_variants(FULL_MONTH_NAMES))}"
    rf"|(?:{_alternation(_title_variants(ABBREVIATED_MONTHS))})\.?)(?![A-Za-z]))"
)
MONTH_FULL = rf"(?P<month>{_alternation(_title_variants(FULL_MONTH_NAMES))})(?![A-Za-z])"
FULL_WEEKDAYS = [d for d in WEEKDAYS if d.endswith("day")]
WEEKDAY = (
    rf"(?P<weekday>(?:{_alternation(_title_variants(FULL_WEEKDAYS))})(?![A-Za-z])"
    rf"|(?:{_alternation(_title_variants([d for d in WEEKDAYS if d not in FULL_WEEKDAYS]))})\.)"
)
DAY_NUMBER = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
ORDINAL_WORD = rf"(?P<dayword>(?i:{_alternation(list(ORDINALS))}))\b"
_UNIT_WORDS = _grouped([n for n in NUMBERS if " " not in n and n not in {"a", "an", "dozen", "hundred"}])
_TENS = _grouped(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
_ONES = _grouped(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
_TEENS = _grouped(["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                   "eighteen", "nineteen"])
SPELLED_YEAR = (
    rf"(?i:nineteen[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?(?:(?:{_TENS})(?:[\s-]+(?:{_ONES}))?|{_TEENS}|{_ONES})"
    rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:{_TEENS}|{_ONES}|(?:{_TENS})(?:[\s-]+(?:{_ONES}))?))?)\b(?![\s-]+(?i:years?|days?|people|dollars))"
)
YEAR = rf"(?P<year>(?<![\d$£€#.,])(?:1[5-9]\d\d|20\d\d|21\d\d)(?![\d%]|[.,]\d)|{SPELLED_YEAR})"
NUMBER = (
    rf"(?P<num>\d+(?:\.\d+)?(?:\s+1/2)?|(?i:(?:{_TENS})(?:[\s-]+(?:{_ONES}))?|{_UNIT_WORDS}"
    r"|a\s+hundred|a\s+dozen|half\s+an?|(?:a\s+)?couple(?:\s+of)?|an?(?:\s+half)?)"
    rf"|(?P<vague>(?i:{_alternation(list(VAGUE_NUMBERS))})))"
)
UNIT = rf"(?P<unit>(?i:{_alternation(list(UNITS))}))(?![A-Za-z])"
PLURAL_UNIT = r"(?P<unit>(?i:days|weeks|months|quarters|years|decades|centuries|hours|minutes))\b"
DAY_PART = rf"(?P<part>(?i:{_alternation(list(DAY_PARTS))}))\b"
CLOCK = (
    r"(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b))"
    r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC)\b)?"
)
RELATIVE_WORD = r"(?P<rel>(?i:this\s+coming|this\s+past|this|last|next|coming|past))"


# --------------------------------------------------------------------------- points in time


@dataclass(slots=True, frozen=True)
class Point:
    """A calendar period: its first day and its granularity (day, week, month, quarter, ...)."""

    precision: str
    start: date
    season: str | None = None

    def value(self) -> str:
        y = self.start.year
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "week":
            iso_year, week, _ = self.start.isocalendar()
            return f"{iso_year}-W{week:02d}"
        if self.precision == "weekend":
            iso_year, week, _ = self.start.isocalendar()
            return f"{iso_year}-W{week:02d}-WE"
        if self.precision == "month":
            return f"{y}-{self.start.month:02d}"
        if self.precision == "quarter":
            return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
        if self.precision == "half":
            return f"{y}-H{1 if self.start.month <= 6 else 2}"
        if self.precision == "season":
            return f"{y}-{self.season}"
        if self.precision == "decade":
            return f"{y // 10:03d}"
        if self.precision == "century":
            return f"{y // 100:02d}"
        return f"{y:04d}"

    def shifted(self, amount: int, unit: str) -> Point:
        """The same kind of period ``amount`` units later (earlier when negative)."""
        return Point(self.precision, _shift(self.start, amount, unit), self.season)

    def at(self, precision: str) -> Point:
        """This point seen at a coarser (or equal) precision."""
        return Point(precision, _period_start(self.start, precision), self.season)


SHIFT_UNITS = {
    "D": relativedelta(days=1),
    "W": relativedelta(weeks=1),
    "WE": relativedelta(weeks=1),
    "M": relativedelta(months=1),
    "Q": relativedelta(months=3),
    "Y": relativedelta(years=1),
    "DE": relativedelta(years=10),
    "CE": relativedelta(years=100),
}
UNIT_PRECISION = {
    "D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter", "Y": "year",
    "DE": "decade", "CE": "century", "H": "time", "MIN": "time", "S": "time",
}  # fmt: skip
PRECISION_RANK = {
    "time": 0, "day": 1, "weekend": 2, "week": 2, "month": 3, "season": 4, "quarter": 4, "half": 5,
    "year": 6, "decade": 7, "century": 8,
}  # fmt: skip


def _shift(day: date, amount: int, unit: str) -> date:
    step = SHIFT_UNITS.get(unit)
    if step is None:
        return day
    try:
        return day + step * amount
    except (OverflowError, ValueError):
        return day


def _period_start(day: date, precision: str) -> date:
    if precision in {"week", "weekend"}:
        return day - timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    if precision == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if precision == "half":
        return date(day.year, 1 if day.month <= 6 else 7, 1)
    if precision in {"year", "season"}:
        return date(day.year, 1, 1)
    if precision == "decade":
        return date(day.year - day.year % 10, 1, 1)
    if precision == "century":
        return date(max(1, day.year - day.year % 100), 1, 1)
    return day


def _safe_date(year: int, month: int, day: int = 1) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------- resolution state


@dataclass(slots=True)
class Resolution:
    """What a rule made of its match."""

    type: TimexType
    value: str | None
    precision: str | None = None
    point: Point | None = None
    from_previous: bool = False
    span_start: int | None = None  # when the rule matched words that are not part of the expression


@dataclass(slots=True)
class Resolver:
    """Per-document state: the anchor, the tense oracle and the dates mentioned so far."""

    anchor: date | None
    text: str
    doc: Doc | None = None
    last_day: Point | None = None
    last_date: Point | None = None
    history: list[Point] = field(default_factory=list)

    def tense_at(self, start: int, end: int) -> Tense:
        if SINCE.search(self.text, max(0, start - LOOKBEHIND), start):
            return "past"  # "killed ... since March": what a span starts from has happened
        return _tense(self.doc, start, end) if self.doc is not None else None

    def is_year_number(self, start: int, end: int) -> bool:
        return _is_year_number(self.doc, start, end) if self.doc is not None else True

    def in_name(self, start: int, end: int) -> bool:
        """True when spaCy reads the words as (part of) a name: "Theresa May", "Christmas Island"."""
        span = _span(self.doc, start, end) if self.doc is not None else None
        return span is not None and span[-1].ent_type_ in NAME_ENTITIES

    def tag_at(self, start: int, end: int) -> str | None:
        """The fine-grained POS tag of the first token at ``start`` (None without a parse)."""
        span = _span(self.doc, start, end) if self.doc is not None else None
        return span[0].tag_ if span is not None else None

    def tag_before(self, start: int) -> str | None:
        """The POS tag of the token just before ``start`` (None without a parse or at the start)."""
        span = _span(self.doc, start, start + 1) if self.doc is not None else None
        if span is None or span[0].i == 0:
            return None
        return span.doc[span[0].i - 1].tag_

    def remember(self, point: Point | None, as_day: bool = True) -> None:
        """Keep a date the text gave directly (not one derived from an earlier date); a day told with
        a verb of saying is not the day a later clock time falls on (``as_day``)."""
        if point is None:
            return
        self.last_date = point
        self.history.append(point)
        if point.precision == "day" and as_day:
            self.last_day = point

    def last_at_most(self, precision: str) -> Point | None:
        """The latest date mentioned that is at least as fine as ``precision``."""
        rank = PRECISION_RANK.get(precision, 9)
        for point in reversed(self.history):
            if PRECISION_RANK.get(point.precision, 9) <= rank:
                return point
        return None

    def last_with(self, precisions: set[str]) -> Point | None:
        for point in reversed(self.history):
            if point.precision in precisions:
                return point
        return None


def _date_res(point: Point | None, from_previous: bool = False) -> Resolution:
    precision = point.precision if point else None
    if precision == "weekend":
        precision = "week"
    return Resolution("DATE", point.value() if point else None, precision, point, from_previous)


# --------------------------------------------------------------------------- word parsing


def _number(text: str) -> float | None:
    """'two' -> 2, 'twenty four' -> 24, '3 1/2' -> 3.5, 'a' -> 1; None when vague or unknown."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[0][0].isdigit():
        try:
            return float(words[0]) + (0.5 if len(words) > 1 else 0.0)
        except ValueError:
            return None
    joined = " ".join(words)
    if joined in NUMBERS:
        return float(NUMBERS[joined])
    total = 0.0
    for word in words:
        if word not in NUMBERS:
            return None
        total += NUMBERS[word]
    return total


def _spelled_year(text: str) -> int | None:
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        tail = _number(" ".join(rest)) if rest else 0.0
        return 2000 + int(tail) if tail is not None else None
    if words and words[0] == "nineteen":
        rest = [w for w in words[1:] if w not in {"hundred", "and"}]
        tail = _number(" ".join(rest)) if rest else 0.0
        return 1900 + int(tail) if tail is not None and tail < 100 else None
    return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else _spelled_year(text)


def _month(text: str) -> int | None:
    return MONTHS.get(text.lower().rstrip("."))


def _weekday(text: str) -> int | None:
    return WEEKDAYS.get(text.lower().rstrip("."))


def _duration_value(amount: float | None, unit: str) -> str:
    """TimeML duration: P3W, PT2H, PXD (unknown amount), P1Y6M (fractional years)."""
    if unit == "WE":
        unit = "W"
    if unit in {"DE", "CE"} and amount is not None:
        amount, unit = amount * (10 if unit == "DE" else 100), "Y"
    if amount is None:
        return f"PTX{unit[0]}" if unit in {"H", "MIN", "S"} else f"PX{unit}"
    if unit == "H" and amount == 24:
        return "P1D"
    if unit == "Y" and amount != int(amount):
        months = round((amount - int(amount)) * 12)
        return f"P{int(amount)}Y{months}M" if int(amount) else f"P{months}M"
    number = str(int(amount)) if amount == int(amount) else str(amount)
    if unit in {"H", "MIN", "S"}:
        return f"PT{number}{'M' if unit == 'MIN' else unit}"
    return f"P{number}{unit}"


# --------------------------------------------------------------------------- year inference


def _choose(candidates: list[tuple[date, Point]], anchor: date, tense: Tense, slack_days: int) -> Point:
    """Pick the candidate nearest the anchor, unless the tense says otherwise and it is far."""
    nearest = min(candidates, key=lambda c: (abs((c[0] - anchor).days), c[0] > anchor))
    delta = (nearest[0] - anchor).days
    if tense == "past" and delta > slack_days:
        earlier = [c for c in candidates if c[0] <= anchor]
        if earlier:
            return max(earlier, key=lambda c: c[0])[1]
    if tense == "future" and delta < -slack_days:
        later = [c for c in candidates if c[0] >= anchor]
        if later:
            return min(later, key=lambda c: c[0])[1]
    return nearest[1]


def _month_point(anchor: date, month: int, day: int | None, tense: Tense, slack_days: int = 92) -> Point | None:
    candidates: list[tuple[date, Point]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            start = _safe_date(year, month)
            if start:
                candidates.append((start + timedelta(days=14), Point("month", start)))
        else:
            start = _safe_date(year, month, day)
            if start:
                candidates.append((start, Point("day", start)))
    if not candidates:
        return None
    return _choose(candidates, anchor, tense, slack_days=slack_days)


def _weekday_point(anchor: date, weekday: int, rel: str | None, tense: Tense) -> Point:
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if rel in {"last", "past", "this past"}:
        return Point("day", anchor - timedelta(days=back or 7))
    if rel in {"next", "coming", "this coming"}:
        return Point("day", anchor + timedelta(days=forward or 7))
    if back == 0:
        return Point("day", anchor)
    if tense == "future" or rel == "this" and tense != "past":
        return Point("day", anchor + timedelta(days=forward))
    return Point("day", anchor - timedelta(days=back))


def _holiday_date(rule: str, year: int) -> date | None:
    if rule.startswith("easter:"):
        return easter(year) + timedelta(days=int(rule.split(":")[1]))
    if rule.startswith("nth:"):
        _, month, weekday, nth = (int(x) if x.lstrip("-").isdigit() else 0 for x in rule.split(":"))
        if nth > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    month, day = (int(x) for x in rule.split("-"))
    return _safe_date(year, month, day)


# --------------------------------------------------------------------------- rules

Handler = Callable[[re.Match[str], Resolver, str | None], Resolution | None]


@dataclass(slots=True, frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    takes_determiner: bool = False


def _iso(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _date_res(Point("day", day)) if day else None


def _century_year(two_digits: int, anchor: date | None) -> int:
    base = (anchor.year if anchor else 2000) // 100 * 100
    return min((base - 100 + two_digits, base + two_digits), key=lambda y: abs(y - (anchor.year if anchor else 2000)))


def _numeric(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    first, second, year_text = int(m["a"]), int(m["b"]), m["y"]
    year = int(year_text) if len(year_text) == 4 else _century_year(int(year_text), r.anchor)
    month, day = (first, second) if first <= 12 else (second, first)
    found = _safe_date(year, month, day)
    return _date_res(Point("day", found)) if found else None


def _resolve_month_day(
    r: Resolver, span: tuple[int, int], month_text: str, day: int | None, year_text: str | None,
    weekday_text: str | None,
) -> Resolution | None:  # fmt: skip
    month = _month(month_text)
    if month is None or not day or day > 31:
        return None
    year = _year(year_text)
    if year is not None:
        found = _safe_date(year, month, day)
        return _date_res(Point("day", found)) if found else None
    if r.anchor is None:
        return Resolution("DATE", None, "day")
    weekday = _weekday(weekday_text) if weekday_text else None
    if weekday is not None:
        # A named weekday decides the year: the nearest year where the date falls on it.
        for offset in (0, -1, 1):
            found = _safe_date(r.anchor.year + offset, month, day)
            if found and found.weekday() == weekday and abs((found - r.anchor).days) < 300:
                return _date_res(Point("day", found))
    return _date_res(_month_point(r.anchor, month, day, r.tense_at(*span)))


def _month_day(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    day = int(m["day"]) if m["day"] else ORDINALS.get((m["dayword"] or "").lower())
    return _resolve_month_day(r, m.span(), m["month"], day, m["year"], m["weekday"])


def _day_month(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    day = int(m["day"]) if m["day"] else ORDINALS.get((m["dayword"] or "").lower())
    return _resolve_month_day(r, m.span(), m["month"], day, m["year"], m["weekday"])


def _month_year(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    month, year = _month(m["month"]), _year(m["year"])
    if month is None or year is None:
        return None
    start = _safe_date(year, month)
    return _date_res(Point("month", start)) if start else None


def _relative_year(rel: str | None, anchor: date) -> int:
    offsets = {"last": -1, "next": 1, "past": -1, "coming": 1}
    return anchor.year + offsets.get((rel or "this").lower(), 0)


OF_THAT_YEAR = re.compile(r"\s+of\s+(?:that|the\s+same)\s+year\b", re.IGNORECASE)  # "in July of that year"


def _month_alone(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    month = _month(m["month"])
    if month is None or (not m["rel"] and r.in_name(m.start("month"), m.end("month"))):
        return None
    if POSSESSIVE_BEFORE.search(r.text, max(0, m.start() - 4), m.start()):
        return None  # "the Women's March"
    if r.anchor is None:
        return Resolution("DATE", None, "month")
    rel = (m["rel"] or "").lower().split()[-1:] or [None]
    year_rel = m["rel2"]
    if OF_THAT_YEAR.match(r.text, m.end()) and (told := r.last_at_most("year")) is not None:
        return _date_res(Point("month", date(told.start.year, month, 1)), from_previous=True)
    if year_rel:
        return _date_res(Point("month", date(_relative_year(year_rel, r.anchor), month, 1)))
    this_year = date(r.anchor.year, month, 1)
    if rel[0] in {"last", "past"}:
        year = r.anchor.year if month < r.anchor.month else r.anchor.year - 1
        return _date_res(Point("month", date(year, month, 1)))
    if rel[0] in {"next", "coming"}:
        year = r.anchor.year if month > r.anchor.month else r.anchor.year + 1
        return _date_res(Point("month", date(year, month, 1)))
    if rel[0] == "this":
        return _date_res(Point("month", this_year))
    if SINCE.search(r.text, max(0, m.start() - LOOKBEHIND), m.start()):
        return _date_res(_month_point(r.anchor, month, None, "past", slack_days=0))  # "since January": never ahead
    return _date_res(_month_point(r.anchor, month, None, r.tense_at(m.start(), m.end())))


def _year_alone(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    year = _year(m["year"])
    if year is None:
        return None
    if m["year"].isdigit() and not m["fiscal"] and not r.is_year_number(m.start("year"), m.end("year")):
        return None
    return _date_res(Point("year", date(year, 1, 1)))


def _decade(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    if m["digits"]:
        decade = int(m["digits"])
    else:
        short = m["short"] or m["word"]
        tens = int(short) if short.isdigit() else _number(short.lower().replace("ies", "y"))
        if tens is None:
            return None
        # "the '90s" / "the nineties": the latest such decade that has started by the anchor.
        now = r.anchor.year if r.anchor else 1999
        decade = now // 100 * 100 + int(tens)
        if decade > now:
            decade -= 100
    return _date_res(Point("decade", date(max(1, decade), 1, 1)))


def _century(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    number = int(m["n"]) if m["n"] else ORDINALS.get((m["nword"] or "").lower())
    if not number or number > 21:
        return None
    return _date_res(Point("century", date(max(1, (number - 1) * 100), 1, 1)))


def _day_word(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    word = " ".join(m["word"].lower().split())
    offsets = {
        "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
        "the day before yesterday": -2, "the day after tomorrow": 2, "this morning": 0,
        "this afternoon": 0, "this evening": 0,
    }  # fmt: skip
    part = DAY_PARTS.get((m["part"] or "").lower())
    if word == "tonight" or word == "last night":
        part = "NI"
    elif word.startswith("this "):
        part = DAY_PARTS.get(word.split()[1])
    if r.anchor is None:
        return Resolution("TIME" if part else "DATE", None, "day")
    point = Point("day", r.anchor + timedelta(days=offsets.get(word, 0)))
    if part:
        return Resolution("TIME", f"{point.value()}T{part}", "time", point)
    return _date_res(point)


PART_STEPS = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1, "the same": 0}


def _part_from_previous(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    """"Detained on Tuesday ... freed the following evening": a part of the day after (or before, or
    of) the day last told; nothing when no day was told before."""
    part = DAY_PARTS.get(m["part"].lower())
    step = PART_STEPS.get(" ".join(m["rel"].lower().split()))
    if r.last_day is None or part is None or step is None:
        return None
    point = r.last_day.shifted(step, "D")
    return Resolution("TIME", f"{point.value()}T{part}", "time", point, from_previous=True)


SET_FOR = re.compile(r"\bfor\s+$", re.IGNORECASE)


def _set_for(text: str, start: int, end: int) -> bool:
    """"Called a nationwide strike for Sunday", "a vote set for Friday": a day an act is set for is
    ahead, whatever the tense of the verb that set it (not "for Sunday's attack")."""
    return SET_FOR.search(text, max(0, start - 6), start) is not None and text[end:end + 2] not in ("'s", "’s")


def _weekday_rule(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    weekday = _weekday(m["weekday"])
    if weekday is None:
        return None
    if r.anchor is None:
        return Resolution("DATE", None, "day")
    rel = " ".join((m["rel"] or "").lower().split()) or None
    tense = "future" if _set_for(r.text, m.start(), m.end()) else r.tense_at(m.start(), m.end())
    point = _weekday_point(r.anchor, weekday, rel, tense)
    part = DAY_PARTS.get((m["part"] or "").lower())
    if part:
        return Resolution("TIME", f"{point.value()}T{part}", "time", point)
    return _date_res(point)


def _holiday(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    name = " ".join(m["name"].lower().replace("’", "'").split())
    rule = HOLIDAYS.get(name)
    if rule is None or r.in_name(m.start("name"), m.end("name")):
        return None
    year = _year(m["year"])
    if year is not None:
        found = _holiday_date(rule, year)
        return _date_res(Point("day", found)) if found else None
    if r.anchor is None:
        return Resolution("DATE", None, "day")
    candidates = [
        (d, Point("day", d))
        for y in (r.anchor.year - 1, r.anchor.year, r.anchor.year + 1)
        if (d := _holiday_date(rule, y)) is not None
    ]
    return _date_res(_choose(candidates, r.anchor, r.tense_at(m.start(), m.end()), slack_days=7))


SEASON_MIDDLE_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 12}


def _season(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    code = SEASONS[m["season"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    year = _year(m["year"])
    if m["season"].lower() == "fall" and not (rel or year or mod):
        return None  # "fall" is far more often the verb or noun
    if year is not None:
        return _date_res(Point("season", date(year, 1, 1), code))
    if r.anchor is None:
        return Resolution("DATE", None, "season")
    # Winter is named after the year it starts in (TimeML); the others lie inside one year.
    middle_month = SEASON_MIDDLE_MONTH[code]
    candidates = [
        (date(year, middle_month, 15), Point("season", date(year, 1, 1), code))
        for year in range(r.anchor.year - 2, r.anchor.year + 2)
    ]
    margin = timedelta(days=45)
    if rel.endswith(("last", "past")):
        return _date_res(max(c for c in candidates if c[0] < r.anchor - margin)[1])
    if rel.endswith(("next", "coming")):
        return _date_res(min(c for c in candidates if c[0] > r.anchor + margin)[1])
    tense = None if rel == "this" else r.tense_at(m.start(), m.end())
    return _date_res(_choose(candidates, r.anchor, tense, slack_days=60))


def _quarter_number(word: str) -> int | None:
    word = word.lower()
    return ORDINALS.get(word) or (int(word[0]) if word[:1].isdigit() else None)


def _quarter(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    number = _quarter_number(m["ord"])
    kind = m["kind"].lower()
    limit = 4 if kind == "quarter" else 2
    if not number or number > limit:
        return None
    precision = "quarter" if kind == "quarter" else "half"
    months_per = 3 if precision == "quarter" else 6
    year = _year(m["year"] or m["year_before"])
    owner = (m["owner"] or "").lower()
    if year is None and r.anchor is not None:
        if owner.startswith(("last", "a year", "year-", "prior")) or m["rel"] and m["rel"].lower() == "last":
            year = r.anchor.year - 1
        elif owner.startswith("next") or m["rel"] and m["rel"].lower() == "next":
            year = r.anchor.year + 1
        elif owner.startswith("this") or m["rel"] and m["rel"].lower() in {"this", "the"}:
            year = r.anchor.year
        else:
            # Business news reports the quarter just ended or the one under way and forecasts the next;
            # a quarter later in the year than that was last year's.
            current = (r.anchor.month - 1) // months_per + 1
            year = r.anchor.year if number <= current + (1 if precision == "quarter" else 0) else r.anchor.year - 1
    if year is None:
        return Resolution("DATE", None, precision)
    return _date_res(Point(precision, date(year, (number - 1) * months_per + 1, 1)))


YEAR_AGO_PERIODS = frozenset({
    "year-earlier", "year-ago", "year-before", "prior-year", "comparable", "corresponding", "year earlier",
    "year ago", "comparable year-ago", "comparable year-earlier",
})  # fmt: skip


def _named_quarter(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    """'the latest quarter', 'the year-earlier period', 'the quarter': the reporting period in view."""
    which = " ".join((m["which"] or "").lower().split())
    unit = m["unit"].lower()
    if r.anchor is None:
        return Resolution("DATE", None, "quarter")
    previous = r.last_with({"quarter"})
    completed = Point("quarter", _period_start(r.anchor, "quarter")).shifted(-1, "Q")
    if which.isdigit():
        quarter = previous or completed
        return _date_res(Point("quarter", quarter.start.replace(year=int(which))), from_previous=True)
    if which in {"latest", "recent", "most recent"} and previous is not None and previous.start > completed.start:
        previous = None  # a quarter still to come is not the latest one reported
    current = previous or completed
    if which in YEAR_AGO_PERIODS:
        return _date_res(current.shifted(-1, "Y"), from_previous=previous is not None)
    if which in {"this", "current"} and unit == "quarter":
        return _date_res(Point("quarter", _period_start(r.anchor, "quarter")))
    if which in {"last", "previous", "past"} and unit == "quarter":
        return _date_res(Point("quarter", _period_start(r.anchor, "quarter")).shifted(-1, "Q"))
    if which in {"next", "coming"} and unit == "quarter":
        return _date_res(Point("quarter", _period_start(r.anchor, "quarter")).shifted(1, "Q"))
    if unit == "period" and previous is None and which not in {"latest", "recent", "same"}:
        return None
    return _date_res(current, from_previous=previous is not None)


PERIOD_PRECISION = {"week": "week", "month": "month", "year": "year", "weekend": "weekend", "decade": "decade",
                    "century": "century", "day": "day", "quarter": "quarter"}  # fmt: skip


ANAPHORIC_RELATIONS = frozenset({"the same", "the very same", "that"})
BACKWARD_RELATIONS = frozenset({"last", "past", "previous", "the past", "the last", "the previous", "the prior",
                                "this past"})  # fmt: skip
FORWARD_RELATIONS = frozenset({"next", "coming", "following", "the next", "the coming", "the following"})
DAY_STEP_RELATIONS = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1}
# "the past year", "the next month": a stretch of time up to / from now, not a calendar period.
ROLLING_UNITS = frozenset({"week", "month", "year", "decade", "day", "century"})


def _period(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    """'this week', 'last month', 'next year', 'the weekend', 'the same day', 'that year', 'the year'."""
    rel = " ".join((m["rel"] or "").lower().split())
    unit = m["unit"].lower()
    precision = PERIOD_PRECISION[unit]
    if rel in ANAPHORIC_RELATIONS or (unit == "day" and rel in DAY_STEP_RELATIONS):
        return _period_from_previous(rel, unit, precision, r)
    if rel == "the" and unit != "weekend":
        return _the_period(unit, precision, r, mod)
    if r.anchor is None:
        return Resolution("DATE", None, "week" if precision == "weekend" else precision)
    if unit == "weekend":
        return _weekend(rel, r.anchor, r.tense_at(m.start(), m.end()))
    here = Point("day", r.anchor) if precision == "day" else Point(precision, _period_start(r.anchor, precision))
    step = UNITS[unit]
    following = r.last_at_most(precision) if rel == "the following" else None
    if following is not None:
        return _date_res(following.at(precision).shifted(1, step), from_previous=True)
    if rel in BACKWARD_RELATIONS or rel in FORWARD_RELATIONS:
        if rel.startswith("the") and unit in ROLLING_UNITS:
            return Resolution("DURATION", _duration_value(1, step), precision)
        return _date_res(here.shifted(-1 if rel in BACKWARD_RELATIONS else 1, step))
    return _date_res(here)  # this / current


def _period_from_previous(rel: str, unit: str, precision: str, r: Resolver) -> Resolution:
    """'the same day', 'that year', 'the next day': counted from the date last mentioned."""
    previous = r.last_at_most(precision)
    if previous is None:
        return Resolution("DATE", None, precision)
    point = previous.at(precision)
    if unit == "day" and rel in DAY_STEP_RELATIONS:
        point = point.shifted(DAY_STEP_RELATIONS[rel], "D")
    return _date_res(point, from_previous=True)


def _the_period(unit: str, precision: str, r: Resolver, mod: str | None) -> Resolution | None:
    """'the year' is a duration, 'the end of the year' this year, 'the day' the day last mentioned."""
    if unit == "day":
        return _date_res(r.last_day, from_previous=True) if r.last_day is not None else None
    if mod in PART_MODS and r.anchor is not None:
        return _date_res(Point(precision, _period_start(r.anchor, precision)))
    return Resolution("DURATION", _duration_value(1, UNITS[unit]), precision)


def _weekend(rel: str, anchor: date, tense: Tense) -> Resolution:
    this_weekend = Point("weekend", _period_start(anchor, "weekend"))
    if rel in BACKWARD_RELATIONS:
        return _date_res(this_weekend.shifted(-1, "W"))
    if rel in FORWARD_RELATIONS:
        return _date_res(this_weekend.shifted(1, "W"))
    # "the weekend" in a weekday story is usually the one just past, unless the clause is in the future.
    looks_back = tense == "past" or (rel == "the" and tense != "future")
    if looks_back and anchor.weekday() < 5:
        return _date_res(this_weekend.shifted(-1, "W"))
    return _date_res(this_weekend)


def _earlier_reference(r: Resolver, unit: str) -> Point | None:
    """The date an 'earlier'/'later' phrase counts from: the last date at least as fine as the unit."""
    rank = PRECISION_RANK.get(UNIT_PRECISION.get(unit, "day"), 1)
    previous = r.last_date
    if previous is not None and PRECISION_RANK.get(previous.precision, 9) <= rank:
        return previous
    return None


def _duration(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    unit = UNITS[m["unit"].lower()]
    num_text = " ".join(m["num"].lower().split()) if m["num"] else None
    if num_text in {"a", "an"} and m["unit"].lower() == "second":
        return None  # "a second time"
    amount = _number(num_text) if num_text else None
    after = " ".join((m["after"] or "").lower().split())
    if unit == "Q" and r.text.startswith(" of", m.end()):
        return None  # "three-quarters of its food": a fraction
    if AGE_AFTER.match(r.text, m.end()):
        return None  # "52 years old", "a 136-year-old institution"
    if num_text in {"a", "an"} and not (m["opener"] or after) and r.tag_before(m.start()) in RATE_TAGS:
        return None  # a rate, not a period: "$1.76 a year", "700 seats a week"
    if not after:
        opener = " ".join((m["opener"] or "").lower().split())
        if amount is None and opener in PAST_OPENERS:
            return Resolution("DATE", "PAST_REF", None)  # "the last few months"
        return Resolution("DURATION", _duration_value(amount, unit), UNIT_PRECISION.get(unit))
    if r.anchor is None:
        return Resolution("DATE", None, UNIT_PRECISION.get(unit))
    if amount is None or amount != int(amount) or unit in {"H", "MIN", "S"}:
        direction = "PAST_REF" if after in {"ago", "earlier", "before", "back"} else "FUTURE_REF"
        return Resolution("DATE", direction, None)
    sign = -1 if after in {"ago", "earlier", "before", "back", "before that"} else 1
    precision = UNIT_PRECISION.get(unit, "day")
    if after in {"earlier", "later", "before", "after", "before that"} or unit == "Y":
        # "a year earlier" counts from the period in view (a fiscal quarter in business news).
        base = _earlier_reference(r, unit)
        if base is not None and (after != "ago" or base.precision == "quarter"):
            return _date_res(base.shifted(sign * int(amount), unit), from_previous=True)
    point = Point("day", r.anchor).shifted(sign * int(amount), unit)
    return _date_res(point.at(precision) if precision != "weekend" else point.at("week"))


def _plural_units(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    """'recent years' (a past reference), 'coming months' (a future one), 'for weeks' (a duration)."""
    opener = " ".join(m["opener"].lower().split())
    if opener in PAST_OPENERS:
        return Resolution("DATE", "PAST_REF", None)
    if opener in FUTURE_OPENERS:
        return Resolution("DATE", "FUTURE_REF", None)
    start = m.start("unit") if opener in {"for", "within", "in"} else m.start()
    value = _duration_value(None, UNITS[m["unit"].lower()])
    return Resolution("DURATION", value, None, span_start=start)


def _adjectival_year_ago(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    """'year-earlier', 'year-ago' as adjectives: the same period one year before."""
    if r.anchor is None:
        return Resolution("DATE", None, None)
    base = r.last_with({"quarter", "half", "month"}) or Point("year", date(r.anchor.year, 1, 1))
    return _date_res(base.shifted(-1, "Y"), from_previous=base is not None)


def _year_end(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    if r.anchor is None:
        return Resolution("DATE", None, "year")
    return _date_res(Point("year", date(r.anchor.year, 1, 1)))


def _reference(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    word = " ".join(m["word"].lower().split())
    if word in REFERENCE_ADJECTIVES and r.tag_at(m.start(), m.end()) not in {None, "JJ", "JJR", "JJS"}:
        return None
    if NOT_A_REFERENCE_AFTER.match(r.text, m.end()) or NOT_A_REFERENCE_BEFORE.search(
        r.text, max(0, m.start() - 4), m.start()
    ):
        return None  # "soon after", "as soon as", "the future of the party"
    return Resolution("DATE", REFERENCES[word], None)


def _clock(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    hour = int(m["hour"])
    if hour > 12:
        return None
    ampm = m["ampm"].lower()
    if ampm.startswith("p") and hour != 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    clock = f"T{hour:02d}:{int(m['minute'] or 0):02d}"
    base = _day_of(m, r)
    return Resolution("TIME", f"{base.value()}{clock}" if base else None, "time", base)


def _noon(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    clock = "T12:00" if m["clockword"].lower() == "noon" else "T24:00"
    base = _day_of(m, r)
    return Resolution("TIME", f"{base.value()}{clock}" if base else None, "time", base)


def _day_of(m: re.Match[str], r: Resolver) -> Point | None:
    """The day a clock time belongs to: a date, weekday or day word beside it, else the anchor."""
    month = _month(m["month"]) if "month" in m.re.groupindex and m["month"] and m["day"] else None
    if month and m["year"]:  # "at 9:02 a.m. on April 19, 1995"
        found = _safe_date(_year(m["year"]) or 0, month, int(m["day"]))
        return Point("day", found) if found else None
    if r.anchor is None:
        return None
    if month:
        return _month_point(r.anchor, month, int(m["day"]), r.tense_at(m.start(), m.end()))
    day_word = (m["dayword"] or "").lower()
    if day_word in {"yesterday", "today", "tomorrow"}:
        return Point("day", r.anchor + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[day_word]))
    weekday = _weekday(day_word) if day_word else None
    if weekday is not None:
        return _weekday_point(r.anchor, weekday, None, r.tense_at(m.start(), m.end()))
    return _day_told_last(r) or Point("day", r.anchor)


CLOCK_DAY_REACH = 7  # days around the anchor within which a clock time keeps the day told last


def _day_told_last(r: Resolver) -> Point | None:
    """"struck on Tuesday evening ... hit a tank at around 7:30 p.m.": a clock time with no day of
    its own is on the day the story told last, when that day is near the news."""
    day = r.last_day
    if day is None or r.anchor is None or abs((day.start - r.anchor).days) > CLOCK_DAY_REACH:
        return None
    return day


def _set(m: re.Match[str], r: Resolver, mod: str | None) -> Resolution | None:
    if m["word"]:
        if r.tag_at(m.start(), m.end()) not in {None, "RB"}:
            return None  # "daily volume", "annual report": an adjective, not a recurrence
        value = SETS[m["word"].lower()][0]
        return Resolution("SET", value, None)
    unit = UNITS.get(m["unit"].lower()) if m["unit"] else None
    if unit is not None:
        return Resolution("SET", _duration_value(1, unit), None)
    weekday = _weekday(m["weekday"]) if m["weekday"] else None
    if weekday is not None:
        return Resolution("SET", f"XXXX-WXX-{weekday + 1}", None)
    return None


def _at_word(source: str) -> re.Pattern[str]:
    """Compile a rule that starts at a word boundary (which also lets the scan skip mid-word positions fast),
    gated by the characters its matches start with (the scan skips other words fast too)."""
    return gated(re.compile(rf"\b(?:{source})"))


_WD_OPT = rf"(?:{WEEKDAY},?\s+)?"
_YEAR_OPT = rf"(?:,?\s+{YEAR})?"
_HOLIDAY_NAMES = _grouped(
    [re.sub("'", "['’]?", re.escape(name)).replace("\\ ", r"\s+") for name in sorted(HOLIDAYS, key=len, reverse=True)]
)
_REFERENCE_WORDS = _alternation(list(REFERENCES)).replace(r"\ ", r"\s+")
_SET_WORDS = _alternation(list(SETS))

RULES: tuple[Rule, ...] = (
    Rule("iso", _at_word(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    Rule("numeric", _at_word(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"), _numeric),
    Rule(
        "month_day",
        _at_word(rf"{_WD_OPT}{MONTH}\s+(?:the\s+)?(?:{DAY_NUMBER}|{ORDINAL_WORD}){_YEAR_OPT}"),
        _month_day,
    ),
    Rule(
        "day_month",
        _at_word(rf"{_WD_OPT}(?:the\s+)?(?:{DAY_NUMBER}|{ORDINAL_WORD})(?:\s+of)?\s+{MONTH}{_YEAR_OPT}"),
        _day_month,
    ),
    Rule("month_year", _at_word(rf"{MONTH}(?:,?\s+|\s+of\s+){YEAR}"), _month_year),
    Rule(
        "month_alone",
        _at_word(rf"(?:{RELATIVE_WORD}\s+)?{MONTH_FULL}(?:\s+(?P<rel2>(?i:this|last|next))\s+year\b)?"),
        _month_alone,
    ),
    Rule("year", _at_word(rf"(?:(?P<fiscal>(?i:fiscal(?:\s+year)?|FY|the\s+year))\s*)?{YEAR}"), _year_alone),
    Rule(
        "decade",
        gated(re.compile(
            r"(?<![\d$])(?P<digits>1[5-9]\d0|20\d0)['’]?s\b|['’](?P<short>\d0)s\b"
            r"|(?<=the\s)(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"
        )),
        _decade,
        takes_determiner=True,
    ),
    Rule(
        "century",
        _at_word(
            rf"(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<nword>(?i:{_alternation(list(ORDINALS))})))[\s-]+(?i:century)\b"
        ),
        _century,
        takes_determiner=True,
    ),
    Rule(
        "day_word",
        _at_word(
            r"(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow"
            r"|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))\b"
            rf"(?:\s+{DAY_PART})?"
        ),
        _day_word,
    ),
    Rule("weekday", _at_word(rf"(?:{RELATIVE_WORD}\s+)?{WEEKDAY}(?:\s+{DAY_PART})?"), _weekday_rule),
    Rule(
        "part_from_previous",
        _at_word(rf"(?P<rel>(?i:the\s+(?:following|next|previous|prior|same)))\s+{DAY_PART}"),
        _part_from_previous,
    ),
    Rule(
        "holiday",
        _at_word(rf"(?P<name>(?i:{_HOLIDAY_NAMES}))(?![A-Za-z]){_YEAR_OPT}"),
        _holiday,
        takes_determiner=True,
    ),
    Rule(
        "season",
        _at_word(
            rf"(?:(?P<rel>(?i:this\s+coming|this\s+past|this|last|next|past|coming))\s+)?"
            rf"(?P<season>(?i:spring|summer|fall|autumn|winter))\b(?:,?\s+(?:of\s+)?{YEAR})?"
        ),
        _season,
        takes_determiner=True,
    ),
    Rule(
        "quarter",
        _at_word(
            r"(?:(?P<owner>(?i:this\s+year['’]s|last\s+year['’]s|next\s+year['’]s|a\s+year\s+earlier['’]s"
            r"|year-ago|year-earlier|prior-year|year-before)|(?P<year_before>(?:19|20)\d\d))\s+)?"
            r"(?:(?i:fiscal)\s+(?:(?P<fy>\d{4})\s+)?)?"
            r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?P<kind>(?i:quarter|half))\b"
            rf"(?:\s+of\s+(?:(?i:fiscal)\s+)?{YEAR}|(?:\s+of)?\s+(?:(?i:the)\s+)?(?P<rel>(?i:this|last|next|the))\s+year\b)?"
        ),
        _quarter,
        takes_determiner=True,
    ),
    Rule(
        "named_quarter",
        _at_word(
            r"(?i:the\s+(?P<which>(?:19|20)\d\d|latest|recent|most\s+recent|current|same|comparable(?:\s+year-(?:ago|earlier))?"
            r"|corresponding|year-earlier|year-ago|year-before|prior-year|year\s+earlier|year\s+ago|previous|last"
            r"|this|next|coming)?\s*(?:fiscal\s+)?(?P<unit>quarter|period)(?:\s+a\s+year\s+(?:ago|earlier)"
            r"|\s+last\s+year)?)\b"
        ),
        _named_quarter,
    ),
    Rule(
        "period",
        _at_word(
            r"(?P<rel>(?i:the\s+very\s+same|the\s+same|the\s+past|the\s+last|the\s+previous|the\s+prior|the\s+coming"
            r"|the\s+next|the\s+following|the\s+current|this\s+past|this|last|next|that|the|current|past|coming"
            r"|previous))\s+(?:(?i:fiscal|calendar)\s+)?"
            r"(?P<unit>(?i:week|month|year|weekend|decade|century|day|quarter))\b(?!-)"
        ),
        _period,
    ),
    Rule(
        "duration",
        _at_word(
            r"(?:(?P<opener>(?i:the\s+(?:past|last|next|first|previous|coming|following|latest|final|remaining"
            r"|better\s+part\s+of\s+the|same)|past|last|next|first|another))\s+)?"
            rf"{NUMBER}[\s-]+(?:(?i:more|full|straight|consecutive|additional|successive|long)\s+)?{UNIT}"
            r"(?:['’]s)?"
            r"(?P<after>\s+(?i:ago|earlier|later|before\s+that|from\s+now|hence|back))?"
        ),
        _duration,
        takes_determiner=True,
    ),
    Rule(
        "plural_units",
        _at_word(
            r"(?:(?P<opener>(?i:the\s+(?:past|last|next|coming|following|previous|early|later)|past|recent|coming"
            r"|upcoming|next|the|for|within|in))\s+)"
            rf"{PLURAL_UNIT}"
        ),
        _plural_units,
    ),
    Rule(
        "vague_duration",
        _at_word(rf"(?<![\w-])(?P<word>(?i:{_alternation(list(VAGUE_DURATIONS))}))\b"),
        lambda m, r, mod: Resolution("DURATION", VAGUE_DURATIONS[" ".join(m["word"].lower().split())], None),
    ),
    Rule("year_ago_adjective", _at_word(r"(?i:year-(?:earlier|ago|before))\b"), _adjectival_year_ago),
    Rule("year_end", _at_word(r"(?i:year(?:['’]s)?[\s-]end)\b"), _year_end),
    Rule("reference", _at_word(rf"(?<![\w-])(?P<word>(?i:{_REFERENCE_WORDS}))(?![\w-])"), _reference),
    Rule(
        "clock",
        _at_word(
            rf"{CLOCK}(?:,?\s+(?:on\s+)?(?:(?P<dayword>(?i:yesterday|today|tomorrow)|{WEEKDAY})"
            rf"|{MONTH}\s+{DAY_NUMBER}{_YEAR_OPT}))?"
        ),
        _clock,
    ),
    Rule(
        "noon",
        _at_word(
            r"(?<![\w-])(?P<clockword>(?i:noon|midnight))\b"
            rf"(?:\s+(?:on\s+)?(?P<dayword>(?i:yesterday|today|tomorrow)|{WEEKDAY.replace('weekday', 'wd')}))?"
        ),
        _noon,
    ),
    Rule(
        "set",
        _at_word(
            rf"(?<![\w-])(?:(?P<word>(?i:{_SET_WORDS}))(?![\w-])"
            rf"|(?i:every|each|per)\s+(?:{UNIT}|{WEEKDAY}))"
        ),
        _set,
    ),
)


# --------------------------------------------------------------------------- modifiers, intervals


def _modifier_alternative(key: str) -> str:
    escaped = re.escape(key).replace(r"\ ", r"\s+")
    return escaped if key.endswith("-") else escaped + r"\s+"


MODIFIER_BEFORE = re.compile(
    r"(?<![\w-])(?P<mod>(?i:"
    + "|".join(_modifier_alternative(k) for k in sorted(MODIFIERS, key=len, reverse=True))
    + r"))$"
)
DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?P<det>[Tt]he\s+)$")
INTERVAL_OPENER = re.compile(r"(?<![\w-])(?i:between|from)\s+$")
INTERVAL_JOINER = re.compile(r"\s*(?i:and|to|until|till|through|thru|-|–|—)\s*$")
SINCE_BEFORE = re.compile(r"(?<![\w-])(?i:since|starting\s+in|starting|beginning\s+in)\s+$")
LOOKBEHIND = 40
SINCE = re.compile(r"(?<![\w-])(?i:since)\s+$")  # "starting in March" may look ahead; "since March" never does


def _modifier(text: str, start: int, floor: int) -> tuple[int, str] | None:
    """The modifier phrase ending right before ``start`` (not reaching back past ``floor``)."""
    window_start = max(floor, start - LOOKBEHIND)
    found = MODIFIER_BEFORE.search(text, window_start, start)
    if found is None:
        return None
    return found.start(), " ".join(found["mod"].lower().split())


def _modifier_applies(key: str, kind: str, expression: str) -> bool:
    if key in PREPOSITION_MODIFIERS and expression[:4].lower() == "the ":
        return False  # "over the past year": a preposition, not "more than"
    if kind in {"DATE", "TIME"}:
        return key in DATE_MODIFIERS
    return kind == "DURATION" and MODIFIERS[key] not in PART_MODS


def _link_intervals(text: str, timexes: list[TimeExpr], anchor: date | None) -> None:
    """'between Jan. 4 and Feb. 7' and 'since August': record the interval on its dates."""
    dated = [t for t in timexes if t.type == "DATE" and t.value and t.value[0].isdigit()]
    for first, second in zip(dated, dated[1:], strict=False):
        if INTERVAL_JOINER.match(text, first.end, second.start) and INTERVAL_OPENER.search(
            text, max(0, first.start - LOOKBEHIND), first.start
        ):
            for timex in (first, second):
                timex.begin, timex.end_value = first.value, second.value
    for timex in dated:
        if timex.begin is None and SINCE_BEFORE.search(text, max(0, timex.start - LOOKBEHIND), timex.start):
            timex.begin = timex.value
            timex.end_value = anchor.isoformat() if anchor else None


# --------------------------------------------------------------------------- the Doc as an oracle


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _governing_verb(span: Span) -> Any:
    token = span.root
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head.i == token.i:
            break
        token = token.head
    return None


def _day_of_saying(doc: Doc | None, start: int, end: int) -> bool:
    """"Local officials said on Thursday": a day told with a verb of saying is when it was said."""
    span = _span(doc, start, end) if doc is not None else None
    verb = _governing_verb(span) if span is not None else None
    return verb is not None and verb.lemma_.lower() in cue("report") | cue("saying")


FUTURE_GOVERNORS = frozenset({"expect", "plan", "schedule", "hope", "intend", "aim", "agree", "vote", "decide",
                              "set", "slate", "due", "likely", "want", "seek", "prepare", "propose"})  # fmt: skip


def _tense(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the clause an expression sits in: past, future, present or unknown."""
    span = _span(doc, start, end)
    verb = _governing_verb(span) if span is not None else None
    if verb is None:
        return None
    if span is not None and _called_for(span.root, verb):
        return "future"
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {c.lower_ for c in auxiliaries}
    if words & FUTURE_MARKERS:
        return "future"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'s", "’s"}:
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and not words:
        return "past"  # "a woman kidnapped in Agadez in January": done to someone before
    if "to" in words and verb.head.lemma_ in FUTURE_GOVERNORS:
        return "future"
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "’s", "am"}:
        return "future"
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    return None


CALLING_GOVERNORS = frozenset({"call", "urge", "demand", "plan", "schedule", "propose", "seek"})


def _called_for(token: Token, verb: Token) -> bool:
    """"Called for another rally on Friday", "urged a new vote on Sunday": a day inside what a verb
    of calling or planning asks for is that thing's day, ahead of the call."""
    if verb.lemma_.lower() not in CALLING_GOVERNORS:
        return False
    start = token
    while token.i != verb.i and token.head.i != token.i:
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj"):
            prep = token.head if token.dep_ == "pobj" else None
            return prep is None or (prep.lower_ == "for" and prep.head.i == verb.i)
        token = token.head
    return _right_after_what_is_called_for(start, verb)


def _right_after_what_is_called_for(token: Token, verb: Token) -> bool:
    """"called for another rally on Friday", the day hung on the verb by the parser: a day told just
    after the thing called for is that thing's."""
    prep = token.head
    if token.dep_ != "pobj" or prep.head.i != verb.i or prep.i == 0:
        return False
    before = token.doc[prep.i - 1]
    return (before.pos_ == "NOUN" and before.dep_ == "pobj" and before.head.lower_ == "for"
            and before.head.head.i == verb.i)


def _is_year_number(doc: Doc, start: int, end: int) -> bool:
    span = _span(doc, start, end)
    if span is None:
        return True
    token = span[0]
    if token.ent_type_ in {"MONEY", "PERCENT", "QUANTITY", "ORDINAL"}:
        return False
    if token.ent_type_ == "CARDINAL":
        return (token.i > 0 and doc[token.i - 1].lower_ in YEAR_PREPOSITIONS) or _names_the_year_of(token)
    return not _numbers_a_name(token)


def _names_the_year_of(token: Token) -> bool:
    """"A 2023 attack on a bus", "the 2019 election": a year-like number before a singular noun
    tells its year (a count before a singular noun cannot be one)."""
    head = token.head
    return (token.dep_ in ("nummod", "compound", "amod") and head.i > token.i and head.tag_ == "NN"
            and all(t.dep_ in ("compound", "amod") for t in token.doc[token.i + 1:head.i]))


def _numbers_a_name(token: Token) -> bool:
    """"The presidential palace in Ouaga 2000", "Vision 2030": a number the parser hangs on the
    name just before it is part of that name, not a year (not "January 2020": a month)."""
    head = token.head
    return (token.dep_ == "nummod" and head.i == token.i - 1 and head.pos_ == "PROPN"
            and head.lower_.rstrip(".") not in MONTHS)


# --------------------------------------------------------------------------- the tagger


# Words (lower case) one of which every match of a rule contains, in any case: a text that has none
# of them is not scanned with that rule's expression (most articles name no quarter or century).
RULE_WORDS: dict[str, tuple[str, ...]] = {
    "numeric": ("/",),
    "decade": ("0s", "0's", "0’s", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
               "eighties", "nineties"),
    "century": ("century",),
    "day_word": ("today", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "quarter": ("quarter", "half"),
    "named_quarter": ("quarter", "period"),
    "plural_units": ("days", "weeks", "months", "quarters", "years", "decades", "centuries", "hours", "minutes"),
    "vague_duration": tuple(VAGUE_DURATIONS),  # written with single spaces in the rule
    "year_ago_adjective": ("year-earlier", "year-ago", "year-before"),
    "noon": ("noon", "midnight"),
    "clock": ("am", "pm", "a.m", "p.m"),
    "set": (*SETS, "every", "each", "per"),
}
# Expressions that find, in the text as it is, a part every match of a rule has (a capitalised month
# name, a number before "a.m."): a text where it is missing is not scanned with that rule either.
_MONTH_NAME = re.compile(_alternation(_title_variants(FULL_MONTH_NAMES) + _title_variants(ABBREVIATED_MONTHS)))
RULE_GATES: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"\d{4}-[01]\d-[0-3]\d"),
    "month_day": _MONTH_NAME,
    "day_month": _MONTH_NAME,
    "month_year": _MONTH_NAME,
    "month_alone": _MONTH_NAME,
    "clock": re.compile(r"\d(?::[0-5]\d)?\s*(?i:a\.m|p\.m|am|pm)"),
}
# Characters a case-insensitive expression matches to an ASCII letter although their lower case is
# not that letter ("ſ" for s, "ı" and "İ" for i, the Kelvin sign for k): a text with one is scanned
# with every rule.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")


def _rules_for(text: str) -> list[tuple[int, Rule]]:
    """(priority, rule) of the rules that can match in ``text``."""
    found = {gate: gate.search(text) is not None for gate in set(RULE_GATES.values())}
    kept = [(priority, rule) for priority, rule in enumerate(RULES)
            if rule.name not in RULE_GATES or found[RULE_GATES[rule.name]]]
    if _ODD_CASE.search(text):
        return kept
    lowered = text.lower()
    return [(priority, rule) for priority, rule in kept
            if rule.name not in RULE_WORDS or any(word in lowered for word in RULE_WORDS[rule.name])]


def _candidates(text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Every rule's matches; the longest win, earlier rules break ties; no overlaps."""
    found: list[tuple[int, int, int, Rule, re.Match[str]]] = []
    for priority, rule in _rules_for(text):
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                found.append((start, end, priority, rule, match))
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken = bytearray(len(text))
    chosen: list[tuple[int, int, Rule, re.Match[str]]] = []
    for start, end, _, rule, match in found:
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, rule, match))
    chosen.sort(key=lambda c: c[0])
    return chosen


REMEMBERED_TYPES = frozenset({"DATE", "TIME"})


def tag(text: str, doc: Doc | None, anchor: date | None, anchor_kind: str | None) -> list[TimeExpr]:
    """All temporal expressions in ``text`` (``doc``, when given, must be the parse of ``text``)."""
    resolver = Resolver(anchor, text, doc)
    timexes: list[TimeExpr] = []
    previous_end = 0
    for start, end, rule, match in _candidates(text):
        modifier = _modifier(text, start, previous_end)
        try:
            resolution = rule.handler(match, resolver, MODIFIERS[modifier[1]] if modifier else None)
        except (ValueError, OverflowError, KeyError, IndexError):
            resolution = None  # an impossible date in odd input: no timex rather than a crash
        if resolution is None:
            continue
        if resolution.span_start is not None:
            start, modifier = resolution.span_start, None
        mod = None
        if modifier and _modifier_applies(modifier[1], resolution.type, text[start:end]):
            start, mod = modifier[0], MODIFIERS[modifier[1]]
        elif rule.takes_determiner and not ADJECTIVAL_COMPOUND.search(text, start, end):
            determiner = DETERMINER_BEFORE.search(text, max(previous_end, start - 4), start)
            start = determiner.start() if determiner else start
        if resolution.type in REMEMBERED_TYPES and not resolution.from_previous:
            # "on Tuesday evening": Tuesday is the day told; "officials said on Thursday": no day for a clock
            resolver.remember(resolution.point, as_day=not _day_of_saying(doc, start, end))
        timexes.append(
            TimeExpr(
                text=text[start:end],
                start=start,
                end=end,
                type=resolution.type,
                value=resolution.value,
                precision=resolution.precision,
                mod=mod,
                anchor=anchor.isoformat() if anchor else None,
                anchor_kind="previous" if resolution.from_previous else (anchor_kind if anchor else "none"),
            )
        )
        previous_end = end
    _link_intervals(text, timexes, anchor)
    return timexes


def extract_timexes(doc: Doc, ctx: Context) -> list[TimeExpr]:
    """The temporal stage: every temporal expression of the article, normalized against ``ctx.anchor``."""
    return tag(doc_text(doc), doc, ctx.anchor, ctx.anchor_kind)


def normalize(text: str, anchor: date, anchor_kind: str = "publication") -> TimeExpr | None:
    """Normalize one expression (e.g. "early September") without a parse; None when nothing is found."""
    found = tag(text, None, anchor, anchor_kind)
    return max(found, key=lambda t: t.end - t.start) if found else None


# --------------------------------------------------------------------------- the anchor

DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Za-z][A-Za-z.'’-]*){0,4},?[ \t]+)?"
    rf"{MONTH}\s+{DAY_NUMBER}(?:,?\s+(?P<year>\d{{4}}))?\s*(?:\([^)\n]{{1,40}}\)\s*)?(?:-+|–|—|_)"
)


# A stamp opening a paragraph says when the text was filed, not when anything happened:
# "INDIANAPOLIS, Ind. (Dec. 10, 2015) –", "CARACAS, Jan. 2 (Reuters) -", "NAIROBI, Kenya, April 15, 2026 (Wire) -",
# "Monday, December 15, 2014 AUBURN, Ala. --",
# "UPDATE TUESDAY, JANUARY 19:", "NEWS RELEASE (11:30 A.M. Monday)", a line "Posted: Jan 27, 2016 10:12 PM",
# a line that is only a date and time ("April 12, 2013 | 4:00am", "Published April 11, 2007", "09/10/10 08:23 PM ET").
_UPPER = "A-ZÀ-ÖØ-Þ"  # with accented capitals: "APATZINGÁN, Michoacán —"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}.'’&-]+"
_REGION_WORD = rf"[{_UPPER}][{_LETTER}.]+"
_PLACE_TAIL = rf"(?:,[ \t]*{_REGION_WORD}(?:[ \t]+{_REGION_WORD})?(?:[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?)?){{0,2}}"
_COLON_DATELINE = (  # "Srinagar, June 9:", "New Delhi, Jan. 5:" (South Asian papers)
    rf"[{_UPPER}][{_LETTER}]+(?:[ \t][{_UPPER}][{_LETTER}]+)?,[ \t]*"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}[ \t]*:(?=[ \t])"
)
_OPENING_DATE = r"(?:[A-Z][a-z]+day,[ \t]+)?[A-Z][a-z]+\.?[ \t]+\d{1,2},[ \t]+\d{4}[ \t]+"
_DATE_LINE = (  # a line that is only a date and time: "April 12, 2013 | 4:00am", "09/10/10 08:23 PM ET"
    r"(?i:(?:POSTED|PUBLISHED|UPDATED?)\b[ \t]*)?(?:[A-Z][a-z]+day,?[ \t]+)?"
    r"(?:[A-Za-z]{3,9}\.?[ \t]+\d{1,2},?[ \t]+\d{4}|\d{1,2}[ \t]+[A-Za-z]{3,9}[ \t]+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:[ \t,|\u2013-]*\d{1,2}:\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{2,4})?)?[ \t|]*$"
)
FILING_STAMP = re.compile(
    r"(?m)^[ \t]*(?:"
    r"(?i:POSTED|PUBLISHED|UPDATED?)\b[ \t]*:[^\n]{0,80}$"  # a stamp line of its own
    rf"|{_DATE_LINE}"
    r"|"
    r"(?i:UPDATED?|POSTED|PUBLISHED|NEWS RELEASE|BREAKING)\b[ \t]*"
    r"(?:\([^)\n]{1,40}\)|[^\n]{0,60}?(?::(?!\d)|--|[–—-](?=\s)))"
    rf"|{_COLON_DATELINE}"
    rf"|(?:{_OPENING_DATE})?{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,3}}{_PLACE_TAIL}[ \t]*"
    r"(?:\([^)\n]{1,40}\)[ \t]*){0,2}(?:--|[–—_-]))"
)
FILING_STAMP_REACH = 1500  # stamps open the first paragraphs, headline included


def filing_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of datelines and update stamps near the top: their dates are filing dates."""
    return [(m.start(), m.end()) for m in FILING_STAMP.finditer(text, 0, min(len(text), FILING_STAMP_REACH))]


def in_filing_stamp(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the character at ``offset`` lies in one of the ``filing_spans``."""
    return any(start <= offset < end for start, end in spans)


def _published_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        pass
    try:
        from dateutil import parser

        return parser.parse(published, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def find_anchor(text: str, published: str | None) -> tuple[date | None, str | None]:
    """The date relative expressions count from: the dateline's ("CARACAS, Jan. 2 (Reuters) -")
    when the text opens with one, else the publication date, else a full date in a stamp further down
    ("Headline.\n\nINDIANAPOLIS, Ind. (Dec. 10, 2015) –"), else the first full date of the opening
    lines (``lead_date``); kind "dateline" / "publication" / "text" / None."""
    publication = _published_date(published)
    dateline = DATELINE.match(text[:200])
    if dateline:
        month, day = _month(dateline["month"]), int(dateline["day"])
        year = int(dateline["year"]) if dateline["year"] else None
        found: date | None = None
        if month and year:
            found = _safe_date(year, month, day)
        elif month and publication:
            point = _month_point(publication, month, day, "past")
            found = point.start if point else None
        if found is not None:
            return found, "dateline"
    if publication is not None:
        return publication, "publication"
    stamped = _stamped_date(text)
    if stamped is not None:
        return stamped, "dateline"
    lead = lead_date(text)
    if lead is not None:
        return lead, "text"
    return None, None


LEAD_REACH = 400  # characters of the body searched for the article's own date (documented in README)
_DAY_FIRST_DATE = re.compile(rf"\b{DAY_NUMBER}\s+{MONTH_FULL},?\s+(?P<year>\d{{4}})\b")


def lead_date(text: str) -> date | None:
    """The article's own stated date when it has no publication date or dateline: the first full
    date (day, month and year) of its opening lines ("On December 21, 2015 in Bagram, ...",
    "on Friday, 21 July 1972"); relative dates are then counted from it (anchor kind "text")."""
    head = text[:LEAD_REACH]
    found = [m for m in (_FULL_DATE.search(head), _DAY_FIRST_DATE.search(head)) if m is not None]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    month = _month(first["month"])
    return _safe_date(int(first["year"]), month, int(first["day"])) if month else None


_FULL_DATE = re.compile(rf"{MONTH}\s+{DAY_NUMBER},?\s+(?P<year>\d{{4}})")


def _stamped_date(text: str) -> date | None:
    """A full date (with its year) written in a dateline or stamp further down, e.g. under the headline."""
    for start, end in filing_spans(text):
        found = _FULL_DATE.search(text, start, end)
        if found is not None:
            month = _month(found["month"])
            if month:
                return _safe_date(int(found["year"]), month, int(found["day"]))
    return None
