"""Which date an act takes from its sentence (integration: whole sentences through the pipeline)."""

from __future__ import annotations

from factories import extract_events


def _events(nlp, text: str, published: str = "2026-04-28"):
    return extract_events(nlp, text, published)


def test_one_act_since_a_month_is_not_on_that_month(nlp):
    [meeting] = [e for e in _events(nlp, "The two presidents met face to face for the first time "
                                         "since September.") if e.type == "CONSULT"]
    assert meeting.date != "2025-09" and not meeting.historical


def test_a_count_since_a_month_starts_on_that_month(nlp):
    [toll] = [e for e in _events(nlp, "Gunmen have killed 300 people since January.") if e.type == "ASSAULT"]
    assert toll.aggregate and toll.date == "2026-01"


def test_the_act_a_since_date_introduces_is_on_that_date(nlp):
    text = "The brigade has stepped up drone flights since January, when rebels seized two of its outposts."
    [seizure] = [e for e in _events(nlp, text) if e.type == "COERCE"]
    assert seizure.date == "2026-01"


def test_the_month_of_an_earlier_plea_is_not_the_sentences(nlp):
    text = "The court sentenced the former officer to 40 years after he pleaded guilty in January."
    [sentence] = [e for e in _events(nlp, text, published="2026-04-09") if e.type == "COERCE"]
    assert sentence.date != "2026-01" and not sentence.historical


def test_a_since_date_in_the_sentence_before_does_not_date_a_release(nlp):
    text = ("Kyiv said 150 soldiers, including defenders who had been held since 2022, had returned home. "
            "Moscow said 150 of its soldiers had been freed in return.")
    [release] = [e for e in _events(nlp, text, published="2026-03-14") if e.trigger == "freed"]
    assert release.date != "2022"


def test_a_date_owned_by_another_noun_does_not_date_an_appeal(nlp):
    text = "Speaking as a mediator in last year's conflict, the prime minister urged both governments to stop firing."
    [appeal] = [e for e in _events(nlp, text, published="2026-04-15") if e.type == "REQUEST"]
    assert appeal.date != "2025" and not appeal.historical


def test_the_day_of_the_clause_that_frames_an_act_dates_it(nlp):
    text = ("The violence began on Saturday when armed herders attacked the village of Beboro, killing nine. "
            "On Monday, young men retaliated by attacking a herders' camp at Ndila, killing six.")
    attacks = [e for e in _events(nlp, text, published="2026-10-14") if e.type == "ASSAULT" and e.asserted]
    assert sorted(e.date for e in attacks) == ["2026-10-10", "2026-10-12"]


def test_a_toll_told_in_two_days_of_clashes_is_a_tally(nlp):
    [tally] = [e for e in _events(nlp, "At least 15 people have been killed in two days of clashes, officials said.",
                                  published="2026-10-14") if e.type == "ASSAULT"]
    assert tally.aggregate
