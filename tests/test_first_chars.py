"""A gated pattern skips positions fast and finds exactly what the pattern finds."""

from __future__ import annotations

import re

from eventwire.extract.first_chars import first_chars, gated

SENTENCES = (
    "Last week the council met on Tuesday, and again next Thursday evening.",
    "THE LAST WEEK OF MARCH was quiet; last  Week was not.",
    "A Kelvin sign \u212aeeps its place, and a dotted \u0130 too: \u0130n \u212ay\u0131v.",
    "Nothing here at all.",
)


def _same_matches(pattern: re.Pattern[str]) -> None:
    fast = gated(pattern)
    for sentence in SENTENCES:
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(sentence)]
        assert [(m.span(), m.groupdict()) for m in fast.finditer(sentence)] == expected


def test_a_gated_pattern_finds_the_same_matches_and_groups() -> None:
    _same_matches(re.compile(r"\b(?:(?P<rel>(?i:last|next))\s+)?(?P<unit>(?i:week)|Tuesday|Thursday)\b"))


def test_characters_compared_ignoring_case_keep_the_odd_forms_re_accepts() -> None:
    _same_matches(re.compile(r"\b(?i:keeps|in|ky)\b"))


def test_the_first_characters_of_an_alternation_with_an_optional_opening() -> None:
    chars = first_chars(re.compile(r"\b(?:(?:the\s+)?(?:March|May)|\d+\s+days)"))
    assert chars == {("t", ""), ("M", ""), (r"\d", "")}


def test_a_pattern_that_may_start_anywhere_or_match_nothing_is_left_as_it_is() -> None:
    for source in (r"[^x]y", r".ab", r"(?:ab)?", r"\b(?:x*)"):
        pattern = re.compile(source)
        assert first_chars(pattern) is None
        assert gated(pattern) is pattern
