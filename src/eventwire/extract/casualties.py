"""Casualties: how many were killed, injured, missing, arrested, displaced or kidnapped.

For every casualty word (lexicon/casualty_triggers.tsv, found with a spaCy Matcher) the
dependency tree gives the people it happened to: the passive or intransitive subject ("three
people were killed", "he died"), the object of an active verb ("killed five people aboard two
vessels"), the noun a participle modifies ("a man shot on Monday"), the object of "left ...
dead", the owner of a wound or a condition ("a man with a gunshot wound", "left a man in
critical condition"), "the death of X", "X's body". The count comes from that noun phrase only
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
named victims when that is larger), people introduced as additional ("another man was shot")
are added, a later death toll updates the best figure, and aggregates and history are left out.

Category "shot" means hit by gunfire, killed or not: ``article_totals`` turns it into injured
people after the killed are taken out ("two men were shot, one fatally" -> 1 killed, 1 injured).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.matcher import Matcher
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from eventwire.extract.context import Context
from eventwire.extract.numbers import parse_count
from eventwire.model import Casualty, Count, fold
from eventwire.nlp import doc_text

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
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves"})
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ess")
_NEGATIONS = frozenset({"not", "n't", "never"})
_ZERO_DETERMINERS = frozenset({"no", "neither"})
_YEAR = re.compile(r"(?<![\d$,.])\b((?:19|20)\d\d)\b(?![\d,])")
_QUOTE_MARK = re.compile("[\"“”«»]")
_QUOTE_OPEN = frozenset("“«")
_QUOTE_CLOSE = frozenset("”»")
_AT = frozenset({"at", "toward", "towards", "into"})
_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "advcl", "conj"})
_FOUND_VERBS = frozenset({"leave", "find", "discover", "recover", "identify", "locate", "pull", "retrieve", "dump"})
# People described only by age and sex: when police name one, it is usually the victim.
_GENERIC_PEOPLE = frozenset({"man", "woman", "boy", "girl", "teen", "teenager", "person", "male", "female",
                             "child", "youth"})
_HIT_VERBS = frozenset({"hit", "strike"})  # a casualty only when gunfire is in the sentence
_HARMED = frozenset({"killed", "injured", "shot"})
_NAMING_VERBS = frozenset({"identify", "name"})
_INTRANSITIVE = frozenset({"die", "perish", "disappear"})
_CONDITION_WORDS = frozenset({"critical", "serious", "stable", "fair", "good", "grave", "guarded", "life",
                              "threatening", "satisfactory", "poor"})
_HEDGED = frozenset({"possibly", "nearly", "almost", "narrowly"})
_HARM_NOUNS = frozenset({"injury", "wound"})  # "suffered a gunshot wound", "a man with injuries"
_SUFFER_VERBS = frozenset({"suffer", "sustain", "have", "receive", "treat", "recover", "die"})
_MAX_QUOTE_CHARS = 600
_HIT_WORDS = frozenset({"wound", "wounds", "injury", "injuries", "condition"})
_VAGUE_PEOPLE = frozenset({"dozens", "hundreds", "thousands", "scores", "several", "many", "millions", "both",
                           "few", "none", "dozen"})
_ADDITIONAL = re.compile(r"\b(?:another|also|other)\b", re.IGNORECASE)
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)
_FATALLY = frozenset({"fatally", "mortally"})


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


@lru_cache(maxsize=1)
def triggers() -> TriggerLexicon:
    by_lemma: dict[tuple[str, str], str] = {}
    verb_forms: dict[str, TriggerWord] = {}
    for line in _lines("casualty_triggers.tsv"):
        lemma, kind, category, *forms = line.split("\t")
        by_lemma[(lemma, kind)] = category
        for form in forms[0].split(",") if forms else []:
            verb_forms[form] = TriggerWord(lemma, kind, category)
    return TriggerLexicon(by_lemma, verb_forms)


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
    return re.compile("|".join(f"(?:{p})" for p in _lines("casualty_aggregate.txt")), re.IGNORECASE)


@lru_cache(maxsize=1)
def _historical_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lines("casualty_historical.txt")), re.IGNORECASE)


@lru_cache(maxsize=1)
def _weapon_pattern() -> re.Pattern[str]:
    words = sorted(weapons(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(?:s|es)?\b", re.IGNORECASE)


def _hashes(vocab: Vocab, words: Iterable[str]) -> np.ndarray:
    return np.array(sorted({vocab.strings.add(w) for w in words}), dtype=np.uint64)


_VERB_POS = np.array([VERB, AUX], dtype=np.uint64)
_NOUN_POS = np.array([NOUN, PROPN], dtype=np.uint64)


@lru_cache(maxsize=4)
def _trigger_tables(vocab: Vocab) -> tuple[np.ndarray, ...]:
    lexicon = triggers()
    lemmas: dict[str, list[str]] = {}
    for lemma, kind in lexicon.by_lemma:
        lemmas.setdefault(kind, []).append(lemma)
    plurals = [f"{n}s" for n in lemmas.get("NOUN", [])] + ["injuries", "fatalities"]
    return (_hashes(vocab, lexicon.verb_forms), _hashes(vocab, lemmas.get("VERB", [])),
            _hashes(vocab, lemmas.get("ADJ", [])), _hashes(vocab, lemmas.get("NOUN", [])), _hashes(vocab, plurals))


def _token_rows(doc: Doc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = doc.to_array([LOWER, LEMMA, POS]).astype(np.uint64).reshape(len(doc), 3)
    return rows[:, 0], rows[:, 1], rows[:, 2]


def trigger_word(token: Token) -> TriggerWord | None:
    """The casualty word a token is, if any, and how its people are to be found."""
    lexicon = triggers()
    form = lexicon.verb_forms.get(token.lower_)
    if form is not None:
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


# --------------------------------------------------------------------------- who it happened to


def _is_person(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.like_num or token.pos_ == "NUM" or token.ent_type_ == "PERSON":
        return True
    if token.lower_ in _VAGUE_PEOPLE:
        return True  # "dozens were injured", "hundreds of people"
    if token.pos_ == "PRON":
        return token.lower_ in _PERSON_PRONOUNS or token.lower_ in ("they", "them", "themselves", "who",
                                                                        "one", "someone", "nobody", "none")
    if lemma in person_nouns() or token.lower_ in person_nouns():
        return True  # before proper nouns: headlines capitalise "Man Shot By Police"
    if token.pos_ == "PROPN":
        if token.ent_type_ in ("PERSON", "NORP"):
            return True
        # An unlabelled proper noun is taken for a name only as part of a multi-word name.
        in_name = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
        return (token.ent_type_ in ("", "ORG") and token.is_alpha and in_name
                and lemma not in not_name_words() and token.lower_ not in triggers().verb_forms)
    return lemma.endswith(_PERSON_SUFFIXES) and lemma not in non_person_nouns() and token.pos_ == "NOUN"


def _relative_antecedent(token: Token) -> Token:
    """'who'/'that' in a relative clause stands for the noun the clause modifies."""
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _age_holder(token: Token) -> Token:
    """'Boy, 9, ... dies': a number in apposition is an age, the person is the noun before it."""
    if token.like_num and token.dep_ == "appos" and token.head.pos_ in ("NOUN", "PROPN"):
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
        else:
            return None
    return None


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and _child(verb, _OBJECTS) is None


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
    return _noun_roles(trigger)


def _verb_roles(verb: Token, word: TriggerWord) -> Roles:
    obj = _child(verb, _OBJECTS)
    by = _child(verb, _AGENT)  # "shot by police"
    agent = _child(by, _POBJ) if by is not None else None
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return Roles(victim=verb.head, agent=agent)
    if obj is not None and not _is_passive(verb):
        victim = _clause_subject(verb) if obj.lower_ in _REFLEXIVE else obj
        return Roles(victim=victim, agent=_clause_subject(verb))
    found_as = obj is None and verb.dep_ in _COMPLEMENTS and verb.head.lemma_ in _FOUND_VERBS
    if word.lemma in _INTRANSITIVE or _is_passive(verb) or found_as:
        subject = _clause_subject(verb)
        if subject is None and verb.dep_ in _COMPLEMENTS and verb.head.lemma_ in _FOUND_VERBS:
            subject = _child(verb.head, _OBJECTS)  # "found Ladarrius Moody shot to death"
        return Roles(victim=subject, agent=agent)
    return Roles(victim=None, agent=_clause_subject(verb))


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
        if obj is not None and adjective.dep_ == "oprd" and not _is_passive(head):
            return Roles(victim=obj, agent=_clause_subject(head))  # "left three people dead"
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            return Roles(victim=head.head, agent=None)  # "man found dead on a road"
        return Roles(victim=_clause_subject(head), agent=None)  # "was found dead", "is missing"
    return Roles(victim=None, agent=None)


def _noun_roles(noun: Token) -> Roles:
    number = next((c for c in noun.children if c.dep_ == "nummod"), None)
    if number is not None:
        return Roles(victim=number, agent=None)  # "two deaths", "five injuries"
    if noun.lemma_ == "toll":
        return Roles(victim=_toll_number(noun), agent=None)
    of_whom = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
    if of_whom is not None:
        return Roles(victim=of_whom, agent=None)  # "the death of his daughter"
    if noun.lemma_ in _HARM_NOUNS:
        return _harm_roles(noun)
    return Roles(victim=None, agent=None)


def _harm_roles(noun: Token) -> Roles:
    """'a man with a gunshot wound', 'he suffered injuries': the one who has them."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "with":
        owner = head.head
        if owner.pos_ in ("NOUN", "PROPN", "PRON"):
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
    """'a man's body was found', 'the bodies of three men', 'police found two bodies'."""
    owner = next((c for c in body.children if c.dep_ == "poss"), None)
    of_whom = next((g for c in body.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
    if owner is not None or of_whom is not None:
        return Roles(victim=owner if owner is not None else of_whom, agent=None)
    if body.head.lemma_ in _FOUND_VERBS and body.dep_ in _OBJECTS | _SUBJECTS:
        return Roles(victim=body, agent=None)
    return Roles(victim=None, agent=None)


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
    for child in verb.children:
        prepositions = [child] if child.lower_ == "with" else list(child.children)
        if child.lower_ not in ("along", "together", "with"):
            continue
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


def _not_actual(trigger: Token) -> bool:
    """Threats, intentions, questions and futures: 'threatened to kill', 'could be charged'."""
    if any(c.dep_ == "aux" and c.lower_ in _MODAL_OR_FUTURE for c in trigger.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in _HEDGED for c in trigger.children):
        return True
    if trigger.dep_ == "xcomp" and trigger.head.lemma_ in _INTENT_HEADS:
        return True
    if trigger.lemma_ == "shoot" and trigger.i + 1 < len(trigger.doc) and trigger.nbor(1).lower_ in _AT:
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
        entity = next((e for e in doc.ents if e.start <= token.i < e.end and e.label_ == "PERSON"), None)
        return entity.text if entity is not None else None
    if not _name_like(token) or token.ent_type_ not in ("", "ORG", "NORP"):
        return None
    start = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i >= token.i \
            and _name_like(doc[start - 1]):
        start -= 1
    if start < token.i:
        return doc[start : token.i + 1].text
    surnames = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    return token.text if token.lower_ in surnames else None


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


def _names(doc: Doc, heads: Iterable[Token]) -> list[str]:
    """Person names among the given noun heads, their conjuncts and appositions."""
    names: list[str] = []
    for head in heads:
        for token in _conjuncts(head):
            candidates = [token, *(c for c in token.children if c.dep_ == "appos"), *_identified_as(token)]
            if token.dep_ == "appos":
                candidates.append(token.head)
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
    match = _weapon_pattern().search(sentence.text)
    if match is None:
        return None
    return table.get(match.group(1).lower())


def _mentions_gunfire(sentence: Span) -> bool:
    table = weapons()
    return any(table.get(m.group(1).lower()) == "firearm" for m in _weapon_pattern().finditer(sentence.text))


def _is_aggregate(sentence: Span) -> bool:
    return _aggregate_pattern().search(sentence.text) is not None


def _is_historical(sentence: Span, reference_year: int | None) -> bool:
    """Background: 'years ago', or a year before the article's own year (the anchor's, else the
    latest year the article mentions)."""
    if _historical_pattern().search(sentence.text):
        return True
    return reference_year is not None and any(int(y) < reference_year for y in _YEAR.findall(sentence.text))


@dataclass(slots=True)
class DocInfo:
    """What every trigger of one document needs: the article's year and its quotations."""

    reference_year: int | None
    quote_spans: list[tuple[int, int]]

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
    hits = (np.isin(lower, forms) | (np.isin(lemma, verbs) & np.isin(pos, _VERB_POS)) | np.isin(lower, adjectives)
            | (np.isin(lemma, nouns) & np.isin(pos, _NOUN_POS)) | np.isin(lower, plurals))
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


@lru_cache(maxsize=4)
def _incident_matcher(vocab: Vocab) -> Matcher:
    modifiers = sorted({m for m, _ in incident_nouns()})
    nouns = sorted({n for _, n in incident_nouns()})
    matcher = Matcher(vocab)
    # Up to three words may stand between: "a deadly Christmas Day shooting".
    between = {"POS": {"IN": ["PROPN", "NOUN", "ADJ", "PUNCT"]}, "IS_SENT_START": False, "OP": "{,3}"}
    matcher.add("INCIDENT", [[{"LOWER": {"IN": modifiers}}, between,
                              {"LEMMA": {"IN": nouns}, "POS": {"IN": ["NOUN", "VERB", "PROPN"]}}]])
    return matcher


def _incident_casualties(doc: Doc, info: DocInfo) -> list[Casualty]:
    """'a fatal shooting' (at least one killed), 'a double homicide' (two killed)."""
    found: list[Casualty] = []
    seen: set[int] = set()
    for _, start, end in _incident_matcher(doc.vocab)(doc):
        modifier, noun = doc[start], doc[end - 1]
        entry = incident_nouns().get((modifier.lower_, noun.lemma_.lower()))
        if entry is None or info.quoted(modifier.idx) or noun.tag_ in ("NNS", "NNPS") or noun.i in seen:
            continue
        seen.add(noun.i)
        sentence = modifier.sent
        span = doc[start:end]
        count = Count(low=entry.count, best=entry.count, high=None if entry.at_least else entry.count,
                      text=span.text, start=span.start_char, end=span.end_char)
        found.append(Casualty(
            category=entry.category, count=count, sentence_start=sentence.start_char,
            sentence_end=sentence.end_char, trigger=span.text, trigger_start=span.start_char,
            weapon=_weapon(noun, sentence), aggregate=_is_aggregate(sentence),
            historical=_is_historical(sentence, info.reference_year)))
    return found


def _fatally_shot(doc: Doc, trigger: Token) -> Casualty | None:
    """'Two men were shot, one fatally': the number modified by 'fatally' is killed."""
    for child in trigger.children:
        fatal = next((g for g in child.children if g.lower_ in _FATALLY), None)
        if child.like_num and fatal is not None:
            count = _single_count(doc, child)
            if count is not None:
                sentence = trigger.sent
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
    if category is None or _not_actual(trigger) or info.quoted(trigger.idx):
        return None
    if word.lemma in _HIT_VERBS and not _mentions_gunfire(trigger.sent):
        return None  # "hit by a bullet" is a shot; "hit by a car" is not counted here
    roles = _roles(trigger, word)
    if roles.victim is None:
        return None
    victim = _age_holder(_relative_antecedent(roles.victim))
    if not _is_person(victim):
        return None
    companions = _along_with(trigger) if word.kind == "VERB" else []
    count = _zero(trigger) if _negated(trigger) else _people_count(doc, victim, companions)
    if count is None:
        return None
    sentence = trigger.sent
    victims = _names(doc, [victim, *companions])
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
    labelled = (("NAMING", np.isin(lemma, naming) & is_verb), ("SUSPECT", np.isin(lemma, suspect) & is_verb),
                ("ROLE", np.isin(lemma, roles) & (pos == NOUN)))
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
    slot = suspect_verbs().get(verb.lemma_.lower())
    if slot == "passive_subject" and _is_passive(verb):
        found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    elif slot == "subject":
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


def extract_casualties(doc: Doc, ctx: Context) -> list[Casualty]:
    """Every casualty statement in the document, in text order."""
    found: list[Found] = []
    casualties: list[Casualty] = []
    info = DocInfo.of(doc, ctx)
    for trigger in _candidate_triggers(doc):
        item = _casualty(doc, trigger, info)
        if item is not None:
            found.append(item)
        word = trigger_word(trigger)
        if word is not None and word.category == SHOT and not info.quoted(trigger.idx):
            fatal = _fatally_shot(doc, trigger)
            if fatal is not None:
                casualties.append(fatal)
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
    """'Another man was shot', 'the officer also killed a neighbour': people not counted before.
    After an active verb only "also" counts: in "he killed another man" the other man is
    other than the killer, not one more victim."""
    if text is None or casualty.count.start is None or casualty.trigger_start is None:
        return False
    trigger_end = casualty.trigger_start + len(casualty.trigger or "")
    if casualty.count.start > casualty.trigger_start:
        return _ALSO.search(text, max(casualty.sentence_start, casualty.trigger_start - 40), trigger_end) is not None
    start = max(casualty.sentence_start, casualty.count.start - 25)
    return _ADDITIONAL.search(text, start, min(trigger_end, casualty.sentence_end)) is not None


def _running_total(mentions: list[Casualty], text: str | None) -> int:
    """The largest count, where people introduced as additional are added to the count told
    just before them ("one man was declared dead, and another man died" -> 2)."""
    running: int | None = None
    largest = 0
    for mention in sorted(mentions, key=lambda c: c.trigger_start or 0):
        value = mention.count.best or 0
        running = running + value if running is not None and _is_additional(mention, text) else value
        largest = max(largest, running)
    return largest


def _combine(mentions: list[Casualty], text: str | None = None) -> Count | None:
    """One figure for mentions that may describe the same people (lead, details, corrections):
    the largest count, plus people introduced as additional ("another", "also")."""
    if not mentions:
        return None
    by_phrase = {(c.count.start, c.count.end): c for c in mentions}  # one noun phrase, one group
    mentions = list(by_phrase.values())
    largest = max(mentions, key=lambda c: c.count.best or 0)
    best = max(_running_total(mentions, text), distinct_people(n for c in mentions for n in c.victims))
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
    return casualty.category == "injured" and (casualty.trigger or "").lower() in _HIT_WORDS


def article_totals(casualties: Iterable[Casualty], text: str | None = None) -> dict[str, Count]:
    """Per category, the article's count of distinct people, without aggregates or history.

    With the analysed ``text``, people introduced as additional ("another man was shot", "the
    officer also killed a neighbour") are added to the largest count instead of merged into it.
    People "shot" (or said to have wounds, injuries, a condition) are split: those not counted
    as killed are injured, when that is more than the injured reported in so many words."""
    items = list(casualties)
    totals: dict[str, Count] = {}
    for category in CATEGORIES:
        mentions = [c for c in _current(items, category) if not _only_hit(c)]
        combined = _combine(mentions, text)
        if combined is not None:
            totals[category] = combined
    shot = _combine([c for c in items if c.category == SHOT or _only_hit(c)
                     if c in _current(items, c.category)], text)
    if shot is not None and shot.best is not None:
        killed = totals["killed"].best or 0 if "killed" in totals else 0
        hit_not_killed = shot.best - killed
        injured = totals.get("injured")
        if hit_not_killed > 0 and (injured is None or (injured.best or 0) < hit_not_killed):
            totals["injured"] = Count(low=hit_not_killed, best=hit_not_killed, high=hit_not_killed,
                                      text=shot.text, start=shot.start, end=shot.end, vague=shot.vague)
    return totals
