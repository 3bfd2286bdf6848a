"""GVDB benchmark: reading the TSV, the matching rules, and a quality floor on the shared data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from eventwire.eval.gvdb import (
    DateGuess,
    GoldArticle,
    city_matches,
    containing_city,
    dateline_city,
    evaluate,
    gazetteer_headline_town,
    headline_town,
    name_matches,
    police_jurisdiction,
    read_gold,
    to_article,
    url_date,
)

HEADER = "Article id\tArticle url\tArticle title\tFull text\tJson\tWorker\n"


def _span(value: str, text: str) -> dict[str, object]:
    start = text.find(value)
    return {"value": value, "startIndex": start, "endIndex": start + len(value)}


def _record(text: str) -> str:
    empty = {"value": "", "startIndex": -1, "endIndex": -1}
    record = {
        "date-and-time": {"city": _span("MAPLETON", text), "date": "2016-1-5", "state": "XX"},
        "victim-section": [
            {"name": _span("Dana Quill", text), "victim-was": ["killed"]},
            {"name": empty, "victim-was": ["injured", "hospitalized"]},
            {"name": empty, "victim-was": []},
        ],
        "shooter-section": [{"name": _span("Lee Varn", text)}],
    }
    return json.dumps(record)


@pytest.fixture
def tiny_tsv(tmp_path: Path) -> Path:
    title = "Two shot in Mapleton"
    text = (
        f"{title}MAPLETON — Dana Quill, 31, was shot and killed on Monday and a second man was "
        "wounded. Police arrested Lee Varn on Tuesday."
    )
    path = tmp_path / "dev.tsv"
    row = "\t".join(["7", "http://example.com/2016/01/06/two-shot/", title, text, _record(text), "w1"])
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    return path


def test_read_gold_counts_outcomes(tiny_tsv: Path) -> None:
    [gold] = read_gold(tiny_tsv)
    assert (gold.killed, gold.injured) == (1, 1)
    assert gold.city == "MAPLETON"
    assert gold.date == "2016-01-05"
    assert gold.victims == ["Dana Quill"]
    assert gold.shooters == ["Lee Varn"]
    assert gold.annotated


def test_read_gold_reads_a_folder_and_limits(tiny_tsv: Path) -> None:
    assert len(read_gold(tiny_tsv.parent)) == 1
    assert len(read_gold(tiny_tsv, limit=1)) == 1


def test_title_is_split_from_body_and_url_date_is_publication(tiny_tsv: Path) -> None:
    article = to_article(read_gold(tiny_tsv)[0])  # a full stop ends the headline sentence
    assert article.text.startswith("Two shot in Mapleton.\n\nMAPLETON")
    assert article.published == "2016-01-06"


def test_site_name_is_dropped_from_the_headline() -> None:
    gold = GoldArticle(id="1", url="", title="Man shot on Main St. | Example News",
                       text="Man shot on Main St. | Example NewsA man was shot.", killed=0, injured=1,
                       city=None, date=None)
    assert to_article(gold).text == "Man shot on Main St.\n\nA man was shot."


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://fox6now.com/2015/12/11/same-man/", "2015-12-11"),
        ("http://www.example.com/news/2016/jan/26/girl-shot/", "2016-01-26"),
        ("http://www.example.com/story/20151210/man-shot", "2015-12-10"),
        ("http://www.example.com/news/man-shot-killed", None),
    ],
)
def test_url_date(url: str, expected: str | None) -> None:
    assert url_date(url) == expected


def test_dateline_and_police_town() -> None:
    assert dateline_city("Headline here\n\nAURORA, Colo. (CBS4) – A deputy was shot.") == "Aurora"
    assert dateline_city("Headline\n\nROCKFORD — Two men were wounded.") == "Rockford"
    assert dateline_city("Headline\n\nA man was shot on Monday.") is None
    assert police_jurisdiction("Philadelphia police are investigating a shooting.") == "Philadelphia"
    assert police_jurisdiction("State police are investigating.") is None
    assert police_jurisdiction("A Florida police dispatcher was charged.") is None  # a state's police


def test_gazetteer_town_in_a_headline() -> None:
    assert gazetteer_headline_town("Woman Shot And Wounded In Dolton.\n\nA woman was shot.") == "Dolton"
    assert gazetteer_headline_town("Officers investigate Wilmington triple shooting.\n\nx") == "Wilmington"
    assert gazetteer_headline_town("Teen shot at south Augusta bus stop.\n\nx") == "Augusta"
    assert gazetteer_headline_town("Main Street Shooting Leaves One Hurt.\n\nx") is None  # a street
    assert gazetteer_headline_town("Jose Ramon Ortiz, 31.\n\nx") is None  # a name, not a town
    assert gazetteer_headline_town("Woman wounded on Detroit’s east side.\n\nx") == "Detroit"


def test_dateline_of_a_two_word_town_with_a_short_first_word() -> None:
    assert dateline_city("Headline\n\nLA PORTE, Ind. (March 3, 2016) — A man was hurt.") == "La Porte"


def test_a_neighbourhood_is_given_as_its_city() -> None:
    text = "A man was wounded in Baltimore's Sandtown section on Monday."
    assert containing_city(text, "Sandtown") == "Baltimore"
    assert containing_city("It happened in the Fordham section of the Bronx.", "Fordham") == "Bronx"
    assert containing_city("It happened in the city's Olney section.", "Olney") is None


def test_headline_town() -> None:
    assert headline_town("Man shot and killed in Frankford.\n\nA man was shot.") == "Frankford"
    assert headline_town("Cicero shooting stemmed from a dispute.\n\nTwo were hurt.") == "Cicero"
    assert headline_town("Man Shot In Groin In Back Of The Yards.\n\nA man was shot.") is None
    assert headline_town("Police: man dies after shooting.\n\nA man died.") is None


def test_city_matching_rule() -> None:
    assert city_matches(["New Orleans"], "New Orleans East")
    assert city_matches(["York"], "YORK CITY")
    assert not city_matches(["Chicago"], "Cicero")
    assert not city_matches([], "Cicero")


def test_date_matching_rule() -> None:
    assert DateGuess(iso="2016-01-27").matches("2016-01-27")
    assert not DateGuess(iso="2016-01-26").matches("2016-01-27")
    assert DateGuess(weekday=2).matches("2016-01-27")  # a Wednesday
    assert DateGuess(month=1, day=27, weekday=1).matches("2016-01-27")  # month and day win
    assert not DateGuess().matches("2016-01-27")
    assert not DateGuess(iso="2016-01-27").matches(None)


def test_name_matching_rule() -> None:
    assert name_matches(["Munn"], ["Ronald Munn"]) == 1
    assert name_matches(["Ronald Munn", "Munn"], ["Ronald Munn"]) == 1  # one-to-one
    assert name_matches(["Brent Thomas"], ["Ronald Munn"]) == 0


def test_evaluate_on_a_tiny_file(tiny_tsv: Path) -> None:
    metrics = evaluate(tiny_tsv)
    assert metrics["n"] == 1
    assert metrics["killed_accuracy"] == 1.0
    assert metrics["injured_accuracy"] == 1.0
    assert metrics["city_accuracy"] == 1.0
    assert metrics["victim_name_f1"] == 1.0
    assert metrics["shooter_name_f1"] == 1.0
    for key in ("date_accuracy", "seconds", "articles_per_second"):
        assert key in metrics


# Measured on this slice (60 articles): killed 0.92, injured 0.87, city 0.77, date 0.52,
# victim names 0.81, shooter names 0.89.
FLOORS = {
    "killed_accuracy": 0.88,
    "injured_accuracy": 0.83,
    "city_accuracy": 0.74,
    "date_accuracy": 0.48,  # 0.52 measured; 0.82 over the articles that state the gold date at all
    "date_accuracy_stated": 0.76,
    "victim_name_f1": 0.77,
    "shooter_name_f1": 0.85,
}


def test_quality_floor_on_shared_dev_slice() -> None:
    metrics = evaluate(shared_path("data", "gvdb", "dev.tsv"), limit=60)
    assert metrics["n"] == 60
    low = {key: metrics[key] for key, floor in FLOORS.items() if metrics[key] < floor}
    assert not low, f"below the floor: {low} (floors {FLOORS})"
