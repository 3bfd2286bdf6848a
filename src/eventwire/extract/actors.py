"""Actors stage: who takes part in an article, grouped into canonical actors.

Mentions are grouped per entity (names with and without accents or titles, surnames,
acronyms, knowledge-file aliases, pronouns linked to the nearest compatible person). Each
actor gets a kind, a country (alpha-3) and a PLOVER sector: from the text first
("Venezuelan President" -> VEN GOV) and from the knowledge files second.

Country rule for people: ``country`` is the state an actor acts for. A nationality adjective
before a *state office* ("Venezuelan President") is that affiliation; before a civil role
("Spanish journalist") it only states citizenship, so the country stays empty. Generic
groups ("Venezuelan police", "Syrian rebels") take the country of their modifier.

States are actors too: country names, abbreviations and demonyms group into one state actor
per country, unless every mention is only a location ("a rally in Venezuela"). Agents with a
country ("U.S. military") become their own actor ("United States military", USA MIL);
"U.S. government" and "U.S. authorities" are mentions of the state itself.

Knowledge: ``actors_extra.tsv`` (hand-kept roles with start and end dates, its header says the
date it is current to) wins over the Phoenix-derived ``actors_phoenix.tsv``. A user file in the
same layout, named by the setting ``EVENTWIRE_ACTORS`` (a path), is read first and adds or
overrides rows (for example an officeholder appointed after the shipped file's date). The role
valid on the article's anchor date is used; a role that has ended leaves the country and no sector.
"""

from __future__ import annotations

import json
import logging
import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.extract import gazetteer
from eventwire.extract.context import Context
from eventwire.extract.lexicon.events import trigger_senses
from eventwire.extract.places import DATELINE_RE
from eventwire.model import Actor, Mention, Place, fold
from eventwire.nlp import doc_ents, doc_text
from eventwire.nlp import sentence as sentence_of

LOG = logging.getLogger(__name__)
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_LEADING_THE_RE = re.compile(r"^the\s+")
_LEADING_THE_CI_RE = re.compile(r"^the\s+", re.IGNORECASE)
_HANDLE_RE = re.compile(r"^@")
_LABEL_RE = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,})* [-–—] (?=[A-Z])")  # a caption's "FILE - Salman Abedi"
_DATE_RANGE_RE = re.compile(r"^(?:(\d{8})-(\d{8})|>(\d{8})|<(\d{8}))$")
_OF_COUNTRY_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_ETHNIC_RE = re.compile(r"\bethnic\s+$", re.IGNORECASE)
_GROUP_PREPS = {"in", "of", "from", "throughout", "across"}
_GAP_RE = re.compile(r"(?:['’]s)?\s+")
_INITIAL_RE = re.compile(r"^[A-Z]\.?$")
_ACRONYM_STOPWORDS = {"of", "the", "and", "for", "on", "in", "at", "to", "de", "del", "la", "&"}
_INTERNATIONAL_PREFIXES = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS"}
_LEXICON_PACKAGE = "eventwire.extract.lexicon"
ACTORS_SETTING = "EVENTWIRE_ACTORS"  # path of a user knowledge file (actors_extra.tsv layout)
# The Phoenix dictionaries behind actors_phoenix.tsv are current to early 2015 (their latest role
# dates are of February 2015): a role they leave open ("DEUGOV 20051122-") is known to that date only.
PHOENIX_KNOWN_TO = "20150301"
KNOWN_KINDS = frozenset({"person", "organization", "state", "group"})
_CODE_RE = re.compile(r"^(?:[A-Z0-9]{3})+$")  # COUNTRY+ROLE codes: three characters each
_NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "PRODUCT"}
_PLACE_LIKE_LABELS = {"GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
_EDGE_PUNCTUATION = "\"“”‘'([{«»-–—,;:*"  # quotes and brackets NER leaves on entity edges
_WINDOW = 120  # characters searched before a name for its title


def name_key(text: str) -> str:
    """Matching key for a name: folded, dots and possessive dropped, no leading "the"."""
    stripped = _POSSESSIVE_RE.sub("", text.strip()).replace(".", "")
    return _LEADING_THE_RE.sub("", fold(stripped))


# --------------------------------------------------------------------------- lexicon


@dataclass(slots=True, frozen=True)
class KnownActor:
    """One identity of the knowledge files; ``raw_codes`` is parsed only when used."""

    name: str
    kind: str | None
    raw_codes: str  # "USAGOV 20170120-20210120;USAGOV >20250120"
    known_to: str | None = None  # YYYYMMDD the source is current to: later, its open roles are unknown

    @property
    def codes(self) -> tuple[tuple[str, str | None, str | None], ...]:
        """(CAMEO code, from, until) with YYYYMMDD dates."""
        return _parse_codes(self.raw_codes)


@dataclass(slots=True)
class _Lexicon:
    country_names: dict[str, str]  # alpha-3 -> canonical name
    country_forms: dict[str, tuple[str, str]]  # surface form -> (alpha-3, mention kind)
    country_re: re.Pattern[str]
    titles: dict[str, str | None]  # lowercase title -> sector
    title_re: re.Pattern[str]
    title_start_re: re.Pattern[str]
    agents: dict[str, str]  # lemma phrase -> sector or "state"
    knowledge: dict[str, KnownActor]
    sectors: dict[str, str | None]  # CAMEO role -> PLOVER sector
    state_sectors: frozenset[str]
    past_modifiers: frozenset[str]
    past_re: re.Pattern[str]
    country_only_agents: frozenset[str]
    pronoun_re: re.Pattern[str]
    pronoun_gender: dict[str, str]
    title_gender: dict[str, str]
    gendered_nouns: dict[str, str]  # "woman" -> "f": an unnamed person a pronoun may stand for
    first_names: dict[str, str]  # folded given name -> "m" | "f"
    honorifics: frozenset[str]  # "Mr.", "Dr.": not a role
    locative_preps: frozenset[str]
    capital_object_verbs: frozenset[str]
    skip_agents: frozenset[str]
    corporate_suffixes: dict[str, str]
    excluded_words: tuple[str, ...]
    party_countries: dict[str, str]  # "democratic" -> USA (before a title)
    place_preps: frozenset[str]
    member_nouns: frozenset[str]
    merged_sectors: dict[str, str]  # sector -> collective word for a state's merged groups
    agent_names: dict[str, str]  # "opposition party" -> "opposition": one group written several ways


class KnowledgeFileError(ValueError):
    """A user knowledge file that cannot be read or has a malformed row; the message says which."""


def _numbered_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated columns) of every line that is neither blank nor a comment."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def _real_range(text: str) -> bool:
    """A date range as the codes write it ("20130419-20260103", ">20250120", "<20190101") of real days."""
    match = _DATE_RANGE_RE.match(text)
    days = [d for d in (match.groups() if match else ()) if d]
    try:
        return bool(days) and all(date(int(d[:4]), int(d[4:6]), int(d[6:])) for d in days)
    except ValueError:
        return False


def _code_problem(part: str) -> str | None:
    """What is wrong with one role ("VENGOV 20130419-20260103"), if anything."""
    pieces = part.split()
    if not pieces or len(pieces) > 2 or not _CODE_RE.match(pieces[0]):
        return f"code {part.strip()!r} is not CODE or CODE DATES (e.g. VENGOV >20130419)"
    if len(pieces) == 2 and not _real_range(pieces[1]):
        return f"dates {pieces[1]!r} are not YYYYMMDD-YYYYMMDD, >YYYYMMDD or <YYYYMMDD"
    return None


def row_problem(cols: Sequence[str]) -> str | None:
    """What is wrong with one knowledge row (canonical, kind, codes, aliases), if anything:
    ``Ana Quispe Mamani<TAB>person<TAB>BOLGOV >20251108<TAB>Quispe Mamani`` has nothing wrong."""
    if len(cols) < 2 or not cols[0].strip():
        return "needs a canonical name, a kind and codes separated by tabs"
    if len(cols) > 4:
        return f"has {len(cols)} columns; at most 4 (canonical, kind, codes, aliases)"
    if cols[1] and cols[1] not in KNOWN_KINDS:
        return f"kind {cols[1]!r} is not one of {', '.join(sorted(KNOWN_KINDS))} (or empty)"
    codes = cols[2] if len(cols) > 2 else ""
    problems = (_code_problem(part) for part in codes.split(";") if codes.strip())
    return next((p for p in problems if p), None)


def read_knowledge_file(path: str | Path) -> list[list[str]]:
    """The rows of a user knowledge file, checked: an unreadable file or any malformed row raises
    :class:`KnowledgeFileError` naming the line and what is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise KnowledgeFileError(f"actor knowledge file {str(path)!r} not read: {error}") from None
    rows, problems = [], []
    for number, cols in _numbered_rows(text):
        problem = row_problem(cols)
        if problem:
            problems.append(f"line {number} {problem}")
        rows.append(cols)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise KnowledgeFileError(f"actor knowledge file {str(path)!r}: " + "; ".join(problems[:3]) + more)
    return rows


def use_knowledge_file(path: str | Path | None) -> None:
    """Make ``path`` the user knowledge file from now on (``None``: none), after checking it.

    It is named in the setting ``EVENTWIRE_ACTORS`` so that worker processes started later read
    it too, and the cached knowledge is dropped so that the next article uses it."""
    if path is None:
        os.environ.pop(ACTORS_SETTING, None)
    else:
        read_knowledge_file(path)
        os.environ[ACTORS_SETTING] = str(Path(path).resolve())
    _lexicon.cache_clear()


def _user_rows(path: Path) -> Iterator[list[str]]:
    """Rows of the user's knowledge file; an unreadable file or a malformed row is logged and
    skipped (``read_knowledge_file`` is the strict check the command line runs first)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        LOG.warning("%s=%s not read: %s", ACTORS_SETTING, path, error)
        return
    for number, cols in _numbered_rows(text):
        problem = row_problem(cols)
        if problem:
            LOG.warning("%s=%s line %d skipped: it %s", ACTORS_SETTING, path, number, problem)
        else:
            yield cols


def _lexicon_lines(name: str) -> Iterator[list[str]]:
    text = resources.files(_LEXICON_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=4096)
def _parse_codes(raw: str) -> tuple[tuple[str, str | None, str | None], ...]:
    out = []
    for part in raw.split(";"):
        pieces = part.split()
        if not pieces:
            continue
        start = end = None
        if len(pieces) > 1:
            match = _DATE_RANGE_RE.match(pieces[1])
            if match:
                start = match.group(1) or match.group(3)
                end = match.group(2) or match.group(4)
        out.append((pieces[0], start, end))
    return tuple(out)


def _load_knowledge(agents: dict[str, str]) -> dict[str, KnownActor]:
    knowledge: dict[str, KnownActor] = {}

    def add(known: KnownActor, keys: Iterable[str], generic_ok: bool) -> None:
        for key in keys:
            # Phoenix files some generic role words ("senate", "police") as one country's actor
            if key and key not in knowledge and (generic_ok or key not in agents):
                knowledge[key] = known

    user = os.environ.get(ACTORS_SETTING)
    rows = list(_user_rows(Path(user))) if user else []
    for cols in [*rows, *_lexicon_lines("actors_extra.tsv")]:
        cols += [""] * (4 - len(cols))
        forms = (cols[0], *cols[3].split("|"))
        add(KnownActor(cols[0], cols[1] or None, cols[2]), (name_key(f) for f in forms), True)
    # the derived file carries its matching keys precomputed (fast loading)
    for cols in _lexicon_lines("actors_phoenix.tsv"):
        add(KnownActor(cols[0], cols[1] or None, cols[2], PHOENIX_KNOWN_TO), cols[3].split("|"), False)
    return knowledge


def _alternation(forms: Iterable[str]) -> str:
    """One regular expression for many literal forms, longest first, spaces matching any run of
    whitespace, grouped by first character ("A(?:fghanistan|lbania)|B(?:...)"): the engine tries
    only the forms that start with the character in front of it."""
    by_first: dict[str, list[str]] = {}
    for form in sorted(set(forms), key=len, reverse=True):
        if form:
            by_first.setdefault(form[0], []).append(form[1:])
    groups = []
    for first, rests in by_first.items():
        options = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in rests)
        groups.append(re.escape(first).replace(r"\ ", r"\s+") + "(?:" + options + ")")
    return "|".join(groups)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    rules = json.loads(resources.files(_LEXICON_PACKAGE).joinpath("actor_rules.json").read_text("utf-8"))
    country_names: dict[str, str] = {}
    forms: dict[str, tuple[str, str]] = {}
    for alpha3, canonical, names, demonyms, capital in _lexicon_lines("countries.tsv"):
        country_names[alpha3] = canonical
        for demonym in filter(None, demonyms.split("|")):
            forms.setdefault(demonym, (alpha3, "demonym"))
        for name in filter(None, names.split("|")):
            bare = name.replace(".", "")
            kind = "abbreviation" if bare.isupper() and len(bare) <= 4 else "name"
            forms[name] = (alpha3, kind)
        for city in filter(None, capital.split("|")):
            forms.setdefault(city, (alpha3, "capital"))
    country_re = re.compile(r"(?<![\w.@#-])(?:" + _alternation(forms) + r")(?!\w|\.\w)")

    titles: dict[str, str | None] = {}
    for title, sector in _lexicon_lines("actor_titles.tsv"):
        titles[title] = None if sector == "-" else sector
    modifiers = _alternation(rules["title_modifiers"])
    title_alt = _alternation(titles)
    # the country before a title is read from the document's country hits, not this pattern
    title_re = re.compile(rf"(?<![\w-])(?P<mods>(?:(?i:{modifiers})\s+)*)(?P<title>(?i:{title_alt}))\s+$")
    title_start_re = re.compile(rf"^(?:(?i:{modifiers})\s+)*(?i:{title_alt})\s+(?=[A-Z])")

    agents: dict[str, str] = {}
    for agent, sector in _lexicon_lines("actor_agents.tsv"):
        agents[agent] = sector
    for agent, sector in _lexicon_lines("actors_phoenix_agents.tsv"):
        agents.setdefault(agent, sector)

    sectors = {cameo: (None if plover == "-" else plover) for cameo, plover in _lexicon_lines("actor_sectors.tsv")}
    return _Lexicon(
        country_names=country_names,
        country_forms=forms,
        country_re=country_re,
        titles=titles,
        title_re=title_re,
        title_start_re=title_start_re,
        agents=agents,
        knowledge=_load_knowledge(agents),
        sectors=sectors,
        state_sectors=frozenset(rules["state_sectors"]),
        past_modifiers=frozenset(rules["past_title_modifiers"]),
        past_re=re.compile(rf"(?<![\w-])(?i:{_alternation(rules['past_title_modifiers'])})\s+$"),
        country_only_agents=frozenset(rules["country_only_agents"]),
        pronoun_re=re.compile(rf"\b(?:{_alternation(rules['pronoun_gender'])})\b", re.IGNORECASE),
        pronoun_gender=rules["pronoun_gender"],
        title_gender=rules["title_gender"],
        gendered_nouns=rules["gendered_nouns"],
        first_names={name: gender for name, gender in _lexicon_lines("actor_first_names.tsv")},
        honorifics=frozenset(rules["honorifics"]),
        locative_preps=frozenset(rules["locative_prepositions"]),
        capital_object_verbs=frozenset(rules["capital_object_verbs"]),
        skip_agents=frozenset(rules["skip_agent_nouns"]),
        corporate_suffixes=rules["corporate_suffixes"],
        excluded_words=tuple(rules["excluded_entity_words"]),
        party_countries=rules["party_title_modifiers"],
        place_preps=frozenset(rules["place_prepositions"]),
        member_nouns=frozenset(rules["member_nouns"]),
        merged_sectors=rules["merged_sectors"],
        agent_names=dict((agent, name) for agent, name in _lexicon_lines("actor_agent_names.tsv")),
    )


def lookup_known(name: str) -> KnownActor | None:
    """The knowledge-file identity for a name or alias, if any (folded dict lookup), when the
    name is written as that identity's name can be (see ``written_as_name``)."""
    lex = _lexicon()
    key = name_key(_HANDLE_RE.sub("", name))
    known = lex.knowledge.get(key) or lex.knowledge.get(_org_key(key, lex, keep_suffix=True))
    return known if known is not None and written_as_name(name, known) else None


def written_as_name(text: str, known: KnownActor) -> bool:
    """The case-sensitive rule for matching a person: a name in capitals only ("MAGA") is an
    acronym or a shout, never a person's name; a lone lower-case word never names a person."""
    if known.kind != "person":
        return True
    letters = [c for c in _HANDLE_RE.sub("", text) if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return False
    return bool(letters) and letters[0].isupper()


def resolve_code(known: KnownActor, on: date | None = None) -> tuple[str | None, str | None]:
    """(country, sector) of a known actor, using the code valid on ``on`` (else the latest).

    A role whose date range ended before ``on`` keeps its country but no longer its sector; so does
    a role its source leaves open but is current only to an earlier date (``known_to``): Phoenix's
    "DEUGOV from 2005" says nothing of 2026.
    """
    if not known.codes:
        return None, None
    chosen = known.codes[-1]
    sector_valid = True
    if on is None:
        # Phoenix lists an undated default after the dated roles: the current role is the open one
        open_ended = [c for c in known.codes if c[1] and c[2] is None]
        chosen = open_ended[-1] if open_ended else chosen
    else:
        day = on.strftime("%Y%m%d")
        valid = [c for c in known.codes if (c[1] is None or c[1] <= day) and _held_on(c, known.known_to, day)]
        dated = [c for c in valid if c[1] or c[2]]
        if dated or valid:
            chosen = (dated or valid)[-1]
        else:
            sector_valid = False
    country, sector = _split_code(chosen[0])
    return country, (sector if sector_valid else None)


def _held_on(code: tuple[str, str | None, str | None], known_to: str | None, day: str) -> bool:
    """Whether a role has not ended by ``day``: its own end, or for a dated open role of a source
    current to ``known_to``, that date."""
    end = code[2] if code[2] is not None or code[1] is None else known_to
    return end is None or day <= end


def _split_code(code: str) -> tuple[str | None, str | None]:
    lex = _lexicon()
    head, rest = code[:3], code[3:]
    country: str | None = None
    sector: str | None = None
    if head in lex.country_names:
        country = head
    elif head in _INTERNATIONAL_PREFIXES:
        sector = _INTERNATIONAL_PREFIXES[head]
        if rest[:3] in lex.country_names:
            country, rest = rest[:3], rest[3:]
        elif head == "IGO":
            return None, "IGO"
    else:
        rest = code
    roles = [lex.sectors.get(rest[i : i + 3]) for i in range(0, len(rest), 3)]
    mapped = [r for r in roles if r]
    if mapped:
        specific = [r for r in mapped[1:] if r in {"LEG", "JUD", "COP", "SPY"} or (mapped[0] == "GOV" and r == "MIL")]
        sector = specific[0] if specific else mapped[0]
    return country, sector


def _org_key(key: str, lex: _Lexicon, keep_suffix: bool = False) -> str:
    """Normalize a trailing corporate suffix ("corporation" -> "corp"), or drop it."""
    words = key.split()
    if len(words) > 1 and words[-1] in lex.corporate_suffixes:
        if keep_suffix:
            return " ".join([*words[:-1], lex.corporate_suffixes[words[-1]]])
        return " ".join(words[:-1])
    return key


# --------------------------------------------------------------------------- clusters


@dataclass(slots=True, eq=False)
class _Cluster:
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # distinct name-like forms in text order
    name_words: list[list[str]] = field(default_factory=list)  # their folded words
    title: str | None = None
    country: str | None = None
    sector: str | None = None
    known: KnownActor | None = None
    canonical: str | None = None  # fixed name (states, agents)
    gender: str | None = None  # "m" | "f" from a title; given names are read at pronoun time

    def add_name(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)
            self.name_words.append(name_key(name).split())


class _CharMask:
    """Characters already claimed (by an actor mention, or by an entity): O(span) checks."""

    def __init__(self, length: int) -> None:
        self.mask = bytearray(length)

    def add(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)

    def hit(self, start: int, end: int) -> bool:
        return 1 in self.mask[start:end]


@dataclass(slots=True)
class _CountryHit:
    start: int
    end: int
    alpha3: str
    kind: str  # name, abbreviation, demonym, capital


def _country_hits(text: str, lex: _Lexicon) -> list[_CountryHit]:
    hits = []
    for match in lex.country_re.finditer(text):
        alpha3, kind = lex.country_forms.get(match.group(0)) or lex.country_forms[" ".join(match.group(0).split())]
        hits.append(_CountryHit(match.start(), match.end(), alpha3, kind))
    return hits


def _bare_place(text: str) -> str:
    """ "the Ivory Coast's" -> "Ivory Coast" (to compare an entity with the country forms)."""
    text = _LEADING_THE_CI_RE.sub("", text.strip())
    text = _POSSESSIVE_RE.sub("", text)
    return " ".join(text.split())


def _clean_name(span: Span, lex: _Lexicon) -> tuple[int, int, str] | None:
    """Strip leading titles/"the", a caption's label ("FILE - ") and a trailing possessive from an
    entity span."""
    text = span.text
    start = span.start_char
    for _ in range(2):  # 'the "Islamic State"': punctuation, article, punctuation again
        stripped = text.lstrip(_EDGE_PUNCTUATION)
        start += len(text) - len(stripped)
        text = stripped.rstrip(_EDGE_PUNCTUATION)
        lead = lex.title_start_re.match(text) or _LEADING_THE_CI_RE.match(text) or _LABEL_RE.match(text)
        if lead:
            text, start = text[lead.end() :], start + lead.end()
    trailing = _POSSESSIVE_RE.search(text)
    if trailing and len(text) > 2 and trailing.group(0) in ("'s", "’s"):
        text = text[: trailing.start()]
    text = text.strip()
    if not text or not any(c.isalpha() for c in text):
        return None
    return start, start + len(text), text


BYLINE_RE = re.compile(r"^[ \t]*By[ \t]+[A-Z][^\n.]{0,80}$", re.MULTILINE)
BYLINE_REACH = 400  # characters from the top where a byline line is read as the writer's, not an actor


def _filing_spans(text: str, source: str | None) -> list[tuple[int, int]]:
    """The dateline ("CARACAS, Jan. 5 (Harbor Ledger) -"), a byline line ("By Dana Whitfield, Staff
    Writer") and every mention of the outlet that published the article."""
    spans = []
    match = DATELINE_RE.match(text[:120])
    if match:
        spans.append((match.start(1), match.end()))
    spans += [(m.start(), m.end()) for m in BYLINE_RE.finditer(text, 0, BYLINE_REACH)]
    name = (source or "").strip()
    if len(name) > 2 and not name.islower():
        spans += [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
    return spans


def _names_a_place(builder: _Builder, span: Span, text: str, label: str) -> bool:
    """An entity that names a place or a thing, not an actor: what the places stage resolved as a
    place elsewhere in the article ("besieged Kadugli") unless a person's full name holds it; a
    named facility ("Shifa Hospital"); a lone word used with an article ("the Moon", "the largest
    Armada"); a one-off "person" after a preposition of place ("at Fuerte Tiuna", "on Iwo Jima")."""
    key = name_key(text)
    words = key.split()
    if key in builder.place_keys and not (len(words) == 1 and words[0] in builder.person_words):
        return label != "ORG" or text.split()[-1] in gazetteer.feature_words()
    root = span.root
    if len(words) == 1 and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in root.children):
        known = lookup_known(text)
        if label == "PERSON" or (known is not None and known.kind == "person"):
            return True
    if label != "PERSON":
        return False
    lex = builder.lex
    if root.dep_ != "pobj" or root.head.lower_ not in lex.place_preps:
        return False
    if any(w in lex.first_names for w in words) or lookup_known(text) is not None:
        return False
    others = {w for ent in doc_ents(builder.doc) if ent.label_ == "PERSON" and len(ent.text.split()) > 1
              and name_key(ent.text) != key for w in name_key(ent.text).split()}
    return not any(w in others for w in words)


class _Builder:
    """Collects clusters for one document."""

    def __init__(self, doc: Doc, places: Sequence[Place] = (), source: str | None = None) -> None:
        self.doc = doc
        self.places_by_end = {p.end: p for p in places if p.country}
        self.text = doc_text(doc)
        self.lex = _lexicon()
        self.taken = _CharMask(len(self.text))
        # the dateline and the outlet's own name say who filed the story: never actors
        self.blocked = _CharMask(len(self.text))
        for start, end in _filing_spans(self.text, source):
            self.blocked.add(start, end)
        # names the places stage resolved as places (not demonyms, not names used as modifiers)
        self.place_keys = {name_key(p.text) for p in places if p.name and p.kind != "demonym"}
        # spans the places stage resolved as a whole ("Thessaloniki" the model labelled ORG): a place
        self.place_spans = {(p.start, p.end) for p in places if p.name and p.kind != "demonym"}
        self.person_words = {w for ent in doc_ents(doc) if ent.label_ == "PERSON" and len(ent.text.split()) > 1
                             for w in name_key(ent.text).split()}  # words of people's full names
        self.people: list[_Cluster] = []
        self.orgs: list[_Cluster] = []
        self.groups: dict[tuple[str | None, str], _Cluster] = {}
        self.states: dict[str, _Cluster] = {}
        self.named = _CharMask(len(self.text))  # characters inside PERSON/ORG entities
        longer_places = _CharMask(len(self.text))  # "South China Sea", "New Mexico"
        for ent in doc_ents(doc):
            if ent.label_ in ("PERSON", "ORG") and _bare_place(ent.text) not in self.lex.country_forms:
                self.named.add(ent.start_char, ent.end_char)  # "Moldova", "the UAE" tagged ORG are states
            elif ent.label_ in _PLACE_LIKE_LABELS and _bare_place(ent.text) not in self.lex.country_forms:
                longer_places.add(ent.start_char, ent.end_char)
        # a country name inside a longer place name is part of that name, not the country
        self.country_hits = [h for h in _country_hits(self.text, self.lex)
                             if not longer_places.hit(h.start, h.end) and not self.blocked.hit(h.start, h.end)]
        self.hit_starts = [h.start for h in self.country_hits]
        self.hits_by_start = {h.start: h for h in self.country_hits}
        self.hits_by_end = {h.end: h for h in self.country_hits}

    # ---- helpers
    def _country_at(self, start: int, end: int) -> _CountryHit | None:
        hit = self.hits_by_start.get(start)
        return hit if hit is not None and hit.end <= end else None

    def _country_before(self, offset: int) -> _CountryHit | None:
        """The country form written just before ``offset`` ("Venezuela's ", "U.S. ")."""
        i = offset
        while i > 0 and self.text[i - 1].isspace():
            i -= 1
        if i == offset:
            return None
        if self.text[i - 2 : i] in ("'s", "’s") and (i - 2) in self.hits_by_end:
            return self.hits_by_end[i - 2]
        return self.hits_by_end.get(i)

    def hits_between(self, start: int, end: int) -> list[_CountryHit]:
        """Country hits lying inside [start, end)."""
        first = bisect_left(self.hit_starts, start)
        out = []
        for hit in self.country_hits[first:]:
            if hit.start >= end:
                break
            if hit.end <= end:
                out.append(hit)
        return out

    def _add_mention(self, cluster: _Cluster, start: int, end: int, kind: str) -> None:
        cluster.mentions.append(Mention(self.text[start:end], start, end, kind))
        self.taken.add(start, end)

    # ---- people
    def find_person(self, name: str, at: int | None = None) -> _Cluster | None:
        """The person a name refers to: same full name, same first and last name, or a bare
        surname (then first name) of a person already named; ties go to the latest mentioned."""
        words = name_key(name).split()
        if not words:
            return None
        exact, surname, first = [], [], []
        for cluster in self.people:
            for other in cluster.name_words:
                if _same_full_name(words, other):
                    exact.append(cluster)
                elif len(words) == 1 and len(other) > 1 and words[0] in other[1:]:
                    surname.append(cluster)
                elif len(words) == 1 and len(other) > 1 and words[0] == other[0]:
                    first.append(cluster)
        for candidates in (exact, surname, first if len(set(first)) == 1 else []):
            if candidates:
                return _latest_before(list(dict.fromkeys(candidates)), at)
        return None

    def add_person(self, start: int, end: int, name: str) -> _Cluster:
        cluster = self.find_person(name, start)
        if cluster is None:
            cluster = _Cluster(kind="person")
            self.people.append(cluster)
        cluster.add_name(name)
        self._add_mention(cluster, start, end, "name")
        self._attach_title(cluster, start, end, name)
        return cluster

    def _attach_title(self, cluster: _Cluster, start: int, end: int, name: str) -> None:
        window_start = max(0, start - _WINDOW)
        match = self.lex.title_re.search(self.text, window_start, start)
        if match is None:
            return
        title = match.group("title")
        sector = self.lex.titles.get(" ".join(title.lower().split()))
        country_hit = self._country_before(match.start())
        phrase_start = country_hit.start if country_hit else match.start()
        past = set(match.group("mods").lower().split()) & self.lex.past_modifiers
        if past or self.lex.past_re.search(self.text, max(0, phrase_start - 20), phrase_start):
            sector = None  # "former (Colombian) president": the role is over
        after = _OF_COUNTRY_RE.match(self.text, end)
        if country_hit is None and after is not None:
            country_hit = self.hits_by_start.get(after.end())
        country = country_hit.alpha3 if country_hit else None
        organization = None if country_hit else self._organization_before(match.start())
        if organization is not None:  # "Hezbollah leader", "Pentagon spokesman": the body's role
            country, sector = organization
        if country is None:  # "Democratic Gov.", "Minnesota Gov.": the party's or division's country
            mods = match.group("mods").lower().split()
            country = next((self.lex.party_countries[m] for m in mods if m in self.lex.party_countries), None)
            country = country or self._division_before(match.start())
        self._apply_title(cluster, title, sector, country)
        if organization is not None and cluster.country is None:
            cluster.country = organization[0]  # a body's member acts for its country whatever its sector
        self._add_mention(cluster, phrase_start, end, "title")

    def _organization_before(self, offset: int) -> tuple[str | None, str] | None:
        """(country, sector) of a known organization named right before ``offset`` ("Hezbollah ",
        "the Pentagon "), when the knowledge gives it a sector."""
        tail = self.text[max(0, offset - 60):offset].rstrip()
        words = re.findall(r"[A-Z][\w.'’-]*", tail)
        for size in (4, 3, 2, 1):
            name = " ".join(words[-size:]) if len(words) >= size else ""
            if not name or not tail.endswith(name):
                continue
            known = lookup_known(name)
            if known is not None and known.kind not in ("person", "state"):
                country, sector = resolve_code(known)
                if sector is not None:
                    return country, sector
        return None

    def _division_before(self, offset: int) -> str | None:
        """The country of a first-level division named right before ``offset`` ("Minnesota ")
        when every division of that name lies in one country."""
        words = re.findall(r"[A-Z][\w.-]*", self.text[max(0, offset - 40):offset].rstrip())
        tail = self.text[max(0, offset - 40):offset]
        if not words or not tail.rstrip().endswith(words[-1]):
            return None
        gaz = gazetteer.load()
        for size in (3, 2, 1):
            if len(words) < size:
                continue
            name = " ".join(words[-size:])
            if not tail.rstrip().endswith(name):
                continue
            countries = {e.country for e in gaz.lookup(name) if e.kind == "admin1" and fold(e.name) == fold(name)}
            if len(countries) == 1:
                return countries.pop()
        return None

    def _apply_title(self, cluster: _Cluster, title: str, sector: str | None, country: str | None) -> None:
        folded = " ".join(title.lower().split())
        cluster.gender = cluster.gender or self.lex.title_gender.get(folded)
        if cluster.title is None and folded not in self.lex.honorifics:
            cluster.title = title[:1].upper() + title[1:]
        if cluster.sector is None and sector:
            cluster.sector = sector
        # a nationality before a civil role is citizenship, not the state the actor acts for
        if cluster.country is None and country and sector in self.lex.state_sectors:
            cluster.country = country

    def appositive_titles(self) -> None:
        """ "Marta Ruiz, a Chilean reporter" / "the president of Colombia, Gustavo Petro"."""
        for cluster in list(self.people):
            for mention in list(cluster.mentions):
                if mention.kind != "name":
                    continue
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    for noun in _appositive_nouns(span.root):
                        self._apply_appositive(cluster, noun, span)

    def _apply_appositive(self, cluster: _Cluster, noun: Token, name: Span) -> None:
        sector = self.lex.titles.get(noun.lemma_.lower(), "absent")
        if sector == "absent":
            return
        country = None
        for child in noun.children:
            target = child
            if child.dep_ == "prep" and child.lower_ == "of":
                target = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            hit = self._country_at(target.idx, target.idx + len(target.text))
            country = hit.alpha3 if hit else country
        self._apply_title(cluster, noun.text, sector, country)
        # the description belongs to the person: its words are no group or state of their own
        for token in noun.subtree:
            if not (name.start <= token.i < name.end):
                self.taken.add(token.idx, token.idx + len(token.text))

    # ---- organizations and knowledge-matched names
    def find_org(self, name: str, known: KnownActor | None) -> _Cluster | None:
        key = _org_key(name_key(_HANDLE_RE.sub("", name)), self.lex)
        short_form: list[_Cluster] = []
        for cluster in self.orgs:
            if known is not None and cluster.known is known:
                return cluster
            for other in cluster.names:
                other_key = _org_key(name_key(_HANDLE_RE.sub("", other)), self.lex)
                if key == other_key or _is_acronym(key, other) or _is_acronym(other_key, name):
                    return cluster
                words = other_key.split()
                if " " not in key and len(words) > 1 and key in (words[0], words[-1]) and key not in self.lex.agents:
                    short_form.append(cluster)
        # "the Post" after "The Washington Post": a distinctive word of one organization named before
        unique = list(dict.fromkeys(short_form))
        return unique[0] if len(unique) == 1 else None

    def add_org(self, start: int, end: int, name: str, known: KnownActor | None) -> None:
        cluster = self._spelled_out(name) or self.find_org(name, known)
        if cluster is None:
            cluster = _Cluster(kind=(known.kind if known and known.kind else "organization"))
            self.orgs.append(cluster)
        if cluster.known is None:
            cluster.known = known
        cluster.add_name(name)
        bare = _HANDLE_RE.sub("", name).replace(".", "")
        kind = "abbreviation" if bare.isupper() and " " not in bare else "name"
        self._add_mention(cluster, start, end, kind)
        prefix = self.hits_by_start.get(start)
        if prefix is not None and prefix.end < end and cluster.country is None and prefix.kind != "capital":
            # an organization named for a country belongs to it ("Latvian Constitutional Court")
            cluster.country = prefix.alpha3
        owner = self._country_before(start)
        if owner is not None and cluster.country is None and owner.kind != "capital" and self._possessive_before(start):
            cluster.country = owner.alpha3  # "Russia's defence ministry": Russia's, not the story's country
        words = name.split()
        if cluster.sector is None and cluster.known is None and len(words) > 1:
            # its head noun says what it is ("Chicago Police", "Montenegro Assembly"), unless the
            # knowledge knows it ("European Union" is no labour union)
            head = words[-1].lower()
            sector = self.lex.agents.get(head) or self.lex.agents.get(head.rstrip("s"))
            if sector and sector != "state" and head not in self.lex.skip_agents:
                cluster.sector = sector

    def _possessive_before(self, offset: int) -> bool:
        return self.text[:offset].rstrip()[-2:] in ("'s", "’s")

    def _spelled_out(self, name: str) -> _Cluster | None:
        """"The Communist Party of Spain (PCE) ... the PCE denied": an abbreviation the article puts
        in brackets right after an organization's name stands for it, whatever language its letters
        come from."""
        bare = name.replace(".", "")
        if not (bare.isupper() and " " not in bare and 2 <= len(bare) <= 6):
            return None
        bracketed = re.compile(r"\s*\(" + re.escape(name) + r"\)")
        for cluster in self.orgs:
            if any(bracketed.match(self.text, m.end) for m in cluster.mentions):
                return cluster
        return None

    # ---- states and agents
    def state(self, alpha3: str) -> _Cluster:
        cluster = self.states.get(alpha3)
        if cluster is None:
            cluster = _Cluster(kind="state", country=alpha3, canonical=self.lex.country_names[alpha3])
            self.states[alpha3] = cluster
        return cluster

    def add_group(self, country: str | None, agent: str, sector: str, start: int, end: int) -> None:
        agent = self.lex.agent_names.get(agent, agent)  # "opposition parties" are the opposition
        # one state's forces however written ("U.S. forces", "the U.S. military") are one actor
        merged = country is not None and sector in self.lex.merged_sectors
        key = (country, sector) if merged else (country, agent)
        cluster = self.groups.get(key)
        if cluster is None:
            name = f"{self.lex.country_names[country]} {agent}" if country else agent
            cluster = _Cluster(kind="group", country=country, sector=sector, canonical=name)
            self.groups[key] = cluster
        elif merged and country is not None and cluster.canonical != f"{self.lex.country_names[country]} {agent}":
            cluster.canonical = f"{self.lex.country_names[country]} {self.lex.merged_sectors[sector]}"
        self._add_mention(cluster, start, end, "name")

    def org_at(self, tokens: Iterable[Token]) -> _Cluster | None:
        """The organization one of ``tokens`` was taken by."""
        for token in tokens:
            for cluster in self.orgs:
                if any(m.start <= token.idx < m.end for m in cluster.mentions):
                    return cluster
        return None


def _same_full_name(words: list[str], other: list[str]) -> bool:
    """Same words, or same first and last word ("Donald J. Trump"), or a known bare surname."""
    if words == other:
        return True
    if len(words) > 1 and len(other) > 1:
        return words[0] == other[0] and words[-1] == other[-1]
    return len(other) == 1 and len(words) > 1 and other[0] == words[-1]


def _appositive_nouns(root: Token) -> list[Token]:
    """Nouns in apposition to a name; "the president of X, Name" parses Name as X's appositive."""
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        head = root.head
        nouns.append(head)
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head is not head.head:
            nouns.append(head.head.head)
    return nouns


def _latest_before(clusters: list[_Cluster], at: int | None) -> _Cluster:
    """Of several candidate people, the one mentioned last before ``at`` (else the first)."""
    if len(clusters) == 1 or at is None:
        return clusters[0]
    best, best_start = clusters[0], -1
    for cluster in clusters:
        starts = [m.start for m in cluster.mentions if m.start < at]
        if starts and max(starts) > best_start:
            best, best_start = cluster, max(starts)
    return best


def _is_acronym(acronym_key: str, full_name: str) -> bool:
    """ "cia" is the acronym of "Central Intelligence Agency"."""
    if " " in acronym_key or len(acronym_key) < 2:
        return False
    words = [w for w in full_name.replace("-", " ").split() if w.lower() not in _ACRONYM_STOPWORDS]
    return len(words) == len(acronym_key) > 1 and "".join(w[0] for w in words).lower() == acronym_key


# --------------------------------------------------------------------------- passes


def _entity_names(builder: _Builder) -> list[tuple[int, int, str, str]]:
    """(start, end, cleaned text, label) of name-like entities; photo credits, the dateline, the
    outlet and places excluded (an entity whose very span the places stage resolved is a place,
    whatever its label: "protests in Thessaloniki" tagged ORG)."""
    out = []
    places: set[str] = set()
    lex = builder.lex
    for ent in doc_ents(builder.doc):
        if ent.label_ not in _NAME_LABELS or builder.blocked.hit(ent.start_char, ent.end_char):
            continue
        lowered = ent.text.lower()
        if any(word in lowered for word in lex.excluded_words):
            continue
        cleaned = _clean_name(_with_first_names(ent, lex) if ent.label_ == "PERSON" else ent, lex)
        if cleaned is None:
            continue
        if cleaned[:2] in builder.place_spans or _names_a_place(builder, ent, cleaned[2], ent.label_):
            places.add(name_key(cleaned[2]))  # the same name elsewhere is that place too
            continue
        out.append((*cleaned, ent.label_))
    return [n for n in out if n[3] != "PERSON" or name_key(n[2]) not in places]


@lru_cache(maxsize=1)
def _curated_organizations() -> re.Pattern[str] | None:
    """Names of several words, and acronyms, of the hand-curated organizations (``actors_extra.tsv``),
    as written."""
    names: set[str] = set()
    for cols in _lexicon_lines("actors_extra.tsv"):
        if len(cols) < 2 or cols[1] != "organization":
            continue
        forms = [cols[0], *(cols[3].split("|") if len(cols) > 3 and cols[3] else [])]
        names.update(f for f in forms if (len(f.split()) >= 2 and f[:1].isupper()) or _an_acronym(f))
    return re.compile(r"(?<![\w-])(?:" + _alternation(names) + r")(?![\w-])") if names else None


def _an_acronym(form: str) -> bool:
    """"ELN", "HRW": capitals only, three letters or more (matched as written)."""
    return len(form) >= 3 and form.isalpha() and form.isupper()


def _curated_names_untagged(builder: _Builder) -> list[tuple[int, int, str, str]]:
    """"Human Rights Watch accused the police": a curated organization the model left untagged."""
    pattern = _curated_organizations()
    if pattern is None:
        return []
    tagged = [(e.start_char, e.end_char) for e in doc_ents(builder.doc)]
    return [(m.start(), m.end(), m.group(0), "ORG") for m in pattern.finditer(builder.text)
            if not any(s < m.end() and m.start() < e for s, e in tagged)]


def _with_first_names(ent: Span, lex: _Lexicon) -> Span:
    """"Attorney General Tarek William Saab" with only "William Saab" tagged a person: capitalized
    name words hung on the name between it and a title before it are part of it (the title is not;
    with no title before them they may be one, "Sheikh Hamad", and stay out)."""
    doc, start = ent.doc, ent.start
    while start > 0 and _first_name_of(doc[start - 1], ent, lex):
        start -= 1
    titled = start < ent.start and start > 0 and doc[start - 1].lower_ in lex.titles
    return doc[start : ent.end] if titled else ent


def _first_name_of(token: Token, ent: Span, lex: _Lexicon) -> bool:
    word = token.lower_
    if token.pos_ != "PROPN" or token.ent_type_ or not token.text[:1].isupper() or word.endswith("."):
        return False
    if word in lex.titles or word in lex.honorifics or not ent.start <= token.head.i < ent.end:
        return False
    return token.dep_ == "compound"


_SPELLED_OUT_RE = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:(?:of|the|for|and|de|del|la)\s+)*[A-Z][\w'’-]+)+")


def _spelled_out_names(builder: _Builder) -> None:
    """"The Ulster Defence Association ... the UDA leaders": an organization known by an abbreviation
    is called by the name the article spells out for it."""
    for cluster in builder.orgs:
        abbreviations = {name_key(n) for n in cluster.names if n.replace(".", "").isupper() and " " not in n}
        if not abbreviations:
            continue
        written = [*cluster.names, *(m.group(0) for m in _SPELLED_OUT_RE.finditer(builder.text))]
        spelled = next((n for n in written if any(_is_acronym(key, n) for key in abbreviations)), None)
        if spelled is not None:
            cluster.add_name(spelled)
            cluster.canonical = spelled


def _people_pass(builder: _Builder, names: list[tuple[int, int, str, str]]) -> None:
    persons = [n for n in names if n[3] == "PERSON" and " ".join(n[2].split()) not in builder.lex.country_forms]
    # full names first so that surnames find their cluster wherever they occur
    for start, end, text, _ in sorted(persons, key=lambda n: (len(n[2].split()) < 2, n[0])):
        if _known_as_no_person(text):
            continue  # "al Shabaab" tagged a person: the organization pass takes it
        if len(text.split()) >= 2 or builder.find_person(text) is not None:
            builder.add_person(start, end, text)
    for start, end, text, _ in sorted(persons, key=lambda n: n[0]):
        if builder.taken.hit(start, end) or _an_event_word_opening_a_sentence(builder.text, start, text):
            continue
        known = lookup_known(text)
        if known is not None and known.kind not in (None, "person"):
            continue
        cluster = builder.add_person(start, end, text)
        if known is not None and cluster.known is None:
            cluster.known = known


_SENTENCE_OPENING = re.compile(r"(?:\A|[.!?][\"”’]?\s+|\n\s*)\Z")


def _an_event_word_opening_a_sentence(text: str, start: int, name: str) -> bool:
    """"Riot police used water cannon": a capitalized event word opening a sentence, tagged a
    person, names no one."""
    return (" " not in name and name.lower() in trigger_senses()
            and _SENTENCE_OPENING.search(text, max(0, start - 4), start) is not None)


def _known_as_no_person(text: str) -> bool:
    known = lookup_known(text)
    return known is not None and known.kind not in (None, "person")


def _surname_pass(builder: _Builder) -> None:
    """Surnames and full names of known people wherever they occur (NER often tags "Maduro" ORG)."""
    forms: dict[str, _Cluster] = {}
    for cluster in builder.people:
        for name in cluster.names:
            forms.setdefault(name, cluster)
            words = name.split()
            if len(words) == 1:
                continue
            if len(words) >= 2 and not _INITIAL_RE.match(words[-1]):
                forms.setdefault(words[-1], cluster)
    if not forms:
        return
    pattern = re.compile(r"(?<![\w@#])(?:" + _alternation(forms) + r")(?!\w)")
    for match in pattern.finditer(builder.text):
        if builder.taken.hit(match.start(), match.end()):
            continue
        found = builder.find_person(match.group(0), match.start())
        cluster = found or forms.get(match.group(0)) or forms[" ".join(match.group(0).split())]
        cluster.add_name(match.group(0))
        builder._add_mention(cluster, match.start(), match.end(), "name")
        builder._attach_title(cluster, match.start(), match.end(), match.group(0))


def _org_pass(builder: _Builder, names: list[tuple[int, int, str, str]]) -> None:
    lex = builder.lex
    for start, end, text, label in names:
        if builder.taken.hit(start, end) or " ".join(text.split()) in lex.country_forms:
            continue
        if builder.find_person(text) is not None:
            builder.add_person(start, end, text)
            continue
        known = lookup_known(text)
        if known is not None and known.kind == "person":
            cluster = builder.add_person(start, end, text)
            cluster.known = cluster.known or known
            continue
        if label != "ORG" and known is None:
            continue
        if known is None and name_key(text) in lex.agents:
            continue  # "the Government", "Police": generic, left to the agent pass
        builder.add_org(start, end, text, known)


def _agent_at(tokens: list[str], lex: _Lexicon) -> tuple[int, str, str] | None:
    """Longest agent phrase ending the lemma list: (words used, phrase, sector)."""
    for size in (5, 4, 3, 2, 1):
        if len(tokens) >= size:
            phrase = " ".join(tokens[-size:]).replace(" - ", "-")
            sector = lex.agents.get(phrase)
            if sector and phrase not in lex.skip_agents:
                return size, phrase, sector
    return None


_CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "agent", "appos"}
_CORE_PREPS = {"by", "against", "with", "between", "from", "to"}
_COLLECTIVES = {
    "group",
    "number",
    "dozen",
    "hundred",
    "thousand",
    "million",
    "member",
    "some",
    "many",
    "most",
    "all",
    "several",
    "majority",
    "crowd",
    "band",
    "team",
    "delegation",
    "score",
    "handful",
}


def _is_core_argument(root: Token) -> bool:
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ in _CORE_DEPS:
        return True
    if root.dep_ != "pobj":
        return False
    prep = root.head
    quantity = prep.head
    # "thousands of refugees", "a group of rebels": the quantity stands for the group
    if prep.lower_ == "of" and quantity is not prep and _is_quantity(quantity):
        return _is_core_argument(quantity)
    return prep.lower_ in _CORE_PREPS


def _is_quantity(token: Token) -> bool:
    return token.pos_ == "NUM" or token.ent_type_ == "CARDINAL" or token.lemma_.lower() in _COLLECTIVES


_ENDINGS: list[tuple[dict[str, str], frozenset[str]]] = []  # (the lexicon's agents, their endings)


def _agent_endings(lex: _Lexicon) -> frozenset[str]:
    """Every ending (string suffix) of an agent phrase; computed once per lexicon."""
    if not _ENDINGS or _ENDINGS[0][0] is not lex.agents:
        _ENDINGS[:] = [(lex.agents, frozenset(key[i:] for key in lex.agents for i in range(len(key))))]
    return _ENDINGS[0][1]


def _agent_pass(builder: _Builder) -> None:
    lex = builder.lex
    endings = _agent_endings(lex)
    for chunk in builder.doc.noun_chunks:
        root = chunk.root
        # names already claimed by the people and organization passes are skipped below ("taken")
        if root.pos_ not in ("NOUN", "PROPN") or root.ent_type_ in ("PERSON", "DATE", "CARDINAL"):
            continue
        last = root.lemma_.lower()
        if last and " " not in last and last not in endings:
            continue  # every phrase _agent_at tries ends with the head's lemma: none is an agent
        words = [t for t in chunk if t.i <= root.i]
        found = _agent_at([t.lemma_.lower() for t in words], lex)
        if found is None:
            continue
        size, phrase, sector = found
        agent_start = words[-size].idx
        end = root.idx + len(root.text)
        if builder.taken.hit(agent_start, end) or _describes_named_actor(builder, root):
            continue
        if root.lemma_.lower() in lex.member_nouns and _member_of_org(builder, chunk, root):
            continue
        hits = _modifier_countries(builder, min(chunk.start_char, root.left_edge.idx), agent_start)
        if not hits and sector not in lex.state_sectors and sector != "state":
            # "rebels in X" are X's rebels; "forces in X" may be anyone's forces
            hits, end = _postmodifier_country(builder, root, end)
        if not hits and sector == "COP":
            local = _police_place(builder, root)  # "police in Lagos" are Nigeria's police
            if local is not None:
                builder.add_group(local.country, phrase, sector, agent_start, local.end)
                continue
        if hits:
            for hit in hits:
                if sector == "state":
                    builder._add_mention(builder.state(hit.alpha3), hit.start, end, "name")
                else:
                    builder.add_group(hit.alpha3, phrase, sector, hit.start, end)
            continue
        possessive = any(t.dep_ == "poss" and t.pos_ == "PRON" for t in words)
        # a generic group without a country is an actor only as a core argument, and never
        # as "a terrorist organization" (a category, no one in particular)
        if possessive or phrase in lex.country_only_agents or not _is_core_argument(root):
            continue
        if chunk[0].lower_ in ("a", "an") and root.tag_ == "NN" and not (sector == "JUD" and root.dep_ == "nsubj"):
            continue  # "a terrorist organization" is a kind; "a court convicted him" is one court
        builder.add_group(None, phrase, "GOV" if sector == "state" else sector, agent_start, end)


def _member_of_org(builder: _Builder, chunk: Span, root: Token) -> bool:
    """ "A State Department official", "a spokesman for U.S. Southern Command": a mention of
    that organization (which speaks through its members)."""
    modifiers = [t for t in chunk if t.i < root.i]
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with"):
            modifiers += [t for t in prep.children if t.dep_ == "pobj"]
    cluster = builder.org_at(modifiers)
    if cluster is None:
        return False
    end = max(root.idx + len(root.text), *(t.idx + len(t.text) for t in modifiers))
    builder._add_mention(cluster, chunk.start_char, end, "title")
    return True


def _describes_named_actor(builder: _Builder, root: Token) -> bool:
    """An appositive of a name ("Ana Ortega, a Chilean reporter", "the president of Peru,
    Ana Ortega") describes that actor: it is not another group."""
    partners = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        partners.append(root.head)
    return any(builder.taken.hit(t.idx, t.idx + len(t.text)) for t in partners)


def _modifier_countries(builder: _Builder, start: int, agent_start: int) -> list[_CountryHit]:
    """Countries written before an agent noun ("Hungarian and Romanian officials", "Khartoum
    government"); a capital counts only right before the noun, an "ethnic" demonym never."""
    hits = []
    for hit in builder.hits_between(start, agent_start):
        if builder.taken.hit(hit.start, hit.end):
            continue
        if hit.kind == "capital" and not _GAP_RE.fullmatch(builder.text[hit.end : agent_start]):
            continue
        if _ETHNIC_RE.search(builder.text, max(0, hit.start - 8), hit.start):
            continue
        hits.append(hit)
    return hits


def _police_place(builder: _Builder, root: Token) -> Place | None:
    """The town or country of "police in X": police serve where they are, unlike troops."""
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                place = builder.places_by_end.get(obj.idx + len(obj.text)) if obj.dep_ == "pobj" else None
                if place is not None:
                    return place
    return None


def _postmodifier_country(builder: _Builder, root: Token, end: int) -> tuple[list[_CountryHit], int]:
    """ "rebels in the Ivory Coast", "students throughout Indonesia": the group's country."""
    for prep in root.rights:
        if prep.dep_ != "prep" or prep.lower_ not in _GROUP_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            span_end = obj.idx + len(obj.text)
            hit = builder.hits_by_end.get(span_end)
            if hit is not None and hit.kind != "capital" and prep.idx < hit.start:
                return [hit], span_end
    return [], end


def _is_plural_noun(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") and token.dep_ not in ("amod", "compound", "nmod")


def _by_agent(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ == "by"


def _is_locative(builder: _Builder, hit: _CountryHit) -> bool:
    span = builder.doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in builder.lex.locative_preps


def _state_pass(builder: _Builder) -> None:
    for hit in builder.country_hits:
        if builder.taken.hit(hit.start, hit.end) or builder.named.hit(hit.start, hit.end):
            continue
        if hit.kind == "demonym":
            if _ETHNIC_RE.search(builder.text, max(0, hit.start - 8), hit.start):
                continue  # an ethnic group is not a state
            span = builder.doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is not None and _is_plural_noun(span.root):
                # "Venezuelans", "the Libyans": the country's people, not its state
                builder.add_group(hit.alpha3, "people", "CVL", hit.start, hit.end)
                continue
        if hit.kind == "capital":
            span = builder.doc.char_span(hit.start, hit.end, alignment_mode="expand")
            # a capital is its state only as a speaker, owner or addressee ("Moscow said",
            # "Washington's plan", "accused Washington of ..."), not as a city hit or visited
            if span is None or not _capital_speaks_for_state(builder, span.root):
                continue
            kind = "name"
        elif hit.kind in ("name", "abbreviation") and _is_locative(builder, hit):
            continue
        else:
            kind = hit.kind
        builder._add_mention(builder.state(hit.alpha3), hit.start, hit.end, kind)


def _capital_speaks_for_state(builder: _Builder, root: Token) -> bool:
    if root.dep_ in ("nsubj", "nsubjpass", "poss") or _by_agent(root):
        return True
    return root.dep_ == "dobj" and root.head.lemma_.lower() in builder.lex.capital_object_verbs


def _pronoun_pass(builder: _Builder) -> None:
    people = [(m.start, m.end, c) for c in builder.people for m in c.mentions if m.kind in ("name", "title")]
    if not people:
        return
    people.sort(key=lambda p: p[0])
    lex = builder.lex
    genders = {id(c): _gender(c, lex) for c in builder.people}
    compatible = {g: [p for p in people if genders[id(p[2])] in (None, g)] for g in ("m", "f")}
    doc = builder.doc
    for match in lex.pronoun_re.finditer(builder.text):
        span = doc.char_span(match.start(), match.end())
        if span is None or span.root.pos_ != "PRON" and span.root.tag_ not in ("PRP", "PRP$"):
            continue
        gender = lex.pronoun_gender[match.group(0).lower()]
        antecedent = _antecedent(span, compatible[gender])
        if antecedent is not None and _unnamed_one_between(span, antecedent, gender, lex):
            continue
        if antecedent is not None:
            antecedent.mentions.append(Mention(match.group(0), match.start(), match.end(), "pronoun"))


def _unnamed_one_between(pronoun: Span, antecedent: _Cluster, gender: str, lex: _Lexicon) -> bool:
    """"Spokesman Rajesh Bhatia said ... killing a 52-year-old woman and injuring three of her
    grandchildren": a common noun for one person of the pronoun's gender, told after the name and
    before the pronoun, is whom the pronoun stands for."""
    told = [m.end for m in antecedent.mentions if m.end <= pronoun.start_char]
    if not told:
        return False
    doc = pronoun.doc
    between = doc.char_span(max(told), pronoun.start_char, alignment_mode="contract")
    return between is not None and any(
        t.pos_ == "NOUN" and t.tag_ == "NN" and lex.gendered_nouns.get(t.lemma_.lower()) == gender for t in between)


def _gender(cluster: _Cluster, lex: _Lexicon) -> str | None:
    """From a gendered title, else the given name (the text's full name, the knowledge file's
    name, or a lone given name such as "Melanie")."""
    if cluster.gender:
        return cluster.gender
    if cluster.known is None:
        cluster.known = _known_for(cluster)
    full = [n for n in cluster.names if len(n.split()) > 1]
    if cluster.known is not None:
        full.append(cluster.known.name)
    candidates = [name_key(n).split()[0] for n in full] or [name_key(n) for n in cluster.names]
    for given in candidates:
        if given in lex.first_names:
            return lex.first_names[given]
    return None


def _antecedent(pronoun: Span, people: list[tuple[int, int, _Cluster]]) -> _Cluster | None:
    """Subject continuity first (a subject pronoun refers to the last subject person), else the nearest."""
    sent = sentence_of(pronoun.doc[pronoun.start])
    doc = pronoun.doc
    window_start = sentence_of(doc[max(0, sent.start - 1)]).start_char if sent.start > 0 else sent.start_char
    first = bisect_left(people, window_start, key=lambda p: p[0])
    last = bisect_left(people, pronoun.start_char, key=lambda p: p[0])
    before = [p for p in people[first:last] if p[1] <= pronoun.start_char]
    if not before:
        return None
    if pronoun.root.dep_ in ("nsubj", "nsubjpass"):
        for start, end, cluster in reversed(before):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and _as_subject(span.root):
                return cluster
    return before[-1][2]


def _as_subject(token: Token) -> bool:
    """A subject, or a name set beside one ("an IRA leader at the time, Sean MacStiofain, said")."""
    subject = ("nsubj", "nsubjpass")
    return token.dep_ in subject or (token.dep_ == "appos" and token.head.dep_ in subject)


# --------------------------------------------------------------------------- output


def _canonical(cluster: _Cluster) -> str:
    if cluster.canonical:
        return cluster.canonical
    names = [n for n in cluster.names if n]
    if cluster.known is not None:
        known_key = name_key(cluster.known.name)
        lex = _lexicon()
        for name in names:
            if name.replace(".", "") == cluster.known.name.replace(".", ""):
                return cluster.known.name  # "US Southern Command" as the knowledge file spells it
        for name in names:
            key = name_key(_HANDLE_RE.sub("", name))
            if key == known_key or _org_key(key, lex, keep_suffix=True) == _org_key(known_key, lex, True):
                return name
        return cluster.known.name
    full = [n for n in names if len(n.split()) >= 2] or names
    return max(full, key=lambda n: (len(n.split()), len(n), -names.index(n)))


def _known_for(cluster: _Cluster) -> KnownActor | None:
    """Knowledge match by the cluster's name forms, longest first; a person only matches a person
    entry or one of unknown kind."""
    for name in sorted(set(cluster.names), key=lambda n: (-len(n.split()), -len(n))):
        known = lookup_known(name)
        if known is None:
            continue
        if cluster.kind == "person" and known.kind not in (None, "person"):
            continue
        if cluster.kind == "person" and len(name.split()) == 1 and any(len(n.split()) > 1 for n in cluster.names):
            continue  # the text names someone in full: a surname match may be another person
        return known
    return None


STORY_SHARE = 0.5  # share of the article's place mentions its story country must exceed
STORY_MIN_MENTIONS = 2


def story_country(places: Sequence[Place]) -> str | None:
    """The country the story happens in: the one that more than half of the article's resolved
    place mentions lie in (demonyms not counted: "Venezuelan" says whose, not where), named at
    least twice ("police in Lyon ... France ... Paris": FRA)."""
    counts = Counter(p.country for p in places if p.country and p.name and p.kind != "demonym")
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n >= STORY_MIN_MENTIONS and n > STORY_SHARE * sum(counts.values()) else None


def _home_country(actor: Actor, story: str | None) -> None:
    """An unnamed state agent or office holder the text gives no country ("police", "the
    prosecutors", "Judge Ann Roe") acts for the country the story happens in: that country, with
    ``source`` "article" (the country is the story's, not the text's about this actor)."""
    lex = _lexicon()
    if story is None or actor.country is not None or actor.kind == "state" or actor.sector not in lex.state_sectors:
        return
    if actor.kind == "organization" and actor.source == "knowledge":
        return  # a known organization without a country is international ("Interpol")
    actor.country, actor.source = story, "article"


def _country_of_its_place(actor: Actor, places: Sequence[Place]) -> None:
    """"The Norwalk Superior Court", "the Lagos State Police Command": a public body whose name holds
    a place the article resolves serves in that place's country."""
    if actor.kind != "organization" or actor.country is not None or actor.sector not in _lexicon().state_sectors:
        return
    names = [m for m in actor.mentions if m.kind == "name"]
    for place in places:
        if place.country and any(m.start <= place.start and place.end <= m.end for m in names):
            actor.country, actor.source = place.country, actor.source or "text"
            return


def _to_actor(cluster: _Cluster, anchor: date | None) -> Actor:
    if cluster.known is None and cluster.kind in ("person", "organization"):
        cluster.known = _known_for(cluster)
    name = _canonical(cluster)
    country, sector, source = cluster.country, cluster.sector, None
    if country or sector:
        source = "text"
    if cluster.known is not None:
        known_country, known_sector = resolve_code(cluster.known, anchor)
        if (country is None and known_country) or (sector is None and known_sector):
            source = "knowledge"
        country = country or known_country
        sector = sector or known_sector
    if cluster.kind == "state":
        source = "text"
    mentions = sorted(cluster.mentions, key=lambda m: (m.start, -m.end))
    aliases = list(dict.fromkeys(m.text for m in mentions if m.kind != "pronoun" and m.text != name))
    return Actor(
        name=name,
        kind=cluster.kind,
        country=country,
        sector=sector,
        title=cluster.title,
        aliases=aliases,
        mentions=mentions,
        source=source,
    )


def extract_actors(doc: Doc, ctx: Context) -> list[Actor]:
    """The article's actors, each with its mentions, ordered by first mention."""
    builder = _Builder(doc, ctx.places, ctx.article.source if ctx.article else None)
    names = sorted([*_entity_names(builder), *_curated_names_untagged(builder)])
    _people_pass(builder, names)
    _org_pass(builder, names)
    _surname_pass(builder)
    builder.appositive_titles()
    parsed = doc.has_annotation("DEP")
    if parsed:  # noun chunks, locative tests and pronoun grammar need the dependency parse
        _agent_pass(builder)
    _state_pass(builder)
    if parsed:
        _pronoun_pass(builder)
    _spelled_out_names(builder)
    clusters = [*builder.people, *builder.orgs, *builder.groups.values(), *builder.states.values()]
    actors = [_to_actor(c, ctx.anchor) for c in clusters if c.mentions]
    actors = [a for a in actors if any(m.kind != "pronoun" for m in a.mentions)]
    story = story_country(ctx.places)
    for actor in actors:
        _country_of_its_place(actor, [*ctx.places, *ctx.modifier_towns])
        _home_country(actor, story)
    return sorted(actors, key=lambda a: a.mentions[0].start)


def state_of(actors: Iterable[Actor], actor: Actor) -> Actor | None:
    """The state actor of an actor's country in the same article ("United States" for
    "United States military"), for coders that want the state level; None when absent."""
    if actor.kind == "state" or actor.country is None:
        return actor if actor.kind == "state" else None
    return next((a for a in actors if a.kind == "state" and a.country == actor.country), None)


def actor_at(actors: Iterable[Actor], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end): most overlap, then the tightest mention."""
    best: tuple[int, int] | None = None
    found: Actor | None = None
    for actor in actors:
        for mention in actor.mentions:
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap <= 0:
                continue
            score = (overlap, -(mention.end - mention.start))
            if best is None or score > best:
                best, found = score, actor
    return found
