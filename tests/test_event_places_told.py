"""Where an act is placed when its own words name no place (integration through the pipeline)."""

from __future__ import annotations

from factories import extract_events


def _events(nlp, text: str, published: str = "2026-09-09"):
    return extract_events(nlp, text, published)


STORY = ("Sanctions over Darfur\n\nEL FASHER, Sudan (Wire) - Militia fighters attacked a camp for displaced "
         "people near El Fasher on Monday, killing 12 people.\n\n"
         "The U.S. Treasury accused the militia's commanders of war crimes on Tuesday.\n\n"
         "The Sudanese army condemned the attack on Tuesday.")


def test_a_statement_by_an_actor_of_another_country_is_not_placed_at_the_story(nlp):
    accusations = {e.actor_text: e.place for e in _events(nlp, STORY) if e.type == "ACCUSE"}
    assert accusations == {"The U.S. Treasury": None, "The Sudanese army": "El Fasher"}


def test_a_street_is_where_a_crowd_gathered_not_whom_it_targets(nlp):
    [protest] = [e for e in _events(nlp, "Thousands of protesters gathered on Rustaveli Avenue on Sunday.")
                 if e.type == "PROTEST"]
    assert protest.recipient_text is None or "Avenue" not in protest.recipient_text


def test_a_dateline_after_a_posted_stamp_places_the_story(nlp):
    text = ("Police fire tear gas at rally in Mbarara\n\nPosted: Wednesday January 7, 2026\n\n"
            "MBARARA — Police fired tear gas to break up a rally in the western city of Mbarara on Tuesday.")
    [attack] = [e for e in _events(nlp, text, published="2026-01-07") if e.type == "ASSAULT"]
    assert attack.place == "Mbarara"


def test_a_capitalised_word_after_a_body_sentence_is_no_dateline():
    from eventwire.extract.places import dateline_span

    assert dateline_span("Talks resume\n\nThe talks resumed on Monday in Vienna.\n\nLONDON - later") is None
    assert dateline_span("Talks resume\n\nBy Jane Doe\n\nVIENNA - The talks resumed.") is not None
