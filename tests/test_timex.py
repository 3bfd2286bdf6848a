"""The temporal stage: each behaviour as text in, normalized expressions out."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import shared_path
from eventwire.extract.context import Context
from eventwire.extract.timex import extract_timexes, filing_spans, find_anchor, normalize, tag
from eventwire.model import Article, TimeExpr

ANCHOR = date(2026, 1, 2)  # a Friday


def run(nlp, text: str, anchor: date | None = ANCHOR, kind: str | None = "publication") -> list[TimeExpr]:
    doc = nlp(text)
    ctx = Context(article=Article(text=text), anchor=anchor, anchor_kind=kind)
    return extract_timexes(doc, ctx)


def only(nlp, text: str, anchor: date | None = ANCHOR) -> TimeExpr:
    found = run(nlp, text, anchor)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "value", "precision"),
    [
        ("The ceasefire was signed on Dec. 31.", "Dec. 31", "2025-12-31", "day"),
        ("Rebels withdrew on Wednesday, Dec. 31.", "Wednesday, Dec. 31", "2025-12-31", "day"),
        ("The treaty took effect on 31 December 2025.", "31 December 2025", "2025-12-31", "day"),
        ("The form was dated 12/31/2025 by the clerk.", "12/31/2025", "2025-12-31", "day"),
        ("The log entry reads 2025-12-31 at the top.", "2025-12-31", "2025-12-31", "day"),
        ("The party was founded in 1998 by students.", "1998", "1998", "year"),
        ("Inflation was low in the 1990s across the region.", "the 1990s", "199", "decade"),
        ("Prices were stable through the nineties.", "the nineties", "199", "decade"),
        ("The election was held in March 2024.", "March 2024", "2024-03", "month"),
        # The year comes from the anchor across the year boundary.
        ("Troops entered the town on Dec. 10.", "Dec. 10", "2025-12-10", "day"),
        ("A naval build-up began in August.", "August", "2025-08", "month"),
    ],
)
def test_absolute_dates(nlp, text, expression, value, precision):
    timex = only(nlp, text)
    assert (timex.text, timex.value, timex.precision, timex.type) == (expression, value, precision, "DATE")
    assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("text", "expression", "value", "precision"),
    [
        ("Protesters gathered today in the capital.", "today", "2026-01-02", "day"),
        ("Two soldiers were wounded yesterday.", "yesterday", "2026-01-01", "day"),
        ("A strike last week hit a port.", "last week", "2025-W52", "week"),
        ("The talks resume next month in Geneva.", "next month", "2026-02", "month"),
        ("The convoy was attacked two days ago.", "two days ago", "2025-12-31", "day"),
        ("Officials met this week to discuss aid.", "this week", "2026-W01", "week"),
        ("The currency fell sharply last year.", "last year", "2025", "year"),
        ("The drought last summer ruined crops.", "last summer", "2025-SU", "season"),
    ],
)
def test_relative_to_anchor(nlp, text, expression, value, precision):
    timex = only(nlp, text)
    assert (timex.text, timex.value, timex.precision) == (expression, value, precision)
    assert timex.anchor == "2026-01-02" and timex.anchor_kind == "publication"


def test_weekday_follows_tense(nlp):
    assert only(nlp, "The minister resigned on Tuesday.").value == "2025-12-30"
    assert only(nlp, "The minister will resign on Tuesday.").value == "2026-01-06"
    # A story dated on a Friday that says "Friday" means that day.
    assert only(nlp, "The rebels released the hostages on Friday.").value == "2026-01-02"
    assert only(nlp, "Police said the suspect fled last Monday.").value == "2025-12-29"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The interview was recorded on New Year's Eve.", "New Year's Eve", "2025-12-31"),
        ("The interview was recorded on New Year’s Eve.", "New Year’s Eve", "2025-12-31"),
        ("Shops were looted on Christmas.", "Christmas", "2025-12-25"),
        ("Flights were cancelled over Thanksgiving.", "Thanksgiving", "2025-11-27"),
    ],
)
def test_named_days(nlp, text, expression, value):
    timex = only(nlp, text)
    assert (timex.text, timex.value, timex.precision) == (expression, value, "day")


def test_season_follows_tense(nlp):
    assert only(nlp, "Fighting intensified during the summer.").value == "2025-SU"
    timex = only(nlp, "The wells ran dry in summer 2019.")
    assert (timex.value, timex.precision) == ("2019-SU", "season")


@pytest.mark.parametrize(
    ("text", "expression", "value", "precision", "mod"),
    [
        ("Air strikes began in early September.", "early September", "2025-09", "month", "START"),
        ("The mine will reopen in late 2026.", "late 2026", "2026", "year", "END"),
        ("The vote is due in mid-March.", "mid-March", "2026-03", "month", "MID"),
        ("Reserves fell at the end of 1994.", "the end of 1994", "1994", "year", "END"),
        ("Exports rose earlier this year.", "earlier this year", "2026", "year", "START"),
    ],
)
def test_parts_of_periods(nlp, text, expression, value, precision, mod):
    timex = only(nlp, text)
    assert (timex.text, timex.value, timex.precision, timex.mod) == (expression, value, precision, mod)


@pytest.mark.parametrize(
    ("text", "expression", "value", "mod"),
    [
        ("The siege lasted for three weeks.", "three weeks", "P3W", None),
        ("No rain fell in the last twenty four hours.", "the last twenty four hours", "P1D", None),
        ("He could talk about it in a few days.", "a few days", "PXD", None),
        ("The region has been closed for more than two years.", "more than two years", "P2Y", "MORE_THAN"),
        ("The blockade lasted nearly an hour.", "nearly an hour", "PT1H", "APPROX"),
        ("The bonds mature in 3 1/2 years.", "3 1/2 years", "P3Y6M", None),
    ],
)
def test_durations(nlp, text, expression, value, mod):
    timex = only(nlp, text)
    assert (timex.text, timex.type, timex.value, timex.mod) == (expression, "DURATION", value, mod)


def test_intervals(nlp):
    found = run(nlp, "The curfew applies between January 4 and February 7.")
    assert [(t.text, t.value) for t in found] == [("January 4", "2026-01-04"), ("February 7", "2026-02-07")]
    assert all((t.begin, t.end_value) == ("2026-01-04", "2026-02-07") for t in found)
    since = only(nlp, "Prices have doubled since August.")
    assert (since.value, since.begin, since.end_value) == ("2025-08", "2025-08", "2026-01-02")


def test_same_day_takes_the_previous_date(nlp):
    found = run(nlp, "The rally was held on Dec. 10, the same day the strike began.")
    assert [(t.text, t.value, t.anchor_kind) for t in found] == [
        ("Dec. 10", "2025-12-10", "publication"),
        ("the same day", "2025-12-10", "previous"),
    ]


def test_year_earlier_follows_the_reporting_quarter(nlp):
    text = "Profit rose in the third quarter to $5 million from $4 million a year earlier."
    found = run(nlp, text, anchor=date(1989, 10, 30))
    assert [(t.text, t.value) for t in found] == [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Osei, 52 years old, was named chairman.",
        "The bond pays $1.76 a year in interest.",
        "The index closed at 2082.1 points.",
        "The fund owns 1,998 shares.",
        "Iraq imports about three-quarters of its food.",
        "Prime Minister Theresa May spoke to reporters.",
        "Flights to Christmas Island resumed.",
        "The Women's March drew large crowds.",
        "He was probably killed soon after his capture.",
        "Trade will resume as soon as the blockade ends.",
        "The vote decides the future of the party.",
    ],
)
def test_numbers_that_are_not_times(nlp, text):
    assert run(nlp, text) == []


def test_no_anchor_gives_no_relative_value(nlp):
    timex = only(nlp, "The minister resigned on Tuesday.", anchor=None)
    assert (timex.text, timex.value, timex.anchor_kind) == ("Tuesday", None, "none")
    assert only(nlp, "The party was founded in 1998.", anchor=None).value == "1998"


@pytest.mark.parametrize(
    "text",
    ["", "\x00\x01", "Feb. 30", "99/99/99", "31/31/2031", "the 0000s", "on 2025-13-45", "﷽" * 50, "Monday " * 200],
)
def test_garbage_never_raises(nlp, text):
    for timex in run(nlp, text):
        assert timex.value is None or timex.value[:1].isdigit() or timex.value[:1] in "PX" or "REF" in timex.value


def test_impossible_dates_get_no_value():
    found = tag("It happened on Feb. 30.", None, ANCHOR, "publication")
    assert [(t.text, t.value) for t in found] == [("Feb. 30", None)]


def test_normalize_without_a_parse():
    timex = normalize("early September", ANCHOR)
    assert timex is not None and (timex.value, timex.precision, timex.mod) == ("2025-09", "month", "START")
    assert normalize("no time here", ANCHOR) is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("CARACAS, Jan. 2 (Reuters) - Talks began.", "2026-01-05", (date(2026, 1, 2), "dateline")),
        ("CARACAS, Dec. 30 (Reuters) - Talks began.", "2026-01-02", (date(2025, 12, 30), "dateline")),
        ("LAGOS, March 3, 2024 - A bridge fell.", None, (date(2024, 3, 3), "dateline")),
        ("WASHINGTON (AP) - Congress met.", "2026-01-02T10:00:00Z", (date(2026, 1, 2), "publication")),
        ("Congress met.", None, (None, None)),
        ("Congress met.", "not a date", (None, None)),
    ],
)
def test_find_anchor(text, published, expected):
    assert find_anchor(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Talks began on Dec. 10. The next day, rebels left.",
            [("Dec. 10", "2025-12-10"), ("The next day", "2025-12-11")],
        ),
        ("Aid arrived on Dec. 10, a day after the flood.", [("Dec. 10", "2025-12-10"), ("a day", "P1D")]),
        ("The law took effect on the first of March 2024.", [("the first of March 2024", "2024-03-01")]),
        ("Sales rose in the first half of the year.", [("the first half of the year", "2026-H1")]),
        ("Sales fell in the second half of last year.", [("the second half of last year", "2025-H2")]),
        ("Troops arrived late Tuesday night.", [("late Tuesday night", "2025-12-30TNI")]),
        ("The blast occurred at 10:30 a.m. local time.", [("10:30 a.m.", "2026-01-02T10:30")]),
        ("The offer expires at 5 p.m. EST, Dec. 15.", [("5 p.m. EST, Dec. 15", "2025-12-15T17:00")]),
        ("The ceasefire began at midnight on Sunday.", [("midnight on Sunday", "2025-12-28T24:00")]),
        (
            "A drone struck the depot on Tuesday evening. It hit a tank at 7:30 p.m.",
            [("Tuesday evening", "2025-12-30TEV"), ("7:30 p.m.", "2025-12-30T19:30")],
        ),
        (
            "Talks opened on Dec. 10. Shelling resumed at 9 p.m.",
            [("Dec. 10", "2025-12-10"), ("9 p.m.", "2026-01-02T21:00")],  # a day far from the news
        ),
        ("Every Monday, traders gather.", [("Every Monday", "XXXX-WXX-1")]),
        ("Snow fell last winter.", [("last winter", "2024-WI")]),
    ],
)
def test_more_forms(nlp, text, expected):
    assert [(t.text, t.value) for t in run(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # "over" before "the past ..." is a preposition, not "more than".
        ("Prices doubled over the past year.", "the past year", "P1Y"),
        # The determiner of "the third-quarter loss" belongs to "loss".
        ("The third-quarter loss was large.", "third-quarter", "2025-Q3"),
        ("Today's vote was close.", "Today", "2026-01-02"),
        ("Ties have improved in recent weeks.", "recent weeks", "PAST_REF"),
        ("Aid will flow in the coming days.", "the coming days", "FUTURE_REF"),
        ("The war lasted almost two decades.", "almost two decades", "P20Y"),
        ("The talks will take a while.", "a while", "PXX"),
    ],
)
def test_boundaries_and_vague_values(nlp, text, expression, value):
    timex = only(nlp, text)
    assert (timex.text, timex.value) == (expression, value)
    assert timex.mod is None or timex.text.startswith(("almost", "nearly"))


def test_seed_article_dates(nlp):
    folder = shared_path("seed")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    text = (folder / expected["article"]["file"]).read_text(encoding="utf-8")
    anchor, kind = find_anchor(text, expected["article"]["published"])
    found = run(nlp, text, anchor, kind)
    got = {(t.text.replace("’", "'"), t.value, t.precision) for t in found}
    for item in expected["dates"]:
        assert (item["text"], item["value"], item["precision"]) in got, item


@pytest.mark.parametrize(
    ("text", "stamps"),
    [
        ("Headline.\n\nHARBOR CITY, Va. (Jan. 3, 2026) – Guards said", ["HARBOR CITY, Va. (Jan. 3, 2026) –"]),
        ("PORT ELLIS, Jan. 2 (Wire) - The navy said", ["PORT ELLIS, Jan. 2 (Wire) -"]),
        ("Title\n\nPORT ELLIS, Veldora, Jan. 2, 2026 (Wire) - Gunmen fired",
         ["PORT ELLIS, Veldora, Jan. 2, 2026 (Wire) -"]),
        ("UPDATE FRIDAY, JANUARY 9: Police named the man", ["UPDATE FRIDAY, JANUARY 9:"]),
        ("NEWS RELEASE (9:15 A.M. Monday) LAKE CO., Ore. - Deputies", ["NEWS RELEASE (9:15 A.M. Monday)"]),
        ("Title\nPosted: Mar 4, 2026 10:12 PM EST\nBody", ["Posted: Mar 4, 2026 10:12 PM EST"]),
        ("Title\nApril 12, 2026 | 4:00am\n\nJurors watched", ["April 12, 2026 | 4:00am"]),
        ("Title\n09/10/26 08:23 PM ET\n\nA worker", ["09/10/26 08:23 PM ET"]),
        ("Title\nPublished April 11, 2026\n\nA man", ["Published April 11, 2026"]),
        ("Title\nThe talks began on May 5, 2026\nMore", []),
        ("Police said on Monday - not a stamp", []),
        ("The FBI - and others - said", []),
    ],
)
def test_filing_stamps(text, stamps):
    assert [text[s:e] for s, e in filing_spans(text)] == stamps


def test_a_stamp_under_the_headline_anchors_when_there_is_no_publication_date():
    text = "Two hurt.\n\nHARBOR CITY, Va. (Jan. 3, 2026) – Two men were hurt on Friday."
    assert find_anchor(text, None) == (date(2026, 1, 3), "dateline")
    assert find_anchor(text, "2026-01-04") == (date(2026, 1, 4), "publication")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On December 21, 2015 in Bagram, a suicide bomber blew himself up.", "2015-12-21"),
        ("Few days seared the city as those on Friday, 21 July 1972, a day called Bloody Friday.", "1972-07-21"),
        ("A bomb went off on Monday, killing two.", None),
    ],
)
def test_without_publication_date_the_lead_date_anchors_the_article(text: str, expected: str | None):
    from eventwire.extract.timex import find_anchor

    anchor, kind = find_anchor(text, None)
    assert (anchor.isoformat() if anchor else None, kind if anchor else None) == (
        expected, "text" if expected else None)


def test_a_publication_date_wins_over_the_lead_date():
    from eventwire.extract.timex import find_anchor

    anchor, kind = find_anchor("On December 21, 2015 a bomb exploded.", "2016-01-05")
    assert (anchor.isoformat(), kind) == ("2016-01-05", "publication")


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose in the first half of the 1990s and the ’80s; in the 21st century, at 3 P.M. on Christmas Eve.",
        "A fairly lengthy period passed. Every Monday, daily, at noon, 4/5/2016, year-ago figures, last night.",
        "Plural units: in recent years, over the coming months, the year-earlier quarter, this fall.",
        "On 2016-03-03, the 3rd of March, at 10:30am, then in early April and Sept. 2015; a while later.",
    ],
)
def test_skipping_rules_whose_words_are_absent_changes_no_candidate(text: str):
    """Every match of a gated rule holds one of its words, so scanning with every rule finds the same."""
    from eventwire.extract import timex

    for _start, _end, rule, match in timex._candidates(text):
        if rule.name in timex.RULE_WORDS:
            assert any(word in match.group(0).lower() for word in timex.RULE_WORDS[rule.name]), rule.name
    for variant in (text, text.upper(), text.replace("s", "\u017f")):  # long s: no rule is skipped
        every = [(r.name, m.span()) for r in timex.RULES for m in r.pattern.finditer(variant)]
        kept = [(r.name, m.span()) for _, r in timex._rules_for(variant) for m in r.pattern.finditer(variant)]
        assert kept == every


def test_a_month_after_since_is_in_the_past_whatever_the_clause(nlp):
    text = "At least 300 people have been killed in shelling on the city since March, according to the UN."
    [march] = [t for t in run(nlp, text, anchor=date(2026, 12, 6)) if t.text == "March"]
    assert (march.value, march.end_value) == ("2026-03", "2026-12-06")
