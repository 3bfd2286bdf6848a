"""Casualties: how many were killed, injured, missing, arrested, displaced or kidnapped.

For every casualty word (lexicon/casualty_triggers.tsv, found by array look-ups) the
dependency tree gives the people it happened to: the passive or intransitive subject ("three
people were killed", "he died"), the object of an active verb ("killed five people aboard two
vessels"), the noun a participle modifies ("a man shot on Monday"), the object of "left ...
dead", the owner of a wound or a condition ("a man with a gunshot wound", "left a man in
critical condition"), "the death of X", "X's body", "took his own life", the one taken to a
hospital, and the headline forms ("man shot inside bar", "Three shot, one dead"). A surname
stands for the full name told before; "he"/"she" right after one named victim is that victim,
and "they" right after a group is that group. The count comes from that noun phrase only
(numbers.parse_count over its modifiers, "a man" -> 1, "a family of four" -> 4, "a man and a
woman" -> 2), so numbers elsewhere in the sentence (vessels, ages, times) are never casualties.
Incident nouns state a toll too ("a fatal shooting": at least one killed, "a double homicide":
two). Threats, intentions, modals, hedges ("possibly killing") and direct quotations are not
reports; a negated statement ("no one was hurt") is a count of 0.

Person names among the victims become ``victims``; the agent or subject of the act, the people
arrested or charged, and the people a suspect verb points at ("police are searching for X",
"X is accused of ...") become ``perpetrators``. Names given by role elsewhere ("police
identified the victim as X", "the suspect, X,") are added to the article's first casualty.

Counts in sentences about a running total ("since", "so far this year") are ``aggregate``;
counts about earlier events ("years ago", a year before the article's own) are ``historical``.
``article_totals`` combines one article's counts without double counting: the lead and later
details of the same victims count once (the largest count wins, or the number of distinct
named victims when that is larger), people introduced as additional ("another man was shot",
"X was also killed") are added unless they were named before or are others than the dead told
just before ("two dead and three others wounded"), a perpetrator who killed himself is added
to the victims' count, a later death toll updates the best figure, and aggregates and history
are left out.

Category "shot" means hit by gunfire, killed or not: ``article_totals`` counts the people hit
(shot, with wounds or in a condition, wounded when one of them later died, taken to hospital
when nothing else is told) together with the killed, and the hit who were not killed are
injured ("two men were shot, one fatally" -> 1 killed, 1 injured). A named victim who died is
never injured too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from eventwire.extract.context import Context
from eventwire.extract.first_chars import gated
from eventwire.extract.lexicon.events import cue
from eventwire.extract.numbers import parse_count
from eventwire.model import Casualty, Count, fold
from eventwire.nlp import doc_ents, doc_text, member, sorted_keys
from eventwire.nlp import sentence as sentence_of

_LEXICON = "eventwire.extract.lexicon"

CATEGORIES = ("killed", "injured", "missing", "arrested", "displaced", "kidnapped")
SHOT = "shot"

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "obj"})
_AGENT = frozenset({"agent"})
_POBJ = frozenset({"pobj"})
_MODAL_OR_FUTURE = frozenset({"will", "would", "could", "may", "might", "should", "can", "shall", "must"})
_INTENT_HEADS = frozenset(
    {"threaten", "try", "attempt", "want", "plan", "vow", "seek", "intend", "aim", "fear", "hope", "conspire"}
)
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves"})
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ess")
_NEGATIONS = frozenset({"not", "n't", "never"})
_ZERO_DETERMINERS = frozenset({"no", "neither"})
_YEAR = re.compile(r"(?<![\d$,.])\b((?:19|20)\d\d)\b(?!\d|,\d)")  # "in 2012," is a year, "2,012" is not
_QUOTE_MARK = re.compile("[\"“”«»]")
_QUOTE_OPEN = frozenset("“«")
_QUOTE_CLOSE = frozenset("”»")
_FIRED_TOWARD = frozenset({"toward", "towards", "into"})
# "shot at" a person or a vehicle is fired at; "shot at a party", "shot at least once" are hits.
_SHOT_AT_TARGETS = frozenset({"car", "vehicle", "truck", "suv", "van", "police", "officer", "deputy", "trooper",
                              "agent", "cop", "crowd"})
_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "advcl", "conj"})
_FOUND_VERBS = frozenset({"leave", "find", "discover", "recover", "identify", "locate", "pull", "retrieve", "dump"})
# People described only by age and sex: when police name one, it is usually the victim.
_GENERIC_PEOPLE = frozenset({"man", "woman", "boy", "girl", "teen", "teenager", "person", "male", "female",
                             "child", "youth"})
_HIT_VERBS = frozenset({"hit", "strike"})  # a casualty only when gunfire is in the sentence
_HARMED = frozenset({"killed", "injured", "shot"})
_NAMING_VERBS = frozenset({"identify", "name"})
_INTRANSITIVE = frozenset({"die", "perish", "disappear", "succumb", "pass"})
_CONDITION_WORDS = frozenset({"critical", "serious", "stable", "fair", "good", "grave", "guarded", "life",
                              "threatening", "satisfactory", "poor"})
_HEDGED = frozenset({"possibly", "nearly", "almost", "narrowly"})
_DIED_OF_VERBS = frozenset({"die", "succumb", "perish"})  # "died of his wounds", "succumbed to injuries"
_HARM_NOUNS = frozenset({"injury", "wound"})  # "suffered a gunshot wound", "a man with injuries"
_SUFFER_VERBS = frozenset({"suffer", "sustain", "have", "receive", "treat", "recover", "die"})
_MAX_QUOTE_CHARS = 600
_HIT_WORDS = frozenset({"wound", "wounds", "injury", "injuries", "condition", "hospital", "hospitals"})
# "was taken to a hospital": someone hurt (or dying); "for evaluation", "unharmed": no one hurt.
_TRANSPORT_VERBS = frozenset({"take", "transport", "rush", "bring", "airlift", "fly", "send", "drive", "carry",
                              "admit", "transfer", "helicopter", "medevac"})
_NOT_HURT = re.compile(
    r"\b(?:unharmed|uninjured|unhurt|evaluation|clearance|precaution(?:ary)?|check-?up|not (?:hurt|injured))\b",
    re.IGNORECASE)
_VAGUE_PEOPLE = frozenset({"dozens", "hundreds", "thousands", "scores", "several", "many", "millions", "both",
                           "few", "none", "dozen"})
_ANOTHER = re.compile(r"\b(?:another|others?|second|third|fourth|fifth)\b(?!-)", re.IGNORECASE)  # not "second-degree"
_SELF_AFTER = re.compile(
    r"\w+\s+(?:\w+\s+)?(?:himself|herself|themselves)\b|\w+\s+(?:from|of|by)\s+(?:an?\s+)?(?:apparent(?:ly)?\s+)?"
    r"self-inflicted", re.IGNORECASE)
_SELF_BEFORE = re.compile(r"(?:\bown\s+|self-inflicted\s+(?:gunshot\s+|gun\s+shot\s+)?)$", re.IGNORECASE)
_SHOOTER_INCLUDED = re.compile(
    r"suicide|\bincluding\s+(?:the\s+|a\s+)?(?:gunman|shooter|suspect|attacker|assailant)", re.IGNORECASE)
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)
_FATALLY = frozenset({"fatally", "mortally"})
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_OF_THEM_AFTER = re.compile(r"\s+of\s+(?:them|the|those)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\s*(?:if|unless|whether)\b", re.IGNORECASE)
_DEATH_NOUNS = frozenset({"death", "murder", "killing", "slaying", "homicide"})
_BODY_PARTS = frozenset({"upper", "lower", "left", "right", "whole", "entire"})
_LIFE_TAKERS = frozenset({"take", "end", "claim", "cost"})
_AGE_UNITS = frozenset({"year", "years", "month", "months"})
_AGE_NOUN = re.compile(r"\d+-(?:year|month)-olds?")
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj", "appos", "conj", "attr"})
_NOT_PERSON_ENTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT", "FAC"})
_SURNAMES_KEY = "eventwire.casualties.surnames"


# --------------------------------------------------------------------------- lexicons


def _lines(name: str) -> list[str]:
    text = resources.files(_LEXICON).joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _pairs(name: str) -> dict[str, str]:
    """A two-column lexicon as a dict (first column -> second)."""
    pairs = (line.split("\t", 1) for line in _lines(name))
    return {key.strip(): value.strip() for key, value in pairs}


@dataclass(frozen=True, slots=True)
class TriggerWord:
    lemma: str
    kind: str  # VERB, ADJ, NOUN: how its people are found
    category: str


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    by_lemma: dict[tuple[str, str], str]  # (lemma, kind) -> category
    verb_forms: dict[str, TriggerWord]  # inflected verb form -> the verb
    particles: dict[str, str]  # verb lemma -> the particle it needs ("pass" -> "away")


@lru_cache(maxsize=1)
def triggers() -> TriggerLexicon:
    by_lemma: dict[tuple[str, str], str] = {}
    verb_forms: dict[str, TriggerWord] = {}
    particles: dict[str, str] = {}
    for line in _lines("casualty_triggers.tsv"):
        lemma, kind, category, *rest = line.split("\t")
        by_lemma[(lemma, kind)] = category
        forms = rest[0].split(",") if rest and rest[0] else []
        for form in forms:
            verb_forms[form] = TriggerWord(lemma, kind, category)
        if len(rest) > 1 and rest[1]:
            particles[lemma] = rest[1]
    return TriggerLexicon(by_lemma, verb_forms, particles)


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    return frozenset(_lines("casualty_person_nouns.txt"))


@lru_cache(maxsize=1)
def non_person_nouns() -> frozenset[str]:
    return frozenset(_lines("casualty_not_people.txt"))


@lru_cache(maxsize=1)
def weapons() -> dict[str, str]:
    return _pairs("casualty_weapons.tsv")


@lru_cache(maxsize=1)
def role_nouns() -> dict[str, str]:
    return _pairs("casualty_roles.tsv")


@lru_cache(maxsize=1)
def _aggregate_pattern() -> re.Pattern[str]:
    return gated(re.compile("|".join(f"(?:{p})" for p in _lines("casualty_aggregate.txt")), re.IGNORECASE))


@lru_cache(maxsize=1)
def _historical_pattern() -> re.Pattern[str]:
    return gated(re.compile("|".join(f"(?:{p})" for p in _lines("casualty_historical.txt")), re.IGNORECASE))


@lru_cache(maxsize=1)
def _weapon_pattern() -> re.Pattern[str]:
    words = sorted(weapons(), key=len, reverse=True)
    return gated(re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(?:s|es)?\b", re.IGNORECASE))


def _hashes(vocab: Vocab, words: Iterable[str]) -> np.ndarray:
    return np.array(sorted({vocab.strings.add(w) for w in words}), dtype=np.uint64)


_VERB_POS = np.array(sorted([VERB, AUX]), dtype=np.uint64)
_NOUN_POS = np.array(sorted([NOUN, PROPN]), dtype=np.uint64)


@lru_cache(maxsize=4)
def _trigger_tables(vocab: Vocab) -> tuple[np.ndarray, ...]:
    lexicon = triggers()
    lemmas: dict[str, list[str]] = {}
    for lemma, kind in lexicon.by_lemma:
        lemmas.setdefault(kind, []).append(lemma)
    # Lower-case forms too: a proper noun keeps its capital in the lemma ("Kings County Hospital").
    plurals = [f"{n}s" for n in lemmas.get("NOUN", [])] + lemmas.get("NOUN", []) + ["injuries", "fatalities"]
    return (_hashes(vocab, lexicon.verb_forms), _hashes(vocab, lemmas.get("VERB", [])),
            _hashes(vocab, lemmas.get("ADJ", [])), _hashes(vocab, lemmas.get("NOUN", [])), _hashes(vocab, plurals))


def _token_rows(doc: Doc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = doc.to_array([LOWER, LEMMA, POS]).astype(np.uint64).reshape(len(doc), 3)
    return rows[:, 0], rows[:, 1], rows[:, 2]


def trigger_word(token: Token) -> TriggerWord | None:
    """The casualty word a token is, if any, and how its people are to be found."""
    word = _lexicon_word(token)
    if word is not None and word.lemma in triggers().particles:
        particle = triggers().particles[word.lemma]
        return word if any(c.lower_ == particle for c in token.children) else None  # "passed away"
    return word


def _lexicon_word(token: Token) -> TriggerWord | None:
    lexicon = triggers()
    form = lexicon.verb_forms.get(token.lower_)
    if form is not None and not (_noun_use(token) and (token.lemma_.lower(), "NOUN") in lexicon.by_lemma):
        return form
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and (lemma, "VERB") in lexicon.by_lemma:
        return TriggerWord(lemma, "VERB", lexicon.by_lemma[(lemma, "VERB")])
    if (token.lower_, "ADJ") in lexicon.by_lemma:
        return TriggerWord(token.lower_, "ADJ", lexicon.by_lemma[(token.lower_, "ADJ")])
    for noun in (lemma, token.lower_.removesuffix("s"), token.lower_.removesuffix("ies") + "y"):
        if (noun, "NOUN") in lexicon.by_lemma and token.pos_ in ("NOUN", "PROPN"):
            return TriggerWord(noun, "NOUN", lexicon.by_lemma[(noun, "NOUN")])
    return None


def _noun_use(token: Token) -> bool:
    """'suffered three gunshot wounds': a form shared by a verb and a noun, used as the noun."""
    return token.pos_ == "NOUN" and (token.dep_ in ("dobj", "pobj") or any(
        c.dep_ in ("det", "nummod", "amod", "compound", "poss") for c in token.children))


# --------------------------------------------------------------------------- who it happened to


def _is_person(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.like_num or token.pos_ == "NUM" or token.ent_type_ == "PERSON":
        return True
    if token.lower_ in _VAGUE_PEOPLE:
        return True  # "dozens were injured", "hundreds of people"
    if token.pos_ == "PRON":
        return token.lower_ in _PERSON_PRONOUNS or token.lower_ in ("they", "them", "themselves", "who", "another",
                                                                        "one", "someone", "nobody", "none")
    if lemma in person_nouns() or token.lower_ in person_nouns():
        return True  # before proper nouns: headlines capitalise "Man Shot By Police"
    if _is_age_noun(token):
        return True  # "a 15-year-old with a gunshot wound"
    if token.pos_ == "PROPN" and token.lower_ in _surnames(token.doc) and token.ent_type_ not in _NOT_PERSON_ENTS:
        return True  # "Cantu was found dead" after "Victoria Cantu" was named
    if token.pos_ == "PROPN":
        if token.ent_type_ in ("PERSON", "NORP"):
            return True
        # An unlabelled proper noun is taken for a name only as part of a multi-word name.
        in_name = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
        return (token.ent_type_ in ("", "ORG") and token.is_alpha and in_name
                and lemma not in not_name_words() and token.lower_ not in triggers().verb_forms)
    return lemma.endswith(_PERSON_SUFFIXES) and lemma not in non_person_nouns() and token.pos_ == "NOUN"


def _is_age_noun(token: Token) -> bool:
    """'a 15-year-old', 'the 17-year-olds': an age standing for the person."""
    if token.lower_ in ("old", "olds") and token.pos_ in ("ADJ", "NOUN"):
        return any(c.lower_ in _AGE_UNITS for c in token.children) and token.dep_ in _NOMINAL_DEPS
    return _AGE_NOUN.fullmatch(token.lower_) is not None


def _surnames(doc: Doc) -> frozenset[str]:
    """Last words of the multi-word person names in the document, computed once per document."""
    cached = doc.user_data.get(_SURNAMES_KEY)
    if cached is None:
        names = ([t for t in e if t.tag_ != "POS"] for e in doc_ents(doc) if _full_name_like(e))  # "Cantu's"
        cached = frozenset(name[-1].lower_ for name in names if len(name) > 1)
        doc.user_data[_SURNAMES_KEY] = cached
    return cached


def _full_name_like(entity: Span) -> bool:
    """A person entity, or a short organisation entity that reads like a full name (the small
    model often labels 'Victoria Cantu' ORG): capitalised proper nouns, no institution word."""
    if entity.label_ == "PERSON":
        return True
    words = [t for t in entity if t.tag_ != "POS"]
    return (entity.label_ == "ORG" and len(words) <= 3
            and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in words)
            and not any(t.lower_ in not_name_words() or t.lower_ in person_nouns() for t in words))


def _relative_antecedent(token: Token) -> Token:
    """'who'/'that' in a relative clause stands for the noun the clause modifies."""
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        return token.head.head
    if token.lower_ == "whose":  # "Bratcher, whose death was confirmed"
        clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
        return clause.head if clause is not None else token
    return token


def _age_holder(token: Token) -> Token:
    """'Boy, 9, ... dies': a number in apposition is an age, the person is the noun before it."""
    if token.like_num and token.text.isdigit() and token.dep_ == "appos" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    doc = token.doc
    if (token.like_num and 2 <= token.i < len(doc) - 1 and doc[token.i - 1].text == ","
            and doc[token.i + 1].text == "," and doc[token.i - 2].is_alpha
            and (doc[token.i - 2].pos_ in ("NOUN", "PROPN") or doc[token.i - 2].lower_ in person_nouns())):
        return doc[token.i - 2]
    return token


def _child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _clause_subject(verb: Token) -> Token | None:
    """Subject of the verb, inherited through coordination and participle clauses."""
    current = verb
    for _ in range(3):
        subject = _child(current, _SUBJECTS)
        if subject is not None:
            return _relative_antecedent(subject)
        if current.dep_ in ("conj", "advcl", "xcomp") and current.head.pos_ in ("VERB", "AUX"):
            current = current.head
        elif current.dep_ == "pcomp" and current.head.head.pos_ in ("VERB", "AUX"):
            current = current.head.head  # "is recovering after being shot"
        else:
            return None
    return None


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN" or _child(verb, _OBJECTS) is not None:
        return False
    subject = _child(verb, frozenset({"nsubj"}))
    # "Darrin Pell, who was on duty, shot once at the window", tagged as a participle: a named
    # subject with no auxiliary acts; headlines put nouns there ("Man shot in ...").
    return subject is None or subject.pos_ != "PROPN" or subject.lower_ in person_nouns() \
        or any(c.dep_ == "aux" for c in verb.children)


@dataclass(slots=True)
class Roles:
    """Who a casualty word happened to and who did it (heads of noun phrases)."""

    victim: Token | None
    agent: Token | None


def _roles(trigger: Token, word: TriggerWord) -> Roles:
    """The victim and the agent of a trigger, by its syntax."""
    if word.kind == "VERB":
        return _verb_roles(trigger, word)
    if word.kind == "ADJ":
        return _adjective_roles(trigger)
    if word.lemma == "condition":
        return _condition_roles(trigger)
    if word.lemma == "body":
        return _body_roles(trigger)
    if word.lemma == "life":
        return _life_roles(trigger)
    if word.lemma == "hospital":
        return _hospital_roles(trigger)
    return _noun_roles(trigger)


def _verb_roles(verb: Token, word: TriggerWord) -> Roles:
    if verb.tag_ == "NN":
        return Roles(victim=_headline_number(verb), agent=None)
    obj = _child(verb, _OBJECTS)
    by = _child(verb, _AGENT)  # "shot by police"
    agent = _child(by, _POBJ) if by is not None else None
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and obj is None:
        return Roles(victim=_left_in_state(verb) or verb.head, agent=agent)
    if verb.dep_ == "acl" and obj is not None and not _is_passive(verb):
        return Roles(victim=obj, agent=verb.head)  # "BUNIA - Militants killed 23 people", hung on a noun
    if obj is not None and not _is_passive(verb):
        victim = _clause_subject(verb) if obj.lower_ in _REFLEXIVE else obj
        return Roles(victim=victim, agent=_clause_subject(verb))
    if obj is None and verb.tag_ == "VBG" and (stray := _object_taken_for_a_speaker(verb)) is not None:
        return Roles(victim=stray, agent=_clause_subject(verb))
    found_as = obj is None and verb.dep_ in _COMPLEMENTS and verb.head.lemma_ in _FOUND_VERBS
    if word.lemma in _INTRANSITIVE or _is_passive(verb) or found_as or _reduced_passive(verb, word):
        found = _found_object(verb)  # "found Ladarrius Moody shot to death", "left a man injured"
        if found is not None:
            return Roles(victim=found, agent=agent)
        return Roles(victim=_clause_subject(verb), agent=agent)
    return Roles(victim=None, agent=_clause_subject(verb))


_STRAY_REACH = 6  # tokens after the participle its object may start within ("killing at least 23 people")


def _object_taken_for_a_speaker(verb: Token) -> Token | None:
    """"Hit a wedding party on Sunday, killing at least 23 people, including six children, residents
    said": the parser makes the people the subject of "said"; they are the participle's object."""
    for token in verb.doc[verb.i + 1 : verb.i + 1 + _STRAY_REACH]:
        if token.is_punct:
            return None
        if token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.i > token.i \
                and token.head.lemma_ in cue("report") | cue("saying") and _is_person(token):
            return token
    return None


def _headline_number(verb: Token) -> Token | None:
    """Headline 'Three shot, one dead': the verb form tagged as a singular noun after a number
    above one cannot be the noun ('two shots'), so the number is the people it happened to."""
    number = _child(verb, frozenset({"nummod"}))
    if number is None:
        return None
    count = parse_count(number.text)
    return number if count is not None and (count.best or 0) >= 2 else None


def _reduced_passive(verb: Token, word: TriggerWord) -> bool:
    """Headline style 'man shot inside restaurant', tagged as a past tense: a harm verb that
    takes an object has none here, nor does any verb coordinated with it, so its subject is hit."""
    if verb.tag_ != "VBD" or word.lemma in _INTRANSITIVE or word.category not in _HARMED:
        return False
    subject = _child(verb, _SUBJECTS)
    if subject is None or subject.pos_ == "PRON" or not _is_person(subject):
        return False
    if subject.pos_ == "PROPN" and subject.lower_ not in person_nouns():
        return False  # "Juan Almaraz shot twice" is active; headlines say "Man", "teen"
    if any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in subject.children):
        return False  # "The officer shot twice" is told in full sentences: active
    related = [verb, *(c for c in verb.children if c.dep_ in ("conj", "xcomp"))]
    if any(_child(v, _OBJECTS) is not None or _child(v, _AGENT) is not None for v in related):
        return False
    return not any(c.dep_ in ("aux", "prt", "dative", "ccomp") for c in verb.children)


def _left_in_state(participle: Token) -> Token | None:
    """'the crash that left one driver seriously injured', parsed with the participle on "crash":
    the person just before it, object of a leaving or finding verb, is the one hurt."""
    if _is_person(participle.head):
        return None
    for token in participle.doc[max(0, participle.i - 3) : participle.i]:
        if token.dep_ in _OBJECTS and token.head.lemma_ in _FOUND_VERBS and _is_person(token):
            return token
    return None


def _found_object(verb: Token) -> Token | None:
    """The person a finding or leaving verb puts in the participle's state: 'found a man shot',
    'left one man critically injured' (not 'left the bar and was shot', a clause of its own)."""
    if verb.dep_ not in _COMPLEMENTS or verb.head.lemma_ not in _FOUND_VERBS:
        return None
    if verb.dep_ == "conj" and any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return None
    found = _child(verb.head, _OBJECTS)
    return found if found is not None and _is_person(found) else None


def _adjective_roles(adjective: Token) -> Roles:
    head = adjective.head
    if adjective.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN", "NUM"):
        return Roles(victim=head, agent=None)  # "the injured man", "two dead"
    number = next((c for c in adjective.children if c.like_num or c.dep_ in ("nummod", "npadvmod", "nsubj")),
                  None)
    if number is not None:
        return Roles(victim=number, agent=None)  # headline "3 dead in ..."
    if adjective.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl", "conj", "attr"):
        obj = _child(head, _OBJECTS)
        found = adjective.dep_ == "oprd" or (adjective.dep_ == "advcl" and head.lemma_ in _FOUND_VERBS)
        if obj is not None and found and not _is_passive(head):
            return Roles(victim=obj, agent=_clause_subject(head))  # "left three people dead"
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            return Roles(victim=head.head, agent=None)  # "man found dead on a road"
        return Roles(victim=_clause_subject(head), agent=None)  # "was found dead", "is missing"
    return Roles(victim=None, agent=None)


def _noun_roles(noun: Token) -> Roles:
    number = next((c for c in noun.children if c.dep_ == "nummod"), None)
    if number is not None and noun.lemma_ != "wound":  # "three gunshot wounds" are wounds, not people
        return Roles(victim=number, agent=None)  # "two deaths", "five injuries"
    if noun.lemma_ == "toll":
        return Roles(victim=_toll_number(noun), agent=None)
    of_whom = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
    if of_whom is not None:
        return Roles(victim=of_whom, agent=None)  # "the death of his daughter"
    if noun.lemma_ in _HARM_NOUNS:
        return _harm_roles(noun)
    owner = _child(noun, frozenset({"poss"}))
    if owner is not None and noun.lemma_ in _DEATH_NOUNS:
        return Roles(victim=owner, agent=None)  # "his death", "Larry's murder", "whose death was confirmed"
    return Roles(victim=None, agent=None)


def _harm_roles(noun: Token) -> Roles:
    """'a man with a gunshot wound', 'he suffered injuries': the one who has them (nobody for
    'died of his wounds': the dead are counted by the death, not again as injured)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("from", "of") and head.head.lemma_ in _DIED_OF_VERBS:
        return Roles(victim=None, agent=None)
    if noun.dep_ == "pobj" and head.lower_ == "with":
        owner = head.head
        if owner.pos_ in ("NOUN", "PROPN", "PRON") or _is_age_noun(owner):
            return Roles(victim=owner, agent=None)
        if owner.pos_ == "VERB":  # "found him with a gunshot wound", "was found with injuries"
            obj = _child(owner, _OBJECTS)
            return Roles(victim=obj if obj is not None else _clause_subject(owner), agent=None)
    if noun.dep_ in _OBJECTS and head.lemma_ in _SUFFER_VERBS:
        return Roles(victim=_clause_subject(head), agent=None)
    if noun.dep_ == "pobj" and head.lower_ in ("from", "of") and head.head.lemma_ in _SUFFER_VERBS:
        return Roles(victim=_clause_subject(head.head), agent=None)  # "suffering from a gunshot wound"
    return Roles(victim=None, agent=None)


def _body_roles(body: Token) -> Roles:
    """'a man's body was found', 'the bodies of three men', 'police found two bodies'; not the
    body a wound is on ('shot on the right side of his body', 'wounds to the upper body')."""
    if body.dep_ == "pobj" or any(c.dep_ == "amod" and c.lower_ in _BODY_PARTS for c in body.children):
        return Roles(victim=None, agent=None)
    owner = next((c for c in body.children if c.dep_ == "poss"), None)
    of_whom = next((g for c in body.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
    if owner is not None or of_whom is not None:
        return Roles(victim=owner if owner is not None else of_whom, agent=None)
    if body.head.lemma_ in _FOUND_VERBS and body.dep_ in _OBJECTS | _SUBJECTS:
        return Roles(victim=body, agent=None)
    return Roles(victim=None, agent=None)


def _life_roles(life: Token) -> Roles:
    """'took his own life' (the subject), 'claimed the lives of three people', 'cost him his life'."""
    verb = life.head
    if life.dep_ not in _OBJECTS or verb.lemma_ not in _LIFE_TAKERS:
        return Roles(victim=None, agent=None)
    of_whom = next((g for c in life.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
    if of_whom is not None:
        return Roles(victim=of_whom, agent=None)
    if any(c.lower_ == "own" for c in life.subtree):
        return Roles(victim=_clause_subject(verb), agent=None)  # a suicide
    owner = _child(verb, frozenset({"dative"})) or _child(life, frozenset({"poss"}))
    return Roles(victim=owner if verb.lemma_ in ("claim", "cost") else None, agent=None)


def _hospital_roles(hospital: Token) -> Roles:
    """'the victim was taken to a hospital', 'the shooting sent two men to the hospital',
    'she drove herself to the hospital': the one brought there was hurt."""
    preposition, verb = hospital.head, hospital.head.head
    if hospital.dep_ != "pobj" or preposition.lower_ != "to" or verb.lemma_ not in _TRANSPORT_VERBS:
        return Roles(victim=None, agent=None)
    if _NOT_HURT.search(_sentence_text(sentence_of(hospital))):
        return Roles(victim=None, agent=None)
    obj = _child(verb, _OBJECTS)
    if obj is not None and obj.lower_ in _REFLEXIVE:
        return Roles(victim=_clause_subject(verb), agent=None)
    if obj is not None:
        return Roles(victim=obj, agent=None)
    return Roles(victim=_clause_subject(verb) if _is_passive(verb) else None, agent=None)


def _condition_roles(condition: Token) -> Roles:
    """'left a man in critical condition', 'he is in stable condition': the one in that condition."""
    if not any(c.lower_ in _CONDITION_WORDS for c in condition.children):
        return Roles(victim=None, agent=None)
    preposition = condition.head
    if condition.dep_ != "pobj" or preposition.lower_ != "in":
        return Roles(victim=None, agent=None)
    head = preposition.head
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        return Roles(victim=head, agent=None)
    obj = _child(head, _OBJECTS)
    return Roles(victim=obj if obj is not None else _clause_subject(head), agent=None)


def _toll_number(toll: Token) -> Token | None:
    """The number a death toll is given as: 'the toll rose to 7', 'the toll stands at 7', 'toll is 7'."""
    if toll.dep_ not in _SUBJECTS:
        return None
    for token in toll.head.subtree:
        if token.like_num and token.i > toll.i and token.dep_ in ("pobj", "attr", "dobj", "nummod", "npadvmod"):
            return token
    return None


# --------------------------------------------------------------------------- counting people


def _conjuncts(token: Token) -> list[Token]:
    """The token and the nouns coordinated with it ("his children as well as his wife")."""
    found = [token]
    for conj in token.conjuncts:
        if conj.i > token.i and conj.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            found.append(conj)
    return found


def _modifier_span(token: Token) -> tuple[int, int]:
    """Token range of a noun's pre-modifiers and itself (not its relative clauses or PPs)."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("nummod", "quantmod", "amod", "det", "compound", "advmod", "nmod", "poss"):
            start = min(start, child.left_edge.i)
    return start, token.i + 1


def _single_count(doc: Doc, token: Token) -> Count | None:
    """The count of people one noun (or number) stands for."""
    if token.like_num or token.pos_ == "NUM" or token.lower_ in ("one", "none"):
        span = doc[token.left_edge.i : token.i + 1]
        count = parse_count(span.text, span.start_char)
        if count is not None:
            return count
    of_number = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" and g.like_num), None)
    if of_number is not None and token.lemma_ in ("family", "group", "total"):
        return parse_count(of_number.text, of_number.idx)  # "a family of four"
    start, end = _modifier_span(token)
    span = doc[start:end]
    count = parse_count(span.text, span.start_char)
    if count is not None:
        return count
    return _determiner_count(token)


def _determiner_count(token: Token) -> Count | None:
    determiner = next((c for c in token.children if c.dep_ == "det"), None)
    if determiner is not None and determiner.lower_ in _ZERO_DETERMINERS:
        return Count(low=0, best=0, high=0, text=determiner.text, start=determiner.idx,
                     end=determiner.idx + len(determiner.text))
    plural = token.tag_ in ("NNS", "NNPS") or token.lower_ in ("they", "them", "themselves", "who")
    if plural or token.lower_ in ("family", "group", "crew", "gang", "couple"):
        return None
    # A singular person noun is one person, bare ones included ("Man shot on ..." headlines).
    return Count(low=1, best=1, high=1, text=token.text, start=token.idx, end=token.idx + len(token.text))


def _along_with(verb: Token) -> list[Token]:
    """People the act also happened to: 'was killed along with Heriberto Corpus'."""
    found: list[Token] = []
    found_as = verb.dep_ in _COMPLEMENTS and verb.head.lemma_ in _FOUND_VERBS
    for child in verb.children:
        prepositions = [child] if child.lower_ == "with" else list(child.children)
        if child.lower_ not in ("along", "together", "with"):
            continue
        if found_as and _doc_word(child, -1) == ",":
            continue  # "found a man shot to death, along with two stabbing victims": found, not shot
        for preposition in prepositions:
            if preposition.lower_ == "with" and preposition.i > 0 and _doc_word(preposition, -1) in ("along",
                                                                                                 "together"):
                found += [g for g in preposition.children if g.dep_ == "pobj" and _is_person(g)]
    return found


def _doc_word(token: Token, offset: int) -> str:
    """The lower-case word ``offset`` tokens away (empty outside the document)."""
    index = token.i + offset
    return token.doc[index].lower_ if 0 <= index < len(token.doc) else ""


def _people_count(doc: Doc, head: Token, companions: list[Token] | None = None) -> Count | None:
    """Sum over coordinated people: 'a man and a woman' -> 2. None when any part is uncountable."""
    parts = [t for t in [*_conjuncts(head), *(companions or [])] if _is_person(t)]
    if not parts:
        return None
    counts = [_single_count(doc, part) for part in parts]
    if any(c is None or c.best is None for c in counts):
        return None
    present = [c for c in counts if c is not None]
    if len(present) == 1:
        return present[0]
    return Count(
        low=_sum_bound([c.low for c in present]),
        best=sum(c.best or 0 for c in present),
        high=_sum_bound([c.high for c in present]),
        text=doc_text(doc)[present[0].start or 0 : present[-1].end or 0],
        start=present[0].start,
        end=present[-1].end,
        vague=any(c.vague for c in present),
    )


def _sum_bound(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _negated(trigger: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in trigger.children)


def _zero(trigger: Token) -> Count:
    return Count(low=0, best=0, high=0, text=trigger.text, start=trigger.idx, end=trigger.idx + len(trigger.text))


def _fired_at(verb: Token) -> bool:
    """'shot at him', 'shot twice at the house', 'shot into a crowd', 'was shot at.': fired, not
    a hit. A passive 'was shot at a party' / 'at home' names the place where someone was hit."""
    shooter_is_subject = (not _is_passive(verb) and _child(verb, frozenset({"nsubj"})) is not None
                          and not (verb.dep_ in _COMPLEMENTS and verb.head.lemma_ in _FOUND_VERBS)
                          and not _to_death(verb))  # "found X shot to death at 1117 Main St"
    for preposition in (c for c in verb.children if c.dep_ == "prep"):
        if preposition.lower_ in _FIRED_TOWARD:
            return True
        if preposition.lower_ != "at":
            continue
        target = _child(preposition, _POBJ)
        if target is None:
            return preposition.i + 1 >= len(verb.doc) or verb.doc[preposition.i + 1].lower_ in (".", ",", "by")
        if shooter_is_subject and _child(verb, _OBJECTS) is None:
            return True  # "the gunman shot at the house": the shooter is the subject
        if target.pos_ == "PRON" or target.ent_type_ == "PERSON" or target.lemma_.lower() in _SHOT_AT_TARGETS:
            return True
    return False


def _not_actual(trigger: Token) -> bool:
    """Threats, intentions, questions and futures: 'threatened to kill', 'could be charged'."""
    if any(c.dep_ == "aux" and c.lower_ in _MODAL_OR_FUTURE for c in trigger.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in _HEDGED for c in trigger.children):
        return True
    if trigger.dep_ == "xcomp" and trigger.head.lemma_ in _INTENT_HEADS:
        return True
    if trigger.lemma_ == "shoot" and _fired_at(trigger):
        return True  # "shot at him": fired, not necessarily hit
    return trigger.dep_ in ("amod", "compound") and trigger.head.lemma_ in ("attempt", "threat", "plot")


# --------------------------------------------------------------------------- names


def _person_name(doc: Doc, token: Token) -> str | None:
    """The person name a token belongs to: its PERSON entity, or a run of capitalised proper
    nouns the tagger did not label ("Malone Amason"; a lone surname only when the article
    names that person in full elsewhere). Institutions and headings are not names."""
    name = _name_text(doc, token)
    if name is None or name.isupper():
        return None
    words = fold(name).split()
    if any(w in not_name_words() or w in person_nouns() or w in triggers().verb_forms for w in words):
        return None  # "Death Investigation", "Grove Man Arrested": headings, not people
    return name


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    return frozenset(_lines("casualty_not_names.txt"))


def _name_text(doc: Doc, token: Token) -> str | None:
    if token.ent_type_ == "PERSON":
        entity = next((e for e in doc_ents(doc) if e.start <= token.i < e.end and e.label_ == "PERSON"), None)
        return entity.text if entity is not None else None
    if not _name_like(token) or token.ent_type_ not in ("", "ORG", "NORP"):
        return None
    start = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i >= token.i \
            and _name_like(doc[start - 1]):
        start -= 1
    if start < token.i:
        return doc[start : token.i + 1].text
    return token.text if token.lower_ in _surnames(doc) else None


def _name_like(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha and token.lower_ not in person_nouns() \
        and token.lemma_.lower() not in role_nouns()


def _as_objects(verb: Token) -> list[Token]:
    """The nouns after 'as' under a verb: 'identified the victim as NAME'."""
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
            if g.dep_ == "pobj"]


def _identified_as(noun: Token) -> list[Token]:
    """'the driver, identified as NAME', 'a man, who was later identified as NAME'."""
    return [name for clause in noun.children if clause.dep_ in ("acl", "relcl")
            and clause.lemma_ in _NAMING_VERBS for name in _as_objects(clause)]


def _copula_subjects(token: Token) -> list[Token]:
    """'X and Y were the two civilians killed': the people a predicate noun stands for; and the
    other way round, 'the man who shot him is NAME'."""
    if token.head.lemma_ != "be":
        return []
    if token.dep_ == "nsubj":  # "the man who shot him is NAME"
        return [c for c in token.head.children if c.dep_ == "attr"]
    if token.dep_ != "attr":
        return []
    subject = _child(token.head, _SUBJECTS)
    return _conjuncts(subject) if subject is not None else []


def _names(doc: Doc, heads: Iterable[Token]) -> list[str]:
    """Person names among the given noun heads, their conjuncts and appositions."""
    names: list[str] = []
    for head in heads:
        for token in _conjuncts(head):
            candidates = [token, *(c for c in token.children if c.dep_ == "appos"), *_identified_as(token)]
            if token.dep_ == "appos":
                candidates.append(token.head)
            candidates += _copula_subjects(token)
            for candidate in candidates:
                name = _person_name(doc, candidate)
                if name is not None and name not in names:
                    names.append(name)
    return names


# --------------------------------------------------------------------------- sentence flags


def _weapon(trigger: Token, sentence: Span) -> str | None:
    table = weapons()
    if trigger.lemma_.lower() in table and trigger.lemma_.lower() not in _HIT_VERBS:
        return table[trigger.lemma_.lower()]
    match = _weapon_pattern().search(_sentence_text(sentence))
    if match is None:
        return None
    return table.get(match.group(1).lower())


def _mentions_gunfire(sentence: Span) -> bool:
    table = weapons()
    return any(table.get(m.group(1).lower()) == "firearm" for m in _weapon_pattern().finditer(_sentence_text(sentence)))


def _sentence_text(sentence: Span) -> str:
    """A sentence's text, sliced from the document's cached text (``Span.text`` rebuilds it)."""
    return doc_text(sentence.doc)[sentence.start_char : sentence.end_char]


def _conditional(sentence: Span) -> bool:
    """'If that is the case, the shooting becomes a triple homicide': a supposition, not a report."""
    return _CONDITIONAL.match(doc_text(sentence.doc), sentence.start_char) is not None


def _is_aggregate(sentence: Span) -> bool:
    return _aggregate_text(_sentence_text(sentence))


@lru_cache(maxsize=4096)
def _aggregate_text(text: str) -> bool:
    """Whether a sentence counts a total ("so far this year"); asked once per sentence, not once
    per casualty word in it. A period that only ranks the act ("in one of the deadliest attacks on
    the city this year") counts nothing."""
    return any(not _ranks_the_act(text, m.start()) for m in _aggregate_pattern().finditer(text))


SUPERLATIVE_BEFORE = re.compile(r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|most\s+\w+)\b[^,.;]{0,60}$",
                                re.IGNORECASE)


def _ranks_the_act(text: str, at: int) -> bool:
    return SUPERLATIVE_BEFORE.search(text, max(0, at - 80), at) is not None


def _is_historical(sentence: Span, reference_year: int | None) -> bool:
    """Background: 'years ago', or a year before the article's own year (the anchor's, else the
    latest year the article mentions)."""
    text = _sentence_text(sentence)
    if _historical_pattern().search(text):
        return True
    return reference_year is not None and any(int(y) < reference_year for y in _YEAR.findall(text))


@dataclass(slots=True)
class DocInfo:
    """What every trigger of one document needs: the article's year and its quotations."""

    reference_year: int | None
    quote_spans: list[tuple[int, int]]
    last_group: Found | None = None  # the latest people counted two or more, for a following "they"

    @classmethod
    def of(cls, doc: Doc, ctx: Context) -> DocInfo:
        years = [int(y) for y in _YEAR.findall(doc_text(doc))]
        reference = ctx.anchor.year if ctx.anchor else (max(years) if years else None)
        spans = [(q.start, q.end) for q in ctx.quotes if q.direct]
        return cls(reference_year=reference, quote_spans=spans or _quotation_spans(doc_text(doc)))

    def quoted(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quote_spans)


def _quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans between quotation marks (curly pairs, or straight quotes taken two by two)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in _QUOTE_MARK.finditer(text):
        mark = match.group(0)
        if opened is None and mark not in _QUOTE_CLOSE:
            opened = match.start()
        elif opened is not None and mark not in _QUOTE_OPEN:
            # A quotation does not run across paragraphs or for pages: a stray mark is no quote.
            if match.end() - opened <= _MAX_QUOTE_CHARS and "\n" not in text[opened : match.start()]:
                spans.append((opened, match.end()))
                opened = None
            else:
                opened = match.start() if mark not in _QUOTE_CLOSE else None
    return spans


# --------------------------------------------------------------------------- the stage


def _candidate_triggers(doc: Doc) -> Iterator[Token]:
    """Tokens that may be casualty words, in text order (array lookups over the whole doc)."""
    if len(doc) == 0:
        return
    lower, lemma, pos = _token_rows(doc)
    forms, verbs, adjectives, nouns, plurals = _trigger_tables(doc.vocab)
    hits = (member(lower, forms) | (member(lemma, verbs) & member(pos, _VERB_POS)) | member(lower, adjectives)
            | (member(lemma, nouns) & member(pos, _NOUN_POS)) | member(lower, plurals))
    for i in np.flatnonzero(hits).tolist():
        yield doc[i]


@dataclass(frozen=True, slots=True)
class IncidentNoun:
    category: str
    count: int
    at_least: bool


@lru_cache(maxsize=1)
def incident_nouns() -> dict[tuple[str, str], IncidentNoun]:
    """(modifier, noun lemma) -> what the phrase says was done to how many."""
    table: dict[tuple[str, str], IncidentNoun] = {}
    for line in _lines("casualty_incident_nouns.tsv"):
        modifier, nouns, category, count = line.split("\t")
        for noun in nouns.split(","):
            table[(modifier, noun)] = IncidentNoun(category, int(count.rstrip("+")), count.endswith("+"))
    return table


BETWEEN_POS = frozenset({"PROPN", "NOUN", "ADJ", "PUNCT"})
INCIDENT_NOUN_POS = frozenset({"NOUN", "VERB", "PROPN"})
MAX_BETWEEN = 3  # "a deadly Christmas Day shooting"


@lru_cache(maxsize=4)
def _incident_modifier_hashes(vocab: Vocab) -> np.ndarray:
    return sorted_keys(vocab.strings.add(m) for m in {m for m, _ in incident_nouns()})


def _incident_spans(doc: Doc) -> Iterator[tuple[int, int]]:
    """(start, end) of "modifier [up to three names, nouns or adjectives] incident noun", found
    from the modifiers' positions (an array look-up) rather than a Matcher over every token."""
    if len(doc) == 0:
        return
    nouns = {n for _, n in incident_nouns()}
    lower = doc.to_array([LOWER])
    for i in np.flatnonzero(member(lower.ravel(), _incident_modifier_hashes(doc.vocab))):
        start = int(i)
        for j in range(start + 1, min(start + 2 + MAX_BETWEEN, len(doc))):
            token = doc[j]
            if token.lemma_ in nouns and token.pos_ in INCIDENT_NOUN_POS:
                yield start, j + 1
            if token.pos_ not in BETWEEN_POS or token.is_sent_start:
                break


def _incident_casualties(doc: Doc, info: DocInfo) -> list[Casualty]:
    """'a fatal shooting' (at least one killed), 'a double homicide' (two killed)."""
    found: list[Casualty] = []
    seen: set[int] = set()
    for start, end in _incident_spans(doc):
        modifier, noun = doc[start], doc[end - 1]
        entry = incident_nouns().get((modifier.lower_, noun.lemma_.lower()))
        if (entry is None or info.quoted(modifier.idx) or noun.tag_ in ("NNS", "NNPS") or noun.i in seen
                or _conditional(sentence_of(modifier)) or _negative_prefix(modifier)):
            continue
        seen.add(noun.i)
        sentence = sentence_of(modifier)
        span = doc[start:end]
        count = Count(low=entry.count, best=entry.count, high=None if entry.at_least else entry.count,
                      text=span.text, start=span.start_char, end=span.end_char)
        found.append(Casualty(
            category=entry.category, count=count, sentence_start=sentence.start_char,
            sentence_end=sentence.end_char, trigger=span.text, trigger_start=span.start_char,
            weapon=_weapon(noun, sentence), aggregate=_is_aggregate(sentence),
            historical=_is_historical(sentence, info.reference_year)))
    return found


def _negative_prefix(modifier: Token) -> bool:
    """'a non-fatal shooting': the modifier is negated by a prefix the tokenizer split off."""
    doc = modifier.doc
    i = modifier.i
    return (i >= 1 and doc[i - 1].lower_ in ("non", "non-")) or (
        i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "non")


def _fatally_shot(doc: Doc, trigger: Token) -> Casualty | None:
    """'Two men were shot, one fatally': the number modified by 'fatally' is killed."""
    for child in trigger.children:
        fatal = next((g for g in child.children if g.lower_ in _FATALLY), None)
        if child.like_num and fatal is not None:
            count = _single_count(doc, child)
            if count is not None:
                sentence = sentence_of(trigger)
                return Casualty(category="killed", count=count, sentence_start=sentence.start_char,
                                sentence_end=sentence.end_char, trigger=fatal.text, trigger_start=fatal.idx)
    return None


def _category_of(trigger: Token, word: TriggerWord) -> str | None:
    category = word.category
    if category in (SHOT, "injured") and _to_death(trigger):
        return "killed"  # "shot to death", "stabbed to death"
    if category in (SHOT, "injured") and any(c.lower_ in _FATALLY for c in trigger.children):
        return "killed"  # "fatally shot", "mortally wounded"
    if category == SHOT and any(c.dep_ == "conj" and _is_killing(c) for c in trigger.children):
        return None  # "shot and killed": the killing is counted on its own word
    return category


def _to_death(trigger: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
               for c in trigger.children)


def _is_killing(token: Token) -> bool:
    word = trigger_word(token)
    return word is not None and word.category == "killed"


@dataclass(slots=True)
class Found:
    """A casualty with the tokens it came from (kept while the document is processed)."""

    casualty: Casualty
    trigger: Token
    victim: Token


def _casualty(doc: Doc, trigger: Token, info: DocInfo) -> Found | None:
    word = trigger_word(trigger)
    if word is None:
        return None
    category = _category_of(trigger, word)
    if category is None or _not_actual(trigger) or info.quoted(trigger.idx) or _conditional(sentence_of(trigger)):
        return None
    if word.lemma in _HIT_VERBS and not _mentions_gunfire(sentence_of(trigger)):
        return None  # "hit by a bullet" is a shot; "hit by a car" is not counted here
    roles = _roles(trigger, word)
    if roles.victim is None:
        return None
    victim = _age_holder(_relative_antecedent(roles.victim))
    if not _is_person(victim):
        return None
    companions = _along_with(trigger) if word.kind == "VERB" else []
    count = _zero(trigger) if _negated(trigger) else _people_count(doc, victim, companions)
    group = _antecedent_group(victim, info) if count is None else None
    if group is not None:
        count = Count(low=group.casualty.count.low, best=group.casualty.count.best, high=group.casualty.count.high,
                      text=victim.text, start=victim.idx, end=victim.idx + len(victim.text))
    if count is None:
        return None
    sentence = sentence_of(trigger)
    victims = list(group.casualty.victims) if group is not None else _names(doc, [victim, *companions])
    perpetrators = _names(doc, [roles.agent]) if roles.agent is not None else []
    if category == "arrested":
        # The people arrested are the suspects; they are reported as perpetrators.
        victims, perpetrators = [], victims
    casualty = Casualty(
        category=category,
        count=count,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        trigger=trigger.text,
        trigger_start=trigger.idx,
        victims=victims,
        perpetrators=perpetrators,
        weapon=_weapon(trigger, sentence),
        aggregate=_is_aggregate(sentence),
        historical=_is_historical(sentence, info.reference_year),
    )
    return Found(casualty, trigger, victim)


def _antecedent_group(victim: Token, info: DocInfo) -> Found | None:
    """'Taylor and Moses were shot ... Both were taken to a hospital, where they died': "they"
    right after a group of people is that group (in the same or the next sentence only)."""
    group = info.last_group
    if victim.lower_ not in ("they", "them", "themselves") or group is None:
        return None
    return group if sentence_of(victim).start <= sentence_of(group.trigger).end else None


def _merge_coordinated(found: list[Found]) -> list[Found]:
    """'The woman was shot in the neck and the man was shot in the back': one statement about
    two people, so coordinated triggers of one category with different people are summed."""
    by_trigger = {f.trigger.i: f for f in found}
    kept: list[Found] = []
    for item in found:
        first = by_trigger.get(item.trigger.head.i) if item.trigger.dep_ == "conj" else None
        if (first is None or first is item or first.casualty.category != item.casualty.category
                or first.victim.lemma_.lower() == item.victim.lemma_.lower() or item.victim.pos_ == "PRON"
                or first.casualty.count.best is None or item.casualty.count.best is None):
            kept.append(item)
            continue
        total, part = first.casualty.count, item.casualty.count
        first.casualty.count = Count(
            low=_sum_bound([total.low, part.low]), best=(total.best or 0) + (part.best or 0),
            high=_sum_bound([total.high, part.high]), text=total.text, start=total.start, end=total.end,
            vague=total.vague or part.vague)
        first.casualty.victims += [v for v in item.casualty.victims if v not in first.casualty.victims]
    return kept


@lru_cache(maxsize=1)
def suspect_verbs() -> dict[str, str]:
    return _pairs("casualty_suspect_verbs.tsv")


@lru_cache(maxsize=4)
def _role_tables(vocab: Vocab) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return _hashes(vocab, _NAMING_VERBS), _hashes(vocab, suspect_verbs()), _hashes(vocab, role_nouns())


def _role_hits(doc: Doc) -> Iterator[tuple[str, Token]]:
    """Naming verbs, suspect verbs and role nouns, in text order."""
    if len(doc) == 0:
        return
    _, lemma, pos = _token_rows(doc)
    naming, suspect, roles = _role_tables(doc.vocab)
    is_verb = pos == VERB
    labelled = (("NAMING", member(lemma, naming) & is_verb), ("SUSPECT", member(lemma, suspect) & is_verb),
                ("ROLE", member(lemma, roles) & (pos == NOUN)))
    hits = sorted((int(i), order, label) for order, (label, mask) in enumerate(labelled)
                  for i in np.flatnonzero(mask))
    for i, _, label in hits:
        yield label, doc[i]


def _named_by_role(token: Token) -> tuple[str, list[Token]] | None:
    """'Police identified the victim as NAME', 'the suspect, NAME,': (role, name heads)."""
    role = role_nouns().get(token.lemma_.lower())
    heads = [c for c in token.children if c.dep_ == "appos"] + _identified_as(token)
    if token.dep_ == "compound":
        heads.append(token.head)  # "suspect John Doe"
    if token.dep_ in _SUBJECTS and token.head.lemma_ == "be":
        heads += [c for c in token.head.children if c.dep_ == "attr"]  # "the victim is NAME"
    predicate = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token
    if predicate.dep_ == "attr" and predicate.head.lemma_ == "be":  # "X and Y were two of the victims"
        subject = _child(predicate.head, _SUBJECTS)
        heads += _conjuncts(subject) if subject is not None else []
    return (role, heads) if role is not None else None


def _named_by_naming_verb(verb: Token, victim_nouns: frozenset[str]) -> tuple[str, list[Token]] | None:
    """'identified the victim as NAME'; 'identified the boy as NAME' when the boy is a victim."""
    obj = _child(verb, _OBJECTS) or _child(verb, frozenset({"nsubjpass"}))
    names = _as_objects(verb)
    if obj is None or not names:
        return None
    lemma = obj.lemma_.lower()
    generic = victim_nouns | _GENERIC_PEOPLE | _PERSON_PRONOUNS
    role = role_nouns().get(lemma) or ("victim" if lemma in generic or obj.lower_ in generic else None)
    return (role, names) if role is not None else None


def _named_by_suspect_verb(verb: Token) -> tuple[str, list[Token]] | None:
    slot, _, needed = suspect_verbs().get(verb.lemma_.lower(), "").partition("+")
    if needed and not any(c.lower_ == needed for c in verb.children):
        return None  # "opened fire", "turned himself in", not "opened the door"
    if slot == "passive_subject" and _is_passive(verb):
        found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    elif slot == "subject" and not _found_in_state(verb):
        found = [c for c in verb.children if c.dep_ == "nsubj"]
    elif slot == "object":
        found = [c for c in verb.children if c.dep_ in _OBJECTS]
    elif slot == "for":
        found = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                 if g.dep_ == "pobj"]
    elif slot == "custody" and any(c.dep_ == "prep" and c.lower_ == "into" and
                                   any(g.lower_ == "custody" for g in c.children) for c in verb.children):
        found = [c for c in verb.children if c.dep_ in _OBJECTS]
    else:
        return None
    return "perpetrator", found


def _found_in_state(verb: Token) -> bool:
    """'found Ladarrius Moody shot to death': the subject of the small clause was shot."""
    return (verb.dep_ in _COMPLEMENTS and verb.head.lemma_ in _FOUND_VERBS) or _to_death(verb)


def _identified_names(doc: Doc, victim_nouns: frozenset[str]) -> dict[str, list[str]]:
    """Names given a role anywhere in the article: victims and suspects. ``victim_nouns`` are
    the nouns the article's casualties were counted on ("boy", "man")."""
    found: dict[str, list[str]] = {"victim": [], "perpetrator": []}
    for label, token in _role_hits(doc):
        named = (_named_by_role(token) if label == "ROLE" else _named_by_naming_verb(token, victim_nouns)
                 if label == "NAMING" else _named_by_suspect_verb(token))
        if named is None:
            continue
        role, heads = named
        for name in _names(doc, heads):
            if name not in found[role]:
                found[role].append(name)
    return found


def _attach_identified(casualties: list[Casualty], identified: dict[str, list[str]]) -> None:
    """Names given by role go to the first current killed/injured/shot casualty of the article."""
    main = next((c for c in casualties if c.category in ("killed", "injured", SHOT)
                 and not (c.aggregate or c.historical)), None)
    if main is None:
        return
    for name in identified["victim"]:
        if name not in main.victims:
            main.victims.append(name)
    for name in identified["perpetrator"]:
        if name not in main.perpetrators and name not in main.victims:
            main.perpetrators.append(name)


def _resolve_pronouns(found: list[Found]) -> None:
    """'Larry Henderson was found shot. He died at a hospital.': 'he' or 'she', in the same or the
    next sentence after one person named as hit, is that person (so the two are counted once)."""
    named: Found | None = None
    for item in sorted(found, key=lambda f: f.trigger.i):
        if item.casualty.category not in _HARMED:
            continue
        pronoun = item.victim.lower_ in _PERSON_PRONOUNS and not item.casualty.victims
        if pronoun and named is not None and sentence_of(item.trigger).start <= sentence_of(named.trigger).end:
            item.casualty.victims = list(named.casualty.victims)
        elif len(item.casualty.victims) == 1 and item.casualty.count.best == 1:
            named = item


def extract_casualties(doc: Doc, ctx: Context) -> list[Casualty]:
    """Every casualty statement in the document, in text order."""
    found: list[Found] = []
    casualties: list[Casualty] = []
    info = DocInfo.of(doc, ctx)
    for trigger in _candidate_triggers(doc):
        item = _casualty(doc, trigger, info)
        if item is not None:
            found.append(item)
            if item.casualty.category in _HARMED and (item.casualty.count.best or 0) >= 2:
                info.last_group = item
        word = trigger_word(trigger)
        if word is not None and word.category == SHOT and not info.quoted(trigger.idx):
            fatal = _fatally_shot(doc, trigger)
            if fatal is not None:
                casualties.append(fatal)
    _resolve_pronouns(found)
    casualties += [item.casualty for item in _merge_coordinated(found)]
    casualties += _incident_casualties(doc, info)
    casualties.sort(key=lambda c: (c.trigger_start or 0))
    victim_nouns = frozenset(f.victim.lemma_.lower() for f in found if f.casualty.category in _HARMED
                             and f.victim.pos_ == "NOUN")
    _attach_identified(casualties, _identified_names(doc, victim_nouns))
    return casualties


# --------------------------------------------------------------------------- article totals


def _current(casualties: Iterable[Casualty], category: str) -> list[Casualty]:
    return [c for c in casualties if c.category == category and not (c.aggregate or c.historical)
            and c.count.best is not None]


def _is_additional(casualty: Casualty, text: str | None) -> bool:
    """'Another man was shot', 'three other people were wounded', 'X was also killed', 'the
    officer also killed a neighbour': people not counted before. "another"/"other" must be in
    the victims' own phrase and "also" must go with the casualty word: in "they also found a man
    dead" the finding is what is added, and in "he killed another man" the other man is other
    than the killer, not one more victim."""
    if text is None or casualty.count.start is None or casualty.count.end is None or casualty.trigger_start is None:
        return False
    trigger_end = casualty.trigger_start + len(casualty.trigger or "")
    if casualty.count.start > casualty.trigger_start:
        return _ALSO.search(text, max(casualty.sentence_start, casualty.trigger_start - 40), trigger_end) is not None
    phrase_start = max(casualty.sentence_start, casualty.count.start - 25)
    phrase_end = min(casualty.count.end + 10, casualty.trigger_start)  # "two others were hurt"
    if _ANOTHER.search(text, phrase_start, max(phrase_end, casualty.count.end)) is not None:
        return True
    return _ALSO.search(text, casualty.count.end, min(trigger_end, casualty.sentence_end)) is not None


def _named_before(mention: Casualty, seen: list[str]) -> bool:
    """Every person the mention names was named by an earlier mention (no one new)."""
    return bool(mention.victims) and all(distinct_people([*seen, name]) == distinct_people(seen)
                                         for name in mention.victims)


def _follows_own_kind(mention: Casualty, group: list[Casualty], context: list[Casualty]) -> bool:
    """Whether the harm told just before the mention is of the mention's own group: after "two
    people are dead", "three others were wounded" are others than the dead, not more wounded."""
    before = [c for c in context if c.category in _HARMED and (c.trigger_start or 0) < (mention.trigger_start or 0)]
    if not before:
        return True
    previous = max(before, key=lambda c: c.trigger_start or 0)
    return any(previous is c for c in group)


def _running_total(mentions: list[Casualty], text: str | None, context: list[Casualty]) -> int:
    """The largest count, where people introduced as additional are added to the count told
    just before them ("one man was declared dead, and another man died" -> 2); people already
    named are not additional ("X and Y were killed ... Y was also killed")."""
    running: int | None = None
    largest = 0
    seen: list[str] = []
    for mention in sorted(mentions, key=lambda c: c.trigger_start or 0):
        value = mention.count.best or 0
        added = (running is not None and _is_additional(mention, text) and not _named_before(mention, seen)
                 and _follows_own_kind(mention, mentions, context))
        running = running + value if running is not None and added else value
        largest = max(largest, running)
        seen += mention.victims
    return largest


def _suicide(casualty: Casualty, text: str | None) -> bool:
    """A perpetrator who killed himself: 'the gunman took his own life', 'the suspect was found
    dead from a self-inflicted gunshot wound', 'the shooter killed himself'."""
    if text is None or casualty.trigger_start is None:
        return False
    if not set(fold(casualty.count.text or "").split()) & _perpetrator_nouns():
        return False  # "a girl accidentally shot herself" is the only victim, not one more
    after = text[casualty.trigger_start : min(casualty.sentence_end, casualty.trigger_start + 60)]
    before = text[max(casualty.sentence_start, casualty.trigger_start - 30) : casualty.trigger_start]
    return _SELF_AFTER.match(after) is not None or _SELF_BEFORE.search(before) is not None


@lru_cache(maxsize=1)
def _perpetrator_nouns() -> frozenset[str]:
    return frozenset(noun for noun, role in role_nouns().items() if role == "perpetrator")


def _combine(mentions: list[Casualty], text: str | None = None, context: list[Casualty] | None = None) -> Count | None:
    """One figure for mentions that may describe the same people (lead, details, corrections):
    the largest count, plus people introduced as additional ("another", "also"), plus a
    perpetrator who killed himself when the figures do not already include him."""
    if not mentions:
        return None
    by_phrase: dict[tuple[int | None, int | None], Casualty] = {}
    for mention in sorted(mentions, key=lambda c: c.trigger_start or 0):  # one noun phrase, one group:
        by_phrase.setdefault((mention.count.start, mention.count.end), mention)  # its first word speaks
    mentions = list(by_phrase.values())
    suicides = [c for c in mentions if _suicide(c, text)]
    others = [c for c in mentions if c not in suicides] or suicides
    largest = max(others, key=lambda c: c.count.best or 0)
    best = max(_running_total(others, text, context if context is not None else mentions),
               distinct_people(n for c in others for n in c.victims))
    if others is not suicides and suicides and not _includes_shooter(largest, text):
        best += max(c.count.best or 0 for c in suicides)
    tolls = [c for c in mentions if (c.trigger or "").lower() == "toll"]
    high = max((c.count.high or c.count.best or 0) for c in mentions)
    if tolls:
        best = tolls[-1].count.best or best  # the latest toll is the correction
    low_values = [c.count.low for c in mentions if c.count.low is not None]
    return Count(
        low=min(max(low_values), best) if low_values else None,
        best=best,
        high=max(high, best),
        text=largest.count.text,
        start=largest.count.start,
        end=largest.count.end,
        vague=largest.count.vague and best == largest.count.best,
    )


def _includes_shooter(casualty: Casualty, text: str | None) -> bool:
    """'Four dead in murder-suicide', 'left four people dead, including the gunman'."""
    if text is None:
        return False
    return _SHOOTER_INCLUDED.search(text, casualty.sentence_start, casualty.sentence_end) is not None


def distinct_people(names: Iterable[str]) -> int:
    """How many people a list of names stands for ("Malone Amason" and "Amason" are one)."""
    groups: list[set[str]] = []
    for name in names:
        words = set(fold(name).split())
        if words and not any(words <= g or g <= words for g in groups):
            groups.append(words)
    return len(groups)


def _only_hit(casualty: Casualty) -> bool:
    """A wound, injuries or a condition say someone was hurt, not that they survived
    ("found with a gunshot wound ... where he died"): counted with the people shot."""
    if casualty.category != "injured" or (casualty.trigger or "").lower() not in _HIT_WORDS:
        return False
    return not _counted_injuries(casualty)


def _counted_injuries(casualty: Casualty) -> bool:
    """'two deaths and five injuries': injuries counted by a number are injured people."""
    count, trigger_start = casualty.count, casualty.trigger_start
    if count.end is None or trigger_start is None or not 0 <= trigger_start - count.end <= 12:
        return False
    return parse_count(count.text or "") is not None and (count.text or "").lower() not in ("one", "a", "an")


def _to_hospital(casualty: Casualty) -> bool:
    return (casualty.trigger or "").lower() in ("hospital", "hospitals")


def _died_later(casualty: Casualty, dead: list[str]) -> bool:
    """Everyone the hurt mention names is among the named dead ("Mar stabbed himself ... Mar
    died"): a victim who died counts once, as killed."""
    return bool(casualty.victims) and bool(dead) and all(
        any(_same_person(name, other) for other in dead) for name in casualty.victims)


def _same_person(a: str, b: str) -> bool:
    left, right = set(fold(a).split()), set(fold(b).split())
    return bool(left) and bool(right) and (left <= right or right <= left)


def _refers_back(casualty: Casualty, text: str | None) -> bool:
    """The people are ones told about before: 'he', 'the 19-year-old victim', 'one of them'."""
    if text is None or casualty.count.start is None or casualty.count.end is None:
        return False
    if (casualty.count.text or "").lower() in _PERSON_PRONOUNS:
        return True
    before = text[max(casualty.sentence_start, casualty.count.start - 30) : casualty.count.start]
    after = text[casualty.count.end : casualty.count.end + 12]
    return _DEFINITE_BEFORE.search(before) is not None or _OF_THEM_AFTER.match(after) is not None


def _wounded_then_died(casualty: Casualty, killed: list[Casualty], current: list[Casualty],
                       text: str | None) -> bool:
    """'Two people were wounded ... The 19-year-old victim died': the wounded are the people hit,
    one of whom died, unless the dead were told first in the same sentence ("one killed, two
    wounded": the wounded are others)."""
    if casualty.category != "injured" or casualty.trigger_start is None:
        return False
    start = casualty.trigger_start
    if any(c.category == "killed" and c.sentence_start == casualty.sentence_start and (c.trigger_start or 0) < start
           for c in current):
        return False
    return any((k.trigger_start or 0) > start and _refers_back(k, text) for k in killed)


def article_totals(casualties: Iterable[Casualty], text: str | None = None) -> dict[str, Count]:
    """Per category, the article's count of distinct people, without aggregates or history.

    With the analysed ``text``, people introduced as additional ("another man was shot", "the
    officer also killed a neighbour") are added to the largest count instead of merged into it.
    People "shot" (or said to have wounds, injuries, a condition, or wounded when one of them is
    said to have died later) are split: those not counted as killed are injured, when that is
    more than the injured reported in so many words. A named person who died is not injured."""
    items = list(casualties)
    current = [c for c in items if not (c.aggregate or c.historical) and c.count.best is not None]
    killed = _current(items, "killed")
    dead = [name for c in killed for name in c.victims]
    hits = [c for c in current if c.category == SHOT or _only_hit(c) or _wounded_then_died(c, killed, current, text)]
    if any(c.category in _HARMED and not _to_hospital(c) for c in current):
        # A trip to hospital is the weakest sign of harm: counted only when nothing else is told.
        current = [c for c in current if not _to_hospital(c)]
        hits = [c for c in hits if not _to_hospital(c)]
    totals: dict[str, Count] = {}
    for category in CATEGORIES:
        mentions = [c for c in current if c.category == category and not _only_hit(c)
                    and not any(c is h for h in hits)]
        if category == "injured":
            mentions = [c for c in mentions if not _died_later(c, dead)]
        combined = _combine(mentions, text, current)
        if combined is not None:
            totals[category] = combined
    # The killed were hit too: told among the people hit, "one man dead and another with
    # injuries" counts the other man as one more hit, not as the dead man again.
    shot = _combine([*hits, *killed], text, current) if hits else None
    if shot is not None and shot.best is not None:
        killed_count = totals["killed"].best or 0 if "killed" in totals else 0
        hit_not_killed = shot.best - killed_count
        injured = totals.get("injured")
        if hit_not_killed > 0 and (injured is None or (injured.best or 0) < hit_not_killed):
            totals["injured"] = Count(low=hit_not_killed, best=hit_not_killed, high=hit_not_killed,
                                      text=shot.text, start=shot.start, end=shot.end, vague=shot.vague)
    return totals
