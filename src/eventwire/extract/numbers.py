"""Counts as news writes them: digits, number words, hedges, ranges and vague quantities.

    >>> parse_count("at least 114 people")
    Count(low=114, best=114, high=None, text='at least 114', start=0, end=12, vague=False)
    >>> parse_count("between 10 and 15").high
    15

``parse_count`` reads the first count in a short phrase (a noun phrase's modifiers, a headline
fragment); ``find_counts`` scans running text and skips numbers that are not quantities (clock
times, calibres, routes, money, dates, years, ages, ordinals, phone numbers). Vague words follow
ACLED's conventions (lexicon/number_words.tsv) and give ``vague=True``. Hedges give bounds
(lexicon/number_hedges.tsv): a lower bound keeps ``best`` at the stated number, as ACLED codes the
lowest reported figure; a range keeps its low and high and ``best`` is the low end.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from eventwire.model import Count

_LEXICON = "eventwire.extract.lexicon"


class NumberWord(NamedTuple):
    value: int
    kind: str  # unit, tens, scale, vague


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files(_LEXICON).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def number_words() -> dict[str, NumberWord]:
    """Number words from the lexicon, keyed by their lower-case spelling."""
    return {word: NumberWord(int(value), kind) for word, value, kind in _read_tsv("number_words.tsv")}


@lru_cache(maxsize=1)
def hedges() -> dict[str, str]:
    """Hedge phrase -> bound (low, high, approx)."""
    return {phrase: bound for phrase, bound in _read_tsv("number_hedges.tsv")}


def _alternation(phrases: list[str]) -> str:
    # Longest first so "tens of thousands" wins over "thousands"; spaces match any whitespace.
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


_BIG_SCALES = ("hundred", "thousand", "million", "billion")  # "one hundred and five"
_ZERO = r"no\s+one|nobody|none|no|zero"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"


def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = number_words()
    atoms = _alternation([w for w, nw in words.items() if nw.kind in ("unit", "tens", "scale") and w != "no"])
    scales = _alternation([w for w, nw in words.items() if nw.kind == "scale"])
    vague = _alternation([w for w, nw in words.items() if nw.kind == "vague"])
    hedge = _alternation(list(hedges()))
    after_scale = "".join(f"(?<={w})" if i == 0 else f"|(?<={w})" for i, w in enumerate(_BIG_SCALES))
    word_number = (
        rf"(?:(?:half\s+)?an?\s+(?:{scales})|(?:{atoms}))"
        rf"(?:(?:\s*-\s*|\s+|(?:{after_scale})\s+and\s+)(?:{atoms}))*"
    )
    digit_number = rf"(?:{_DIGITS})(?:\s+(?:{scales}))?"
    number = rf"(?:{digit_number}|{word_number})"
    count = (
        rf"(?:(?P<hedge>{hedge})\s+)?"
        rf"(?:(?P<between>between\s+)?(?P<a>{number})"
        rf"(?:\s*[-–]\s*(?=\d)|\s+(?:to|or)\s+|(?(between)\s+and\s+|(?!)))"
        rf"(?P<b>{number})(?![\w-])"
        rf"|(?P<n>{number})(?![\w])"
        rf"|(?P<vague>{vague})(?=\s+of\b|\s|[,.;:]|$)"
        rf"|(?P<zero>{_ZERO})\b)"
    )
    return re.compile(rf"(?<![\w$#.,-]){count}", re.IGNORECASE), re.compile(rf"^{number}$", re.IGNORECASE)


_COUNT, _WHOLE_NUMBER = _patterns()
_WORD_SPLIT = re.compile(r"[\s-]+")
_NOT_A_QUANTITY_AFTER = re.compile(
    r"""^(?:\s*(?:o'?clock|a\.?m\b|p\.?m\b|%|percent|per\s*cent|mm\b|millimet|cal(?:iber|ibre)?\b|gauge\b
         |(?:st|nd|rd|th)\b|block\b|-?\s*years?[\s-]*olds?\b|-?\s*months?[\s-]*olds?\b|-?\s*(?:mph|km|kph)\b)
        |[-/:.]\d|-(?:[a-z]+-)?(?:year|month|week|day)-old)""",
    re.IGNORECASE | re.VERBOSE,
)
_NOT_A_QUANTITY_BEFORE = re.compile(
    r"""(?:\$|£|€|\#|\d[-/:.]|\bNo\.\s*|\b(?:route|highway|hwy|interstate|i|us|u\.s\.|sr|channel|fox|abc|nbc|cbs
        |page|number|apt|apartment|suite|room|flight|section|article|resolution|precinct|district|ward|unit
        |jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july
        |august|september|october|november|december)
        \.?[\s-]*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_MONTH_AFTER = re.compile(
    r"^\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_AGE_BETWEEN_COMMAS = re.compile(r"[A-Z][\w.'-]*,\s*$")
_YEAR = re.compile(r"^(?:18|19|20)\d\d$")
_PLURAL_NOUN_AFTER = re.compile(r"^\s+(?:people|persons|civilians|[a-z]+s)\b")


def word_value(text: str) -> int | None:
    """The integer a number phrase stands for: "twenty-three" -> 23, "1,200" -> 1200,
    "2.5 million" -> 2500000, "a dozen" -> 12, "one hundred and five" -> 105."""
    phrase = " ".join(text.lower().split())
    if not _WHOLE_NUMBER.match(phrase):
        return None
    words = number_words()
    total = current = 0.0
    half = False
    for token in _WORD_SPLIT.split(phrase):
        if token in ("and", ""):
            continue
        if token in ("a", "an"):
            current = max(current, 1)
            continue
        if token == "half":
            half = True
            continue
        entry = words.get(token)
        value = float(token.replace(",", "")) if entry is None else float(entry.value)
        if entry is not None and entry.kind == "scale":
            if value >= 1000:
                total += max(current, 1) * value
                current = 0
            else:
                current = max(current, 1) * value
        else:
            current += value
    result = (total + current) * (0.5 if half else 1)
    return int(result) if result == int(result) else None


def _vague_value(text: str) -> int | None:
    entry = number_words().get(" ".join(text.lower().split()))
    return entry.value if entry else None


def _count_from_match(match: re.Match[str], offset: int) -> Count | None:
    start, end = match.start() + offset, match.end() + offset
    text = match.group(0)
    bound = hedges().get(" ".join(match.group("hedge").lower().split())) if match.group("hedge") else None
    if match.group("zero"):
        return Count(low=0, best=0, high=0, text=text, start=start, end=end)
    if match.group("vague"):
        value = _vague_value(match.group("vague"))
        if value is None:
            return None
        return Count(low=value, best=value, text=text, start=start, end=end, vague=True)
    if match.group("a"):
        low, high = word_value(match.group("a")), word_value(match.group("b"))
        if low is None or high is None or high < low:
            return None
        return Count(low=low, best=low, high=high, text=text, start=start, end=end)
    value = word_value(match.group("n"))
    if value is None:
        return None
    if bound == "low":
        return Count(low=value, best=value, text=text, start=start, end=end)
    if bound == "high":
        return Count(best=value, high=value, text=text, start=start, end=end)
    if bound == "approx":
        return Count(best=value, text=text, start=start, end=end)
    return Count(low=value, best=value, high=value, text=text, start=start, end=end)


def parse_count(text: str, offset: int = 0) -> Count | None:
    """The first quantity in a short phrase, with spans shifted by ``offset``; None when there is none."""
    for match in _COUNT.finditer(text):
        if not is_quantity(text, match.start(), match.end()):
            continue
        count = _count_from_match(match, offset)
        if count is not None:
            return count
    return None


def is_quantity(text: str, start: int, end: int) -> bool:
    """False when the number at ``text[start:end]`` is a time, date, year, calibre, route, price,
    ordinal, age or phone number rather than a quantity of things."""
    after = text[end : end + 24]
    before = text[max(0, start - 24) : start]
    core = text[start:end]
    if _NOT_A_QUANTITY_AFTER.match(after) or _MONTH_AFTER.match(after):
        return False
    if _NOT_A_QUANTITY_BEFORE.search(before) and any(ch.isdigit() for ch in core):
        return False
    if _YEAR.match(core) and not _PLURAL_NOUN_AFTER.match(after):
        return False
    return not (core.isdigit() and _AGE_BETWEEN_COMMAS.search(before) and after.lstrip().startswith(","))


def find_counts(text: str, offset: int = 0) -> list[Count]:
    """Every quantity in running text (numbers that are not quantities are skipped)."""
    counts: list[Count] = []
    for match in _COUNT.finditer(text):
        if not is_quantity(text, match.start(), match.end()):
            continue
        count = _count_from_match(match, offset)
        if count is not None:
            counts.append(count)
    return counts
