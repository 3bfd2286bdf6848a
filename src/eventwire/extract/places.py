"""Places stage: recognize toponyms, resolve them against the gazetteer, pick event locations.

Recognition: spaCy GPE/LOC/FAC entities; a phrase matcher over the lexicon's seas, oceans
and regions (optionally with a compass modifier: "eastern Pacific") and over demonyms
("Venezuelan"); entities the model mislabelled whose whole text is a well-known place
("Zimbabwe" as PERSON); the dateline town. Demonyms, names used as modifiers ("U.S. forces")
and places inside organization names ("Kentucky State Police") are adjectival: they resolve
(for actors and for corpora that tag them) but are not place mentions of the article.

Resolution scores each gazetteer candidate by a population prior, the kind of entry, whether
the main name (not an alias) matched, national capitals, and the document: the countries and
first-level divisions that the other mentions resolve to, "Town, State" pairs, the dateline,
the source's country (country-code TLD) and closeness to the other towns. The first pass
reads priors only; two more passes re-score every mention against the context the previous
pass settled in *other* mentions, a mention counting less as context the closer its own call
between two divisions was. Then the text decides where it is explicit: "Bronx, New
York" and "New York Gov." name the state; once "Paris, Missouri" has said which Paris, a bare
"Paris" in the same article is that town; "Calais, Vermont" with no Calais in Vermont in the
gazetteer is placed at the article's town in Vermont, else at Vermont; a name the text calls a
town ("the city of Turkey") or a country ("the country of Georgia") takes only entries of that
kind, in all its mentions. A facility, street or other multi-word name the
gazetteer lacks is placed by a place named inside it ("Colorado State University") or at the
article's town (the one agreeing best with the divisions and countries the article names),
as kind "feature" with geo_precision 2. A span the caller asserts is a toponym
(``resolve_spans``) gets that fallback even as a single word, and with no town in the article
it goes to the division, then the country, the article names most. Anything else unknown
stays unresolved.

The score of a candidate entry (the highest wins; every weight is a named setting below):

    prior   log10(population + 10)  (lexicon seas, regions ...: EXTRA_PRIOR)
            + KIND_BONUS[kind] + NAME_BONUS (its own name, not an alias) or PREFERRED_BONUS
            (the alias lexicon's pick: "U.S." is the United States) + CAPITAL_BONUS
            - TOWN_DIVISION_PENALTY (a division named after its own big town)
    context COUNTRY_WEIGHT * sqrt(share of the other mentions in its country)
            + ADMIN1_WEIGHT * sqrt(share in its first-level division, weighted by how sure each is)
            + CONTAINER_WEIGHT ("Paris, Texas") + DATELINE_WEIGHT (the dateline's country: weak)
            + NAMED_DIVISION_WEIGHT (a town or county inside a first-level division another mention
            names itself, "officials in Missouri"; not when the name may be a division or country)
            + SOURCE_WEIGHT (the outlet's country-code domain) + NEAR_WEIGHT (a town of the
            article within NEAR_KM)

After scoring, the text decides where it is explicit: "the Cincinnati suburb of Mason" (the first
a town larger than every namesake of the second) puts Mason near Cincinnati, else "X
neighbourhood/district/county of Y" ("Puge county of Sichuan province") puts X inside Y (X's
namesake within Y, else Y itself as a feature of geo_precision 2); "X in Y" prefers X's namesake
inside Y and places an unknown facility in Y. Celestial bodies (places_celestial.txt) are never
places unless a container names the town ("Mars, Pennsylvania"); one word of a person's full name
in the article is that person, not a town; a village abroad (under STRANGER_MAX_POPULATION) in a
story whose other places lie in one other country, which names neither the village's country nor
its divisions, is left unresolved.
"""

from __future__ import annotations

import calendar
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np
from spacy.attrs import DEP, POS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from eventwire.extract import gazetteer
from eventwire.extract.context import Context
from eventwire.extract.gazetteer import Entry, Gazetteer
from eventwire.model import Place, fold
from eventwire.nlp import doc_ents, doc_text

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ADJECTIVAL_DEPS = frozenset({"compound", "amod", "nmod"})
COMPASS = (
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "north-east", "north-west", "south-east", "south-west",
    "north-eastern", "north-western", "south-eastern", "south-western",
)
COMPASS_RE = re.compile(r"^(?:" + "|".join(sorted(COMPASS, key=len, reverse=True)) + r")\s+", re.I)
LEADING_ARTICLE_RE = re.compile(r"^(?:the|The|THE)\s+")
POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
WORD_SPLIT_RE = re.compile(r"[\s/]+|-(?=[A-Z])")  # "Montreal-Pierre Elliott Trudeau", "Vienna/Fairfax"
PATTERN_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
SENTENCE_END_RE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"(])|\n+")
PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")
MONTH_WORDS = tuple(w for w in (*calendar.month_name, *calendar.month_abbr, "Sept") if w)
DATELINE_RE = re.compile(
    # BEIRUT | SPRINGFIELD, Ill. | MANBIJ, Syria, Jan. 5, 2026
    # (accented capitals too: APATZINGÁN, Michoacán)
    r"^\s*([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ.'’ -]{1,40}?)(?:,\s*[A-Z0-9À-ÖØ-Þ][A-Za-z0-9À-ÖØ-öø-ÿ. ]{0,25}){0,3}"
    r"\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s"  # (AP) —
)
DATELINE_COLON_RE = re.compile(
    # Srinagar, June 9: | New Delhi, Jan. 5:  (the style of South Asian papers)
    r"^\s*([A-Z][A-Za-zÀ-ÖØ-öø-ÿ.'’ -]{1,40}?),\s*(?:" + "|".join(MONTH_WORDS) + r")\.?\s+\d{1,2}\s*:\s"
)
HEADLINE_MAX_CHARS = 200  # a first line this short may be the headline a dateline follows
DIVISION_OFFICE_RE = re.compile(
    r"\s(?:Gov\.|Governor|Lt\. Gov\.|Lieutenant Governor|state\b|State Legislature|Legislature)"
)
LIST_CONTINUES_RE = re.compile(r",? (?:and|or) [A-Z]|, [A-Z]")
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}

# ACLED geo_precision (1 town, 2 part of a region, 3 larger region) and UCDP where_prec
# (1 exact, 3 admin2, 4 admin1, 5 region/line, 6 country, 7 international waters) by kind.
CELESTIAL_FILE = "places_celestial.txt"
PRECISION: dict[str, tuple[int, int | None]] = {
    "city": (1, 1), "admin2": (2, 3), "admin1": (3, 4), "country": (3, 6), "region": (3, 5),
    "continent": (3, None), "sea": (3, 7), "ocean": (3, 7), "gulf": (3, 7), "strait": (3, 7),
    "lake": (2, 5), "river": (2, 5), "canal": (2, 5), "island": (2, 4), "landmark": (1, 1), "reef": (2, 7),
}
WATER_KINDS = frozenset({"sea", "ocean", "gulf", "strait", "lake", "river", "canal"})
KIND_BONUS = {"country": 1.6, "admin1": 0.5, "continent": 1.0, "admin2": -0.6, "city": 0.0}
EXTRA_PRIOR = 6.5  # lexicon entries carry no population
NOT_SOURCE_TLDS = frozenset({"co", "io", "tv", "me", "fm", "ly", "ai", "am", "to", "cc", "ws", "eu", "us"})

MAX_CANDIDATES = 40
NAME_BONUS = 1.0
PREFERRED_BONUS = 3.0
CAPITAL_BONUS = 2.0
CAPITAL_ALIAS_PENALTY = 2.0  # an entry that bears a national capital's own name only as an alias
TOWN_DIVISION_PENALTY = 3.0
TOWN_DIVISION_KM = 60.0
COUNTRY_WEIGHT = 2.0
ADMIN1_WEIGHT = 2.4
SOURCE_WEIGHT = 1.2
NEAR_WEIGHT = 0.8
CONTAINER_WEIGHT = 4.0
DATELINE_WEIGHT = 2.0
NAMED_DIVISION_WEIGHT = 1.0  # the article names the entry's first-level division itself ("Missouri")
EMBEDDED_MIN_POPULATION = 100_000
BIG_CITY_POPULATION = 500_000
PLACE_PREPOSITIONS = frozenset({"in", "into", "near", "outside", "across", "around", "throughout", "to", "from"})
PLACE_VERBS = frozenset({"shell", "bomb", "strike", "hit", "pound", "besiege", "encircle", "capture", "seize",
                         "recapture", "occupy", "storm", "enter", "evacuate", "visit", "reach", "flee", "leave"})
LOCALITY_MIN_POPULATION = 3_000  # towns trusted to locate the article's streets and buildings
LOCALITY_ADMIN1_WEIGHT = 2.0
LOCALITY_COUNTRY_WEIGHT = 2.0
LOCALITY_NEAREST_BONUS = 0.5
LOCALITY_DATELINE_BONUS = 0.5  # the town a story was filed from, of any size, locates its buildings as
# well as the town named just before them (a local paper's "NORTHWOOD —" and its "Fremont Street tavern")
TOWN_SHARE = 0.15  # a division whose namesake town holds this share of its people is read as the town
NEAR_KM = 250.0
CONTEXT_PASSES = 2
SURE_MARGIN = 1.0  # score lead over other divisions at which a mention counts fully as context
MIN_VOTE = 0.25
PART_KM = 30.0  # a neighbourhood or district named "of <town>" lies within this distance of the town
STRANGER_MIN_MENTIONS = 5  # resolved place mentions before the story's country can rule out a small town abroad
STRANGER_SHARE = 0.8  # share of them the story's country must hold
STRANGER_MAX_POPULATION = EMBEDDED_MIN_POPULATION  # a town abroad too small to be trusted unnamed
STRANGER_FOREIGN_SHARE = 0.1
SLOT_HOME_SHARE = 0.6  # share of a story's places in one country that makes it home to untagged town names
STRANGER_MIN_AT_HOME = 3  # as many when the story names that country itself (session 8, analyst read #7)
SUBURB_KM = 50.0  # "the <town> suburb of X": X's namesake within this distance of the town
PART_WORDS = (
    "neighbourhood", "neighborhood", "district", "quarter", "suburb", "area", "section", "part",
    "camp", "village", "township", "sector", "county", "province", "prefecture", "municipality",
    "governorate", "parish", "borough", "region",
)
# "the city of Turkey", "the country of Georgia": the noun before "of" says what kind of place follows.
TOWN_KINDS = frozenset({"city", "admin2", "admin3"})
KIND_NOUNS = {
    **dict.fromkeys(("city", "town", "village", "township", "hamlet"), TOWN_KINDS),
    **dict.fromkeys(("country", "nation"), frozenset({"country"})),
    "state": frozenset({"admin1"}),  # "the state of Washington"; "the State of Israel" has none: a country
    "province": frozenset({"admin1", "admin2"}),
    "county": frozenset({"admin2"}),
}
# "in Helmand province", "Kaduna state": the noun after a name that says which kind of division it is.
DIVISION_NOUNS = {
    **dict.fromkeys(("state", "governorate", "oblast", "prefecture", "region"), frozenset({"admin1"})),
    "province": frozenset({"admin1", "admin2"}),
    **dict.fromkeys(("district", "county", "municipality"), frozenset({"admin2", "admin3"})),
}
KIND_NOUN_BEFORE_RE = re.compile(r"\b(" + "|".join(KIND_NOUNS) + r")\s+of\s+(?:the\s+)?$", re.I)
# "the Kashmir neighbourhood of Kadugli", "Hay al-Matar district in Kadugli": a part of that town.
PART_OF_RE = re.compile(r"\s+(?:" + "|".join(PART_WORDS) + r")\s+(?:of|in)\s+(?:the\s+(?:town|city|village)\s+of\s+)?",
                        re.I)
# "Camp Shorabak in Helmand Province", "Iwo Jima, in the Pacific": inside that place when it can be.
IN_RE = re.compile(r",?\s+(?:in|near|outside)\s+(?:the\s+)?(?:(?:town|city|village|province|state|region|district)"
                   r"\s+of\s+)?(?:(?:" + "|".join(COMPASS) + r")\s+)?", re.I)


@dataclass(slots=True)
class Mention:
    """A toponym candidate span before resolution."""

    start: int
    end: int
    text: str
    source: str  # ner, lexicon, demonym, dateline, slot (an untagged name where a place goes)
    adjectival: bool = False
    modifier: str | None = None  # compass word in front of a lexicon name
    label: str | None = None  # spaCy entity label
    given: bool = False  # a span the caller asserts is a toponym (resolve_spans)
    in_person_name: bool = False  # one word of a person's full name in the article ("Horton")
    in_place_slot: bool = False  # a name the model tags as a place where the text puts a place ("near Katari")
    division_kinds: frozenset[str] | None = None  # "Kandahar province": the kinds its division noun allows


# ---------------------------------------------------------------- recognition


@lru_cache(maxsize=4)
def _lexicon_matcher(vocab: Vocab) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    extra_names = [name for row in gazetteer.lexicon_lines(gazetteer.EXTRA_FILE)
                   for name in [row[2], *(row[6].split("|") if len(row) > 6 and row[6] else [])]]
    demonym_words = [row[0] for row in gazetteer.lexicon_lines(gazetteer.DEMONYM_FILE)]
    demonym_words += [w + "s" for w in demonym_words if not w.endswith(("s", "sh", "ese", "ch"))]
    for label, phrases in (("EXTRA", extra_names), ("DEMONYM", demonym_words)):
        patterns = [Doc(vocab, words=PATTERN_TOKEN_RE.findall(p.lower())) for p in phrases]
        matcher.add(label, patterns)
    return matcher


def _ner_mentions(doc: Doc) -> Iterable[Mention]:
    for ent in doc_ents(doc):
        if ent.label_ not in PLACE_LABELS or ent.text.islower():  # "a van": a vehicle, not Van
            continue
        start, end, text = ent.start_char, ent.end_char, ent.text
        article = LEADING_ARTICLE_RE.match(text)
        if article and not _article_in_name(text, article.end()):
            start, text = start + article.end(), text[article.end():]
        possessive = POSSESSIVE_RE.search(text)
        if possessive and len(text) > possessive.end() - possessive.start() + 1:
            end, text = end - len(possessive.group()), text[: possessive.start()]
        offset = start
        parts = text.split(", ")
        for n, part in enumerate(parts):
            # "Alexandria, Louisiana": two toponyms, as gazetteers and gold data see them.
            if part.strip():
                adjectival = _is_adjectival(ent.root, ent.end)
                kinds = _division_kinds(ent) if n == len(parts) - 1 else None
                yield Mention(offset, offset + len(part), part, "ner", adjectival, label=ent.label_,
                              division_kinds=kinds)
            offset += len(part) + 2


def _division_kinds(ent: Span) -> frozenset[str] | None:
    """"Kandahar province" (in the entity or right after it) is the province where "Kandahar" alone
    may be the town: the gazetteer kinds its division noun allows, when that noun names the place
    and modifies nothing ("the Plymouth District Court", "Los Angeles County coroner" say nothing)."""
    last = ent[-1]
    if len(ent) > 1 and last.lower_ in DIVISION_NOUNS and ent.root == last:
        noun = last
    elif _names_its_division(ent.root, ent.root.head, ent.end):
        noun = ent.root.head
    else:
        return None
    return DIVISION_NOUNS[noun.lower_] if noun.dep_ not in ADJECTIVAL_DEPS else None


def _article_in_name(text: str, bare_at: int) -> bool:
    """"The Hague", "The Gambia": the article is part of the name when the gazetteer knows the name
    with it and not without it."""
    gaz = gazetteer.load()
    return not gaz.lookup(text[bare_at:]) and bool(gaz.lookup(text))


def _is_adjectival(root: Token, ent_end: int) -> bool:
    """A name used as a modifier of a following noun ("U.S. forces"); not a town before a comma and
    its division ("in Reno, Nevada", which the parser may attach to "Nevada"), nor a name before the
    division noun that says what it is ("in Helmand province")."""
    head = root.head
    if ent_end < len(root.doc) and root.doc[ent_end].text == ",":
        return False
    if _names_its_division(root, head, ent_end):
        return False
    return root.dep_ in ADJECTIVAL_DEPS and head.i >= ent_end and head.pos_ in ("NOUN", "PROPN")


def _names_its_division(root: Token, head: Token, ent_end: int) -> bool:
    """"in Helmand province", "across Kaduna state", "the Kandahar district": the noun right after
    the name says which kind of place it is, and the two name one place; not when that noun in turn
    modifies another ("the Kaduna state government")."""
    return (root.dep_ == "compound" and head.i == ent_end and head.lower_ in DIVISION_NOUNS
            and head.dep_ not in ADJECTIVAL_DEPS)


SETTLEMENT_KINDS = frozenset({"city", "admin1", "admin2", "admin3", "country"})
RELABEL_KINDS = {
    # spaCy label -> gazetteer kinds that make an entity of that label a place after all
    "NORP": frozenset({"country", "admin1", "admin2", "city"}),
    "ORG": frozenset({"country", "admin1", "city"}),
    "PERSON": frozenset({"country", "admin1"}),
}


def _relabelled_mentions(doc: Doc) -> Iterable[Mention]:
    """Entities the model mislabelled ("Odesa" NORP, "Zimbabwe" PERSON, "EU" ORG) whose whole
    text is a country, a first-level division or a large town (or a lexicon place); a one-word
    "person" after a preposition of place that is a big city ("spread to Abuja"); a name before the
    division noun of a division of that name ("in Lakki Marwat district"); a name a
    settlement noun introduces or describes ("the city of Lyon", "Lyon, the third-largest French
    city") that names a town or division. Once the article has said a name is a place, its other
    mislabelled mentions are that place too ("Lyon ... Lyon"), and so are those of a name of several
    words the model tags as a place elsewhere in the article."""
    gaz = gazetteer.load()
    found: list[tuple[Span, int, str]] = []
    full_text = doc_text(doc)
    for ent in doc_ents(doc):
        kinds = RELABEL_KINDS.get(ent.label_)
        if kinds is None:
            continue
        name = full_text[ent.start_char:ent.end_char]  # ent.text, sliced instead of joined
        if name.islower() or gazetteer.demonym_entry(name) is not None:
            continue  # "a police van" tagged PERSON is not Van province
        if _an_acting_organization(ent):
            continue
        article = LEADING_ARTICLE_RE.match(name)
        found.append((ent, ent.start_char + (article.end() if article else 0),
                      name[article.end():] if article else name))
    said = {_folded(text) for ent, _, text in found
            if _settlement_noun_names(ent) and _is_named_settlement(gaz, _folded(text))}
    tagged = _names_tagged_as_places(doc)
    for ent, start, text in found:
        key = _folded(text)
        division = _division_kinds(ent)
        if division is not None and key not in gazetteer.generic_names() and any(
                e.kind in division for e in gaz.lookup_key(key)):
            yield Mention(start, ent.end_char, text, "ner", label=ent.label_, division_kinds=division)
        elif key in said or _relabelled_place(gaz, ent, key) or (key in tagged and not _modifies_a_noun(ent)):
            yield Mention(start, ent.end_char, text, "ner", label=ent.label_)


def _modifies_a_noun(ent: Span) -> bool:
    """"The Los Angeles County district attorney's office": the name hangs on a noun after it."""
    outside = [t.head for t in ent if not ent.start <= t.head.i < ent.end]
    return bool(outside) and all(h.i >= ent.end and h.pos_ in ("NOUN", "PROPN") for h in outside)


def _names_tagged_as_places(doc: Doc) -> set[str]:
    """Folded names of several words the model tags as a place somewhere in the article ("near
    Scarborough Shoal"): its other mentions are that place, whatever their label ("seized control of
    Scarborough Shoal" tagged ORG), unless they modify a noun ("the Los Angeles County district
    attorney's office": an organization's, as before)."""
    text = doc_text(doc)
    names = (LEADING_ARTICLE_RE.sub("", text[ent.start_char:ent.end_char]) for ent in doc_ents(doc)
             if ent.label_ in PLACE_LABELS)
    return {_folded(name) for name in names if len(name.split()) > 1}


def _an_acting_organization(ent: Span) -> bool:
    """"The EU adopted sanctions", "approved by the European Union": an organization the actor
    knowledge knows (not a state) that acts is an actor, not a place (its mentions as a place
    stay: "migrants arriving in the EU"; a country tagged ORG stays a place: "Zimbabwe said")."""
    from eventwire.extract.actors import lookup_known  # here: actors imports this module

    root = ent.root
    by_agent = root.dep_ == "pobj" and root.head.dep_ == "agent"
    if ent.label_ != "ORG" or not (root.dep_ in ("nsubj", "nsubjpass") or by_agent):
        return False
    known = lookup_known(LEADING_ARTICLE_RE.sub("", ent.text))
    return known is not None and known.kind == "organization"


def _relabelled_place(gaz: Gazetteer, ent: Span, key: str) -> bool:
    """Whether one mislabelled entity is a place by its own text or its preposition."""
    if _is_known_place(gaz, key, RELABEL_KINDS[ent.label_]):
        return True
    return ent.label_ == "PERSON" and _big_city_after_place_word(gaz, ent, key)


def _settlement_noun_names(ent: Span) -> bool:
    """A settlement noun introduces the name ("the city of Lyon": the name is the object of "of"
    after the noun) or describes it ("Lyon, the third-largest French city": an appositive)."""
    nouns = gazetteer.settlement_nouns()
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in nouns and head.head.i < ent.start:
        return True
    return any(child.dep_ == "appos" and child.lower_ in nouns for child in root.children)


def _is_named_settlement(gaz: Gazetteer, key: str) -> bool:
    """The gazetteer has a town or division whose own name is ``key`` (not a generic word)."""
    if key in gazetteer.generic_names():
        return False
    return any(e.kind in SETTLEMENT_KINDS and _canonical(_folded(e.name)) == _canonical(key)
               for e in gaz.lookup_key(key))


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    """Given names ("spoke to Charlotte"): a person, whatever town bears the name."""
    return frozenset(_folded(row[0]) for row in gazetteer.lexicon_lines("actor_first_names.tsv"))


def _big_city_after_place_word(gaz: Gazetteer, ent: Span, key: str) -> bool:
    """"spread to Abuja", "Russia shelled Kharkiv": a one-word "person" after a preposition of
    place or as the object of a verb done to places, that is a big city."""
    root = ent.root
    after_preposition = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS
    object_of_place_verb = root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_VERBS
    if len(ent) != 1 or not (after_preposition or object_of_place_verb):
        return False
    if key in gazetteer.generic_names() or key in _first_names():
        return False
    return any(e.kind == "city" and e.population >= BIG_CITY_POPULATION
               and _canonical(_folded(e.name)) == _canonical(key) for e in gaz.lookup_key(key))


def _is_known_place(gaz: Gazetteer, key: str, kinds: frozenset[str]) -> bool:
    if key in gazetteer.generic_names():
        return False
    if gaz.preferred.get(key) is not None:
        return True
    return any(
        _is_lexicon_entry(e)
        or (e.kind in kinds and (e.kind != "city" or e.population >= EMBEDDED_MIN_POPULATION)
            and _canonical(_folded(e.name)) == _canonical(key))
        for e in gaz.lookup_key(key)
    )


def _embedded_in_organizations(doc: Doc) -> Iterable[Mention]:
    """Places inside organization names ("Edmonton Police Service", "Kentucky State Police").
    They say where the organization belongs, not where something happened: adjectival."""
    gaz = gazetteer.load()
    kinds = RELABEL_KINDS["ORG"]
    text = doc_text(doc)
    for ent in doc_ents(doc):
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        # each run of words as (start, end) offsets: the text of ent[i:i + size], sliced, not joined
        words = [(t.idx, t.idx + len(t.text)) for t in ent]
        for size in range(len(words) - 1, 0, -1):
            found = next(((words[i][0], words[i + size - 1][1]) for i in range(len(words) - size + 1)
                          if text[words[i][0]:words[i][0] + 1].isupper()
                          and _is_known_place(gaz, _folded(text[words[i][0]:words[i + size - 1][1]]), kinds)),
                         None)
            if found is not None:
                yield Mention(found[0], found[1], text[found[0]:found[1]], "ner", adjectival=True, label="ORG")
                break


DATELINE_LINES = 3  # lines (a headline, a byline or "Posted:" stamp) a dateline may come after
STAMP_LINE_RE = re.compile(r"(?:by|posted|updated|published|last updated)\b", re.IGNORECASE)


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the dateline's place is written: at the top ("BEIRUT (AP) —"), or in capitals on the
    line after a headline ("Suspect Pleads Not Guilty\n\nBOSTON —")."""
    match = DATELINE_RE.match(text[:120]) or DATELINE_COLON_RE.match(text[:120])
    if match:
        return match.start(1), match.end(1)
    line_start = 0
    for _ in range(DATELINE_LINES):  # past a headline and short stamp lines ("Posted: Wednesday ...")
        line_break = text.find("\n", line_start)
        line = text[line_start:line_break].strip()
        if not 0 <= line_break - line_start <= HEADLINE_MAX_CHARS or (line_start and not STAMP_LINE_RE.match(line)):
            return None  # past the headline only a byline or a stamp may come before a dateline
        match = DATELINE_RE.match(text[line_break:line_break + 120])
        if match is not None and match.group(1).isupper():
            return line_break + match.start(1), line_break + match.end(1)
        match = DATELINE_COLON_RE.match(text[line_break:line_break + 120])
        if match is not None:
            return line_break + match.start(1), line_break + match.end(1)
        line_start = len(text) - len(text[line_break:].lstrip())
    return None


def _dateline_mentions(doc: Doc) -> Iterable[Mention]:
    """The place of a dateline ("BEIRUT (AP) —"), which the model often misses in capitals."""
    text = doc_text(doc)
    span = dateline_span(text)
    if span is not None and gazetteer.load().lookup(text[span[0]:span[1]]):
        yield Mention(span[0], span[1], text[span[0]:span[1]], "dateline")


# "SOMALIA: Al-Shabaab militants attacked ...": a page of news in brief, each brief opened by the name
# of its country or town in capitals and a colon.
BRIEF_LABEL_RE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'’&-]+(?:[ \t]+[A-Z][A-Z.'’&-]+){0,3}):[ \t]+(?=[\"“‘'A-Z0-9])")
BRIEFS_MIN_LABELS = 2  # labels of places that make a page of briefs ("ANALYSIS:" alone makes none)
BRIEF_TOWN_MIN_POPULATION = 100_000  # a town that labels a brief is a large one ("KABUL:")


@lru_cache(maxsize=4)
def brief_labels(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the place labels that open the briefs of a news-in-brief page ("SOMALIA: ...",
    "DR CONGO: ..."), when at least BRIEFS_MIN_LABELS paragraphs open with one; none otherwise
    (a transcript's "WOODRUFF:" names no place). Cached: the places and events stages both ask."""
    labels = list(BRIEF_LABEL_RE.finditer(text))
    found = tuple((m.start(1), m.end(1)) for m in labels if _labels_a_place(m.group(1)))
    return found if len(found) >= max(BRIEFS_MIN_LABELS, len(labels) / 2) else ()


def _labels_a_place(label: str) -> bool:
    """A country, a first-level division or a large town ("KABUL"); not a surname that some hamlet
    or county bears ("BROOKS")."""
    return any(e.kind in ("country", "admin1") or e.kind == "city" and e.population >= BRIEF_TOWN_MIN_POPULATION
               for e in gazetteer.load().lookup(label))


def _brief_label_mentions(doc: Doc) -> Iterable[Mention]:
    """The place that labels a brief, written in capitals where the model tags nothing."""
    text = doc_text(doc)
    for start, end in brief_labels(text):
        yield Mention(start, end, text[start:end], "dateline")


def _dateline_echoes(doc: Doc) -> Iterable[Mention]:
    """"MANBIJ, Syria — ... in the northern Syrian city of Manbij": the dateline's town written again
    where the model tagged nothing is that town (one sense per article)."""
    text = doc_text(doc)
    span = dateline_span(text)
    if span is None:
        return
    key = _folded(text[span[0]:span[1]])
    if key in gazetteer.generic_names() or not any(e.kind == "city" for e in gazetteer.load().lookup_key(key)):
        return
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, key.split())) + r"(?!\w)", re.I)
    for match in pattern.finditer(text):
        echo = doc.char_span(match.start(), match.end())
        if match.start() == span[0] or echo is None or not match.group()[:1].isupper():
            continue
        if _untagged_or_mislabelled(echo):
            yield Mention(match.start(), match.end(), match.group(), "ner", _is_adjectival(echo.root, echo.end))


def _untagged_or_mislabelled(span: Span) -> bool:
    """No entity covers the span, or one that is exactly the span with a label that names no person
    or organization ("Manbij" tagged PRODUCT)."""
    label = span[0].ent_type_
    if all(token.ent_type_ == "" for token in span):
        return True
    whole = span[0].ent_iob_ == "B" and all(t.ent_type_ == label for t in span) and (
        span.end == len(span.doc) or span.doc[span.end].ent_iob_ != "I")
    return whole and label not in ("PERSON", "ORG", "NORP")


def _org_spans(doc: Doc) -> list[tuple[int, int]]:
    """Organization names, without a leading article ("the Kurdistan Workers' Party")."""
    spans = []
    for ent in doc_ents(doc):
        if ent.label_ == "ORG":
            article = LEADING_ARTICLE_RE.match(ent.text)
            spans.append((ent.start_char + (article.end() if article else 0), ent.end_char))
    return spans


def _lexicon_mentions(doc: Doc) -> Iterable[Mention]:
    matcher = _lexicon_matcher(doc.vocab)
    strings = doc.vocab.strings
    organizations = _org_spans(doc)
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        if not span.text[:1].isupper():
            continue
        if strings[match_id] == "DEMONYM":
            yield Mention(span.start_char, span.end_char, span.text, "demonym", adjectival=True)
            continue
        if any(s <= span.start_char and span.end_char <= e and e - s > len(span.text) for s, e in organizations):
            # "the Kurdistan Workers' Party": a region in an organization's name says whose it is
            yield Mention(span.start_char, span.end_char, span.text, "lexicon", adjectival=True)
            continue
        modifier = None
        begin = span.start_char
        if start > 0 and doc[start - 1].lower_ in COMPASS:
            modifier = doc[start - 1].text
            begin = doc[start - 1].idx
        written = f"{modifier}{doc[start - 1].whitespace_}{span.text}" if modifier else span.text
        if modifier and _is_division_name(written):
            # "South Africa", "North Carolina": a country or division of its own, not part of Africa
            yield Mention(begin, span.end_char, written, "ner")
            continue
        yield Mention(begin, span.end_char, written, "lexicon", modifier=modifier)


def _is_division_name(text: str) -> bool:
    """Whether a country or first-level division of the gazetteer bears this name."""
    key = _folded(text)
    return any(e.kind in ("country", "admin1") and not _is_lexicon_entry(e) and _canonical(_folded(e.name)) == key
               for e in gazetteer.load().lookup_key(key)) or gazetteer.load().preferred.get(key) is not None


def _merge(mentions: Iterable[Mention]) -> list[Mention]:
    """Drop overlapping mentions, keeping the longer (then the lexicon) one."""
    rank = {"lexicon": 0, "ner": 1, "dateline": 2, "demonym": 3, "slot": 4}
    # Longer first, so a relabelled whole entity ("Tamil Nadu") wins over a part found inside one.
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), rank[m.source], m.start))
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in ordered:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        kept.append(m)
        taken.append((m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def find_mentions(doc: Doc) -> list[Mention]:
    """Toponym and demonym mentions of a parsed document, non-overlapping, in text order."""
    mentions = _merge([
        *_ner_mentions(doc), *_lexicon_mentions(doc), *_relabelled_mentions(doc),
        *_dateline_mentions(doc), *_embedded_in_organizations(doc), *_dateline_echoes(doc),
        *_untagged_in_place_slot(doc), *_brief_label_mentions(doc),
    ])
    person_words = {w for ent in doc_ents(doc) if _full_name(ent) for w in ent.text.split()}
    for m in mentions:
        m.in_person_name = m.source == "ner" and " " not in m.text and m.text in person_words
        m.in_place_slot = m.source == "slot" or (not m.in_person_name and _in_place_slot(doc, m))
    return _without_group_names(doc, mentions)


def _without_group_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Fighting broke out between the Los Lobos and Los Choneros gangs ... blamed Los Lobos": a name
    the article uses for a group (before a group word, or after "fighters of") is no place in it,
    unless one of its mentions stands where a place goes ("in Sinaloa")."""
    groups = {_folded(LEADING_ARTICLE_RE.sub("", ent.text)) for ent in doc_ents(doc) if _names_a_group(ent.root)}
    if not groups:
        return mentions
    placed = {_folded(m.text) for m in mentions if m.in_place_slot}
    return [m for m in mentions if m.source == "dateline" or _folded(m.text) not in groups - placed]


def _names_a_group(root: Token) -> bool:
    words = gazetteer.group_words()
    head = root.head
    if any(ch.dep_ == "conj" and ch.lower_ in words for ch in root.children):
        return True  # "the Los Lobos and Los Choneros gangs", as the parser hangs it
    if root.dep_ == "compound" and head.lower_ in words:
        return True
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in words


CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.month_name, *calendar.month_abbr,
                                               *calendar.day_name, *calendar.day_abbr) if w)


UNTAGGED_LABELS = frozenset({"", "DATE", "PRODUCT", "WORK_OF_ART"})  # what the model calls names it does not know


def _untagged_in_place_slot(doc: Doc) -> Iterable[Mention]:
    """"Soldiers killed eight militants near Dori", "attacked a police station in Toribío", "the town
    of Mirebalais": a capitalised name the model left untagged (took for a date, or for a
    one-word organization: ``_slot_population_floor``) after a
    preposition of place or "the town of", that
    the gazetteer knows as a town; kept only when that town lies in the story's own country
    (``_slot_names_at_home``)."""
    gaz = gazetteer.load()
    if len(doc) == 0:
        return
    tags = doc.to_array([POS, DEP])
    names = np.flatnonzero((tags[:, 0] == doc.vocab.strings["PROPN"]) & (tags[:, 1] == doc.vocab.strings["pobj"]))
    for token in (doc[int(i)] for i in names):
        prep = token.head
        if prep.lower_ not in SLOT_PREPOSITIONS and not (
                prep.lower_ == "of" and prep.head.lower_ in gazetteer.settlement_nouns()):
            continue  # "near Dori", "the central Haitian town of Mirebalais"
        if token.lower_ in CALENDAR_WORDS or not token.text.istitle():
            continue
        key = _folded(token.text)
        if key in gazetteer.generic_names() or key in _first_names():
            continue
        floor = _slot_population_floor(token)
        if floor is None:
            continue
        if any(e.kind == "city" and e.population >= floor and _canonical(_folded(e.name)) == _canonical(key)
               for e in gaz.lookup_key(key)):
            yield Mention(token.idx, token.idx + len(token.text), token.text, "slot", label="GPE")


SLOT_ORG_MIN_POPULATION = 15000  # a one-word "organization" after "in" is a town only when it is a real town


def _slot_population_floor(token: Token) -> int | None:
    """The smallest town an untagged name may be; a one-word name the model took for an
    organization ("rioting in Ballymena") only a town of SLOT_ORG_MIN_POPULATION people or more;
    None for any other entity."""
    if token.ent_type_ in UNTAGGED_LABELS:
        return 0
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
    return SLOT_ORG_MIN_POPULATION if token.ent_type_ == "ORG" and alone else None


def _slot_names_at_home(resolutions: list[Resolution]) -> list[Resolution]:
    """Untagged names kept only as towns of the country most of the story's other places lie in
    (SLOT_HOME_SHARE of at least two of them)."""
    countries = Counter(r.best.country for r in resolutions if r.best is not None and r.best.country
                        and not r.mention.adjectival and r.mention.source != "slot")
    total = sum(countries.values())
    home, count = countries.most_common(1)[0] if countries else (None, 0)
    at_home = total >= 2 and count >= SLOT_HOME_SHARE * total
    return [r for r in resolutions if r.mention.source != "slot"
            or (at_home and r.best is not None and r.best.country == home)]


SLOT_PREPOSITIONS = frozenset({"in", "near", "outside", "at", "around"})


def _in_place_slot(doc: Doc, m: Mention) -> bool:
    """A name the model tags GPE or LOC written where a place goes: after a preposition of place
    ("a gunfight at a monastery in Banjska", "near Katari") or before a settlement noun ("near
    Rijana village")."""
    if m.source != "ner" or m.label not in ("GPE", "LOC") or m.adjectival or not m.text.istitle():
        return False  # "at ICON", "in GT3": a brand or a code, not a village
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "conj":  # "in Solino and neighbouring Bel Air"
        root = root.head
    if root.dep_ == "pobj":
        return root.head.lower_ in SLOT_PREPOSITIONS
    return root.dep_ == "compound" and root.head.lower_ in gazetteer.settlement_nouns()


def _full_name(ent: Span) -> bool:
    """A person's full name: a PERSON entity of several words, or one of another label that
    opens with a given name ("Eva Forest" tagged ORG)."""
    words = ent.text.split()
    if len(words) < 2:
        return False
    return ent.label_ == "PERSON" or _folded(words[0]) in _first_names()


# ---------------------------------------------------------------- candidates


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text)


def _variants(text: str) -> list[str]:
    """Lookup keys for a mention, most literal first."""
    key = _folded(text)
    keys = [key]
    compass = COMPASS_RE.match(text)
    if compass:
        bare = _folded(text[compass.end():])
        # "South Pacific": GeoNames' "South Pacific Ocean" when it has one, else the Pacific
        keys += [f"{key} {word}" for word in ("ocean", "sea") if not bare.endswith(word)]
        keys.append(bare)
    words = key.split()
    if words and words[0] in ABBREVIATIONS:
        keys.append(" ".join([ABBREVIATIONS[words[0]], *words[1:]]))
    if len(words) > 1 and words[-1] in ("city", "town", "village", "province", "state", "region"):
        keys.append(" ".join(words[:-1]))
    if len(words) > 2 and words[:2] == ["city", "of"]:
        keys.append(" ".join(words[2:]))
    return list(dict.fromkeys(k for k in keys if k))


def candidates(gaz: Gazetteer, text: str) -> tuple[str, list[Entry]]:
    """The first lookup key that finds entries, and those entries (largest first, capped)."""
    compass = COMPASS_RE.match(text)
    bare = _folded(text[compass.end():]) if compass else None
    for key in _variants(text):
        found = gaz.lookup_key(key)
        if key == bare:
            # "northern Syria" is part of Syria; "West Wing" is not a town called Wing.
            found = [e for e in found if e.kind != "city" or e.population >= EMBEDDED_MIN_POPULATION]
        if found:
            if len(found) > MAX_CANDIDATES:
                found = sorted(found, key=lambda e: -e.population)[:MAX_CANDIDATES]
                preferred = gaz.preferred.get(key)
                if preferred is not None and gaz.entry(preferred) not in found:
                    found.append(gaz.entry(preferred))
            return key, found
    return "", []


def _is_lexicon_entry(entry: Entry) -> bool:
    """An entry of places_extra.tsv (a sea, region, continent ...), which carries no population."""
    return entry.id in gazetteer.load().extra_ids or entry.kind == "continent"


def _canonical(key: str) -> str:
    words = key.split()
    if words and words[0] in ABBREVIATIONS:
        words[0] = ABBREVIATIONS[words[0]]
    return " ".join(words)


def _prior(entry: Entry, key: str, preferred: bool, capital: bool) -> float:
    base = EXTRA_PRIOR if _is_lexicon_entry(entry) else math.log10(entry.population + 10)
    score = base + KIND_BONUS.get(entry.kind, 0.5)
    if preferred:
        score += PREFERRED_BONUS
    elif _is_lexicon_entry(entry) or _canonical(_folded(entry.name)) == _canonical(key):
        score += NAME_BONUS
    if capital:
        score += CAPITAL_BONUS
    return score


def _named_after_its_town(division: Entry, found: list[Entry], key: str) -> bool:
    """A division that shares its name with a town inside it ("Tbilisi", "New York"): the town's own
    name holds the name written ("New York City"); a town that only has it among its alternate names
    ("Bahia" for Salvador) does not make the state its namesake."""
    for town in found:
        if town.kind != "city" or town.country != division.country:
            continue
        if f" {_canonical(key)} " not in f" {_canonical(_folded(town.name))} ":
            continue
        if town.population < TOWN_SHARE * division.population:
            continue
        if division.kind == "admin1" and town.admin1 == division.id:
            return True
        if division.kind == "admin2" and gazetteer.distance_km(
            town.latitude, town.longitude, division.latitude, division.longitude
        ) < TOWN_DIVISION_KM:
            return True
    return False


def _options(gaz: Gazetteer, key: str, found: list[Entry]) -> list[tuple[float, Entry]]:
    if key in gazetteer.generic_names():
        return []
    preferred_index = gaz.preferred.get(key)
    preferred = gaz.entry(preferred_index) if preferred_index is not None else None
    if any(_is_lexicon_entry(e) and _folded(e.name) == key for e in found):
        # "Middle East", "Pacific Ocean": the well-known feature, not a hamlet named after it.
        found = [e for e in found if e.kind != "city" or e.population >= EMBEDDED_MIN_POPULATION]
    options = []
    capital_named = any(e.id in gaz.capitals and _own_name(e, key) for e in found)
    for entry in found:
        prior = _prior(entry, key, entry is preferred, entry.id in gaz.capitals)
        if entry.kind in ("admin1", "admin2") and _named_after_its_town(entry, found, key):
            prior -= TOWN_DIVISION_PENALTY
        if capital_named and not _own_name(entry, key) and entry is not preferred:
            prior -= CAPITAL_ALIAS_PENALTY  # "Islamabad": Pakistan's capital, not Anantnag's old name
        options.append((prior, entry))
    return options


def _own_name(entry: Entry, key: str) -> bool:
    """Whether ``key`` is the entry's own name (a lexicon entry's names are all its own)."""
    return _is_lexicon_entry(entry) or _canonical(_folded(entry.name)) == _canonical(key)


# ---------------------------------------------------------------- document context


@dataclass(slots=True)
class DocContext:
    """What the other mentions say about where the story is."""

    countries: Counter[str]
    admin1: dict[str, float]  # first-level division -> mentions in it, weighted by how sure they are
    points: list[tuple[str, float, float]]  # (mention key, lat, lon) of resolved towns
    source_country: str | None
    container: Entry | None = None  # "Paris, Texas": the division or country named right after
    dateline_country: str | None = None
    named_admin1: frozenset[str] = frozenset()  # first-level divisions other mentions name themselves
    names_division: bool = False  # the mention scored may itself be a country or first-level division


def _inside(entry: Entry, container: Entry) -> bool:
    if container.kind == "country":
        return entry.country == container.country and entry.kind != "country"
    if container.kind == "admin1":
        return entry.admin1 == container.id
    return False


def source_country(url: str | None, source: str | None, gaz: Gazetteer) -> str | None:
    """ISO alpha-3 from a country-code top-level domain (bbc.co.uk -> GBR)."""
    host = urlsplit(url).hostname if url and "//" in url else (source or url or "")
    tld = (host or "").rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in NOT_SOURCE_TLDS:
        return None
    alpha2 = "GB" if tld == "uk" else tld.upper()
    return gaz.alpha3_of_alpha2.get(alpha2)


def _share(counts: Mapping[str, float], key: str) -> float:
    total = sum(counts.values())
    return counts.get(key, 0) / total if total else 0.0


def _context_score(entry: Entry, key: str, ctx: DocContext) -> float:
    score = 0.0
    if entry.country:
        share = _share(ctx.countries, entry.country)
        if share:
            score += COUNTRY_WEIGHT * math.sqrt(share)
        if ctx.source_country == entry.country:
            score += SOURCE_WEIGHT
    region = entry.id if entry.kind == "admin1" else entry.admin1
    if region:
        share = _share(ctx.admin1, region)
        if share:
            score += ADMIN1_WEIGHT * math.sqrt(share)
    if ctx.container is not None and _inside(entry, ctx.container):
        score += CONTAINER_WEIGHT
    if entry.kind != "admin1" and entry.admin1 in ctx.named_admin1 and not ctx.names_division:
        score += NAMED_DIVISION_WEIGHT
    if ctx.dateline_country and entry.country == ctx.dateline_country:
        score += DATELINE_WEIGHT
    if entry.kind in ("city", "admin2") and ctx.points:
        for other_key, lat, lon in ctx.points:
            if other_key != key and abs(entry.latitude - lat) < _NEAR_LATITUDE and gazetteer.distance_km(
                    entry.latitude, entry.longitude, lat, lon) < NEAR_KM:
                score += NEAR_WEIGHT
                break
    return score


# Two points further apart in latitude than this are further apart than NEAR_KM (a great circle is
# never shorter than the meridian arc between the two latitudes; 0.1% spare for rounding), so the
# distance is not computed.
_NEAR_LATITUDE = math.degrees(NEAR_KM * 1.001 / gazetteer.EARTH_RADIUS_KM)


@dataclass(slots=True)
class Resolution:
    mention: Mention
    key: str
    options: list[tuple[float, Entry]]  # prior, entry
    best: Entry | None = None
    score: float = 0.0
    via: str | None = None  # None: the name itself; "embedded": a place named inside it; "locality"
    margin: float = math.inf  # how far the best option leads the best one in another division


def _build_context(resolutions: list[Resolution], own: Resolution, base: DocContext) -> DocContext:
    """Context from the other mentions; one that resolved to one of ``own``'s candidates
    ("WASHINGTON" for "Washington") would only echo the first pass, so it is left out."""
    own_ids = {e.id for _, e in own.options}
    countries: Counter[str] = Counter()
    admin1: dict[str, float] = {}
    points: list[tuple[str, float, float]] = []
    named: set[str] = set()
    for r in resolutions:
        if r.best is None or r.key == own.key or r.best.id in own_ids:
            continue
        entry = r.best
        if entry.kind == "admin1" and r.margin >= SURE_MARGIN and not r.mention.adjectival:
            named.add(entry.id)  # not "Ohio State" (a university) nor "Ohio voters"
        if entry.country:
            countries[entry.country] += 1
        region = entry.id if entry.kind == "admin1" else entry.admin1
        if region:
            # A close call between two divisions ("Parkland", Florida or Washington) should not
            # tip another close call the same way and lock both in.
            admin1[region] = admin1.get(region, 0.0) + min(1.0, max(r.margin, MIN_VOTE) / SURE_MARGIN)
        if entry.kind in ("city", "admin2"):
            points.append((r.key, entry.latitude, entry.longitude))
    return DocContext(countries, admin1, points, base.source_country, named_admin1=frozenset(named))


def _demonym_countries(mentions: Iterable[Mention]) -> Counter[str]:
    found: Counter[str] = Counter()
    for m in mentions:
        if m.source == "demonym":
            entry = gazetteer.demonym_entry(m.text)
            if entry is not None and entry.country:
                found[entry.country] += 1
    return found


def _choose(r: Resolution, ctx: DocContext | None) -> None:
    best: Entry | None = None
    best_score = -math.inf
    scored: list[tuple[float, Entry]] = []
    for prior, entry in r.options:
        score = prior + (_context_score(entry, r.key, ctx) if ctx else 0.0)
        scored.append((score, entry))
        if score > best_score:
            best, best_score = entry, score
    r.best, r.score = best, best_score
    r.margin = _margin(best, best_score, scored)


def _margin(best: Entry | None, best_score: float, scored: list[tuple[float, Entry]]) -> float:
    if best is None:
        return math.inf
    region = best.id if best.kind == "admin1" else best.admin1
    rivals = [score for score, e in scored if (e.id if e.kind == "admin1" else e.admin1) != region]
    return best_score - max(rivals) if rivals else math.inf


def resolve_mentions(mentions: list[Mention], text: str, ctx: Context | None = None) -> list[Resolution]:
    """Resolve each mention to its best gazetteer entry in the document's context."""
    gaz = gazetteer.load()
    resolutions: list[Resolution] = []
    kinds_said = _kinds_said(mentions, text)
    for m in mentions:
        if m.source == "demonym":
            resolutions.append(_demonym_resolution(m))
            continue
        key, found = candidates(gaz, m.text)
        if m.source == "lexicon":
            found = [e for e in found if _is_lexicon_entry(e)]
        kinds = m.division_kinds or kinds_said.get(_folded(m.text))
        if kinds is not None:
            found = [e for e in found if e.kind in kinds] or ([] if kinds is TOWN_KINDS else found)
        resolutions.append(Resolution(m, key, _options(gaz, key, found)))
    for r in resolutions:
        if r.mention.source != "demonym":
            _choose(r, None)
    article = ctx.article if ctx else None
    base = DocContext(Counter(), {}, [], source_country(
        article.url if article else None, article.source if article else None, gaz))
    demonym_countries = _demonym_countries(mentions)
    dateline = _dateline_resolution(resolutions, text)
    containers, divisions = _containers(resolutions, text)
    briefs = _brief_countries(gaz, resolutions, text)  # context only: a brief may name a town abroad
    # Later passes re-read the context that the previous pass settled (a mention early in
    # the text was first scored against the priors-only readings of the ones after it).
    for _ in range(CONTEXT_PASSES):
        contexts: dict[str, DocContext] = {}
        for i, r in enumerate(resolutions):
            if r.mention.source == "demonym" or len(r.options) < 2:
                continue
            if r.key not in contexts:
                doc_ctx = _build_context(resolutions, r, base)
                doc_ctx.countries.update(demonym_countries)
                if dateline is not None and dateline.best is not None and dateline.key != r.key:
                    doc_ctx.dateline_country = dateline.best.country or None
                contexts[r.key] = doc_ctx
            doc_ctx = contexts[r.key]
            doc_ctx.container = containers.get(i) or briefs.get(i)
            doc_ctx.names_division = any(e.kind in ("country", "admin1") for _, e in r.options)
            _choose(r, doc_ctx)
    for r, division in divisions:
        _settle(r, division)
    _divisions_by_office(resolutions, text)
    _follow_qualified(resolutions, containers)
    _stated_containers(resolutions, containers)
    for i, r in enumerate(resolutions):
        if i not in containers and not _celestial_ok(r):
            r.best, r.options = None, []
    _drop_strangers(resolutions)
    held = _settle_parts(resolutions, text)
    _resolve_unknown(gaz, resolutions, base, text, held)
    _unknown_in_one_country(gaz, resolutions)
    return _slot_names_at_home(resolutions)


def _unknown_in_one_country(gaz: Gazetteer, resolutions: list[Resolution]) -> None:
    """A village the gazetteer lacks, written where a place goes ("near Katari"), in a story whose
    resolved places (not demonyms nor modifiers: "U.S. officials") lie in one country (STRANGER_SHARE
    of at least two mentions): that country, with
    the name as written and no point (kind "feature", via "country"); in a story of several
    countries it stays unresolved. Never a town the story names elsewhere."""
    countries = Counter(r.best.country for r in resolutions
                        if r.best is not None and r.best.country and not r.mention.adjectival)
    total = sum(countries.values())
    if total < 2:
        return
    home, count = countries.most_common(1)[0]
    country = gaz.country(home)
    if count < STRANGER_SHARE * total or country is None:
        return
    for r in resolutions:
        if r.best is None and not r.options and r.mention.in_place_slot and r.key not in gazetteer.generic_names():
            r.best, r.score, r.via = country, 0.0, "country"


def _kinds_said(mentions: Iterable[Mention], text: str) -> dict[str, frozenset[str]]:
    """Names the text calls a town ("the city of Turkey", "the village of Nagrig"), a country ("the
    country of Georgia"), a state ("the state of Washington"), a province or a county, folded, with
    the gazetteer kinds they may then take (a town: nothing else; the others: any entry when none of
    that kind bears the name, "the State of Israel"); the article's other mentions of
    the same name follow (one sense per article)."""
    said: dict[str, frozenset[str]] = {}
    for m in mentions:
        match = KIND_NOUN_BEFORE_RE.search(text, max(0, m.start - 30), m.start)
        if match is not None and m.source != "demonym":
            said.setdefault(_folded(m.text), KIND_NOUNS[match.group(1).lower()])
    return said


def _drop_strangers(resolutions: list[Resolution]) -> None:
    """A small town abroad in a story whose other places lie in one other country ("Croft, Yorkshire"
    in a British motor-racing calendar: GeoNames' only Yorkshires are villages in New York and Ohio)
    is not that town: the name is left unresolved (a facility or a span the caller asserts then goes
    to the article's town). Among the mentions of other names, at least STRANGER_MIN_MENTIONS are
    resolved, STRANGER_SHARE of them in one country and at most STRANGER_FOREIGN_SHARE in the town's;
    and the article names neither the town's country nor one of its divisions. A story that names its
    own country ("Conakry ... Guinea") needs only STRANGER_MIN_AT_HOME such mentions."""
    capitals = gazetteer.load().capitals  # "Saipan" in a US story: a territory's capital is well known
    countries = Counter(r.best.country for r in resolutions if r.best is not None and r.best.country
                        and not r.mention.adjectival)
    named = {r.best.country for r in resolutions if r.best is not None and r.best.kind in ("country", "admin1")
             and not r.mention.adjectival}  # not "U.S. officials" in a story of Haiti
    for r in resolutions:
        best = r.best
        if (best is None or r.via is not None or best.kind not in ("city", "admin2") or best.country in named
                or best.population >= STRANGER_MAX_POPULATION or best.id in capitals):
            continue
        others = countries.copy()
        others[best.country] -= sum(1 for t in resolutions if t.key == r.key and t.best is best)
        total = sum(others.values())
        home, count = others.most_common(1)[0]
        needed = STRANGER_MIN_AT_HOME if home in named else STRANGER_MIN_MENTIONS
        if (total >= needed and home != best.country and count >= STRANGER_SHARE * total
                and others[best.country] <= STRANGER_FOREIGN_SHARE * total):
            r.best, r.options = None, []


@lru_cache(maxsize=1)
def _celestial() -> frozenset[str]:
    """Folded names of celestial bodies (places_celestial.txt)."""
    return frozenset(_folded(w) for w in gazetteer.word_list(CELESTIAL_FILE))


def _celestial_ok(r: Resolution) -> bool:
    """A planet, a moon or the Sun is never a place on Earth unless the text names where the town
    of that name is ("Mars, Pennsylvania"); a word of a person's full name ("Zurana Horton" ...
    "Horton") is that person, unless it names a country or a division."""
    if r.key in _celestial():
        return False
    return not (r.mention.in_person_name and r.best is not None and r.best.kind not in ("country", "admin1"))


def _within(entry: Entry, place: Entry) -> bool:
    """Whether ``entry`` lies inside ``place``: in its country or first-level division, or,
    for a town, within PART_KM of it."""
    if entry is place:
        return False
    if place.kind in ("country", "admin1"):
        return _inside(entry, place)
    if place.kind in ("city", "admin2"):
        return entry.kind in ("city", "admin2") and gazetteer.distance_km(
            entry.latitude, entry.longitude, place.latitude, place.longitude) <= PART_KM
    return False


def _settle_parts(resolutions: list[Resolution], text: str) -> dict[int, Entry]:
    """ "X neighbourhood of Y", "X district in Y": X is inside Y, the namesake of X inside Y if the
    gazetteer has one, else Y itself as the feature's place. "X in Y": X is Y's namesake when it
    has one. Returns, for the other "X in Y" mentions, the place Y (where an unknown facility or
    name X is put when nothing inside its own name places it)."""
    by_start = {r.mention.start: r for r in resolutions}
    all_at: dict[int, list[Resolution]] = {}
    for r in resolutions:
        all_at.setdefault(r.mention.start, []).append(r)
    held: dict[int, Entry] = {}
    for i, r in enumerate(resolutions):
        if r.mention.source == "demonym":
            continue
        part = PART_OF_RE.match(text, r.mention.end)
        if part is not None and _town_first(r, all_at.get(part.end(), [])):
            continue
        match = part or IN_RE.match(text, r.mention.end)
        place = by_start.get(match.end()) if match else None
        if place is None or place.best is None or place.best.kind not in ("city", "admin2", "admin1", "country"):
            continue
        inside = [(prior, e) for prior, e in r.options if _within(e, place.best)]
        if inside:
            _settle(r, max(inside, key=lambda o: o[0])[1])
        elif part is not None:
            r.best, r.score, r.via = place.best, 0.0, "part"
        else:
            held[i] = place.best
    return held


def _town_first(town: Resolution, parts: list[Resolution]) -> bool:
    """ "the Cincinnati suburb of West Chester", "the Baghdad district of Karrada": when the first name
    is a town the gazetteer knows by that name, larger than every namesake of the second, the second
    is the part: its namesake within SUBURB_KM of the town, else the town itself (a feature)."""
    best = town.best
    if not parts or best is None or town.via is not None or best.kind != "city" or not _names(best, town.key):
        return False
    if any(e.population >= best.population for p in parts for _, e in p.options):
        return False
    for p in parts:
        near = [(prior, e) for prior, e in p.options if e.kind in ("city", "admin2") and gazetteer.distance_km(
            e.latitude, e.longitude, best.latitude, best.longitude) <= SUBURB_KM]
        if near:
            _settle(p, max(near, key=lambda o: o[0])[1])
        else:
            p.best, p.score, p.via = best, 0.0, "part"
    return True


def _divisions_by_office(resolutions: list[Resolution], text: str) -> None:
    """"New York Gov. Andrew Cuomo", "Washington state": the first-level division, not its town."""
    for r in resolutions:
        if r.best is None or r.best.kind == "admin1" or not DIVISION_OFFICE_RE.match(text, r.mention.end):
            continue
        divisions = [(prior, e) for prior, e in r.options if e.kind == "admin1"]
        if divisions:
            _settle(r, max(divisions, key=lambda o: o[0])[1])


def _follow_qualified(resolutions: list[Resolution], containers: dict[int, Entry]) -> None:
    """One sense per article: once "Paris, Missouri" has said which Paris, a bare "Paris"
    elsewhere in the article is the same town."""
    qualified: dict[str, Entry] = {}
    for i, container in containers.items():
        r = resolutions[i]
        if r.best is not None and _inside(r.best, container):
            qualified.setdefault(r.key, r.best)
    if not qualified:
        return
    for i, r in enumerate(resolutions):
        entry = qualified.get(r.key)
        if entry is not None and i not in containers and any(e is entry for _, e in r.options):
            _settle(r, entry)


def _stated_containers(resolutions: list[Resolution], containers: dict[int, Entry]) -> None:
    """ "Holliday, Missouri" when the gazetteer knows no Holliday in Missouri (only one in Texas):
    the text says where the town is, so it is placed at the article's town inside Missouri (the
    one named most), else at Missouri itself, as a feature of geo_precision 2. A name it does not
    know at all ("in Kuriga, Kaduna state") keeps its own name at the division's point. A name that
    may be a division or a country ("Georgia, Ohio and ...") is left as scored."""
    for i, container in containers.items():
        r = resolutions[i]
        if r.best is None and _a_town_it_lacks(r, container):
            r.best, r.score, r.via = container, 0.0, "within"  # "in Kuriga, Kaduna state"
            continue
        if r.best is None or r.best is container or _inside(r.best, container):
            continue
        if any(e.kind not in ("city", "admin2") for _, e in r.options):
            continue
        r.best, r.score, r.via = _town_inside(resolutions, container) or container, 0.0, "part"


def _a_town_it_lacks(r: Resolution, container: Entry) -> bool:
    """"in Kuriga, Kaduna state": a name the model tags as a place, unknown to the gazetteer, before a
    first- or second-level division (not a facility, "Ramor Theatre, Virginia", nor a country)."""
    return (not r.options and r.mention.label in ("GPE", "LOC") and container.kind in ("admin1", "admin2")
            and r.key not in gazetteer.generic_names() and not _is_feature(r.mention.text))


def _town_inside(resolutions: list[Resolution], container: Entry) -> Entry | None:
    towns = Counter(t.best for t in resolutions if t.best is not None and t.via is None
                    and t.best.kind == "city" and _inside(t.best, container))
    return max(towns, key=lambda e: (towns[e], e.population)) if towns else None


def _settle(r: Resolution, entry: Entry) -> None:
    """Take ``entry`` because the text says so; its score is then its prior."""
    r.best = entry
    r.score = next((prior for prior, e in r.options if e is entry), 0.0)


def _at_sea(text: str) -> bool:
    """The name of a feature at sea ("Scarborough Shoal", "Johnson Reef"), by its last word."""
    words = text.split()
    return len(words) > 1 and words[-1] in gazetteer.sea_words()


def _is_feature(text: str) -> bool:
    words = text.split()
    return len(words) > 1 and words[-1] in gazetteer.feature_words()


def _embedded(gaz: Gazetteer, r: Resolution, resolutions: list[Resolution], base: DocContext) -> bool:
    """Resolve "Colorado State University" or "Dubai World Cup" by the place named inside it:
    the longest such name, and of several as long ("Vienna/Fairfax"), the best scored. Not a
    street: "Oxford Street" is named after Oxford, not in it."""
    words = WORD_SPLIT_RE.split(r.mention.text)
    if words[-1] in gazetteer.street_words():
        return False
    for size in range(len(words) - 1, 0, -1):
        inner = [found for i in range(len(words) - size + 1)
                 if (found := _embedded_part(gaz, r, words[i:i + size], resolutions, base)) is not None]
        if inner:
            best = max(inner, key=lambda part: part.score)
            r.best, r.score, r.via = best.best, best.score, "embedded"
            return True
    return False


def _embedded_part(gaz: Gazetteer, r: Resolution, part_words: list[str], resolutions: list[Resolution],
                   base: DocContext) -> Resolution | None:
    part = " ".join(part_words)
    if not part[:1].isupper() or _folded(part) in gazetteer.generic_names():
        return None
    if any(w in gazetteer.feature_words() or w.islower() for w in part_words):
        return None
    if part_words[-1] in gazetteer.name_prefixes():  # "San" of "San Quentin State Prison"
        return None
    key, found = candidates(gaz, part)
    options = _options(gaz, key, found)
    if not options:
        return None
    inner = Resolution(r.mention, key, options)
    _choose(inner, _build_context(resolutions, inner, base))
    if (inner.best is not None and inner.best.kind not in WATER_KINDS and _names(inner.best, key)
            and _notable(inner.best, key, resolutions)):
        return inner
    return None


def _names(entry: Entry, key: str) -> bool:
    """Whether ``key`` is the entry's own name (not one of its many alternate names)."""
    gaz = gazetteer.load()
    return _is_lexicon_entry(entry) or _canonical(_folded(entry.name)) == _canonical(key) or (
        gaz.preferred.get(key) is not None and gaz.entry(gaz.preferred[key]) == entry
    )


def _notable(entry: Entry, key: str, resolutions: list[Resolution]) -> bool:
    """Whether a place named inside a longer name is trustworthy: a large or well-known
    place, or one the article also names on its own."""
    if entry.kind not in ("city", "admin2") or entry.population >= EMBEDDED_MIN_POPULATION:
        return True
    return any(r.key == key and r.via is None and r.best is not None for r in resolutions)


def _locality(r: Resolution, resolutions: list[Resolution], text: str) -> None:
    """Place a named facility or street at the article's town: the town that agrees best with
    the first-level divisions and countries the article names, is named most often, comes
    before it in its paragraph, and is the town the story was filed from (its dateline)."""
    named = [(t, t.best) for t in resolutions if t.best is not None and t.via is None and t.mention.source != "demonym"]
    filed = {e for t, e in named if t.mention.source == "dateline"}
    towns = [(t, e) for t, e in named if e.kind == "city" and (e.population >= LOCALITY_MIN_POPULATION or e in filed)
             and not _is_feature(t.mention.text)]
    if not towns:
        if r.mention.given:
            _wider_locality(r, [e for _, e in named])
        return
    admin1: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for _, entry in named:
        countries[entry.country] += 1
        region = entry.id if entry.kind == "admin1" else entry.admin1
        if region:
            admin1[region] += 1
    mentions = Counter(e for _, e in towns)
    before = [(t, e) for t, e in towns
              if t.mention.end <= r.mention.start and "\n" not in text[t.mention.end:r.mention.start]]
    nearest = max(before, key=lambda te: te[0].mention.start)[1] if before else None

    def weight(entry: Entry) -> float:
        return (LOCALITY_ADMIN1_WEIGHT * _share(admin1, entry.admin1)
                + LOCALITY_COUNTRY_WEIGHT * _share(countries, entry.country)
                + math.log(mentions[entry]) + (LOCALITY_NEAREST_BONUS if entry == nearest else 0.0)
                + (LOCALITY_DATELINE_BONUS if entry in filed else 0.0))

    chosen = max(mentions, key=lambda e: (weight(e), e.population))
    r.best, r.score, r.via = chosen, 0.0, "locality"


def _wider_locality(r: Resolution, named: list[Entry]) -> None:
    """With no town to go by, a place the caller asserts is a toponym is put in the division
    (then the country) the article names most."""
    for kinds in (("admin1", "admin2"), ("country",)):
        counts = Counter(e for e in named if e.kind in kinds)
        if counts:
            r.best, r.score, r.via = max(counts, key=lambda e: (counts[e], e.population)), 0.0, "locality"
            return


def _resolve_unknown(gaz: Gazetteer, resolutions: list[Resolution], base: DocContext, text: str,
                     held: Mapping[int, Entry]) -> None:
    for i, r in enumerate(resolutions):
        if r.best is not None or r.mention.source == "demonym":
            continue
        generic = r.key in gazetteer.generic_names()
        if (generic and not r.mention.given and " " not in r.key) or _folded(r.mention.text) in _celestial():
            continue  # "West", "Valley"; but "the North Side", "Old Town" are parts of the article's town
        if len(r.mention.text.split()) > 1 and _embedded(gaz, r, resolutions, base):
            continue
        if _at_sea(r.mention.text):
            continue  # "Scarborough Shoal": not a street of the town the story was filed from
        if r.mention.division_kinds is not None:
            continue  # "the Lower Shabelle region": a division the gazetteer lacks, no street of a town
        if (_is_feature(r.mention.text) or r.mention.label == "FAC" or r.mention.given
                or (len(r.mention.text.split()) > 1 and not r.options)):
            if i in held:  # "Camp Shorabak in Helmand Province"
                r.best, r.score, r.via = held[i], 0.0, "part"
            else:
                _locality(r, resolutions, text)


def _containers(resolutions: list[Resolution], text: str) -> tuple[dict[int, Entry], list[tuple[Resolution, Entry]]]:
    """Mentions followed by ", <division or country>" ("Paris, Texas"): index -> that entry;
    and the mentions read as that division although their name alone is a town ("Bronx,
    New York"), with the division they are."""
    by_start: dict[int, list[Resolution]] = {}
    for r in resolutions:
        by_start.setdefault(r.mention.start, []).append(r)
    found: dict[int, Entry] = {}
    divisions: list[tuple[Resolution, Entry]] = []
    for i, r in enumerate(resolutions):
        if text[r.mention.end:r.mention.end + 2] != ", ":
            continue
        for nxt in by_start.get(r.mention.end + 2, ()):
            container = _container_of(r, nxt, LIST_CONTINUES_RE.match(text, nxt.mention.end) is not None)
            if container is None:
                continue
            found[i] = container
            if container is not nxt.best:
                divisions.append((nxt, container))
    return found, divisions


def _brief_countries(gaz: Gazetteer, resolutions: list[Resolution], text: str) -> dict[int, Entry]:
    """On a page of briefs, the country its label names holds the places of each brief ("PERU:
    Thousands of miners blocked the highway near Chala": Peru's Chala, not Tanzania's): index -> that
    country."""
    labels = brief_labels(text)
    starts = [start for start, _ in labels]
    countries: list[Entry | None] = []
    for start, _end in labels:
        label = next((r for r in resolutions if r.mention.start == start and r.best is not None), None)
        countries.append(gaz.country(label.best.country) if label is not None and label.best is not None else None)
    found: dict[int, Entry] = {}
    for i, r in enumerate(resolutions):
        k = bisect_right(starts, r.mention.start) - 1
        country = countries[k] if k >= 0 else None
        if country is not None and r.mention.start != starts[k] and r.best is not country:
            found[i] = country
    return found


def _container_of(town: Resolution, nxt: Resolution, in_list: bool) -> Entry | None:
    """The division or country named after a town: the reading of the second name that holds one of
    the town's namesakes ("Atlanta, Georgia": the state), else the second name as resolved."""
    holding = [(prior, e) for prior, e in nxt.options if e.kind in ("admin1", "country")
               and any(_inside(c, e) for _, c in town.options)]
    if nxt.best is not None and nxt.best.kind in ("admin1", "country"):
        held = in_list or not holding or any(e is nxt.best for _, e in holding)
        return nxt.best if held else max(holding, key=lambda o: o[0])[1]
    if in_list:  # "Washington, New York and Boston": three towns
        return None
    return max(holding, key=lambda o: o[0])[1] if holding else None


def _demonym_resolution(m: Mention) -> Resolution:
    entry = gazetteer.demonym_entry(m.text)
    return Resolution(m, _folded(m.text), [(0.0, entry)] if entry else [], entry)


def _dateline_resolution(resolutions: list[Resolution], body: str) -> Resolution | None:
    span = dateline_span(body)
    if span is None:
        return None
    for r in resolutions:
        if r.mention.start >= span[0] and r.mention.end <= span[1] and r.best is not None:
            return r
    return None


# ---------------------------------------------------------------- records


def to_place(r: Resolution) -> Place:
    m, entry = r.mention, r.best
    place = Place(text=m.text, start=m.start, end=m.end)
    if entry is None:
        return place
    kind = entry.kind
    name = entry.name
    if m.modifier:
        name = f"{m.modifier} {m.text[len(m.modifier):].strip()}"
        kind = f"{entry.kind} region"
    acled, ucdp = PRECISION.get(entry.kind, (3, None))
    if m.modifier and entry.kind in WATER_KINDS:
        ucdp = 7
    if r.via == "country":
        # A village the gazetteer lacks, in the story's only country: its name, that country, no point.
        place.name, place.kind, place.country = m.text, "feature", entry.country
        place.geo_precision, place.ucdp_precision = 3, 6
        return place
    if r.via == "within":
        # A town the gazetteer lacks, inside the division or country the text names with it ("Kuriga,
        # Kaduna state"): its own name, at that division's point and precision.
        place.name, place.kind, place.country = m.text, "feature", entry.country or None
        place.latitude, place.longitude, place.gazetteer_id = entry.latitude, entry.longitude, entry.id
        place.geo_precision, place.ucdp_precision = acled, ucdp
        return place
    if r.via is not None:
        # A feature located by the place named in it or by the article's town: near that point.
        kind = "feature"
        acled = max(acled, 2)
        ucdp = 2 if entry.kind == "city" else ucdp
    place.name = name
    place.kind = "demonym" if m.source == "demonym" else kind
    place.country = entry.country or None
    place.latitude = entry.latitude
    place.longitude = entry.longitude
    place.gazetteer_id = entry.id
    place.geo_precision = acled
    place.ucdp_precision = ucdp
    place.score = round(r.score, 3) if r.score != -math.inf and r.via not in ("locality", "part") else None
    return place


def geoparse(doc: Doc, ctx: Context | None = None, adjectival: bool = False) -> list[Place]:
    """Recognized toponyms with their resolution; with ``adjectival`` also demonyms and names
    used as modifiers. A single-word name that the gazetteer does not know at all is dropped:
    those are mostly people the model took for places."""
    return [to_place(r) for r in _kept(doc, ctx) if adjectival or not r.mention.adjectival]


def _kept(doc: Doc, ctx: Context | None) -> list[Resolution]:
    return [r for r in resolve_mentions(find_mentions(doc), doc_text(doc), ctx)
            if r.best is not None or r.options or " " in r.mention.text.strip()
            or (r.mention.in_place_slot and r.key not in gazetteer.generic_names())]


def extract_places(doc: Doc, ctx: Context) -> list[Place]:
    """Place mentions of the article (demonyms and adjectival uses excluded), resolved; the towns
    it names as modifiers go to ``ctx.modifier_towns``."""
    kept = _kept(doc, ctx)
    outlets = _outlet_spans(doc)
    ctx.modifier_towns = [to_place(r) for r in kept if _modifier_town(doc, r, outlets)]
    return [to_place(r) for r in kept if not r.mention.adjectival]


def _modifier_town(doc: Doc, r: Resolution, outlets: list[tuple[int, int]]) -> bool:
    """A town or county named as a modifier ("a Brooklyn mom", "the Norwalk Superior Court"), not
    a demonym, a country or a division ("U.S. forces"), nor a word of an outlet's name ("the New York
    Times"), nor a capital standing for its state ("Washington officials", "the Moscow government")."""
    m = r.mention
    if not m.adjectival or m.source == "demonym" or r.best is None or r.best.kind not in TOWN_KINDS:
        return False
    if any(s <= m.start and m.end <= e for s, e in outlets):
        return False
    return not (r.best.id in gazetteer.load().capitals and _before_a_state_noun(doc, m))


def _before_a_state_noun(doc: Doc, m: Mention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.head.lemma_.lower() in gazetteer.state_agent_nouns()


def _outlet_spans(doc: Doc) -> list[tuple[int, int]]:
    """Organization names that end in a newspaper's word ("Times", "Tribune", "Post")."""
    words = gazetteer.outlet_words()
    return [(ent.start_char, ent.end_char) for ent in doc_ents(doc)
            if ent.label_ in ("ORG", "WORK_OF_ART") and len(ent) > 1 and ent[-1].text in words]


def resolve_spans(doc: Doc, spans: list[tuple[int, int]], ctx: Context | None = None) -> list[Place]:
    """Resolve given character spans (e.g. gold toponyms) with the document's own mentions as context."""
    found = find_mentions(doc)
    full_text = doc_text(doc)  # Doc.text joins the tokens on every access
    given = []
    for start, end in spans:
        text = full_text[start:end]
        demonym = gazetteer.demonym_entry(text) is not None
        given.append(Mention(start, end, text, "demonym" if demonym else "ner", adjectival=demonym, given=True))
    resolutions = resolve_mentions([*given, *found], full_text, ctx)
    return [to_place(r) for r in resolutions[: len(given)]]


def country_of_demonym(word: str) -> str | None:
    """ISO alpha-3 of a demonym, adjectival form or short country name ("Venezuelan", "U.S.")."""
    entry = gazetteer.demonym_entry(word)
    if entry is not None:
        return entry.country or None
    key = _folded(word)
    gaz = gazetteer.load()
    preferred = gaz.preferred.get(key)
    if preferred is not None:
        return gaz.entry(preferred).country or None
    for candidate in gaz.lookup_key(key):
        if candidate.kind == "country":
            return candidate.country
    return None


# ---------------------------------------------------------------- event location


def _bounds(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = 0, len(text)
    for match in pattern.finditer(text):
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            hi = match.start()
            break
    return lo, hi


def _best_in(places: list[Place], lo: int, hi: int, start: int) -> Place | None:
    inside = [p for p in places if p.name is not None and p.start >= lo and p.end <= hi and p.kind != "demonym"]
    if not inside:
        return None
    return min(inside, key=lambda p: (p.geo_precision or 9, p.ucdp_precision or 9, abs(p.start - start)))


def locate(places: list[Place], start: int, end: int, text: str) -> tuple[Place | None, str | None]:
    """The event location for the span ``start:end`` of ``text`` and the level it came from.

    Looks at the resolved places inside the span ("clause"), then its sentence, its paragraph
    and the whole article, and takes the most precise place of the first level that has one
    (closest to the span on ties). Returns ``(None, None)`` when no place was resolved: the
    caller records that, nothing falls back to a capital.
    """
    levels = (
        ("clause", (start, end)),
        ("sentence", _bounds(SENTENCE_END_RE, text, start, end)),
        ("paragraph", _bounds(PARAGRAPH_RE, text, start, end)),
        ("article", (0, len(text))),
    )
    for level, (lo, hi) in levels:
        place = _best_in(places, lo, hi, start)
        if place is not None:
            return place, level
    return None, None
