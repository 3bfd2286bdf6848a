"""Casualties stage: who was killed, injured, arrested ..., how many, and article totals."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.extract.casualties import article_totals, extract_casualties
from eventwire.extract.context import Context
from eventwire.model import Article, Casualty, Count

ANCHOR = date(2025, 11, 1)


def run(nlp, text: str, anchor: date | None = ANCHOR) -> list[Casualty]:
    ctx = Context(article=Article(text=text), anchor=anchor)
    return extract_casualties(nlp(text), ctx)


def only(casualties: list[Casualty], category: str) -> Casualty:
    found = [c for c in casualties if c.category == category]
    assert len(found) == 1, casualties
    return found[0]


def best(nlp, text: str, category: str) -> int | None:
    totals = article_totals(run(nlp, text), text)
    return totals[category].best if category in totals else None


def test_vessels_are_not_casualties(nlp) -> None:
    text = "Navy officials said the raid killed seven people aboard three fishing skiffs."
    casualty = only(run(nlp, text), "killed")
    assert (casualty.count.best, casualty.count.text) == (7, "seven")
    assert casualty.trigger == "killed"
    assert not casualty.aggregate


def test_running_total_is_aggregate(nlp) -> None:
    text = "At least 86 people have been killed since the navy started shelling smuggling boats in March."
    casualty = only(run(nlp, text), "killed")
    assert (casualty.count.low, casualty.count.best, casualty.count.high) == (86, 86, None)
    assert casualty.aggregate
    assert article_totals([casualty]) == {}


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("Three people were killed in a shooting on Monday.", "killed", 3),
        ("Twenty-three people were injured when the roof collapsed.", "injured", 23),
        ("A dozen soldiers were wounded in the ambush.", "injured", 12),
        ("More than 100 people were arrested after the protest.", "arrested", 100),
        ("Up to 30 villagers were kidnapped by gunmen.", "kidnapped", 30),
        ("Nearly 40 people were reported missing after the flood.", "missing", 40),
        ("A man was shot dead outside a bar.", "killed", 1),
        ("Two teenagers were wounded in the attack.", "injured", 2),
        ("A family of four was found dead in their home.", "killed", 4),
        ("A man and a woman were killed in the crash.", "killed", 2),
        ("The shooting left three people dead.", "killed", 3),
        ("The gunman opened fire, killing his five young children as well as his wife.", "killed", 6),
        ("Police arrested two suspects on Friday.", "arrested", 2),
        ("He died at the hospital.", "killed", 1),
        ("A shooting left a man in critical condition.", "injured", 1),
        ("A man with a gunshot wound was taken to the hospital.", "injured", 1),
        ("A man has been charged in the death of his 12-year-old daughter.", "killed", 1),
        ("The victim was found shot to death inside a van.", "killed", 1),
    ],
)
def test_counts(nlp, text: str, category: str, expected: int) -> None:
    assert best(nlp, text, category) == expected


def test_range_keeps_low_and_high(nlp) -> None:
    casualty = only(run(nlp, "Between 10 and 15 people were kidnapped."), "kidnapped")
    assert (casualty.count.low, casualty.count.best, casualty.count.high) == (10, 10, 15)


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("Dozens were injured when a bomb exploded in the market.", "injured", 12),
        ("Hundreds of people were displaced by the fighting.", "displaced", 100),
        ("Several people were wounded in the clashes.", "injured", 3),
        ("Scores of people were killed in the raid.", "killed", 20),
    ],
)
def test_vague_quantities_follow_acled(nlp, text: str, category: str, expected: int) -> None:
    casualty = only(run(nlp, text), category)
    assert casualty.count.best == expected
    assert casualty.count.vague


@pytest.mark.parametrize(
    "text",
    [
        "He listens to the 5 o'clock news every day.",
        "The crash closed Route 66 for hours.",
        "Officers recovered a 9mm handgun from the car.",
        "Police said the suspect shot at officers but missed.",
        "The man threatened to kill his neighbour.",
        "The bullet came within inches of possibly killing the trooper.",
        "The suspects could be charged next week.",
        "Two vessels were destroyed in the strike.",
    ],
)
def test_no_casualty(nlp, text: str) -> None:
    assert article_totals(run(nlp, text), text) == {}


def test_history_is_not_counted(nlp) -> None:
    casualties = run(nlp, "Her brother was killed in 2019 in a similar attack.")
    assert casualties and all(c.historical for c in casualties)
    assert article_totals(casualties) == {}


def test_no_one_injured_is_zero(nlp) -> None:
    assert best(nlp, "No one was injured in the blast.", "injured") == 0
    assert best(nlp, "The officer was not hurt.", "injured") == 0


def test_lead_and_details_count_once(nlp) -> None:
    text = (
        "Three people were killed in a shooting in Akron on Sunday. "
        "John Smith, 25, was killed outside his home. Police said he died at the scene."
    )
    assert best(nlp, text, "killed") == 3


def test_named_victims_are_distinct_people(nlp) -> None:
    text = "Malone Amason was found dead on Monday. Amason was pronounced dead at the scene."
    casualties = run(nlp, text)
    assert best(nlp, text, "killed") == 1
    assert any("Malone Amason" in c.victims for c in casualties)


def test_additional_victims_add_up(nlp) -> None:
    text = "An 18-year-old man was shot on Sunday. Another man was shot and suffered unknown injuries."
    assert best(nlp, text, "injured") == 2


def test_coordinated_victims_add_up(nlp) -> None:
    text = "The woman was shot in the neck and the man was shot in the back."
    assert best(nlp, text, "injured") == 2


def test_death_toll_correction_updates_best(nlp) -> None:
    text = "Two people died in the fire on Monday. On Tuesday the death toll rose to 7."
    totals = article_totals(run(nlp, text), text)
    assert totals["killed"].best == 7
    assert totals["killed"].high == 7


def test_shot_people_split_into_killed_and_injured(nlp) -> None:
    text = "Two men were shot, one fatally, on Sunday night."
    totals = article_totals(run(nlp, text), text)
    assert (totals["killed"].best, totals["injured"].best) == (1, 1)


def test_shot_and_killed_is_not_injured(nlp) -> None:
    text = "A man was shot and killed on Tuesday. He was shot in the chest."
    totals = article_totals(run(nlp, text), text)
    assert totals["killed"].best == 1
    assert "injured" not in totals


def test_victims_perpetrators_and_weapon(nlp) -> None:
    casualties = run(nlp, "Ronald Munn, 28, was shot and killed by Brent Thomas outside a gas station.")
    killed = only(casualties, "killed")
    assert killed.victims == ["Ronald Munn"]
    assert killed.perpetrators == ["Brent Thomas"]
    assert killed.weapon == "firearm"


def test_arrested_people_are_perpetrators(nlp) -> None:
    arrested = only(run(nlp, "Police arrested Brent Thomas, 22, in connection with the murder."), "arrested")
    assert arrested.perpetrators == ["Brent Thomas"]
    assert arrested.victims == []


def test_identified_victim_is_attached(nlp) -> None:
    text = "A man was shot and killed on Friday. Police identified the victim as John Smith."
    killed = only(run(nlp, text), "killed")
    assert "John Smith" in killed.victims


def test_quoted_speech_is_not_a_report(nlp) -> None:
    text = 'He shouted, "Go ahead and kill him," according to a witness.'
    assert article_totals(run(nlp, text), text) == {}


def test_spans_point_into_the_text(nlp) -> None:
    text = "On Monday at least 12 people were killed in Goma."
    casualty = only(run(nlp, text), "killed")
    count: Count = casualty.count
    assert count.start is not None and count.end is not None
    assert text[count.start : count.end] == "at least 12"
    assert casualty.trigger_start is not None
    assert text[casualty.trigger_start :].startswith("killed")
    assert text[casualty.sentence_start : casualty.sentence_end] == text


def test_incident_nouns_state_a_toll(nlp) -> None:
    fatal = only(run(nlp, "Police are investigating a fatal shooting on the east side."), "killed")
    assert (fatal.count.low, fatal.count.best, fatal.count.high) == (1, 1, None)
    assert best(nlp, "Detectives are investigating a double homicide in the suburb.", "killed") == 2
    text = "Police are investigating a double shooting. One man is in critical condition."
    assert best(nlp, text, "injured") == 2


def test_bodies_are_dead_people(nlp) -> None:
    assert best(nlp, "A man's body was found in the river on Monday.", "killed") == 1
    assert best(nlp, "Officers will soon wear body cameras.", "killed") is None


def test_found_shot_to_death(nlp) -> None:
    killed = only(run(nlp, "They found Ladarrius Moody shot to death inside the home."), "killed")
    assert killed.victims == ["Ladarrius Moody"]


def test_wounded_then_died_is_not_injured(nlp) -> None:
    text = "Police found a man with a gunshot wound to the chest. He died at the hospital."
    totals = article_totals(run(nlp, text), text)
    assert totals["killed"].best == 1
    assert "injured" not in totals


def test_suspects_named_by_what_police_do(nlp) -> None:
    text = "A man was shot and killed on Friday. Police are searching for Ernesto Velazquez in the case."
    assert "Ernesto Velazquez" in only(run(nlp, text), "killed").perpetrators


def test_identified_as_names_the_noun(nlp) -> None:
    text = "A 30-year-old man, who was later identified as Deangelo Binns, was shot and killed on Monday."
    assert only(run(nlp, text), "killed").victims == ["Deangelo Binns"]


def test_headings_are_not_names(nlp) -> None:
    casualties = run(nlp, "Death Investigation In Fort Smith. A man was found dead in a backyard.")
    assert all("Death Investigation" not in c.victims for c in casualties)


def test_along_with_adds_people(nlp) -> None:
    text = "Felimon Contreras, 29, was killed along with Heriberto Corpus, 20, on Thursday."
    killed = only(run(nlp, text), "killed")
    assert killed.count.best == 2
    assert killed.victims == ["Felimon Contreras", "Heriberto Corpus"]


def test_hit_counts_only_with_gunfire(nlp) -> None:
    assert best(nlp, "A stray bullet struck a woman in her home.", "injured") == 1
    assert best(nlp, "The cyclist was hit by a car on Monday.", "injured") is None
