"""Event types that depend on who or what is sent, withdrawn, handed over or allowed, and on what
was said (issue 16, session 8: CAMEO's codebook read at the level of the pattern)."""

from __future__ import annotations

from eventwire.extract.codes import intent_type, leading_event
from factories import extract_events


def types_of(nlp, text: str) -> list[str]:
    return [e.type for e in extract_events(nlp, text)]


def lead_code(nlp, text: str) -> str:
    lead = leading_event(extract_events(nlp, text))
    return intent_type(lead) if lead is not None else "NONE"


def test_observers_withdrawn_are_a_sanction_and_a_pledge_to_withdraw_them_a_threat(nlp):
    assert "SANCTION" in types_of(nlp, "The organisation withdrew its election observers from the region on Friday.")
    assert lead_code(nlp, "The agency said it will withdraw all its monitors from the border area.") == "THREATEN"


def test_troops_withdrawn_stay_a_retreat(nlp):
    assert types_of(nlp, "The army withdrew its troops from the northern valley on Friday.") == ["RETREAT"]


def test_peacekeepers_deployed_are_aid_and_soldiers_deployed_a_mobilization(nlp):
    assert types_of(nlp, "The deployment of African Union peacekeepers in the capital began on Monday.") == ["AID"]
    assert types_of(nlp, "The government deployed soldiers along the northern border on Monday.") == ["MOBILIZE"]


def test_relief_goods_handed_over_are_aid_and_a_prisoner_handed_over_a_return(nlp):
    assert types_of(nlp, "Volunteers handed over three tonnes of food to the flood victims on Tuesday.") == ["AID"]
    assert types_of(nlp, "The militia handed over the captured pilot to the Red Cross on Tuesday.") == ["RETREAT"]


def test_a_protest_told_with_what_was_said_is_a_complaint(nlp):
    assert lead_code(nlp, "The new law silences the press, a journalists' union protested on Thursday.") == "ACCUSE"
    assert lead_code(nlp, "The farmers' union protested that the subsidies had been cut without warning.") == "ACCUSE"


def test_people_who_protest_in_a_clause_of_their_own_still_demonstrate(nlp):
    assert "PROTEST" in types_of(nlp, "Police fired tear gas at the students, who protested outside the ministry.")


def test_a_condition_is_an_event_of_its_own(nlp):
    """The pledged pull-out and the ceasefire it waits for are two acts, not one."""
    text = "The government will withdraw its troops from the valley unless the rebels declare a ceasefire."
    assert [e.trigger for e in extract_events(nlp, text)] == ["withdraw", "ceasefire"]
    text = "The army will release the captured fighters if the rebels free the kidnapped engineers."
    assert [e.trigger for e in extract_events(nlp, text)] == ["release", "free"]


def test_forming_diplomatic_ties_is_support(nlp):
    assert types_of(nlp, "The two republics established diplomatic relations on Monday.") == ["SUPPORT"]
    assert types_of(nlp, "The two kingdoms upgraded their diplomatic ties to full embassies last week.") == ["SUPPORT"]


def test_upgrading_something_else_is_no_event(nlp):
    assert types_of(nlp, "The ministry upgraded its computer network last week.") == []


def test_a_rally_allowed_is_a_concession(nlp):
    text = "The governor allowed the opposition party to hold a rally in the main square."
    assert lead_code(nlp, text) == "CONCEDE"


def test_refuge_sought_is_a_request(nlp):
    assert lead_code(nlp, "Thousands of villagers sought refuge in the neighbouring country last week.") == "REQUEST"


def test_supplies_reduced_are_a_sanction(nlp):
    assert lead_code(nlp, "The European Union reduced fuel supplies to the region after the theft.") == "SANCTION"


def test_experts_sent_to_investigate_are_the_investigation(nlp):
    text = "The commission sent five experts to the mine on Friday to investigate the collapse."
    assert lead_code(nlp, text) == "ACCUSE"


def test_troops_sent_to_stop_smugglers_are_still_a_deployment(nlp):
    assert lead_code(nlp, "The government sent troops to the border to stop the smugglers.") == "MOBILIZE"


def test_a_reminder_that_someone_must_act_is_a_demand(nlp):
    text = "The prime minister issued a sharp reminder to the province that it must share its water."
    assert lead_code(nlp, text) == "REQUEST"


def test_a_warning_to_someone_that_they_must_act_is_a_demand_of_the_speaker(nlp):
    events = extract_events(nlp, "The president issued a stern reminder to the rebels that they must disarm.")
    assert [(e.type, e.actor) for e in events] == [("REQUEST", "president")]


def test_pushing_hard_for_something_is_a_request(nlp):
    assert lead_code(nlp, "The teachers' union is pressing hard for a pay rise this year.") == "REQUEST"


def test_urging_others_to_back_a_named_party_is_support(nlp):
    """Rallying support on another's behalf (CAMEO 053); backing a bill or oneself is still asked for."""
    text = "The foreign minister urged Western governments to support the Free Syrian Army."
    assert lead_code(nlp, text) == "SUPPORT"
    assert lead_code(nlp, "The president called on parliament to support the reform bill.") == "REQUEST"
    assert lead_code(nlp, "The mayor urged voters to support him in the election.") == "REQUEST"
