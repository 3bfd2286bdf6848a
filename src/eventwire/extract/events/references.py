"""Marks on an event noun that tell whether it is an event told before ("the strike"), another one
("a similar attack") or a clause set apart ("Later, ..."); ``occurrences`` reads them."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.extract.events.candidate import clause_verb, sentence_of

_BACK_DETERMINERS = frozenset({"the", "that", "this", "these", "those"})
_BACK_ADJECTIVES = frozenset({"latest", "recent", "last", "previous", "same", "earlier", "such"})


def refers_back(token: Token) -> bool:
    """A definite event noun that names an event told before ("condemned the strike", "a video of
    that attack", "the latest strike on boats") rather than a new one."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(token.children)
    if not any(ch.dep_ == "det" and ch.lower_ in _BACK_DETERMINERS for ch in children):
        return False
    if any(ch.lower_ in _BACK_ADJECTIVES for ch in children):
        return True
    if any(ch.lower_ in _ORDINALS for ch in children):
        return False  # "in the first attack": one of several, told here for the first time
    return all(ch.dep_ in ("det", "amod", "punct") for ch in children)


_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "1st", "2nd", "3rd", "4th", "5th"})
# "a second strike", "a third attack": every ordinal after the first sets an event apart
_OTHER_ADJECTIVES = frozenset({"another", "separate", "similar", "earlier", "previous", "prior", "different"}) | (
    _ORDINALS - {"first", "1st"})
_PRIOR_ADJECTIVES = frozenset({"similar", "earlier", "previous", "prior"})


def names_another_event(token: Token) -> bool:
    """An indefinite event noun set apart from the one told ("another strike", "a similar attack",
    "an earlier raid"): a different event, never merged with it."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(token.children)
    if any(ch.dep_ == "det" and ch.lower_ in _BACK_DETERMINERS for ch in children):
        return False
    return any(ch.lower_ in _OTHER_ADJECTIVES for ch in children)


_APART_ADVERBS = frozenset({"later", "earlier", "elsewhere", "meanwhile", "separately", "subsequently"})
_INCIDENT_NOUNS = frozenset({"incident", "attack", "strike", "raid", "bombing", "shooting", "clash", "development",
                             "case", "killing", "kidnapping", "abduction", "episode"})


def told_apart(token: Token) -> bool:
    """A clause set apart from the story so far: "Later, a man was shot dead", "Elsewhere, ...",
    "In a separate incident, gunmen killed two", "In neighbouring Shah Wali Kot district, ..."; a
    participle hanging on the clause shares it ("In a separate incident, a bomb hit a convoy, killing
    three soldiers")."""
    verb = _clause_of(token)
    if any(child.dep_ == "advmod" and child.lower_ in _APART_ADVERBS for child in _shared_modifiers(verb)):
        return True
    for child in verb.children if not _within_a_phrase_of(token, verb) else ():
        noun = _in_what(child)
        if noun is not None and any(m.lower_ in _NEARBY_PLACE_WORDS for m in noun.subtree):
            return True  # "in neighbouring Shah Wali Kot district", "in a nearby village"
    return in_another_incident(token)


def _within_a_phrase_of(token: Token, verb: Token) -> bool:
    """"300 people were eating in the neighbouring restaurant at the time of the explosion": an
    event noun inside a phrase of another act's clause; that clause's place is the other act's."""
    while token.i != verb.i and token.dep_ in ("pobj", "prep", "pcomp"):
        if token.dep_ == "prep" and token.head.i == verb.i:
            return True
        token = token.head
    return False


def in_another_incident(token: Token) -> bool:
    """"In a separate incident on Thursday evening, gunmen shot at a patrol car", "In one incident,
    ...", "In a separate case, the body of a driver abducted on Sunday was found": another
    incident, whatever day it shares with the one told before (the phrase opening the sentence
    sets apart every act in it)."""
    clause = _clause_of(token)
    described = clause.dep_ in ("acl", "relcl")
    root = sentence_of(clause).root if described else clause  # "In a separate case, the body of a driver
    for child in [*clause.children, *(root.children if root.i != clause.i else ())]:  # abducted ... was found"
        noun = _in_what(child)
        if noun is not None and noun.tag_ == "NN" and noun.lemma_.lower() in _INCIDENT_NOUNS and (
                names_another_event(noun) or _one_of_several(noun)):
            return True  # not "in three separate attacks": a count of them
    return False


def _shared_modifiers(verb: Token) -> list[Token]:
    """The verb's own modifiers, and those of the verb it is joined to, which hold for both ("Security
    forces later launched an operation and killed six militants"), and an adverb opening the
    sentence, which holds for every clause in it ("Separately, the Arakan Army said its fighters had
    overrun a base")."""
    own = list(verb.children)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        own += [ch for ch in verb.head.children if ch.i < verb.head.i]
    sentence = sentence_of(verb)
    first = next((t.i for t in sentence if not (t.is_punct or t.is_space)), sentence.root.i)
    return own + [ch for ch in sentence.root.children if ch.i == first]  # "Separately, the group said ..."


def _clause_of(token: Token) -> Token:
    """The trigger's clause verb; a participle hung on a clause shares it ("..., killing three")."""
    verb = clause_verb(token)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and verb.head.i != verb.i:
        return verb.head
    return verb


def _in_what(prep: Token) -> Token | None:
    if prep.dep_ != "prep" or prep.lower_ != "in":
        return None
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _one_of_several(noun: Token) -> bool:
    """"In one incident, a man was killed": one of several told in turn."""
    return any(ch.lower_ == "one" and ch.dep_ in ("nummod", "det") for ch in noun.children)


_NEARBY_PLACE_WORDS = frozenset({"neighboring", "neighbouring", "nearby", "adjacent", "adjoining"})


def names_a_prior_event(token: Token) -> bool:
    """"a similar strike", "an earlier attack": an event before the one the article reports."""
    return names_another_event(token) and any(ch.lower_ in _PRIOR_ADJECTIVES for ch in token.children)
