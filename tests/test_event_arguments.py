"""Who did it and to whom, on hand-built parses (spaCy's Doc(words=, heads=, deps=, pos=)), so each
argument rule is tested without the statistical parser; a few sentences then go through the whole
pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.extract.events.arguments import ActorIndex, argument
from eventwire.extract.events.candidate import Candidate
from eventwire.extract.events.roles import _ordered_to, _usable_argument, light_verb, on_behalf_of, subject_of
from eventwire.extract.events.speech import apply_speech
from eventwire.extract.lexicon.events import Sense
from eventwire.model import Actor, Article, Mention
from eventwire.pipeline import extract

VOCAB = spacy.blank("en").vocab


def parse(words, heads, deps, pos, tags=None, lemmas=None, sent_starts=None) -> Doc:
    """``heads`` are absolute token indices, as written in spaCy's own tests."""
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags or [""] * len(words),
               lemmas=lemmas or [w.lower() for w in words], sent_starts=sent_starts)


def at(doc: Doc, i: int) -> tuple[int, int]:
    return doc[i].idx, doc[i].idx + len(doc[i].text)


def mention(doc: Doc, i: int, kind: str = "name") -> Mention:
    start, end = at(doc, i)
    return Mention(text=doc[i].text, start=start, end=end, kind=kind)


# --- the actor an argument names ----------------------------------------------------------------


def test_a_title_set_beside_a_name_is_that_person():
    """"The interior minister, Christophe Castaner, sent ...": the minister is Castaner."""
    doc = parse(["The", "minister", ",", "Castaner", ",", "sent", "troops"], [1, 5, 1, 1, 1, 5, 5],
                ["det", "nsubj", "punct", "appos", "punct", "ROOT", "dobj"],
                ["DET", "NOUN", "PUNCT", "PROPN", "PUNCT", "VERB", "NOUN"])
    castaner = Actor(name="Christophe Castaner", kind="person", mentions=[mention(doc, 3)])
    assert argument(doc[1], ActorIndex.build([castaner])).actor is castaner


def test_a_demonym_set_beside_a_person_is_that_person_not_a_state():
    """"Salman Abedi, the British-Libyan who carried out the bombing"."""
    deps = ["nsubj", "punct", "det", "appos", "ROOT"]
    pos = ["PROPN", "PUNCT", "DET", "PROPN", "VERB"]
    doc = parse(["Abedi", ",", "the", "British", "carried"], [4, 0, 3, 0, 4], deps, pos)
    abedi = Actor(name="Salman Abedi", kind="person", mentions=[mention(doc, 0)])
    britain = Actor(name="United Kingdom", kind="state", mentions=[mention(doc, 3, "demonym")])
    assert argument(doc[3], ActorIndex.build([abedi, britain])).actor is abedi


def test_generic_militants_are_the_known_group_the_article_named_them_by():
    """"Seven Taliban militants were killed ... Three militants tried to plant a bomb"."""
    doc = parse(["Taliban", "militants", "died", ".", "Three", "militants", "attacked", "."],
                [1, 2, 2, 2, 5, 6, 6, 6], ["compound", "nsubj", "ROOT", "punct", "nummod", "nsubj", "ROOT", "punct"],
                ["PROPN", "NOUN", "VERB", "PUNCT", "NUM", "NOUN", "VERB", "PUNCT"],
                tags=["NNP", "NNS", "VBD", ".", "CD", "NNS", "VBD", "."],
                lemmas=["taliban", "militant", "die", ".", "three", "militant", "attack", "."])
    taliban = Actor(name="Taliban", kind="organization", source="knowledge", mentions=[mention(doc, 0)])
    militants = Actor(name="militant", kind="group", sector="REB", mentions=[mention(doc, 1), mention(doc, 5)])
    assert argument(doc[5], ActorIndex.build([taliban, militants])).actor is taliban


def test_militants_of_two_named_groups_stay_generic():
    doc = parse(["Taliban", "militants", "and", "Hezbollah", "militants"], [1, 1, 1, 4, 1],
                ["compound", "ROOT", "cc", "compound", "conj"], ["PROPN", "NOUN", "CCONJ", "PROPN", "NOUN"],
                lemmas=["taliban", "militant", "and", "hezbollah", "militant"])
    groups = [Actor(name=n, kind="organization", source="knowledge", mentions=[mention(doc, i)])
              for n, i in (("Taliban", 0), ("Hezbollah", 3))]
    militants = Actor(name="militant", kind="group", mentions=[mention(doc, 1), mention(doc, 4)])
    assert ActorIndex.build([*groups, militants]).named(militants) is militants


def test_plural_prosecutors_are_not_the_one_prosecutor_the_article_names():
    doc = parse(["Prosecutors", "charge", "him"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NOUN", "VERB", "PRON"],
                tags=["NNS", "VBP", "PRP"], lemmas=["prosecutor", "charge", "he"])
    holder = Actor(name="Seth Goldman", kind="person", title="Prosecutor")
    role = Actor(name="prosecutor", kind="group", sector="JUD", mentions=[mention(doc, 0)])
    assert argument(doc[0], ActorIndex.build([holder, role])).actor is role


def test_their_bosses_are_not_the_group_they_belong_to():
    doc = parse(["Employees", "said", "their", "bosses", "threatened"], [1, 1, 3, 4, 1],
                ["nsubj", "ROOT", "poss", "nsubj", "ccomp"], ["NOUN", "VERB", "PRON", "NOUN", "VERB"],
                lemmas=["employee", "say", "their", "boss", "threaten"])
    employees = Actor(name="employee", kind="group", mentions=[mention(doc, 0)])
    arg = argument(doc[3], ActorIndex.build([employees]))
    assert arg.actor is None and arg.text == "their bosses"


def test_her_boss_is_not_her_but_maduros_life_is_his():
    doc = parse(["her", "boss", "ended", "Maduro", "'s", "life"], [1, 2, 2, 5, 3, 2],
                ["poss", "nsubj", "ROOT", "poss", "case", "dobj"], ["PRON", "NOUN", "VERB", "PROPN", "PART", "NOUN"])
    banco = Actor(name="Yanelis Banco", kind="person", mentions=[mention(doc, 0, "pronoun")])
    maduro = Actor(name="Nicolas Maduro", kind="person", mentions=[mention(doc, 3)])
    index = ActorIndex.build([banco, maduro])
    assert argument(doc[1], index).actor is None
    assert argument(doc[5], index, keep_acl=True).actor is maduro  # as a recipient the owner is hit


def test_the_leadership_of_a_group_is_the_group():
    doc = parse(["The", "leadership", "of", "ETA", "denied", "it"], [1, 4, 1, 2, 4, 4],
                ["det", "nsubj", "prep", "pobj", "ROOT", "dobj"], ["DET", "NOUN", "ADP", "PROPN", "VERB", "PRON"])
    eta = Actor(name="ETA", kind="organization", mentions=[mention(doc, 3)])
    leadership = Actor(name="leadership", kind="group", mentions=[mention(doc, 1)])
    assert argument(doc[1], ActorIndex.build([eta, leadership])).actor is eta


def test_supporters_of_a_group_are_not_made_the_group_by_the_members_rule():
    from eventwire.extract.events.arguments import _whose_members

    doc = parse(["Supporters", "of", "Hamas", "marched"], [3, 0, 1, 3], ["nsubj", "prep", "pobj", "ROOT"],
                ["NOUN", "ADP", "PROPN", "VERB"], lemmas=["supporter", "of", "hamas", "march"])
    hamas = Actor(name="Hamas", kind="organization", mentions=[mention(doc, 2)])
    assert _whose_members(doc[0], ActorIndex.build([hamas])) is None


def test_they_after_coordinated_people_is_the_first_of_them():
    """"Forest and Fernandez remained in prison as they were charged"."""
    doc = parse(["Forest", "and", "Fernandez", "remained", "as", "they", "were", "charged"],
                [3, 0, 0, 3, 7, 7, 7, 3], ["nsubj", "cc", "conj", "ROOT", "mark", "nsubjpass", "auxpass", "advcl"],
                ["PROPN", "CCONJ", "PROPN", "VERB", "SCONJ", "PRON", "AUX", "VERB"])
    forest = Actor(name="Eva Forest", kind="person", mentions=[mention(doc, 0)])
    cafe = Actor(name="Rolando Cafe", kind="organization", mentions=[mention(doc, 2)])
    assert argument(doc[5], ActorIndex.build([forest, cafe])).actor is forest


def test_she_goes_back_past_a_quote_to_the_person_a_pronoun_of_hers_stood_for():
    """"Landaeta speculated. She said: ... We think so. She also dismissed the rumours"."""
    words = ["Landaeta", "spoke", ".", "She", "said", ".", "We", "think", ".", "She", "dismissed", "it", "."]
    heads = [1, 1, 1, 4, 4, 4, 7, 7, 7, 10, 10, 10, 10]
    deps = ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "dobj",
            "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT", "PRON", "VERB", "PUNCT", "PRON", "VERB", "PRON",
           "PUNCT"]
    starts = [True, False, False, True, False, False, True, False, False, True, False, False, False]
    doc = parse(words, heads, deps, pos, sent_starts=starts)
    landaeta = Actor(name="Maria Eugenia Landaeta", kind="person",
                     mentions=[mention(doc, 0), mention(doc, 3, "pronoun")])
    assert argument(doc[9], ActorIndex.build([landaeta])).actor is landaeta


def test_he_is_not_a_name_the_actors_pass_turned_down_in_the_sentence_before():
    words = ["Merkel", "spoke", ".", "He", "left", "."]
    doc = parse(words, [1, 1, 1, 4, 4, 4], ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
                ["PROPN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"],
                sent_starts=[True, False, False, True, False, False])
    merkel = Actor(name="Angela Merkel", kind="person", mentions=[mention(doc, 0)])
    assert argument(doc[3], ActorIndex.build([merkel])).actor is None


def test_the_organisation_is_the_known_group_the_story_names_most():
    """"The IRA ... the Parachute Regiment killed 13 ... the IRA ... By June, the organisation felt"."""
    words = ["IRA", "bombed", ";", "Regiment", "fired", ";", "IRA", "grew", ";", "the", "organisation", "talked"]
    heads = [1, 1, 1, 4, 4, 4, 7, 7, 7, 10, 11, 11]
    deps = ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct", "det", "nsubj", "ROOT"]
    pos = ["PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "VERB"]
    doc = parse(words, heads, deps, pos, tags=["", "", "", "", "", "", "", "", "", "DT", "NN", ""])
    ira = Actor(name="IRA", kind="organization", source="knowledge", mentions=[mention(doc, 0), mention(doc, 6)])
    regiment = Actor(name="Parachute Regiment", kind="organization", sector="MIL", mentions=[mention(doc, 3)])
    assert argument(doc[10], ActorIndex.build([ira, regiment])).actor is ira


def test_a_worker_named_by_the_company_is_not_the_company():
    doc = parse(["A", "Kraft", "worker", "fired"], [2, 2, 3, 3], ["det", "compound", "nsubj", "ROOT"],
                ["DET", "PROPN", "NOUN", "VERB"], lemmas=["a", "kraft", "worker", "fire"])
    kraft = Actor(name="Kraft Foods", kind="organization", mentions=[mention(doc, 1)])
    assert argument(doc[2], ActorIndex.build([kraft])).actor is None


def test_fighters_named_by_their_group_are_the_group():
    doc = parse(["Hamas", "fighters", "fired"], [1, 2, 2], ["compound", "nsubj", "ROOT"], ["PROPN", "NOUN", "VERB"],
                lemmas=["hamas", "fighter", "fire"])
    hamas = Actor(name="Hamas", kind="organization", mentions=[mention(doc, 0)])
    assert argument(doc[1], ActorIndex.build([hamas])).actor is hamas


def test_a_bare_noun_is_the_one_group_the_article_calls_so():
    """"... prosecutors charge ... at the request of prosecutors": the same prosecutors."""
    doc = parse(["at", "the", "request", "of", "prosecutors"], [0, 2, 0, 2, 3], ["ROOT", "det", "pobj", "prep", "pobj"],
                ["ADP", "DET", "NOUN", "ADP", "NOUN"], lemmas=["at", "the", "request", "of", "prosecutor"])
    prosecutors = Actor(name="prosecutor", kind="group", sector="JUD")
    assert argument(doc[4], ActorIndex.build([prosecutors])).actor is prosecutors
    police = [Actor(name=f"{c} police", kind="group", country=c) for c in ("FRA", "DEU")]
    assert ActorIndex.build(police).group_called("police") is None  # two of them: which one is unsaid


def test_an_accused_ends_before_what_they_are_accused_of():
    deps = ["ROOT", "det", "dobj", "prep", "pcomp"]
    pos = ["VERB", "DET", "NOUN", "ADP", "VERB"]
    doc = parse(["accuses", "the", "official", "of", "lying"], [0, 2, 0, 2, 3], deps, pos)
    assert argument(doc[2], ActorIndex.build([])).text == "the official"


# --- roles ------------------------------------------------------------------------------------


def _roles(doc: Doc, i: int, type_: str = "ASSAULT", start: int | None = None, end: int | None = None):
    from eventwire.extract.events.roles import assign_roles

    sense = Sense("x", "V", type_, None, (), False, False, False, False, 0.8)
    c = Candidate(doc[i], i if start is None else start, i + 1 if end is None else end, sense, type_, None)
    assign_roles(c)
    return c


def test_the_alleged_killer_is_who_did_it():
    doc = parse(["The", "killer", ",", "Chekatt", ",", "died"], [1, 5, 1, 1, 1, 5],
                ["det", "nsubj", "punct", "appos", "punct", "ROOT"], ["DET", "NOUN", "PUNCT", "PROPN", "PUNCT", "VERB"])
    c = _roles(doc, 1)
    assert c.actor_token is not None and c.actor_token.i == 1
    chekatt = Actor(name="Cherif Chekatt", kind="person", mentions=[mention(doc, 3)])
    assert argument(c.actor_token, ActorIndex.build([chekatt])).actor is chekatt


def test_talks_held_with_ministers_are_with_the_ministers():
    doc = parse(["They", "held", "talks", "with", "British", "ministers"], [1, 1, 1, 2, 5, 3],
                ["nsubj", "ROOT", "dobj", "prep", "amod", "pobj"], ["PRON", "VERB", "NOUN", "ADP", "ADJ", "NOUN"],
                lemmas=["they", "hold", "talk", "with", "british", "minister"])
    c = _roles(doc, 1, "CONSULT", 1, 3)
    assert c.recipient_token is not None and c.recipient_token.text == "ministers"


def test_a_name_set_off_by_a_participle_underwent_it():
    """"Dalton, shot in the neck, remained in hospital" (parsed as Dalton shot ...)."""
    words = ["Dalton", ",", "shot", "in", "the", "neck", ",", "remained"]
    doc = parse(words, [2, 0, 2, 2, 5, 3, 2, 2], ["nsubj", "punct", "ROOT", "prep", "det", "pobj", "punct", "conj"],
                ["PROPN", "PUNCT", "VERB", "ADP", "DET", "NOUN", "PUNCT", "VERB"],
                tags=["NNP", ",", "VBD", "IN", "DT", "NN", ",", "VBD"],
                lemmas=["dalton", ",", "shoot", "in", "the", "neck", ",", "remain"])
    c = _roles(doc, 2)
    assert c.actor_token is None and c.recipient_token is not None and c.recipient_token.text == "Dalton"


def test_hitting_officials_with_sanctions_sanctions_the_officials():
    words = ["Washington", "hits", "officials", "with", "sanctions"]
    doc = parse(words, [1, 1, 1, 1, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"],
                ["PROPN", "VERB", "NOUN", "ADP", "NOUN"], lemmas=["washington", "hit", "official", "with", "sanction"])
    c = _roles(doc, 4, "SANCTION")
    assert (c.actor_token.text, c.recipient_token.text) == ("Washington", "officials")


def test_at_the_request_of_prosecutors_the_prosecutors_ask_and_the_judge_is_asked():
    words = ["The", "judge", "sealed", "it", "at", "the", "request", "of", "prosecutors"]
    deps = ["det", "nsubj", "ROOT", "dobj", "prep", "det", "pobj", "prep", "pobj"]
    doc = parse(words, [1, 2, 2, 2, 2, 6, 4, 6, 7], deps,
                ["DET", "NOUN", "VERB", "PRON", "ADP", "DET", "NOUN", "ADP", "NOUN"],
                lemmas=["the", "judge", "seal", "it", "at", "the", "request", "of", "prosecutor"])
    c = _roles(doc, 6, "REQUEST")
    assert (c.actor_token.text, c.recipient_token.text) == ("prosecutors", "judge")


def test_troops_deployed_in_a_participle_are_the_force_that_moves():
    words = ["Soldiers", ",", "deployed", "to", "Mali", ",", "left"]
    doc = parse(words, [6, 0, 0, 2, 3, 0, 6], ["nsubj", "punct", "acl", "prep", "pobj", "punct", "ROOT"],
                ["NOUN", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT", "VERB"],
                tags=["NNS", ",", "VBN", "IN", "NNP", ",", "VBD"],
                lemmas=["soldier", ",", "deploy", "to", "mali", ",", "leave"])
    c = _roles(doc, 2, "MOBILIZE")
    assert c.actor_token is not None and c.actor_token.text == "Soldiers" and c.recipient_token is None


@pytest.mark.parametrize("verb, lemma, takes_part", [("said", "say", True), ("arrested", "arrest", False)])
def test_who_speaks_at_a_meeting_takes_part_in_it(verb: str, lemma: str, takes_part: bool):
    """"Maduro said during a meeting with generals" (not "police arrested him at the meeting")."""
    words = ["Maduro", verb, "it", "during", "a", "meeting"]
    doc = parse(words, [1, 1, 1, 1, 5, 3], ["nsubj", "ROOT", "dobj", "prep", "det", "pobj"],
                ["PROPN", "VERB", "PRON", "ADP", "DET", "NOUN"],
                lemmas=["maduro", lemma, "it", "during", "a", "meeting"])
    c = _roles(doc, 5, "CONSULT")
    assert (c.actor_token is not None and c.actor_token.text == "Maduro") is takes_part


def test_an_accusing_participle_accuses_the_main_clauses_object():
    words = ["They", "targeted", "officials", ",", "alleging", "corruption"]
    doc = parse(words, [1, 1, 1, 1, 1, 4], ["nsubj", "ROOT", "dobj", "punct", "advcl", "dobj"],
                ["PRON", "VERB", "NOUN", "PUNCT", "VERB", "NOUN"], tags=["PRP", "VBD", "NNS", ",", "VBG", "NN"],
                lemmas=["they", "target", "official", ",", "allege", "corruption"])
    c = _roles(doc, 4, "ACCUSE")
    assert c.recipient_token is not None and c.recipient_token.text == "officials"


def test_wounding_after_a_device_exploded_is_not_the_hunters_act():
    """"Police are hunting a man whose device exploded, wounding 13 people" (wounding parsed on hunting)."""
    words = ["Police", "hunt", "a", "device", "that", "exploded", ",", "wounding", "people"]
    deps = ["nsubj", "ROOT", "det", "dobj", "nsubj", "relcl", "punct", "advcl", "dobj"]
    doc = parse(words, [1, 1, 3, 1, 5, 3, 1, 1, 7], deps,
                ["NOUN", "VERB", "DET", "NOUN", "PRON", "VERB", "PUNCT", "VERB", "NOUN"],
                tags=["NNS", "VBP", "DT", "NN", "WDT", "VBD", ",", "VBG", "NNS"],
                lemmas=["police", "hunt", "a", "device", "that", "explode", ",", "wound", "people"])
    c = _roles(doc, 7)
    assert c.actor_token is None and c.recipient_token is not None and c.recipient_token.text == "people"


def test_a_womans_shooting_happened_to_her():
    doc = parse(["the", "woman", "'s", "shooting"], [1, 3, 1, 3], ["det", "poss", "case", "ROOT"],
                ["DET", "NOUN", "PART", "NOUN"], lemmas=["the", "woman", "'s", "shooting"])
    c = _roles(doc, 3)
    assert c.actor_token is None and c.recipient_token is not None and c.recipient_token.text == "woman"


def test_a_headline_charged_with_murder_names_the_accused():
    words = ["Shooter", "Charged", "With", "Murder"]
    doc = parse(words, [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"], ["NOUN", "VERB", "ADP", "NOUN"],
                tags=["NN", "VBN", "IN", "NN"], lemmas=["shooter", "charge", "with", "murder"])
    c = _roles(doc, 1, "ACCUSE")
    assert c.actor_token is None and c.recipient_token is not None and c.recipient_token.text == "Shooter"


def test_calling_an_explosion_an_attack_names_it_and_does_not_carry_it_out():
    words = ["Macron", "called", "the", "explosion", "an", "attack"]
    doc = parse(words, [1, 1, 3, 1, 5, 1], ["nsubj", "ROOT", "det", "dobj", "det", "oprd"],
                ["PROPN", "VERB", "DET", "NOUN", "DET", "NOUN"],
                lemmas=["macron", "call", "the", "explosion", "an", "attack"])
    assert light_verb(doc[3]) is None


def test_an_attack_told_after_a_preposition_of_time_is_not_what_the_verb_carries():
    words = ["After", "the", "attack", ",", "Castaner", "ordered", "patrols"]
    doc = parse(words, [5, 2, 0, 5, 5, 5, 5], ["prep", "det", "pobj", "punct", "nsubj", "ROOT", "dobj"],
                ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "NOUN"],
                lemmas=["after", "the", "attack", ",", "castaner", "order", "patrol"])
    assert light_verb(doc[2]) is None


def test_a_statement_denying_speaks_for_whoever_issued_it():
    doc = parse(["ETA", "issued", "a", "statement", "denying", "it"], [1, 1, 3, 1, 3, 4],
                ["nsubj", "ROOT", "det", "dobj", "acl", "dobj"], ["PROPN", "VERB", "DET", "NOUN", "VERB", "PRON"],
                tags=["NNP", "VBD", "DT", "NN", "VBG", "PRP"], lemmas=["eta", "issue", "a", "statement", "deny", "it"])
    assert subject_of(doc[4]).text == "ETA"


def test_an_attack_believed_carried_out_by_a_group_is_that_groups():
    words = ["The", "attack", "is", "believed", "to", "have", "been", "carried", "out", "by", "ETA"]
    heads = [1, 3, 3, 3, 7, 7, 7, 3, 7, 7, 9]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "aux", "aux", "auxpass", "xcomp", "prt", "agent", "pobj"]
    pos = ["DET", "NOUN", "AUX", "VERB", "PART", "AUX", "AUX", "VERB", "ADP", "ADP", "PROPN"]
    lemmas = ["the", "attack", "be", "believe", "to", "have", "be", "carry", "out", "by", "eta"]
    doc = parse(words, heads, deps, pos, lemmas=lemmas)
    carrier = light_verb(doc[1])
    assert carrier is not None and carrier.i == 7


def test_a_plea_entered_on_someones_behalf_is_theirs():
    words = ["A", "plea", "was", "entered", "on", "LaCalamita", "'s", "behalf"]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "prep", "poss", "case", "pobj"]
    doc = parse(words, [1, 3, 3, 3, 3, 7, 5, 4], deps, ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PART", "NOUN"])
    assert on_behalf_of(doc[3]).text == "LaCalamita"


# --- speech -----------------------------------------------------------------------------------

SENSE = Sense("x", "N", "ACCUSE", None, (), False, False, False, False, 0.8)


def _investigation_told_by(speaker_sector: str | None) -> Candidate:
    words = ["The", "prosecutor", "said", "an", "investigation", "was", "opened"]
    doc = parse(words, [1, 2, 2, 4, 6, 6, 2], ["det", "nsubj", "ROOT", "det", "nsubjpass", "auxpass", "ccomp"],
                ["DET", "NOUN", "VERB", "DET", "NOUN", "AUX", "VERB"],
                lemmas=["the", "prosecutor", "say", "an", "investigation", "be", "open"])
    speaker = Actor(name="prosecutor", kind="group", sector=speaker_sector, mentions=[mention(doc, 1)])
    c = Candidate(doc[4], 4, 5, SENSE, "ACCUSE", None)
    apply_speech(c, [], ActorIndex.build([speaker]))
    return c


def test_an_official_who_tells_an_investigation_was_opened_opened_it():
    c = _investigation_told_by("JUD")
    assert c.actor_token is not None and c.actor_token.text == "prosecutor"
    assert c.report_content is None  # the actor is the speaker, outside the content


def test_someone_without_office_who_tells_an_investigation_was_opened_only_reports_it():
    c = _investigation_told_by(None)
    assert c.actor_token is None and c.report_content is not None


# --- whole sentences ----------------------------------------------------------------------------


def _events(nlp, text: str):
    article = Article(text=text, published="2026-01-02")
    return extract(nlp(article.analysis_text()), article).events


def test_sentence_three_militants_after_taliban_militants_are_the_taliban(nlp):
    events = _events(nlp, "The Taliban said seven Taliban militants were killed on Friday. "
                          "Three militants attacked a police post in Kandahar on Saturday.")
    attack = next(e for e in events if e.trigger == "attacked")
    assert attack.actor == "Taliban" and attack.actor_text == "Three militants"


def test_sentence_the_minister_named_beside_his_title_strengthens_security(nlp):
    events = _events(nlp, "After the explosion, the interior minister, Christophe Castaner, ordered police "
                          "to strengthen security at public sites.")
    assert any(e.type == "MOBILIZE" and e.actor == "Christophe Castaner" for e in events)


def test_sentence_a_prosecutor_saying_an_investigation_was_opened_is_its_actor(nlp):
    events = _events(nlp, "France's counter-terrorism prosecutor, Remy Heitz, said an investigation "
                          "has been opened into the bombing.")
    probe = next(e for e in events if e.type == "ACCUSE")
    assert probe.actor == "Remy Heitz"


def test_sentence_police_saying_a_man_was_shot_did_not_shoot_him(nlp):
    events = _events(nlp, "Police said a man was shot dead outside a bar in Lyon on Friday.")
    shot = next(e for e in events if e.type == "ASSAULT")
    assert shot.actor is None


def test_sentence_condemning_this_attack_accuses_who_the_article_says_did_it(nlp):
    events = _events(nlp, "Taliban militants attacked a NATO patrol near Bagram on Monday, killing six soldiers. "
                          "The United States condemns this cowardly attack on members of the U.S. and Afghan forces.")
    condemnation = next(e for e in events if e.type == "ACCUSE")
    assert condemnation.recipient == "Taliban" and condemnation.recipient_text == "this cowardly attack"


def test_sentence_condemning_an_attack_the_article_gives_no_actor_accuses_no_one(nlp):
    events = _events(nlp, "A bomb exploded near a market in Kabul on Monday, killing six people. "
                          "The United States condemns this cowardly attack.")
    condemnation = next(e for e in events if e.type == "ACCUSE")
    assert condemnation.recipient is None


def test_sentence_a_force_claiming_to_have_shot_snipers_shot_them(nlp):
    events = _events(nlp, "Belfast had a violent night. The army claimed to have shot two snipers on Tuesday.")
    shot = next(e for e in events if e.type == "ASSAULT")
    assert shot.actor == "army"


def test_sentence_one_of_them_named_beside_the_number_is_who_acts(nlp):
    events = _events(nlp, "Three senators criticised the plan. One of them, Senator Mary Jones, called for an "
                          "inquiry into the contract.")
    demand = next(e for e in events if e.type == "REQUEST")
    assert demand.actor == "Mary Jones"


def test_sentence_a_denial_answers_the_accusation_told_before_it(nlp):
    events = _events(nlp, "Police blamed Hamas for the rocket fire on Monday. Hamas denied any involvement.")
    denial = next(e for e in events if e.type == "REJECT")
    assert denial.actor == "Hamas" and denial.recipient == "police"


def test_sentence_a_denial_with_no_accusation_before_it_answers_no_one(nlp):
    events = _events(nlp, "Hamas denied any involvement in the rocket fire on Monday.")
    denial = next(e for e in events if e.type == "REJECT")
    assert denial.recipient is None


def test_sentence_a_not_guilty_plea_answers_the_prosecutors_the_article_names(nlp):
    events = _events(nlp, "A Tulsa man pleaded not guilty to fraud charges on Tuesday, according to federal "
                          "prosecutors.")
    plea = next(e for e in events if e.type == "REJECT")
    assert plea.recipient == "prosecutor"


def test_sentence_a_plea_beside_the_defence_attorney_answers_no_one_named(nlp):
    events = _events(nlp, "A Tulsa man pleaded not guilty to fraud charges on Tuesday, his attorney said.")
    plea = next(e for e in events if e.type == "REJECT")
    assert plea.recipient is None


def test_an_object_the_parser_read_as_a_verb_is_who_was_ordered():
    """"He instructed all police prefects to reinforce security", with "prefects" tagged a verb
    whose subject is "police": the minister orders, the prefects are told to act."""
    words = ["He", "instructed", "all", "police", "prefects", "to", "reinforce", "security"]
    doc = parse(words, [1, 1, 3, 4, 1, 6, 4, 6],
                ["nsubj", "ROOT", "det", "nsubj", "dobj", "aux", "xcomp", "dobj"],
                ["PRON", "VERB", "DET", "NOUN", "VERB", "PART", "VERB", "NOUN"],
                tags=["PRP", "VBD", "DT", "NN", "VBZ", "TO", "VB", "NN"],
                lemmas=["he", "instruct", "all", "police", "prefect", "to", "reinforce", "security"])
    assert _ordered_to(doc[6]) == (doc[0], doc[4])
    assert _usable_argument(doc[4]) == doc[4]


def test_sentence_an_attack_is_not_the_actor_of_the_killing_it_caused(nlp):
    events = _events(nlp, "Diaz is not charged with taking part in the March 3 attack, which killed three people.")
    killing = next(e for e in events if e.trigger == "killed")
    assert killing.actor is None and killing.actor_text is None


def test_sentence_a_city_before_an_attack_noun_is_where_not_who(nlp):
    events = _events(nlp, "The Madrid train bombing killed 191 people in 2004.")
    bombing = next(e for e in events if e.type == "ASSAULT")
    assert bombing.actor_text is None


def test_sentence_a_gerund_charged_is_the_crime_not_the_accused(nlp):
    events = _events(nlp, "A Reno man pleaded not guilty to charges of stealing cars.")
    assert all(e.recipient_text != "stealing cars" for e in events if e.type == "ACCUSE")


def test_sentence_a_meeting_at_a_named_place_has_no_recipient_there(nlp):
    events = _events(nlp, "Officials said the meeting at Camp David between the two delegations lasted three hours.")
    meeting = next(e for e in events if e.type == "CONSULT")
    assert meeting.recipient_text != "Camp David"


def test_sentence_instructions_for_someone_to_act_name_who_was_ordered(nlp):
    events = _events(nlp, "After the explosion, the interior minister sent instructions for regional authorities "
                          "to strengthen security at stations.")
    order = next(e for e in events if e.type == "MOBILIZE")
    assert order.actor_text == "the interior minister" and order.recipient_text == "regional authorities"


def test_sentence_them_after_bombs_is_the_bombs_not_the_people_who_carried_them(nlp):
    events = _events(nlp, "Police say Tamerlan and Dzhokhar Tsarnaev carried the bombs to the street before "
                          "detonating them.")
    blast = next(e for e in events if e.type == "ASSAULT")
    assert blast.recipient is None


def test_sentence_them_arrested_by_police_are_the_people_who_fled(nlp):
    events = _events(nlp, "Tamerlan and Dzhokhar Tsarnaev fled the scene before police arrested them.")
    arrest = next(e for e in events if e.type == "COERCE")
    assert arrest.recipient == "Tamerlan"


def test_sentence_where_people_work_tells_who_they_are(nlp):
    events = _events(nlp, "Maria Lopez said her boss at the state water company called her in for a talk last week.")
    talk = next(e for e in events if e.type == "CONSULT")
    assert talk.actor_text == "her boss at the state water company"



def test_sentence_a_town_in_the_actors_words_is_still_the_place(nlp):
    events = _events(nlp, "Opposition leaders in Caracas called for a national strike on Monday.")
    call = next(e for e in events if e.type == "REQUEST")
    assert call.actor_text == "Opposition leaders in Caracas" and call.place == "Caracas"


def test_sentence_a_release_from_custody_is_the_police_the_article_names(nlp):
    events = _events(nlp, "Police arrested three men on Sunday. One of the men has since been released from custody.")
    release = next(e for e in events if e.type == "RETREAT")
    assert release.actor == "police"


def test_sentence_hostages_released_are_freed_by_whoever_held_them_not_the_police(nlp):
    events = _events(nlp, "Rebels released two hostages on Friday. Police said the hostages were well.")
    release = next(e for e in events if e.type == "RETREAT")
    assert release.actor == "rebel"


def test_sentence_what_an_act_is_for_is_its_reason_not_whom(nlp):
    events = _events(nlp, "Voters marched for democracy in the capital.")
    march = next(e for e in events if e.type == "PROTEST")
    assert march.recipient_text is None


def test_sentence_a_relative_pronoun_object_is_the_noun_it_stands_for(nlp):
    events = _events(nlp, "Police found the man whom the gang had kidnapped in May.")
    kidnapping = next(e for e in events if e.type == "ASSAULT")
    assert kidnapping.recipient_text == "the man"


def test_sentence_it_opening_a_sentence_goes_on_with_the_group_before(nlp):
    events = _events(nlp, "Pakistan's military said Indian shelling hit houses in the village of Chakothi. It accused "
                          "India of unprovoked targeting of civilians.")
    accusation = next(e for e in events if e.type == "ACCUSE")
    assert accusation.actor == "Pakistan military" and accusation.recipient == "India"


def test_sentence_this_is_an_attack_names_the_act_not_who_spoke_before(nlp):
    events = _events(nlp, "The government blamed the rebels for the blast at the fuel depot.\n\n"
                          '"This is a deliberate attack on our hospitals," the governor told reporters.')
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor != "government" and attack.actor_text != "The government"


def test_they_after_a_statement_go_on_with_the_people_it_named(nlp):
    text = ('A statement after a meeting in Cardiff said that Mr Hughes, the home secretary, Lady Evans, and police '
            'advisers had reviewed the attacks.\n\n"They condemned the killing of two guards at the depot."')
    article = Article(text=text, published="2026-01-02")
    events = extract(nlp(article.analysis_text()), article).events
    condemned = next(e for e in events if e.trigger == "condemned")
    assert condemned.actor == "Mr Hughes" and condemned.actor_text == "They"


def test_they_after_one_person_stay_unresolved(nlp):
    text = ('A statement said that Home Secretary Jane Hughes had reviewed the attacks.\n\n"They condemned the '
            'killing of two guards."')
    article = Article(text=text, published="2026-01-02")
    condemned = next(e for e in extract(nlp(article.analysis_text()), article).events if e.trigger == "condemned")
    assert condemned.actor != "Jane Hughes"


def test_a_name_after_in_is_where_the_victims_died_not_what_was_hit():
    """"Soldiers killed 13 protesters in Derry" (with no place label on "Derry"): the protesters."""
    words = ["Soldiers", "killed", "13", "protesters", "in", "Derry"]
    doc = parse(words, [1, 1, 3, 1, 1, 4], ["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj"],
                ["NOUN", "VERB", "NUM", "NOUN", "ADP", "PROPN"], lemmas=["soldier", "kill", "13", "protester", "in",
                                                                        "Derry"])
    assert _roles(doc, 1).recipient_token.text == "protesters"


def test_a_building_after_in_is_what_was_hit():
    words = ["Gunmen", "killed", "5", "people", "in", "a", "mosque"]
    doc = parse(words, [1, 1, 3, 1, 1, 6, 4], ["nsubj", "ROOT", "nummod", "dobj", "prep", "det", "pobj"],
                ["NOUN", "VERB", "NUM", "NOUN", "ADP", "DET", "NOUN"],
                lemmas=["gunman", "kill", "5", "people", "in", "a", "mosque"])
    assert _roles(doc, 1).recipient_token.text == "mosque"
