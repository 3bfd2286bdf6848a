"""Casualties stage: who was killed, injured, arrested ..., how many, and article totals."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.extract.casualties import SHOT, article_totals, extract_casualties
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
    ("text", "aggregate"),
    [
        ("By the end of 2019, 310 people had been killed in the fighting.", True),
        ("By the end of the war, some 4,000 had been wounded.", True),
        ("By the end of the day, the two bombs had killed nine people.", False),
    ],
)
def test_a_toll_by_the_end_of_a_year_or_war_is_a_running_total(nlp, text: str, aggregate: bool) -> None:
    casualties = run(nlp, text)
    assert casualties and all(c.aggregate is aggregate for c in casualties)


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



# --------------------------------------------------------------------------- recurring error patterns (issue 6)


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("The cashier was shot at least twice in the arm.", "injured", 1),
        ("A 9-year-old girl was shot at school on Friday.", "injured", 1),
        ("A woman is in stable condition after being shot outside her garage.", "injured", 1),
        ("Man stabbed outside grocery store.", "injured", 1),
        ("Two stabbed, one dead in fight near a stadium.", "injured", 2),
        ("The crash that left one driver seriously injured closed the road.", "injured", 1),
        ("Deputies found a 17-year-old with a stab wound in his back.", "injured", 1),
        ("The farmer later succumbed to his wounds.", "killed", 1),
        ("The actor passed away at home, his agent said.", "killed", 1),
        ("A cyclist was grazed by a stray round during the gunfight.", "injured", 1),
        ("The storm claimed the lives of four hikers.", "killed", 4),
        ("Her death was confirmed by the hospital.", "killed", 1),
        ("She was arrested in the slaying of a 40-year-old neighbour.", "killed", 1),
        ("The attack caused three deaths and eight injuries.", "injured", 8),
        ("The blast left one worker dead and another with serious injuries.", "injured", 1),
    ],
)
def test_more_ways_of_telling_a_casualty(nlp, text: str, category: str, expected: int) -> None:
    assert best(nlp, text, category) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police said Omar Fenwick shot twice at the crowd.",
        "The officer shot twice.",
        "He was shot at by two men in a passing car.",
        "The budget passed on Monday.",
        "He was sentenced to life in prison.",
        "If the baby dies, the crash becomes a double homicide.",
        "Detectives are looking into a non-fatal shooting near the river.",
        "It was the third fatal stabbing in two months on that street.",
    ],
)
def test_not_a_casualty_report(nlp, text: str) -> None:
    totals = article_totals(run(nlp, text), text)
    assert "killed" not in totals and "injured" not in totals, totals



def test_a_perpetrator_who_killed_himself_is_one_more_dead(nlp) -> None:
    text = ("A man stormed the farmhouse, killing his three brothers and their mother, deputies said. "
            "The gunman then took his own life.")
    assert best(nlp, text, "killed") == 5
    text = "Three people died in the murder-suicide. Deputies said the gunman killed himself."
    assert best(nlp, text, "killed") == 3


def test_a_child_who_shot_himself_is_the_only_victim(nlp) -> None:
    text = "A 7-year-old boy accidentally shot himself in the foot. The boy was listed in good condition."
    assert best(nlp, text, "injured") == 1


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A clerk shot and killed a robber on Friday. Officers also found a man dead in the back room.", 1),
        ("The driver fled after the murder of another man who was shot dead at a gas pump.", 1),
        ("One woman was pronounced dead at the scene, and another woman died in surgery.", 2),
    ],
)
def test_what_makes_people_additional(nlp, text: str, killed: int) -> None:
    assert best(nlp, text, "killed") == killed


def test_others_after_the_dead_are_not_more_wounded(nlp) -> None:
    text = "Four people are dead and two others wounded after the attack on the bus."
    totals = article_totals(run(nlp, text), text)
    assert (totals["killed"].best, totals["injured"].best) == (4, 2)
    text = "One guard was killed. Three others suffered injuries."
    totals = article_totals(run(nlp, text), text)
    assert (totals["killed"].best, totals["injured"].best) == (1, 3)


def test_a_victim_named_again_is_not_additional(nlp) -> None:
    text = ("Dana Quill and Lee Varn were the two people killed in the crash. "
            "Lee Varn was also killed in the crash, a cousin said.")
    assert best(nlp, text, "killed") == 2


def test_wounded_then_one_died(nlp) -> None:
    text = "Two men were wounded late Monday in a fight outside a bar. The older victim died at the hospital."
    totals = article_totals(run(nlp, text), text)
    assert (totals["killed"].best, totals["injured"].best) == (1, 1)
    text = "One man was killed and two others were wounded. The victim was 25."
    totals = article_totals(run(nlp, text), text)
    assert (totals["killed"].best, totals["injured"].best) == (1, 2)


def test_a_named_victim_who_died_is_not_injured(nlp) -> None:
    text = "Deputies found Carla Benoit in the yard. Benoit was stabbed twice. Benoit died of her wounds."
    totals = article_totals(run(nlp, text), text)
    assert totals["killed"].best == 1
    assert "injured" not in totals


def test_he_after_a_named_victim_is_that_victim(nlp) -> None:
    text = ("Marcus Oyelaran, 41, was found shot on a porch. He died at a hospital. "
            "His nephew, Tobias Reyne, was shot and killed in June.")
    casualties = run(nlp, text)
    died = next(c for c in casualties if c.trigger == "died")
    assert died.victims == ["Marcus Oyelaran"]
    assert best(nlp, text, "killed") == 2


def test_they_after_a_group_is_that_group(nlp) -> None:
    text = ("Nadia Perls and Owen Castile were shot outside a skating rink. Both were flown to a trauma center, "
            "where they died the next day. A third skater received minor injuries.")
    totals = article_totals(run(nlp, text), text)
    assert (totals["killed"].best, totals["injured"].best) == (2, 1)


def test_a_surname_after_the_full_name_is_a_person(nlp) -> None:
    text = "Relatives of John Delgado gathered on Monday. Delgado was found dead in his car."
    killed = only(run(nlp, text), "killed")
    assert killed.count.best == 1
    assert "Delgado" in killed.victims


def test_names_of_a_predicate_noun(nlp) -> None:
    killed = only(run(nlp, "Peter Anselm Drake, 52, was the man killed after an argument on Friday."), "killed")
    assert killed.victims == ["Peter Anselm Drake"]


def test_found_along_with_is_not_killed_along_with(nlp) -> None:
    text = "Deputies found a woman shot to death, along with two injured neighbours."
    assert best(nlp, text, "killed") == 1


def test_the_person_found_shot_is_no_suspect(nlp) -> None:
    killed = only(run(nlp, "Neighbours found Rafael Quint shot to death in the garage."), "killed")
    assert killed.perpetrators == []


def test_wounds_counted_are_not_people(nlp) -> None:
    injured = only(run(nlp, "Deputy Alan Forsythe suffered two stab wounds, one in the shoulder."), "injured")
    assert injured.count.best == 1
    assert injured.victims == ["Alan Forsythe"]


def test_homicide_victim_is_one_killed(nlp) -> None:
    killed = only(run(nlp, "The homicide victim is Gordon Pell, the sheriff said."), "killed")
    assert killed.count.best == 1
    assert killed.victims == ["Gordon Pell"]


def test_since_as_an_adverb_is_no_running_total(nlp) -> None:
    text = "The boy arrived in critical condition, but he has since been upgraded to fair."
    assert best(nlp, text, "injured") == 1


def test_a_year_before_a_comma_is_history(nlp) -> None:
    text = "It was the worst attack since the one in Marlow in March 2009, where 11 people died."
    casualties = run(nlp, text, anchor=date(2016, 2, 3))
    assert casualties and all(c.historical or c.aggregate for c in casualties)


def test_a_car_is_no_suspect(nlp) -> None:
    text = "A man in the back seat of the black Toyota Camry leaned out and fired, striking Willa Brandt."
    assert all("Toyota Camry" not in c.perpetrators for c in run(nlp, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said one person was taken to the hospital after the gunfire.", 1),
        ("The crash sent three riders to Mercy General Hospital.", 3),
        ("The toddler, unharmed, was taken to a hospital for evaluation.", None),
        ("A man was shot in the leg. He was taken to a hospital and two others were treated there.", 1),
    ],
)
def test_a_trip_to_hospital_is_harm_when_nothing_else_is_told(nlp, text: str, expected: int | None) -> None:
    assert best(nlp, text, "injured") == expected


def test_suspects_named_by_what_they_did(nlp) -> None:
    text = "A clerk was shot on Friday. Hearing the argument, Omar Pell opened fire, deputies said."
    assert "Omar Pell" in only(run(nlp, text), SHOT).perpetrators
    text = "A clerk was shot on Friday. Omar Pell opened the door for deputies."
    assert only(run(nlp, text), SHOT).perpetrators == []


def test_names_given_as_the_victims(nlp) -> None:
    text = "Two teens were shot on Friday. Jorge Valdez and Simon Kettle were two of the victims, police said."
    assert only(run(nlp, text), SHOT).victims == ["Jorge Valdez", "Simon Kettle"]


def test_the_body_a_wound_is_on_is_no_dead_body(nlp) -> None:
    text = "A man was shot several times on the left side of his body."
    totals = article_totals(run(nlp, text), text)
    assert "killed" not in totals
    assert totals["injured"].best == 1


def test_a_named_shooter_who_fired_at_a_window_is_no_victim(nlp) -> None:
    text = "Officer Dale Mercer, who was guarding a store nearby when he responded, shot once at the driver's window."
    assert all("Dale Mercer" not in c.victims for c in run(nlp, text))


def test_the_dead_who_died_of_their_wounds_are_not_injured_too(nlp) -> None:
    casualties = run(nlp, "Two soldiers later died of their injuries in hospital.")
    assert [c.category for c in casualties] == ["killed"]
