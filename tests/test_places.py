"""Places stage: recognition, resolution in context, demonyms, precision codes, event location."""

from __future__ import annotations

import pytest

from eventwire.extract import gazetteer
from eventwire.extract.context import Context
from eventwire.extract.places import country_of_demonym, extract_places, geoparse, locate, resolve_spans
from eventwire.model import Article, Place


def run(nlp, text: str, adjectival: bool = False, url: str | None = None) -> list[Place]:
    article = Article(text=text, url=url)
    return geoparse(nlp(text), Context(article=article, body_end=len(text)), adjectival=adjectival)


def by_text(places: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in places}


def test_countries_city_sea_and_ocean_region(nlp):
    text = (
        "Venezuela invited the United States to talks. Maduro spoke at a rally in Caracas. "
        "The U.S. began bombing boats in the Caribbean and eastern Pacific in September."
    )
    places = by_text(run(nlp, text))
    assert (places["Venezuela"].kind, places["Venezuela"].country) == ("country", "VEN")
    assert (places["United States"].kind, places["United States"].country) == ("country", "USA")
    caracas = places["Caracas"]
    assert (caracas.kind, caracas.country) == ("city", "VEN")
    assert caracas.latitude == pytest.approx(10.49, abs=0.05)
    assert caracas.longitude == pytest.approx(-66.88, abs=0.05)
    assert (places["Caribbean"].name, places["Caribbean"].kind) == ("Caribbean Sea", "sea")
    pacific = places["eastern Pacific"]
    assert (pacific.name, pacific.kind, pacific.country) == ("eastern Pacific", "ocean region", None)


def test_spans_point_into_the_text(nlp):
    text = "Fighting spread from Aleppo to Idlib."
    for place in run(nlp, text):
        assert text[place.start:place.end] == place.text


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Police in Alexandria said the suspect fled toward Baton Rouge.", "Alexandria", "USA"),
        ("The mayor of Alexandria, Louisiana, spoke on Monday.", "Alexandria", "USA"),
        ("Protesters gathered in Alexandria on Friday, Egyptian state media said.", "Alexandria", "EGY"),
        ("He flew to Paris, Texas, for the funeral.", "Paris", "USA"),
        ("He flew to Paris for the summit.", "Paris", "FRA"),
    ],
)
def test_disambiguation_by_document(nlp, text, name, country):
    assert by_text(run(nlp, text))[name].country == country


def test_georgia_next_to_atlanta_is_the_us_state(nlp):
    places = by_text(run(nlp, "Officials in Georgia said Atlanta was calm after the storm."))
    assert (places["Georgia"].kind, places["Georgia"].country) == ("admin1", "USA")


def test_georgia_next_to_tbilisi_is_the_country(nlp):
    places = by_text(run(nlp, "Georgia's president met officials in Tbilisi on Monday."))
    assert (places["Georgia"].kind, places["Georgia"].country) == ("country", "GEO")


def test_dateline_place_is_recognized_and_guides_resolution(nlp):
    places = by_text(run(nlp, "BEIRUT (AP) — Shelling hit Tripoli overnight, officials said."))
    assert places["BEIRUT"].country == "LBN"
    assert places["Tripoli"].country == "LBN"


def test_source_country_from_tld_is_read():
    from eventwire.extract.places import source_country

    gaz = gazetteer.load()
    assert source_country("https://www.bbc.co.uk/news/1", None, gaz) == "GBR"
    assert source_country("https://example.com/a", None, gaz) is None


def test_palestinian_territories(nlp):
    places = by_text(run(nlp, "Clashes erupted in the Gaza Strip and the West Bank on Monday."))
    assert places["Gaza Strip"].country == "PSE"
    assert places["West Bank"].country == "PSE"


def test_us_short_forms_never_resolve_to_canada(nlp):
    for text in ("The U.S said talks would go on.", "The U.S. said talks would go on.", "The US said so."):
        places = run(nlp, text)
        assert places and all(p.country == "USA" for p in places)
    assert country_of_demonym("U.S") == "USA"
    assert country_of_demonym("U.S.") == "USA"


def test_demonyms_resolve_for_actors_but_are_not_places(nlp):
    assert country_of_demonym("Venezuelan") == "VEN"
    assert country_of_demonym("Venezuelans") == "VEN"
    assert country_of_demonym("British") == "GBR"
    assert country_of_demonym("European") is None
    assert country_of_demonym("Martian") is None
    text = "Venezuelan officials met U.S. envoys in Caracas."
    article = Article(text=text)
    places = extract_places(nlp(text), Context(article=article, body_end=len(text)))
    assert [p.text for p in places] == ["Caracas"]
    adjectival = run(nlp, text, adjectival=True)
    assert {p.text for p in adjectival} >= {"Venezuelan", "U.S.", "Caracas"}


def test_precision_codes_by_kind(nlp):
    places = by_text(run(nlp, "Troops moved from Kharkiv into Ukraine's Donetsk region and the Black Sea."))
    assert (places["Kharkiv"].geo_precision, places["Kharkiv"].ucdp_precision) == (1, 1)
    assert (places["Ukraine"].geo_precision, places["Ukraine"].ucdp_precision) == (3, 6)
    assert places["Black Sea"].ucdp_precision == 7


def test_named_facility_is_placed_at_the_articles_town(nlp):
    places = by_text(run(nlp, "A fire broke out on Press Street in New Orleans on Sunday."))
    street = places["Press Street"]
    assert (street.kind, street.name, street.geo_precision) == ("feature", "New Orleans", 2)


def test_unknown_names_stay_unresolved(nlp):
    text = "Zyxqor said nothing."
    article = Article(text=text)
    [place] = resolve_spans(nlp(text), [(0, 6)], Context(article=article))
    assert place.name is None and place.latitude is None and place.country is None


def test_gold_span_demonym_resolves_to_its_country(nlp):
    text = "A Turkish court ruled on Monday."
    [place] = resolve_spans(nlp(text), [(2, 9)])
    assert (place.country, place.kind) == ("TUR", "demonym")


def _place(text: str, start: int, kind: str, acled: int) -> Place:
    return Place(text=text, start=start, end=start + len(text), name=text, kind=kind, geo_precision=acled)


def test_locate_prefers_own_sentence_then_paragraph_then_article():
    text = "Troops entered Homs.\nShelling was reported. Aid arrived in Hama.\n\nLater, talks began."
    homs = _place("Homs", text.index("Homs"), "city", 1)
    hama = _place("Hama", text.index("Hama"), "city", 1)
    places = [homs, hama]
    aid = text.index("Aid")
    assert locate(places, aid, len(text[: text.index(".", aid)]), text) == (hama, "clause")
    assert locate(places, aid, aid + 3, text) == (hama, "sentence")
    shelling = text.index("Shelling")
    assert locate(places, shelling, shelling + 8, text) == (hama, "paragraph")
    talks = text.index("talks")
    syria = _place("Syria", text.index("Homs"), "country", 3)
    assert locate([syria, hama], talks, talks + 5, text) == (hama, "article")
    assert locate([], talks, talks + 5, text) == (None, None)


def test_locate_takes_most_precise_place_of_the_level():
    text = "Fighting in Syria reached Aleppo."
    syria = _place("Syria", 12, "country", 3)
    aleppo = _place("Aleppo", 26, "city", 1)
    assert locate([syria, aleppo], 0, len(text), text) == (aleppo, "clause")


def test_gazetteer_index_is_built_once():
    assert gazetteer.load() is gazetteer.load()
    assert any(e.kind == "admin2" for e in gazetteer.load().lookup("Orleans Parish"))
