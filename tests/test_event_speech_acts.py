"""What speakers' words and official texts make (integration through the pipeline)."""

from __future__ import annotations

from factories import extract_events


def _events(nlp, text: str, published: str = "2026-09-09"):
    return extract_events(nlp, text, published)


def test_a_press_release_header_is_no_release(nlp):
    text = "PRESS RELEASE\n\nThe ministry said the army released 40 prisoners on Tuesday."
    releases = [e for e in _events(nlp, text) if e.type == "RETREAT"]
    assert [e.trigger for e in releases] == ["released"]


def test_blocked_property_is_an_asset_freeze_and_a_blocked_road_a_protest(nlp):
    frozen = _events(nlp, "All property and interests in property of the companies are blocked, the Treasury said.")
    assert [e.type for e in frozen] == ["SANCTION"]
    road = _events(nlp, "Protesters blocked the main highway into the capital on Monday.")
    assert [e.type for e in road] == ["PROTEST"]


def test_a_prosecutor_telling_of_a_detention_did_not_detain_anyone(nlp):
    [detention] = _events(nlp, "State prosecutor Carlos Rivas said that a suspect was detained on Tuesday.")
    assert detention.actor is None
    [arrest] = _events(nlp, "Police said a man was arrested on Tuesday.")
    assert arrest.actor == "police"


def test_tear_gas_is_a_means_never_an_actor(nlp):
    [attack] = [e for e in _events(nlp, "Two marchers were hit by tear gas canisters near the stadium on Sunday.")
                if e.type == "ASSAULT"]
    assert attack.actor_text is None or "gas" not in attack.actor_text


def test_the_byline_writer_is_no_actor(nlp):
    text = ("Suspect dies after shootout with Akron police following gas station robbery\n\n"
            "By Dana Whitfield, Staff Writer\nPublished Thursday, Dec. 3, 2026\n\n"
            "AKRON, Ohio — A man suspected of robbing a gas station on the city's west side was fatally shot "
            "by an Akron police officer after he opened fire on officers late Tuesday, police said.")
    assert not any("Whitfield" in (e.actor or "") or "Whitfield" in (e.recipient or "") for e in _events(nlp, text))


def test_inmates_freed_by_gunmen_storming_a_prison_are_the_attack_and_hostages_freed_a_release(nlp):
    jailbreak = _events(nlp, "Gunmen stormed the prison in Koton-Karfe on Sunday, killing two warders and freeing "
                             "143 inmates.")
    assert [e.type for e in jailbreak] == ["ASSAULT"]
    release = _events(nlp, "The rebels released two hostages on Monday.")
    assert [e.type for e in release] == ["RETREAT"]
