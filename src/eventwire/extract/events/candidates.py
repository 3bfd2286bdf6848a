"""Candidates: the trigger words of an article and what they become before roles are read.

- reads: the parsed document and the trigger lexicon (``lexicon/event_triggers.tsv``);
- writes: ``Candidate`` records (a trigger and its sense), one per event mention: words that are
  events only with a content ("refused to meet", not "refused to comment"), anaphoric mentions
  ("that strike") and words that only describe ("aid workers") are dropped; an expression of intent,
  request, refusal or threat absorbs the event it governs ("agreed to hold talks" is one AGREE);
  two triggers of one event in one clause ("a strike that killed five") become one candidate.
"""


from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from eventwire.extract.codes import QUAD_BY_TYPE
from eventwire.extract.events.candidate import (
    Candidate,
    beyond_a_semicolon,
    coordinated_partner,
    sentence_of,
    sentence_text,
)
from eventwire.extract.events.counts import (
    VIOLENT_TYPES,
)
from eventwire.extract.events.roles import NOT_ARGUMENT_ENTS, not_violence, prep_objects, subject_of
from eventwire.extract.events.speech import (
    accusations_in_speech,
    demands_in_speech,
    names_given,
    orders_given,
    threats_in_speech,
)
from eventwire.extract.lexicon.events import (
    MODE_OF_CONTENT,
    POS_CLASSES,
    Sense,
    cue,
    cue_positions,
    trigger_hits,
    trigger_senses,
)
from eventwire.nlp import doc_text

# --- candidates -------------------------------------------------------------------------------

DEMONSTRATIVES = frozenset({"that", "this", "these", "those", "such"})
COMPLEMENT_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "acl", "attr", "oprd", "pcomp", "advcl", "relcl", "compound"}
)
COOPERATIVE_TYPES = frozenset(t for t, q in QUAD_BY_TYPE.items() if q.endswith("cooperation"))


def _matched_candidates(doc: Doc) -> list[Candidate]:
    """Trigger words in the document: the longest pattern wins where patterns overlap."""
    senses = trigger_senses()
    best: dict[int, tuple[int, Candidate]] = {}
    for pattern, start, end in trigger_hits(doc):
        span = doc[start:end]
        root = span.root
        sense = _sense_for(senses[pattern], root)
        if sense is None:
            continue
        length = end - start
        previous = best.get(root.i)
        if previous is not None and previous[0] >= length:
            continue
        best[root.i] = (length, Candidate(root, start, end, sense, sense.type, sense.mode, list(sense.contexts)))
    # a longer pattern covering another trigger's word replaces it
    covered = {i for length, c in best.values() if length > 1 for i in range(c.start, c.end) if i != c.token.i}
    return [c for i, (_, c) in sorted(best.items()) if i not in covered]


# types the table of other senses covers (a protest only by its own word's rows:
# "soldiers marched", "gathered for a news conference")
OWN_ROWS_ONLY = frozenset({"PROTEST", "AID", "RETREAT"})
NOT_VIOLENCE_TYPES = VIOLENT_TYPES | {"SANCTION", "AGREE", "ACCUSE", "PROTEST", "AID", "RETREAT"}
NAME_ENTS = frozenset({"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "LOC"})
NEGATING_PREFIXES = frozenset({"anti", "non", "counter", "post", "pre"})


def _sense_for(options: Sequence[Sense], token: Token) -> Sense | None:
    if token.dep_ == "amod" and token.pos_ == "VERB":
        return None  # "alleged", "sanctioned oil", "designated terrorist organizations"
    if token.ent_type_ in NOT_ARGUMENT_ENTS or token.ent_type_ in NAME_ENTS:
        return None  # "March" the month, "Amnesty International" the organization
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ in NEGATING_PREFIXES:
        return None  # "anti-riot police", "counter-attack" is handled as its own word
    fitting = [s for s in options if token.pos_ in POS_CLASSES[s.pos]]
    return max(fitting, key=lambda s: s.weight) if fitting else None


def _has_content(token: Token, candidates_at: dict[int, Candidate], type_: str = "") -> bool:
    """Whether a 'need' trigger governs an event or a content noun (not a verb of speaking);
    a request may ask for any act ("asked Beijing to use its influence")."""
    speech, content = cue("speech"), cue("content") | cue(f"content_{type_.lower()}")
    if type_ == "REJECT" and _bare_refusal(token):
        return True
    if type_ == "REQUEST" and any(
        ch.dep_ == "xcomp" and ch.pos_ == "VERB" and ch.lemma_.lower() not in speech for ch in token.children
    ):
        return True
    if any(ch.dep_ == "xcomp" and ch.lemma_.lower() in speech for ch in token.children):
        # "refused to respond to a demand" is a rejection, "declined to comment on their plans" is not
        return any(
            t.lemma_.lower() in cue("answerable") and t.pos_ in ("NOUN", "PROPN")
            for t in _complement_tokens(token, depth=4)
        )
    for child in _complement_tokens(token, depth=3):
        if child.i in candidates_at:
            return child.lemma_.lower() not in speech
        lemma = child.lemma_.lower()
        if child.pos_ in ("NOUN", "PROPN") and lemma in content:
            return True
    return False


def _bare_refusal(token: Token) -> bool:
    """"She and five other staffers refused.": a refusal with a subject and nothing refused names
    no content, so it answers what came before (not "refused comment", "refused to say")."""
    children = list(token.children)
    return (token.pos_ == "VERB" and any(ch.dep_ == "nsubj" for ch in children)
            and not any(ch.dep_ in _COMPLEMENT_DEPS for ch in children))


_COMPLEMENT_DEPS = frozenset({"dobj", "obj", "xcomp", "ccomp", "prep", "dative", "attr", "advcl", "acomp", "conj"})


def _told_beside(clause: Token) -> bool:
    """A clause the parser hangs below a verb it is only told beside (no content of that verb)."""
    return coordinated_partner(clause) is not None or beyond_a_semicolon(clause)


def _complement_tokens(token: Token, depth: int) -> Iterable[Token]:
    """Tokens the trigger governs as its content (breadth first, a few levels down)."""
    frontier = [token]
    for _ in range(depth):
        next_frontier: list[Token] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in COMPLEMENT_DEPS and not _told_beside(child):
                    yield child
                    next_frontier.append(child)
        frontier = next_frontier


def _is_anaphoric(token: Token) -> bool:
    """'that strike', 'the same attack': a mention of an event already told."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in DEMONSTRATIVES) or (c.dep_ == "amod" and c.lower_ == "same")
        for c in token.children
    )


LABOUR_STRIKE = Sense("strike", "N", "PROTEST", "boycott", (), False, False, False, False, 0.75)
JOINT_ACTION = Sense("joint", "N", "COOPERATE", None, ("military",), False, False, False, False, 0.75)
COMPLAINT = Sense("protest", "N", "ACCUSE", "allege", ("diplomatic",), False, False, False, False, 0.75)
ABDUCTION = Sense("abduct", "V", "ASSAULT", "abduct", (), False, False, False, False, 0.8)
BATON_CHARGE = Sense("charge", "V", "ASSAULT", "beat", (), False, False, False, False, 0.75)
ASSETS_BLOCKED = Sense("block", "V", "SANCTION", "discontinue", ("economic",), False, False, False, False, 0.75)
MISSION_WITHDRAWN = Sense("withdraw", "V", "SANCTION", "expel", ("diplomatic",), False, False, False, False, 0.75)
PEACEKEEPING = Sense("deploy", "V", "AID", None, ("peacekeeping",), False, False, False, False, 0.75)
RELIEF_HANDED = Sense("hand over", "A", "AID", None, ("humanitarian",), False, False, False, False, 0.7)
TIES_FORMED = Sense("establish", "V", "SUPPORT", None, ("diplomatic",), False, False, False, False, 0.7)
PROTEST_ALLOWED = Sense("allow", "V", "CONCEDE", None, ("rights_freedoms",), False, False, False, False, 0.65)
SENT_TO_INVESTIGATE = Sense("investigate", "V", "ACCUSE", "investigate", (), False, False, False, False, 0.7)
VERBAL_PROTEST = Sense("protest", "V", "ACCUSE", "allege", (), False, False, False, False, 0.7)
SEIZING_VERBS = frozenset({"seize", "capture", "grab", "snatch", "take"})


def _takes_captives(verb: Token) -> bool:
    """What is seized is people ("seized hostages", "captured two aid workers"), not things or land."""
    captives = cue("captive")
    for obj in (ch for ch in verb.children if ch.dep_ in ("dobj", "nsubjpass")):
        noun = obj
        if obj.dep_ == "dobj" and obj.lower_ in ("hundreds", "dozens", "scores", "thousands"):
            noun = next((g.children.__next__() for g in obj.children if g.dep_ == "prep" and g.lower_ == "of"
                         and any(True for _ in g.children)), obj)
        if noun.lemma_.lower() in captives:
            return True
    return False


MILITARY_WORDS = frozenset({"air", "missile", "drone", "kinetic", "military", "airstrike", "bomb", "rocket"})


def _civic_strike(strike: Token) -> bool:
    """A strike that lasts a stated time or is called: "a 48-hour strike", "called a general strike",
    "an opposition-called strike" (a military strike is neither)."""
    lengths = cue("strike_length")
    for child in strike.children:
        if child.lemma_.lower() in lengths and any(g.dep_ == "nummod" for g in child.children):
            return True
        if child.dep_ == "amod" and child.lemma_.lower() == "call":
            return True
    return strike.dep_ == "dobj" and strike.head.lemma_.lower() == "call"


def _retype(c: Candidate) -> None:
    """Senses that depend on the company a word keeps: a workers' strike, a lodged protest."""
    lemma = c.token.lemma_.lower()
    if lemma == "strike" and c.token.pos_ in ("NOUN", "PROPN") and c.type == "ASSAULT":
        words = {t.lemma_.lower() for t in sentence_of(c.token)}
        if (words & cue("labour") or _civic_strike(c.token)) and not words & MILITARY_WORDS:
            c.sense, c.type, c.mode = LABOUR_STRIKE, "PROTEST", "boycott"
    elif lemma == "protest" and c.token.pos_ == "NOUN" and c.token.head.lemma_.lower() in cue("complaint"):
        c.sense, c.type, c.mode = COMPLAINT, "ACCUSE", "allege"
    elif lemma in SEIZING_VERBS and c.type == "COERCE" and _takes_captives(c.token):
        c.sense, c.type, c.mode = ABDUCTION, "ASSAULT", "abduct"  # "seized hundreds of hostages"
    elif c.type in ("MOBILIZE", "ASSAULT") and any(
        ch.dep_ == "amod" and ch.lower_ == "joint" for ch in c.token.children
    ):
        c.sense, c.type, c.mode = JOINT_ACTION, "COOPERATE", None  # "joint naval patrols", "joint operation"
    elif lemma == "charge" and c.token.pos_ == "VERB" and _charged_bodily(c.token):
        c.sense, c.type, c.mode = BATON_CHARGE, "ASSAULT", "beat"  # "officers charged the crowd with batons"
    elif lemma == "block" and c.type == "PROTEST" and _holdings_of(c.token):
        c.sense, c.type, c.mode = ASSETS_BLOCKED, "SANCTION", "discontinue"  # "their property ... is blocked"
    else:
        _retype_by_what_moves(c)


def _charged_bodily(verb: Token) -> bool:
    """"Officers charged the crowd with batons", "police charged at the protesters": a charge at a
    crowd or with a weapon is a baton charge, not a charge in law ("charged him with murder")."""
    weapons = cue("weapon") | cue("munition")
    crowd = any(ch.dep_ in ("dobj", "obj") and ch.lemma_.lower() in cue("protest_crowd") for ch in verb.children)
    armed = any(o.lemma_.lower() in weapons for o in prep_objects(verb, frozenset({"with"})))
    rushed = any(ch.dep_ == "prep" and ch.lower_ in ("at", "into") for ch in verb.children)
    return crowd or armed or rushed


def _retype_by_what_moves(c: Candidate) -> None:
    """Senses that depend on who or what is sent, withdrawn or handed over (CAMEO's codebook): a
    mission withdrawn is a sanction (166), peacekeepers deployed are aid (074), relief goods handed
    over are aid (07); a protest told with what was said is a complaint, not a demonstration."""
    if c.type == "RETREAT" and c.mode == "withdraw" and _moved(c.token, cue("mission_staff")):
        c.sense, c.type, c.mode = MISSION_WITHDRAWN, "SANCTION", "expel"  # "will withdraw its inspectors"
    elif c.type == "MOBILIZE" and _moved(c.token, cue("peacekeeping")):
        c.sense, c.type, c.mode = PEACEKEEPING, "AID", None  # "the deployment of UN peacekeepers"
    elif c.sense.pattern == "hand over" and c.type == "RETREAT" and _moved(c.token, cue("relief")):
        c.sense, c.type, c.mode = RELIEF_HANDED, "AID", None  # "handed over two tonnes of medicine"
    elif c.token.lemma_.lower() == "protest" and c.token.pos_ == "VERB" and _says_what(c.token):
        c.sense, c.type, c.mode = VERBAL_PROTEST, "ACCUSE", "allege"  # "the rights were ignored, the group protested"
    elif c.token.lemma_.lower() in SENDING_VERBS and _sent_to_investigate(c.token):
        c.sense, c.type, c.mode = SENT_TO_INVESTIGATE, "ACCUSE", "investigate"  # "sent experts to investigate" (09)
    elif c.type == "COOPERATE" and _forms_ties(c.token):
        c.sense, c.type, c.mode = TIES_FORMED, "SUPPORT", None  # "established diplomatic ties" (CAMEO 054)
    elif c.type == "RETREAT" and c.mode == "access" and _lets_protest(c.token):
        c.sense, c.type, c.mode = PROTEST_ALLOWED, "CONCEDE", None  # "allowed the opposition to hold a rally" (0811)


SENDING_VERBS = frozenset({"send", "dispatch"})


def _sent_to_investigate(verb: Token) -> bool:
    """"Sent a team to Bosnia to investigate the shelling": people sent to investigate are the
    investigation (CAMEO 09), not aid or a deployment."""
    senses = trigger_senses()
    return any(ch.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
               and any(s.mode == "investigate" for s in senses.get(ch.lemma_.lower(), ()))
               for ch in verb.children)


TIES_VERBS = frozenset({"establish", "upgrade"})


def _forms_ties(verb: Token) -> bool:
    """"Established diplomatic ties", "upgraded their relations": diplomatic recognition (CAMEO 054;
    CAMEO's verb dictionary codes both as support). "Restored ties" stays cooperation: the
    PETRARCH2 unit records code it so (064), against that dictionary (050)."""
    return verb.lemma_.lower() in TIES_VERBS and any(
        ch.dep_ == "dobj" and ch.lemma_.lower() in cue("ties") for ch in verb.children)


ALLOWED_ACT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "nsubj"})


def _lets_protest(verb: Token) -> bool:
    """"Allowed the opposition to hold a rally": what is allowed is a protest, so a restriction on
    dissent is eased (a concession), not outsiders let in ("allowed inspectors to return")."""
    frontier, found = [verb], []
    for _ in range(2):
        frontier = [ch for node in frontier for ch in node.children if ch.dep_ in ALLOWED_ACT_DEPS]
        found.extend(frontier)
    senses = trigger_senses()
    return any(s.type == "PROTEST" for t in found for s in senses.get(t.lemma_.lower(), ()))


def _moved(trigger: Token, words: frozenset[str]) -> bool:
    """What the trigger moves (its object, passive subject or "of" object: "withdraw its
    peacekeeping force", "the deployment of NATO peacekeepers") is named with one of ``words``."""
    held = [ch for ch in trigger.children if ch.dep_ in ("dobj", "obj", "nsubjpass")]
    held += [g for ch in trigger.children if ch.dep_ == "prep" and ch.lower_ == "of" for g in ch.children
             if g.dep_ == "pobj"]
    held += [g for h in list(held) if h.lower_ in QUANTITY_HEADS for ch in h.children if ch.lower_ == "of"
             for g in ch.children if g.dep_ == "pobj"]  # "700 kg of medicine", "tons of food"
    return any(t.lemma_.lower() in words for h in held for t in h.doc[h.left_edge.i:h.i + 1])


QUANTITY_HEADS = frozenset({"kg", "kilograms", "tonnes", "tons", "tonne", "ton", "truckloads", "boxes", "packages",
                            "consignment", "shipment", "batch", "hundreds", "thousands", "dozens"})


def _says_what(verb: Token) -> bool:
    """"The opposition protested that the vote was rigged": a protest whose clause tells what was
    said is a verbal complaint (a "that" clause, or the clause it closes: :func:`_closes_a_report`)."""
    return any(ch.dep_ == "ccomp" for ch in verb.children) or _closes_a_report(verb)


REPORT_TAIL_DEPS = frozenset({"advmod", "npadvmod", "prep", "punct"})


def _closes_a_report(verb: Token) -> bool:
    """"The authorities are failing the refugees, a rights group protested on Wednesday": the verb
    and its speaker close the sentence after a comma (the parser hangs them on the clause before),
    with nothing after them but when and where; a relative or adverbial clause ("students, who
    protested", "as thousands protested") and a coordinated one are acts of their own."""
    if verb.dep_ not in ("acl", "parataxis", "ccomp") or any(ch.dep_ == "mark" for ch in verb.children):
        return False
    speaker = verb.head if verb.dep_ == "acl" else next((ch for ch in verb.children if ch.dep_ == "nsubj"), None)
    if speaker is None or speaker.left_edge.i == 0 or verb.doc[speaker.left_edge.i - 1].text != ",":
        return False
    tail = [ch for ch in verb.children if ch.i > verb.i]
    return sentence_of(verb).root.i < speaker.i and all(ch.dep_ in REPORT_TAIL_DEPS for ch in tail)


def _holdings_of(verb: Token) -> bool:
    """"All property and interests in property of these persons are blocked": what is blocked is
    money or property (an asset freeze), not a road."""
    held = [ch for ch in verb.children if ch.dep_ in ("dobj", "obj", "nsubjpass")]
    return any(t.lemma_.lower() in cue("holdings") for h in held for t in h.subtree)


MODIFIED_NOUNS = frozenset({
    "warrant", "leader", "group", "official", "agency",  # who or what the event word describes
    "allegation", "accusation", "charge", "case", "trial", "suspect", "survivor", "plot", "rifle",
    "helicopter", "dog", "drill", "exercise", "scene", "anniversary", "memorial", "victim", "seeker",
    "pattern", "mode", "style", "technique", "capability",  # "their attack patterns" in a game review
    "note", "letter",  # "summoned the envoy to deliver a protest note": the summons, not a protest
    "gear", "shield", "van", "squad", "unit",  # "riot gear", "a riot squad": police equipment and units
})


def _drop_modifier_nouns(candidates: list[Candidate]) -> list[Candidate]:
    """'aid workers', 'protest leaders', 'an arrest warrant', 'a rape allegation', 'a murder trial',
    'assault rifles': an event noun that only describes people, a paper, a case or a thing names no
    event (the case or trial is news of its own, the crime is told elsewhere or is background)."""
    people = cue("person") | MODIFIED_NOUNS
    return [c for c in candidates if not (_compound_word(c.token) and _phrase_head(c.token).lemma_.lower() in people)
            and not _a_genre_label(c.token)]


def _a_genre_label(token: Token) -> bool:
    """"PRESS RELEASE", "a news release": the name of a kind of text, not a release of anyone."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        ch.dep_ == "compound" and ch.lower_ in cue("genre") for ch in token.children)


def _compound_word(token: Token) -> bool:
    return token.dep_ == "compound" and token.pos_ in ("NOUN", "PROPN")


def _phrase_head(token: Token) -> Token:
    """The noun a chain of modifiers describes: 'riot squad officers' -> officers."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token


NAMED_THING_ENTS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "PERSON"})
NOT_NAME_ENTS = frozenset({"GPE", "NORP", "DATE", "TIME", "LOC", "EVENT"})  # "Israeli Strike", "Monday Attack"


def _part_of_a_name(token: Token) -> bool:
    """'trashed a Rite Aid', 'Christian Aid said', 'Attack on Titan': a capitalized word inside the
    name of a company, a building, a work or a person names no event (the tagger does not always
    see the name: two capitalized words in a row inside a sentence written in lower case are one)."""
    if not token.is_title or token.is_sent_start:
        return False
    if token.ent_type_ in NAMED_THING_ENTS:
        return True
    doc = token.doc
    beside = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    if not any(t.is_title and not t.is_sent_start and t.ent_type_ not in NOT_NAME_ENTS for t in beside)\
            and not _named_for(token):
        return False
    words = [t for t in sentence_of(token) if t.is_alpha]
    return sum(t.is_title for t in words) * 2 < len(words)  # not a headline in title case


def _named_for(token: Token) -> bool:
    """"Group for the Support of Islam and Muslims", "Front for the Liberation of ...": a capitalized
    word after "for the" hung on a capitalized name is part of a body's name."""
    prep = token.head
    owner = prep.head
    return (token.dep_ == "pobj" and prep.lower_ == "for" and owner.is_title and not owner.is_sent_start
            and any(ch.dep_ == "det" and ch.lower_ == "the" for ch in token.children))


def _danger_in_general(token: Token) -> bool:
    """"Counter the threat of terrorism", "amid the threat of war": a danger in general, with no one
    making it, is no threat as an act."""
    if token.pos_ != "NOUN" or any(ch.dep_ == "poss" for ch in token.children):
        return False
    of = [g for ch in token.children if ch.dep_ == "prep" and ch.lower_ == "of" for g in ch.children]
    return any(g.lemma_.lower() in cue("generic_danger") for g in of)


DEGREE_ADVERBS = frozenset({"most", "more", "very", "so", "quite", "particularly", "pretty", "too", "less", "least"})


def _a_quality(token: Token) -> bool:
    """"The most striking design yet", "a very arresting image": an adjective of degree describes."""
    return token.pos_ == "ADJ" and any(ch.dep_ == "advmod" and ch.lower_ in DEGREE_ADVERBS for ch in token.children)


def _comes_back(c: Candidate) -> bool:
    """"The worker returned minutes later with a handgun": someone coming back returns nothing (a
    return is of prisoners, bodies, land or ships)."""
    token = c.token
    return c.mode == "return" and token.pos_ == "VERB" and not any(
        ch.dep_ in ("dobj", "obj", "nsubjpass") for ch in token.children)


def _kept_as_patients(c: Candidate) -> bool:
    """"Ninety people were detained in hospital": with no one detaining them, people kept in a
    hospital are patients, not prisoners ("police detained him in a hospital" stays an arrest)."""
    token = c.token
    children = list(token.children)
    return (c.type == "COERCE" and token.lemma_.lower() in ("detain", "keep", "hold")
            and any(ch.dep_ == "nsubjpass" for ch in children) and not any(ch.dep_ == "agent" for ch in children)
            and any(ch.dep_ == "prep" and ch.lower_ == "in" and any(g.lemma_.lower() in cue("care_place")
                                                                    for g in ch.children) for ch in children))


def _goes_off_harmlessly(c: Candidate) -> bool:
    """"Some 20 bombs went off across the city" is an explosion, "the fire alarm went off" is not:
    a thing that goes off is an attack only when it is a device or a weapon."""
    if c.sense.pattern != "go off":
        return False
    devices = cue("device") | cue("weapon")
    subjects = [ch for ch in c.token.children if ch.dep_ in ("nsubj", "nsubjpass")]
    return not any(s.lemma_.lower() in devices for s in subjects)


SUBHEADING_MAX_WORDS = 6


def _a_subheading(token: Token) -> bool:
    """"Car bombs", "Collapsed ceasefire" on a line of its own inside a story, between paragraphs: a section's
    heading names what the text below it tells and tells nothing itself (the story's first line,
    its headline, is kept; so is a line with a verb, "Police arrest two", and a bulleted item,
    "* 2014 Kabul airport bombing", which names an event of its own)."""
    sent = sentence_of(token)
    text = doc_text(token.doc)
    line = sentence_text(token).rstrip()
    start, end = sent.start_char, sent.start_char + len(line)
    if text[start - 1:start] != "\n" or text[end:end + 1] not in ("\n", "") or not text[:start].strip():
        return False
    if line.endswith((".", "?", "!", ":", '"')) or not sent[0].is_alpha:
        return False
    return (sum(1 for t in sent if t.is_alpha) <= SUBHEADING_MAX_WORDS
            and not any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in sent))


PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj", "poss", "appos", "conj", "attr"})
PARTY_TYPES = frozenset({"ACCUSE", "COERCE"})  # "the wounded" is a toll, read by the casualty rules


def _names_a_party(c: Candidate) -> bool:
    """"The accused knowingly aided a terrorist group", "the detained were moved": a participle used
    as a noun names the person a charge or arrest was about, not a new charge or arrest."""
    token = c.token
    return (c.type in PARTY_TYPES and token.tag_ in ("VBN", "JJ") and token.dep_ in PARTY_DEPS
            and any(ch.dep_ == "det" and ch.lower_ == "the" for ch in token.children)
            and all(ch.dep_ in ("det", "punct", "case") for ch in token.children))


def _filter(candidates: list[Candidate]) -> list[Candidate]:
    candidates = [c for c in _drop_modifier_nouns(candidates)
                  if not _part_of_a_name(c.token) and not _a_quality(c.token) and not _comes_back(c)
                  and not _names_a_party(c)
                  and not _kept_as_patients(c) and not _goes_off_harmlessly(c) and not _a_subheading(c.token)
                  and not (c.type == "THREATEN" and _danger_in_general(c.token))]
    for c in candidates:
        _retype(c)
    fresh = [c for c in candidates if not _is_anaphoric(c.token)
             and not (c.type in NOT_VIOLENCE_TYPES and not_violence(c.token, c.type not in OWN_ROWS_ONLY))]
    at = {c.token.i: c for c in fresh}
    return [c for c in fresh if (not c.sense.need or _has_content(c.token, at, c.type)) and not _only_a_claim(c, at)]


CLAIM_TYPES = frozenset({"CONCEDE", "AGREE"})


def _addressee(obj: Token) -> bool:
    """"Promised Venezuelans", "promised them": to whom, not what."""
    if obj.dep_ not in ("dobj", "dative"):
        return False
    return obj.pos_ == "PRON" or obj.ent_type_ in ("NORP", "PERSON", "GPE") or obj.lemma_.lower() in cue("addressee")


def _only_a_claim(c: Candidate, at: dict[int, Candidate]) -> bool:
    """"Perez conceded that the country is short of medicine", "promised Venezuelans that the
    assembly will bring stability": a "that" clause with no act in it is a statement of fact or
    hope, not a concession or a commitment ("agreed that talks will resume" names talks)."""
    token = c.token
    if c.type not in CLAIM_TYPES or token.pos_ != "VERB":
        return False
    if any(ch.dep_ in ("dobj", "xcomp", "prep") and not _addressee(ch) for ch in token.children):
        return False  # "conceded defeat", "agreed to withdraw", "agreed on a ceasefire"
    clauses = [ch for ch in token.children if ch.dep_ == "ccomp"]
    return bool(clauses) and not any(t.i in at for cl in clauses for t in cl.subtree)


TOPIC_PREPS = frozenset({"about", "on", "regarding", "over", "concerning", "for", "of"})


def _absorb_topics(candidates: list[Candidate]) -> list[Candidate]:
    """'talks on a trade agreement', 'discussing an accord': the noun is what the talks are about."""
    at = {c.token.i: c for c in candidates}
    gone: set[int] = set()
    for c in candidates:
        if c.type != "CONSULT" or c.token.i in gone:
            continue
        for node in _complement_tokens(c.token, depth=3):
            inner = at.get(node.i)
            if inner is None or inner is c or node.pos_ not in ("NOUN", "PROPN"):
                continue
            via_prep = node.dep_ == "pobj" and node.head.lower_ in TOPIC_PREPS
            if via_prep or (node.dep_ in ("dobj", "obj") and node.head.i == c.token.i):
                c.contexts.extend(x for x in inner.contexts if x not in c.contexts)
                gone.add(node.i)
    return [c for c in candidates if c.token.i not in gone]


# --- absorbing contents and merging mentions --------------------------------------------------


def _absorb(candidates: list[Candidate]) -> list[Candidate]:
    """Fold the events that an intent/request/refusal/threat governs into it."""
    at = {c.token.i: c for c in candidates}
    absorbed: set[int] = set()
    for outer in candidates:
        if not outer.sense.absorb or outer.token.i in absorbed:
            continue
        for node in _complement_tokens(outer.token, depth=4):
            inner = at.get(node.i)
            if inner is None or inner is outer or node.i in absorbed:
                continue
            if _path_crosses_absorber(node, outer.token, at) or _beside_what_it_governs(node, outer.token):
                continue
            outer.absorbed.append(inner)
            absorbed.add(node.i)
            for conj in (ch for ch in node.children if ch.dep_ == "conj" and ch.i in at and ch.i not in absorbed
                         and coordinated_partner(ch) is None):
                outer.absorbed.append(at[conj.i])  # "threatening to assault and murder an official"
                absorbed.add(conj.i)
        if outer.absorbed:
            _adapt_to_content(outer)
    return [c for c in candidates if c.token.i not in absorbed]


def _beside_what_it_governs(node: Token, outer: Token) -> bool:
    """"riot police fired tear gas and charged hundreds of farmers, arresting 31 people": a participle
    told after the act, with no word of its own tying it in, is an act of its own, not what the
    charge, demand or threat is about."""
    head = node
    while head.i != outer.i and head.i != head.head.i:
        if head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.i == outer.i and not any(
                ch.dep_ == "mark" for ch in head.children):
            return True
        head = head.head
    return False


def _path_crosses_absorber(node: Token, outer: Token, at: dict[int, Candidate]) -> bool:
    head = node.head
    while head.i != outer.i and head.i != head.head.i:
        between = at.get(head.i)
        if between is not None and between.sense.absorb:
            return True
        head = head.head
    return False


def _adapt_to_content(outer: Candidate) -> None:
    """Type and mode of an intent, request or refusal from what it is about."""
    inner = outer.absorbed[0]
    inner_types = [inner.type, *(m.type for m in inner.merged)]
    if outer.sense.polar:
        outer.type = "AGREE" if inner.type in COOPERATIVE_TYPES else "THREATEN"
    if outer.type == "REQUEST" and inner.type == "SUPPORT" and _backs_a_third_party(inner.token):
        outer.type = "SUPPORT"  # "urged the EU to support the PLO": rallying support for another (CAMEO 053)
    if outer.type in ("REQUEST", "REJECT", "THREATEN") and outer.mode is None:
        outer.mode = MODE_OF_CONTENT.get((outer.type, inner_types[0]))
    for a in outer.absorbed:
        outer.contexts.extend(x for x in a.contexts if x not in outer.contexts)


def _backs_a_third_party(support: Token) -> bool:
    """"To support the PLO": the support asked for is given to a named party, not to the asker
    ("urged voters to support him") nor to a thing ("to support the reform bill")."""
    return support.pos_ == "VERB" and any(
        ch.dep_ in ("dobj", "obj") and ch.ent_type_ in PARTY_ENTS for ch in support.children)


PARTY_ENTS = frozenset({"ORG", "GPE", "NORP", "PERSON"})


MERGE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "relcl", "acl", "dobj", "pobj", "prep", "agent", "advcl", "xcomp", "pcomp", "compound"}
)


TEMPORAL_MARKS = frozenset({"after", "before"})  # "since" opens the span of a running total: one event
# a condition is another party's act: "will withdraw its troops unless the rebels agree a ceasefire"
CONDITION_MARKS = frozenset({"unless", "if"})


def _merge_same_event(candidates: list[Candidate]) -> list[Candidate]:
    """Two triggers of the same type linked by subordination (not coordination) are one event."""
    at = {c.token.i: c for c in candidates}
    gone: set[int] = set()
    for c in candidates:
        if c.token.i in gone:
            continue
        for other in _linked(c.token, at, hops=3):
            o = at[other.i]
            if o.token.i in gone or o.type != c.type or o is c:
                continue
            keeper, dropped = _keeper(c, o)
            keeper.merged.append(dropped)
            gone.add(dropped.token.i)
            if keeper is not c:
                break
    return [c for c in candidates if c.token.i not in gone]


def _sequenced(clause: Token) -> bool:
    """A clause set before or after its head's in time ("a week after a strike killed three") or
    set as its condition ("unless the rebels agree a ceasefire"): another event."""
    marks = TEMPORAL_MARKS | CONDITION_MARKS
    return clause.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ in marks for ch in clause.children)


def _linked(token: Token, at: dict[int, Candidate], hops: int) -> list[Token]:
    """Trigger tokens reachable through subordinating edges (either direction)."""
    found: list[Token] = []
    seen = {token.i}
    frontier = [token]
    for _ in range(hops):
        nxt: list[Token] = []
        for node in frontier:
            neighbours = [ch for ch in node.children if ch.dep_ in MERGE_DEPS and not _sequenced(ch)]
            if node.dep_ in MERGE_DEPS and node.head.i != node.i and not _sequenced(node):
                neighbours.append(node.head)
            for n in neighbours:
                if n.i in seen or n.lemma_.lower() in cue("report"):
                    continue
                seen.add(n.i)
                nxt.append(n)
                if n.i in at:
                    found.append(n)
        frontier = nxt
    return found


def _keeper(a: Candidate, b: Candidate) -> tuple[Candidate, Candidate]:
    """The mention that names the event best: a noun over a weak verb, else the stronger word; never
    a noun told inside the verb's content ("urged the authorities to guarantee a fair appeal")."""
    if _in_content_of(a.token, b.token):
        return b, a
    if _in_content_of(b.token, a.token):
        return a, b

    def rank(c: Candidate) -> tuple[float, int]:
        noun_bonus = 0.1 if c.token.pos_ in ("NOUN", "PROPN") else 0.0
        return (c.sense.weight - (0.3 if c.sense.weak else 0.0) + noun_bonus, -c.token.i)

    return (a, b) if rank(a) >= rank(b) else (b, a)


def _in_content_of(noun: Token, verb: Token) -> bool:
    """A noun inside the infinitive or clause a verb governs (what was urged, said or agreed)."""
    if noun.pos_ not in ("NOUN", "PROPN") or verb.pos_ != "VERB":
        return False
    node = noun
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
    return node.head.i == verb.i and node.dep_ in ("xcomp", "ccomp")


def _drop_light_triggers(candidates: list[Candidate]) -> list[Candidate]:
    """'imposed sanctions', 'signed an agreement': the noun is the event, the verb only carries it."""
    at = {c.token.i: c for c in candidates}
    light = cue("light")
    gone: set[int] = set()
    for c in candidates:
        if c.token.pos_ != "VERB" or c.token.lemma_.lower() not in light or c.sense.absorb:
            continue
        if any(ch.dep_ in ("dobj", "obj") and ch.i in at for ch in c.token.children):
            gone.add(c.token.i)
    return [c for c in candidates if c.token.i not in gone]


STAND_DOWN_TYPES = frozenset({"RETREAT", "CONCEDE"})


def _orders_to_stand_down(candidates: list[Candidate]) -> list[Candidate]:
    """"The general ordered troops to withdraw from the town": forces ordered to pull back are not
    mobilised; the withdrawal is the act (not "ordered troops to the area")."""
    at = {t.i: c for c in candidates for t in c.tokens}
    return [c for c in candidates if not (
        c.type == "MOBILIZE" and c.token.lemma_.lower() == "order" and any(
            ch.dep_ in ("xcomp", "ccomp") and ch.i in at and at[ch.i].type in STAND_DOWN_TYPES
            for ch in c.token.children))]


def _vowed_reprisals(candidates: list[Candidate]) -> None:
    """"Budapest vows response", "promised retaliation": an intent whose object is a reprisal is
    a threat (``reprisal`` in ``lexicon/event_cues.tsv``)."""
    for c in candidates:
        if c.sense.polar and not c.absorbed and any(
                ch.dep_ in ("dobj", "obj") and ch.lemma_.lower() in cue("reprisal") for ch in c.token.children):
            c.type = "THREATEN"


EXPELLING_VERBS = frozenset({"order", "tell", "instruct", "give", "ask"})


def _expulsions_ordered(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """"Poland ordered a Hungarian diplomat to leave the country within 72 hours", "gave him 48 hours to
    leave the country": ordering someone out of the country is expelling them (SANCTION, CAMEO 1663)."""
    taken = {t.i for c in candidates for t in c.tokens}
    found = []
    for leave in (doc[i] for i in cue_positions(doc, "leave_form") if doc[i].dep_ in ("xcomp", "advcl")):
        order = leave.head
        left = next((ch for ch in leave.children if ch.dep_ in ("dobj", "obj")), None)
        told = next((ch for ch in order.children if ch.dep_ in ("dobj", "dative")), None)
        if left is None or left.lemma_.lower() not in cue("homeland") or order.lemma_.lower() not in EXPELLING_VERBS:
            continue
        if order.i in taken or told is None or any(ch.dep_ == "poss" for ch in told.children):
            continue  # "told their citizens to leave the country": an advisory to one's own
        if (actor := subject_of(order)) is None:
            continue
        sense = trigger_senses()["expel"][0]
        expel = Candidate(order, order.i, order.i + 1, sense, "SANCTION", "expel", ["diplomatic"])
        expel.actor_token, expel.recipient_token, expel.fixed_roles = actor, told, True
        found.append(expel)
    return candidates + found


PHONE_CALL = Sense("speak", "V", "CONSULT", "phone", ("diplomatic",), False, False, False, False, 0.75)
CALL_LINES = frozenset({"phone", "telephone", "video", "videoconference", "line"})
CALL_PREPS = frozenset({"by", "over", "on", "via"})


def _calls_by_phone(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """"Rutte spoke with President Nauseda by phone on Thursday": speaking with someone by phone is a
    call (CONSULT), not "spoke to reporters"."""
    taken = {t.i for c in candidates for t in c.tokens}
    found = []
    for verb in (doc[i] for i in cue_positions(doc, "call_speech") if doc[i].pos_ == "VERB" and i not in taken):
        if not any(o.lemma_.lower() in CALL_LINES for o in prep_objects(verb, CALL_PREPS)):
            continue
        other = next(iter(prep_objects(verb, frozenset({"with", "to"}))), None)
        if other is None or (actor := subject_of(verb)) is None:
            continue
        call = Candidate(verb, verb.i, verb.i + 1, PHONE_CALL, "CONSULT", "phone", ["diplomatic"])
        call.actor_token, call.recipient_token, call.fixed_roles = actor, other, True
        found.append(call)
    return candidates + found


def _effects_of_attacks(candidates: list[Candidate]) -> list[Candidate]:
    """"Missiles struck energy facilities, cutting power to thousands of homes", "has blockaded several
    towns, cutting supplies": a weak word of cutting told as what an attack or a blockade did is its
    effect, not a sanction of its own."""
    attacks = {c.token.i for c in candidates if c.token.pos_ == "VERB" and (
        c.type == "ASSAULT" or (c.type, c.mode) == ("COERCE", "restrict"))}
    return [c for c in candidates if not (
        c.type == "SANCTION" and c.sense.weak and c.token.tag_ == "VBG" and c.token.dep_ == "advcl"
        and c.token.head.i in attacks)]


def _spoils_of_attacks(candidates: list[Candidate]) -> list[Candidate]:
    """"Attacked the convoy, destroying several vehicles and seizing weapons": what attackers took
    as they attacked is part of the attack, not a seizure of its own (people taken are not spoils)."""
    attacks = {c.token.i for c in candidates if c.type == "ASSAULT" and c.token.pos_ == "VERB"}
    return [c for c in candidates if not (
        c.type == "COERCE" and c.mode == "seize" and _a_participle_of(c.token, attacks) and not _takes_people(c.token))]


def _takes_people(verb: Token) -> bool:
    return any(ch.dep_ in ("dobj", "obj") and (ch.ent_type_ in ("PERSON", "NORP") or ch.lemma_.lower() in cue("person"))
               for ch in verb.children)


SANCTION_DETAILS = frozenset({("COERCE", "ban"), ("COERCE", "seize")})  # what sanctions do: ban travel, freeze


def _details_of_sanctions(candidates: list[Candidate]) -> list[Candidate]:
    """"Imposed sanctions on five people, freezing their assets and banning them from travel": the
    participles tell what the sanctions do, not acts of their own."""
    verbs = {(c.token.head if c.token.dep_ in ("dobj", "obj") else c.token).i for c in candidates
             if c.type == "SANCTION"}
    return [c for c in candidates if not ((c.type, c.mode) in SANCTION_DETAILS or c.type == "SANCTION")
            or not _a_participle_of(c.token, verbs)]


def _a_participle_of(token: Token, verbs: set[int]) -> bool:
    """A participle clause inside one of the verbs' clauses, or a conjunct of one ("freezing ... and
    banning")."""
    if token.tag_ != "VBG":
        return False
    node = token.head if token.dep_ == "conj" and token.head.tag_ == "VBG" else token
    return node.dep_ == "advcl" and any(a.i in verbs for a in node.ancestors)  # the parser may hang it lower


CARRIED_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "REJECT"})  # acts a call or letter carries


def _calls_that_carry_an_act(candidates: list[Candidate]) -> list[Candidate]:
    """"The family received a phone call demanding 300,000 dollars", "a letter threatening the
    judge": the call is how the demand came, not talks of its own."""
    carried = {c.token.i for c in candidates if c.type in CARRIED_TYPES}
    return [c for c in candidates if not (c.type == "CONSULT" and c.token.pos_ == "NOUN" and any(
        ch.dep_ == "acl" and ch.tag_ == "VBG" and ch.i in carried for ch in c.token.children))]


def find_candidates(doc: Doc) -> list[Candidate]:
    """Trigger candidates after filtering, absorption and merging (roles not yet assigned)."""
    candidates = _filter(_matched_candidates(doc))
    candidates = _orders_to_stand_down(_drop_light_triggers(candidates))
    candidates = _absorb_topics(candidates)
    candidates = _absorb(candidates)
    _vowed_reprisals(candidates)
    candidates = _details_of_sanctions(_spoils_of_attacks(_effects_of_attacks(_calls_that_carry_an_act(candidates))))
    candidates = _merge_same_event(candidates)
    candidates.extend(accusations_in_speech(doc, candidates))
    candidates.extend(names_given(doc, candidates))
    candidates = _calls_by_phone(doc, _expulsions_ordered(doc, candidates))
    return threats_in_speech(doc, orders_given(doc, demands_in_speech(doc, candidates)))
