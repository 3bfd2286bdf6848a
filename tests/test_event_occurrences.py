"""The occurrences pass on typed records (no parser): mentions of one event become one record,
mentions the text keeps apart stay apart."""

from __future__ import annotations

from eventwire.extract.events.occurrences import Mention, group_occurrences, same_occurrence
from eventwire.model import Actor, Count, Event, Evidence


def mention(start: int, type_: str = "ASSAULT", lemma: str = "kill", **fields) -> Mention:
    marks = {k: fields.pop(k) for k in ("content", "refers_back", "distinct", "named_by_other", "embedded", "headline",
                                        "toll_side", "toll")
             if k in fields}
    evidence = Evidence(sentence="s", start=start, end=start + 40, trigger_start=start + 5, trigger_end=start + 10)
    return Mention(Event(type=type_, trigger=lemma, evidence=[evidence], **fields), lemma=lemma, **marks)


def test_lead_detail_and_toll_of_one_attack_are_one_record():
    lead = mention(0, lemma="kill", actor="Taliban", actor_id="a1", fatalities=Count(best=1))
    detail = mention(100, lemma="detonate", place="Kandahar", country="AFG", place_source="clause", geo_precision=1)
    toll = mention(200, lemma="wound", injured=Count(best=3))
    [event] = group_occurrences([lead, detail, toll])
    assert [e.start for e in event.evidence] == [0, 100, 200]
    assert (event.actor, event.place, event.fatalities.best, event.injured.best) == ("Taliban", "Kandahar", 1, 3)


def test_attacks_on_different_days_stay_apart():
    a = mention(0, date="2024-05-01", date_precision="day", date_source="clause")
    b = mention(100, date="2024-05-03", date_precision="day", date_source="clause")
    assert len(group_occurrences([a, b])) == 2


def test_a_sentence_date_does_not_set_mentions_apart():
    """'a sergeant said Wednesday' dates the statement, not the shooting."""
    a = mention(0, date="2024-05-01", date_precision="day", date_source="clause")
    b = mention(100, date="2024-05-03", date_precision="day", date_source="sentence")
    assert len(group_occurrences([a, b])) == 1


def test_towns_far_apart_are_two_attacks_but_a_country_and_its_town_are_one():
    def placed(start: int, lat: float, precision: int = 1) -> Mention:
        return mention(start, place="x", country="AFG", latitude=lat, longitude=65.0, geo_precision=precision,
                       place_source="clause")

    assert len(group_occurrences([placed(0, 31.6), placed(100, 34.5)])) == 2
    assert len(group_occurrences([placed(0, 31.6), placed(100, 33.0, precision=3)])) == 1


def test_another_attack_starts_a_new_record():
    assert len(group_occurrences([mention(0), mention(100, distinct=True)])) == 2


def test_different_known_actors_are_two_acts():
    a = mention(0, "ACCUSE", "accuse", actor="A", actor_id="a")
    b = mention(100, "ACCUSE", "accuse", actor="B", actor_id="b")
    sides = {"a": Actor("A", kind="state", country="USA", id="a"), "b": Actor("B", kind="state", country="RUS", id="b")}
    assert len(group_occurrences([a, b], sides)) == 2


def test_organs_of_one_state_are_one_side():
    a = mention(0, actor="US military", actor_id="a")
    b = mention(100, actor="Southern Command", actor_id="b")
    sides = {"a": Actor("US military", kind="group", country="USA", id="a"),
             "b": Actor("Southern Command", kind="organization", country="USA", id="b")}
    assert len(group_occurrences([a, b], sides)) == 1


def test_one_kind_of_force_with_no_country_of_its_own_is_one_side():
    a = mention(0, actor="police officer", actor_id="a")
    b = mention(100, actor="police", actor_id="b")
    generic = {"a": Actor("police officer", kind="group", country="USA", sector="COP", source="article", id="a"),
               "b": Actor("police", kind="group", sector="COP", id="b")}
    assert len(group_occurrences([a, b], generic)) == 1
    placed = {"a": Actor("police officer", kind="group", country="USA", sector="COP", id="a"),
              "b": Actor("police", kind="group", country="MEX", sector="COP", id="b")}
    assert len(group_occurrences([a, b], placed)) == 2


def test_a_generic_force_with_and_without_its_country_is_one_side():
    a = mention(0, "RETREAT", "free", actor="Nigeria gunman", actor_id="a", headline=True)
    b = mention(100, "RETREAT", "release", actor="gunman", actor_id="b")
    sides = {"a": Actor("Nigeria gunman", kind="group", country="NGA", id="a"),
             "b": Actor("gunman", kind="group", id="b")}
    assert len(group_occurrences([a, b], sides)) == 1


def test_a_week_and_a_day_inside_it_are_not_apart():
    a = mention(0, date="2026-W47", date_precision="week", date_source="clause")
    b = mention(100, date="2026-11-16", date_precision="day", date_source="clause")
    c = mention(200, date="2026-11-30", date_precision="day", date_source="clause")
    assert len(group_occurrences([a, b])) == 1
    assert len(group_occurrences([a, c])) == 2


def test_a_member_and_the_group_are_one_side_but_two_people_are_two():
    worker = mention(0, actor="Kraft Foods", actor_id="k")
    hiller = mention(100, actor="Yvonne Hiller", actor_id="h")
    other = mention(200, actor="Bryant Dalton", actor_id="d")
    sides = {"k": Actor("Kraft Foods", kind="organization", country="USA", id="k"),
             "h": Actor("Yvonne Hiller", kind="person", id="h"), "d": Actor("Bryant Dalton", kind="person", id="d")}
    assert len(group_occurrences([worker, hiller], sides)) == 1
    assert len(group_occurrences([hiller, other], sides)) == 2


def test_non_violent_acts_need_something_in_common():
    """Two arrests with nothing shared are two arrests; 'denies' ... 'denying' is one denial."""
    assert len(group_occurrences([mention(0, "COERCE", "arrest"), mention(100, "COERCE", "detain")])) == 2
    assert len(group_occurrences([mention(0, "REJECT", "deny"), mention(100, "REJECT", "deny")])) == 1


def test_background_never_joins_the_news():
    news = mention(0)
    earlier = mention(100, historical=True, date="2017", date_precision="year", date_source="clause")
    assert not same_occurrence(news, earlier)
    assert len(group_occurrences([news, earlier])) == 2


def test_hypothetical_mentions_are_kept_as_told():
    a, b = mention(0, hypothetical=True), mention(100, hypothetical=True)
    assert len(group_occurrences([a, b])) == 2


def test_a_clause_date_replaces_a_fallback_date():
    lead = mention(0, date="2024-05-10", date_precision="day", date_source="publication")
    detail = mention(100, date="2024-05-08", date_precision="day", date_source="clause")
    [event] = group_occurrences([lead, detail])
    assert (event.date, event.date_source) == ("2024-05-08", "clause")


def test_the_largest_toll_wins():
    lead = mention(0, fatalities=Count(low=5, best=5))
    update = mention(100, fatalities=Count(low=7, best=7))
    [event] = group_occurrences([lead, update])
    assert event.fatalities.best == 7


def test_the_story_place_is_the_place_named_most_often():
    from eventwire.extract.events.anchoring import article_place
    from eventwire.model import Place

    lyon = [Place("Lyon", s, s + 4, name="Lyon", country="FRA") for s in (10, 200)]
    paris = Place("Paris", 100, 105, name="Paris", country="FRA")
    assert article_place([lyon[0], paris, lyon[1]]) is lyon[0]
    assert article_place([lyon[0], paris]) is None  # named once each: no story place


def test_a_region_named_in_a_later_clause_does_not_replace_the_town_a_sentence_gave():
    """"... shot the gunman dead in Dayton" then "the third mass shooting in Ohio this year"."""
    town = mention(0, place="Dayton", country="USA", place_source="sentence", geo_precision=1)
    region = mention(100, place="Ohio", country="USA", place_source="clause", geo_precision=3)
    [event] = group_occurrences([town, region])
    assert event.place == "Dayton"


def test_a_story_place_gives_way_to_the_place_a_mention_states():
    lead = mention(0, place="France", country="FRA", place_source="article", geo_precision=3)
    detail = mention(100, place="Lyon", country="FRA", place_source="clause", geo_precision=1)
    [event] = group_occurrences([lead, detail])
    assert (event.place, event.place_source) == ("Lyon", "clause")


def test_a_past_year_and_a_later_month_are_two_events_even_from_sentences():
    a = mention(0, date="2017", date_precision="year", date_source="sentence")
    b = mention(100, date="2019-03", date_precision="month", date_source="sentence")
    assert len(group_occurrences([a, b])) == 2


def test_a_mention_that_names_the_event_again_lends_no_place_or_date():
    """"Caracas condemned the strike": Caracas is where the condemnation came from."""
    strike = mention(0, place="Caribbean Sea", place_source="sentence", date="2025-12-31", date_source="clause",
                     date_precision="day")
    named = mention(100, refers_back=True, named_by_other=True, place="Caracas", country="VEN",
                    place_source="clause", geo_precision=1,
                    date="2026-01-01", date_source="clause", date_precision="day", actor="US", actor_id="u")
    [event] = group_occurrences([strike, named])
    assert (event.place, event.date, event.actor) == ("Caribbean Sea", "2025-12-31", None)
    assert len(event.evidence) == 2


def test_a_sentence_place_or_an_embedded_mention_sets_nothing_apart():
    """"the parents of the ringleader of Saturday's attack were asylum seekers from Pakistan"."""
    london = mention(0, place="London", country="GBR", place_source="clause", geo_precision=1)
    pakistan = mention(100, place="Pakistan", country="PAK", place_source="sentence", geo_precision=3)
    assert len(group_occurrences([london, pakistan])) == 1
    day = mention(0, date="2017-06-03", date_precision="day", date_source="clause")
    embedded = mention(100, date="2017-05-27", date_precision="day", date_source="clause", embedded=True)
    assert len(group_occurrences([day, embedded])) == 1


def test_a_headline_joins_its_first_retelling_only():
    headline = mention(0, "COERCE", "arrest", headline=True)
    lead, other = mention(100, "COERCE", "detain"), mention(200, "COERCE", "hold")
    events = group_occurrences([headline, lead, other])
    assert [[e.start for e in event.evidence] for event in events] == [[0, 100], [200]]


def test_one_protest_crowd_however_named_is_one_side():
    march = mention(0, "PROTEST", "march", actor="protester", actor_id="p1", actor_text="protesters")
    tyres = mention(100, "PROTEST", "burn", actor="demonstrator", actor_id="d1", actor_text="Demonstrators")
    assert len(group_occurrences([march, tyres])) == 1


def test_police_and_protesters_of_one_country_are_two_sides():
    a = mention(0, actor="Greece police", actor_id="a")
    b = mention(100, actor="Greece protester", actor_id="b")
    sides = {"a": Actor("Greece police", kind="group", country="GRC", sector="COP", id="a"),
             "b": Actor("Greece protester", kind="group", country="GRC", sector="CVL", id="b")}
    assert len(group_occurrences([a, b], sides)) == 2


def test_the_story_town_is_the_repeated_town_named_first_not_the_capital_named_most():
    from eventwire.extract.events.anchoring import article_place
    from eventwire.model import Place

    lyon = [Place("Lyon", s, s + 4, name="Lyon", country="FRA", geo_precision=1) for s in (10, 300)]
    paris = [Place("Paris", s, s + 5, name="Paris", country="FRA", geo_precision=1) for s in (100, 150, 200)]
    france = [Place("France", s, s + 6, name="France", country="FRA", geo_precision=3) for s in (5, 50, 60, 70)]
    assert article_place([*france, *lyon, *paris]) is lyon[0]
    assert article_place(france) is france[0]  # no repeated town: the place named most


def test_a_decree_or_a_boycott_takes_the_country_named_most_an_attack_the_town_named_first():
    from eventwire.extract.events.anchoring import article_place
    from eventwire.model import Place

    caracas = [Place("Caracas", s, s + 7, name="Caracas", country="VEN", geo_precision=1) for s in (10, 300)]
    country = [Place("Venezuela", s, s + 9, name="Venezuela", country="VEN", geo_precision=3) for s in (5, 50, 60)]
    assert article_place([*country, *caracas], towns_first=True) is caracas[0]
    assert article_place([*country, *caracas], towns_first=False) is country[0]


def test_overnight_and_the_small_hours_of_the_next_day_are_one_night():
    a = mention(0, date="2026-12-04", date_precision="day", date_source="clause")
    b = mention(100, date="2026-12-05T02:00", date_precision="day", date_source="clause")
    c = mention(200, date="2026-12-06T14:00", date_precision="day", date_source="clause")
    assert len(group_occurrences([a, b])) == 1
    assert len(group_occurrences([b, c])) == 2


def test_the_dead_of_two_sides_of_one_attack_add_up_and_one_side_told_again_counts_once():
    lead = mention(0, lemma="attack")
    def dead(start: int, n: int, side: str) -> Mention:
        return mention(start, lemma="kill", fatalities=Count(low=n, best=n, high=n, text=str(n)), toll_side=side)

    soldiers, again, insurgents = dead(100, 23, "military"), dead(200, 23, "military"), dead(300, 20, "armed")
    [event] = group_occurrences([lead, soldiers, again, insurgents])
    assert event.fatalities.best == 43
    [told_twice] = group_occurrences([mention(0, lemma="attack"), soldiers, again])
    assert told_twice.fatalities.best == 23


def test_a_named_recipient_wins_over_a_group_told_by_a_common_noun():
    """"killing the officer" ... "Ortiz's killing": the record names Ortiz, whichever came first."""
    officer = Actor(name="officer", kind="group", sector="COP")
    ortiz = Actor(name="Jerry Ortiz", kind="person", country="USA")
    first = mention(0, recipient="officer", recipient_id=officer.id, recipient_text="the officer")
    second = mention(100, recipient="Jerry Ortiz", recipient_id=ortiz.id, recipient_text="Ortiz's")
    [event] = group_occurrences([first, second], {officer.id: officer, ortiz.id: ortiz})
    assert (event.recipient, event.recipient_text) == ("Jerry Ortiz", "Ortiz's")


def test_of_two_named_actors_the_first_told_stays():
    taliban = Actor(name="Taliban", kind="organization", country="AFG")
    police = Actor(name="Afghanistan police", kind="group", country="AFG")
    first = mention(0, actor="Taliban", actor_id=taliban.id)
    second = mention(100, actor="Afghanistan police", actor_id=police.id)
    [event] = group_occurrences([first, second], {taliban.id: taliban, police.id: police})
    assert event.actor == "Taliban"


def test_a_bombing_told_after_a_shooting_joins_the_bombing_told_before():
    """"an hour of bombing ... Later, a man was shot dead ... The bombs began to explode": the last
    mention is the bombing's, not the nearer shooting's."""
    bombing = mention(0, lemma="bombing", mode="explosives")
    shooting = mention(100, lemma="shoot", mode="firearms", distinct=True)
    explode = mention(200, lemma="explode", weapon="explosive")
    first, second = group_occurrences([bombing, shooting, explode])
    assert [e.start for e in first.evidence] == [0, 200] and [e.start for e in second.evidence] == [100]


def test_an_attack_told_without_arms_joins_the_nearest_telling():
    bombing = mention(0, lemma="bombing", mode="explosives")
    shooting = mention(100, lemma="shoot", mode="firearms", distinct=True)
    toll = mention(200, lemma="kill")
    assert [len(e.evidence) for e in group_occurrences([bombing, shooting, toll])] == [1, 2]


def test_the_hour_does_not_set_mentions_of_one_day_apart():
    """"struck on Tuesday evening ... hit a tank at around 7:30 p.m.": one day, one strike."""
    evening = mention(0, date="2026-01-13TEV", date_precision="time", date_source="clause")
    clock = mention(100, date="2026-01-13T19:30", date_precision="time", date_source="clause")
    next_day = mention(200, date="2026-01-15T08:00", date_precision="time", date_source="clause")
    assert [len(e.evidence) for e in group_occurrences([evening, clock, next_day])] == [2, 1]


def test_an_act_told_apart_later_the_same_night_is_another_act():
    """"struck on Tuesday evening ... air defences shot down two more drones later on Tuesday night"."""
    evening = mention(0, date="2026-01-13TEV", date_precision="time", date_source="clause")
    later = mention(100, date="2026-01-13TNI", date_precision="time", date_source="clause", distinct=True)
    assert len(group_occurrences([evening, later])) == 2


def test_saturday_night_and_early_sunday_with_no_hour_are_two_attacks():
    night = mention(0, date="2026-02-14TNI", date_precision="time", date_source="clause")
    sunday = mention(100, date="2026-02-15", date_precision="day", date_source="clause")
    small_hours = mention(200, date="2026-02-15T02:00", date_precision="time", date_source="clause")
    assert len(group_occurrences([night, sunday])) == 2
    assert len(group_occurrences([night, small_hours])) == 1


def test_words_for_the_hurt_join_the_attack_told_first_whatever_their_day():
    """"Four wounded employees were taken to hospital, where two were in critical condition on Thursday"."""
    attack = mention(0, date="2026-02-11TNI", date_precision="time", date_source="clause")
    police = mention(100, date="2026-02-11T22:40", date_precision="time", date_source="clause", distinct=True)
    hurt = mention(200, date="2026-02-12", date_precision="day", date_source="clause", toll=True)
    first, _ = group_occurrences([attack, police, hurt])
    assert [e.start for e in first.evidence] == [0, 200]


def test_agreeing_a_deal_and_agreeing_to_restore_power_are_one_agreement():
    """Headline "Serbia, Kosovo agree energy deal", lead "agreed on Monday to restore electricity"."""
    headline = mention(0, "AGREE", "agree", content="AGREE", headline=True)
    lead = mention(100, "AGREE", "agree", content="COOPERATE")
    offer_talks = mention(200, "AGREE", "agree", content="CONSULT")
    assert [len(e.evidence) for e in group_occurrences([headline, lead, offer_talks])] == [2, 1]


def test_tear_gas_beside_a_firebomb_attack_is_another_act():
    firebomb = mention(0, lemma="attack", weapon="explosive")
    tear_gas = mention(100, lemma="fire", mode="firearms", weapon="tear gas")
    assert len(group_occurrences([firebomb, tear_gas])) == 2


def test_soldiers_arrested_and_soldiers_seizing_an_armoury_are_two_acts():
    """Headline "14 soldiers arrested"; lead "mutinous soldiers tried to seize the armoury"."""
    arrested = mention(0, "COERCE", "arrest", recipient="soldier", recipient_id="s", headline=True)
    seizing = mention(100, "COERCE", "seize", actor="soldier", actor_id="s")
    assert len(group_occurrences([arrested, seizing])) == 2


def test_one_actor_mobilising_its_own_forces_and_declaring_an_alert_is_one_act():
    mobilised = mention(0, "MOBILIZE", "mobilise", actor="police", actor_id="p", recipient="police", recipient_id="p")
    alert = mention(100, "MOBILIZE", "alert", actor="police", actor_id="p")
    assert len(group_occurrences([mobilised, alert])) == 1
