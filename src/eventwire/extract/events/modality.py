"""Whether an event is asserted: negated ("did not attack", "refused to meet"), future ("will
meet"), hypothetical ("if", "plans to", an infinitive on a noun) or alleged; and nouns that only
label an event already told."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.extract.events.candidate import Candidate, beyond_a_semicolon, clause_verb
from eventwire.extract.events.speech import DEMAND_SENSE
from eventwire.extract.lexicon.events import cue

AUX_DEPS = frozenset({"aux", "auxpass"})


@dataclass(slots=True)
class Modality:
    """How an event is told: negated, hypothetical or future (each makes it not asserted), or alleged
    (which only lowers its confidence)."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    alleged: bool = False


_NAMING_VERBS = frozenset({"call", "describe", "label", "term", "brand", "dub", "characterize", "characterise"})


def names_an_event(token: Token) -> bool:
    """"Called it an extrajudicial execution": a noun that labels something already told is no new event."""
    return token.pos_ == "NOUN" and token.dep_ in ("oprd", "attr") and token.head.lemma_.lower() in _NAMING_VERBS


def infinitive_of_noun(token: Token) -> bool:
    """"Had no right to kill", "a plan to attack", "rejected calls to withdraw the bill": an infinitive
    hanging on a noun asserts nothing."""
    to = next((ch for ch in token.children if ch.dep_ == "aux" and ch.lower_ == "to"), None)
    if to is None:
        return False
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):  # the parser says relcl at times
        return True
    before = token.doc[to.i - 1] if to.i > 0 else None  # "foiled a plot to kill": hung on the verb, told on the noun
    return before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in cue("hypothetical")


def _has_subject(verb: Token) -> bool:
    """"... did not involve the army, but their posts came under fire": a conjunct with a subject of
    its own is a clause of its own, and the first one's "not" is not its."""
    return any(ch.dep_ in ("nsubj", "nsubjpass", "expl") for ch in verb.children)


def _own_tense(verb: Token) -> bool:
    """"had not arrested anyone yet but were searching for the car", "would not allow anarchy and
    ordered more troops": a conjunct with an auxiliary or a tense of its own does not share the
    first verb's "not" or "would" (as "did not attack or shell the town" does)."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(ch.dep_ in AUX_DEPS for ch in verb.children)


def _infinitive(verb: Token) -> bool:
    return verb.dep_ == "xcomp" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children)


def for_to_infinitive(token: Token) -> bool:
    """"An opening for moderates to attack", "it is time for the army to withdraw": a "for X to"
    clause names what may happen."""
    if not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in token.children):
        return False
    subject = next((ch for ch in token.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    before = token.doc[subject.left_edge.i - 1] if subject is not None and subject.left_edge.i > 0 else None
    return any(ch.dep_ == "mark" and ch.lower_ == "for" for ch in token.children) or (
        before is not None and before.lower_ == "for")


FORESEEING_VERBS = frozenset({"mean", "risk", "invite", "spell", "portend", "foreshadow"})


def _an_outcome_foreseen(token: Token) -> bool:
    """"That means a slaughter", "risks a war", "could spell violence": an outcome foreseen."""
    return token.dep_ == "dobj" and token.head.lemma_.lower() in FORESEEING_VERBS


def _weighed(token: Token) -> bool:
    """"The EU is considering new sanctions", "was reviewing its aid", "seeks talks": an act a verb of
    wanting or weighing takes as its object is not (yet) done."""
    if token.pos_ != "NOUN" or token.dep_ != "dobj":
        return False
    lemma = token.head.lemma_.lower()
    return lemma in cue("hypothetical") or lemma in cue("deliberation")


def modality(c: Candidate) -> Modality:
    """Flags from the trigger's own modifiers, then from the verbs that govern its clause."""
    mod = Modality()
    if c.sense is DEMAND_SENSE:
        return mod  # the demand is made; what it asks for is not the event
    token = c.token
    if infinitive_of_noun(token) or for_to_infinitive(token) or _an_outcome_foreseen(token) or _weighed(token):
        mod.hypothetical = True
    future, hypo, alleged, negation = cue("future"), cue("hypothetical"), cue("alleged"), cue("negation")
    for child in token.children:
        low = child.lower_
        if c.start <= child.i < c.end:
            continue  # part of the trigger itself: "pleaded not guilty"
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and low in negation):
            mod.negated = True  # "did not attack", "no talks", "never met"
        if child.dep_ in ("amod", "advmod"):
            mod.future |= low in future
            mod.hypothetical |= low in hypo
            mod.alleged |= low in alleged
    mod.negated |= _no_participant(token) or _prevented(token) or _went_without(token)
    mod.negated |= c.type == "COERCE" and _prevented(token, "evaded")  # "shot the deputy to avoid arrest"
    mod.hypothetical |= _forbidden(token)
    verb = clause_verb(token)
    chain = [verb]
    node = verb
    saying = cue("report") | cue("saying")
    while (
        node.head.i != node.i
        and len(chain) < 5
        and (
            node.dep_ in ("xcomp", "pcomp") or (node.dep_ == "conj" and not _has_subject(node) and not _own_tense(node))
            or (node.dep_ == "ccomp" and node.head.lemma_.lower() not in saying and not beyond_a_semicolon(node))
        )
    ):
        was_pcomp = node.dep_ == "pcomp"
        node = node.head
        if was_pcomp and node.pos_ == "ADP" and node.head.i != node.i:
            node = node.head  # "little chance at winning an appeal": the noun the preposition hangs on
        chain.append(node)
        if node.dep_ == "pcomp":
            node = node.head
    for position, v in enumerate(chain):
        for child in v.children:
            low = child.lower_
            if child.dep_ == "neg" and (position == 0 or v.lemma_.lower() not in cue("light")):
                mod.negated = True
            if child.dep_ in AUX_DEPS:
                if low in future or (low == "going" and position == 0):
                    mod.future = True
                elif low in hypo:
                    mod.hypothetical = True
            if child.dep_ == "advmod" and low in alleged:
                mod.alleged = True
            if child.dep_ in ("advmod", "acomp") and low in hypo and position == 0:
                mod.hypothetical = True  # "slaughter is likely coming", "strikes are possible"
            if child.dep_ == "mark" and low in hypo:
                mod.hypothetical = True
        if position > 0 and v.lemma_.lower() in hypo:
            mod.hypothetical = True
        if position == 1 and v.lemma_.lower() == "be" and _infinitive(chain[0]):
            mod.future = True  # "the government is to cut bonus pay", "the minister is to visit Paris"
        if position > 0 and _infinitive(chain[position - 1]) and _scheduled(v):
            mod.future = True  # "the minister is due to visit the wounded on Thursday"
        if position > 0 and v.lemma_.lower() in ("fail", "refuse", "decline"):
            mod.negated = True
    if _scheduled(verb) and token.dep_ in ("nsubj", "nsubjpass") and any(_infinitive(ch) for ch in verb.children):
        mod.future = True  # "talks are set to resume in Doha"
    if _under_conditional(verb, _states_terms(c)) or _feared(token) or _denied(verb):
        mod.hypothetical = True
    return mod


def _scheduled(word: Token) -> bool:
    """"Is due to", "are set to", "was scheduled to": a plan told with "be" (not "set out to find")."""
    if word.lemma_.lower() not in cue("schedule"):
        return False
    with_be = any(ch.dep_ in ("aux", "auxpass", "cop") and ch.lemma_.lower() == "be" for ch in word.children)
    return with_be or (word.dep_ == "acomp" and word.head.lemma_.lower() == "be")


TERMS_TYPES = frozenset({"REQUEST", "THREATEN"})


def _states_terms(c: Candidate) -> bool:
    """A verb of demand or threat: an "if" after it states its terms ("called for a strike if ...");
    after a verb of asking it is a question ("asked him if he understood"), after a noun a
    condition ("the threat of execution if convicted")."""
    return c.type in TERMS_TYPES and c.token.pos_ == "VERB" and c.token.lemma_.lower() not in cue("question")


NOBODY = frozenset({"nobody", "none", "noone", "no-one"})
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _no_participant(token: Token) -> bool:
    """"No soldiers were injured", "nobody was hurt", "police arrested no one": it did not happen to anyone."""
    for child in token.children:
        if child.dep_ not in PARTICIPANT_DEPS:
            continue
        if child.lower_ in NOBODY or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return True
    return False


def _forbidden(token: Token) -> bool:
    """"a ban on public gatherings and protests", "banned marches": what is forbidden is not told
    as happening."""
    while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN", "VERB"):
        token = token.head
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("on", "against"):
        head = head.head
    elif token.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.lemma_.lower() in cue("forbidding")


def _went_without(token: Token) -> bool:
    """"The talks ended without agreement", "took the town without a fight", "launched this campaign
    without investigating": it did not happen."""
    return token.dep_ in ("pobj", "pcomp") and token.head.lower_ == "without"


def _prevented(token: Token, kind: str = "prevented") -> bool:
    """"Thwarted a multi-boat attack", "foiled a bomb plot", "prevented them from attacking": it did not happen."""
    prevented = cue(kind)
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.lower_ == "from":
        head = head.head
    elif token.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.lemma_.lower() in prevented


def _denied(verb: Token) -> bool:
    """"The army denied that its troops had shelled the village", "dismissed claims that police had
    beaten protesters", "reports that people had been killed were false": what a denial's clause
    tells is claimed, not reported as having happened
    (not "denied involvement in the bombing": an event noun it names stays told)."""
    if verb.dep_ == "acl" and any(ch.dep_ == "mark" for ch in verb.children):
        claim = verb.head  # the claim the clause spells out
        if claim.dep_ == "nsubj" and _said_to_be_false(claim.head):
            return True  # "reports that several people had been killed were false"
        if claim.dep_ != "dobj":
            return False
        verb = claim
    elif verb.dep_ != "ccomp" or verb.i < verb.head.i:
        return False  # "Islamabad accuses Kabul of ..., a charge Kabul denies": the accusation is made
    return verb.head.lemma_.lower() in cue("denial")


def _said_to_be_false(copula: Token) -> bool:
    return copula.lemma_ == "be" and any(ch.dep_ == "acomp" and ch.lower_ in cue("falsity") for ch in copula.children)


def _feared(token: Token) -> bool:
    """"fled fearing attacks", "amid fears of reprisals", "the threat of strikes": not (yet) an event."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif token.dep_ != "dobj":
        return False
    return head.lemma_.lower() in cue("apprehension")


HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
CONDITION_CLIMB_DEPS = frozenset(
    {"advcl", "ccomp", "xcomp", "conj", "relcl", "pcomp", "pobj", "prep", "acomp", "acl", "dobj"}
)


UNTIL_MARKS = frozenset({"until", "till", "til"})


def _awaited(verb: Token) -> bool:
    """"would continue until every neighbourhood is freed", "every night until the bill is
    withdrawn": an act awaited in the present tense has not happened ("fought until the troops
    withdrew" tells that they did)."""
    if not any(ch.dep_ == "mark" and ch.lower_ in UNTIL_MARKS for ch in verb.children):
        return False
    return any(t.tag_ in ("VBZ", "VBP") for t in [verb, *(ch for ch in verb.children if ch.dep_ in AUX_DEPS)])


def _is_condition(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(
        ch.dep_ == "mark" and ch.lower_ in HYPOTHETICAL_MARKS for ch in clause.children
    )


def _under_conditional(verb: Token, terms: bool = False) -> bool:
    """Inside an 'if', 'unless' or 'whether' clause, or governed by one ('If they want oil, we are
    ready'), or under a word of wishing or planning, at any depth of the sentence. With ``terms``, a
    condition after a demand or threat is its terms, and the demand is made ("called for a strike
    if the price rise is not reversed")."""
    hypo = cue("hypothetical")
    report = cue("report")
    node = verb
    if _awaited(verb):
        return True
    for depth in range(7):
        if any(ch.dep_ == "mark" and ch.lower_ in HYPOTHETICAL_MARKS for ch in node.children):
            return True
        if any(_is_condition(ch) and not (terms and depth == 0 and ch.i > node.i) for ch in node.children):
            return True
        if depth > 0 and node.lemma_.lower() in hypo:
            return True
        if node.head.i == node.i or node.dep_ not in CONDITION_CLIMB_DEPS or node.lemma_.lower() in report:
            return False
        node = node.head
    return False
