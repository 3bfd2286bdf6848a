"""Put GeoNames' own seas, oceans, gulfs, straits, bays and regions into places_extra.tsv.

Source: GeoNames' ``no-country.txt`` (features that belong to no country; GeoNames data,
CC BY 4.0, https://www.geonames.org/), as mirrored in the public repository
PrimeEagle/PowerShell-GeonameGrampsImport at commit 27e04e2 (file dated 2024). The
columns are GeoNames' ``geoname`` table (geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, ...).

What the script does, row by row of the lexicon file:
- a row whose name (or one of its aliases, or its GeoNames name under ``RENAMED``) is the
  name of a kept GeoNames feature takes that feature's id (``geonames:<id>``) and point;
- kept features the file lacks are appended, with the lexicon's kind for their code.
Rows with no GeoNames feature in this file (straits and seas inside one country's waters,
islands, rivers, landmarks, sub-national regions) keep their project id and point; the
notice beside the lexicon file says so.

Kept: feature codes H.OCN, H.SEA, H.GULF, H.STRT, H.BAY and L.RGN, with an English name
(one that carries a feature word, or a region name listed in ``REGIONS``); and reefs, shoals, banks
and atolls (H.RF, H.SHOL, H.BNK, T.ATOL) whose name ends in such a word (``REEF_WORDS``). Of two features
with one name, the one GeoNames gives more countries (its main record) is kept.

Usage: python scripts/build_places_features.py NO_COUNTRY_TXT [LEXICON_TSV]
"""

from __future__ import annotations

import sys
from pathlib import Path

LEXICON = Path(__file__).resolve().parents[1] / "src/eventwire/extract/lexicon/places_extra.tsv"
KINDS = {"OCN": "ocean", "SEA": "sea", "GULF": "gulf", "STRT": "strait", "BAY": "gulf", "RGN": "region",
         "RF": "reef", "SHOL": "reef", "BNK": "reef", "ATOL": "reef"}
CLASSES = {"OCN": "H", "SEA": "H", "GULF": "H", "STRT": "H", "BAY": "H", "RGN": "L",
           "RF": "H", "SHOL": "H", "BNK": "H", "ATOL": "T"}
WATER_WORDS = ("Ocean", "Sea", "Gulf", "Strait", "Bay", "Sound", "Passage", "Skagerrak", "Mediterranean")
# Reefs, shoals, banks and atolls out at sea (H.RF, H.SHOL, H.BNK, T.ATOL: the Spratlys' "Second
# Thomas Shoal", "Mischief Reef"), kept when the name ends in such a word and does not open with a
# word many reefs share ("North Reef", "Middle Bank").
REEF_WORDS = ("Reef", "Reefs", "Shoal", "Shoals", "Atoll", "Cay", "Breakers")  # not "Bank": a lender in news
REEF_GENERIC_FIRST = frozenset({
    "North", "South", "East", "West", "Central", "Middle", "Northern", "Southern", "Eastern", "Western",
    "Northeast", "Northwest", "Southeast", "Southwest", "Long", "Sand", "Sandy",
})
# GeoNames regions whose names news uses as written; others ("America", "Catalunya", "Polar
# Regions", ...) are left out: they name a country or a division in news, or nothing.
REGIONS = frozenset({
    "Middle East", "Levant", "Sahel", "Horn of Africa", "Balkans", "Baltic States", "Caucasus Region",
    "Central Asia", "Indochina", "Scandinavia", "Polynesia", "Melanesia", "Micronesia", "Arabia",
    "West Indies", "Southern Cone", "Central Europe", "Southern Europe", "Northern Europe", "Eastern Europe",
    "Western Europe", "Eastern Africa", "Western Africa", "Northern Africa", "Central Africa",
    "Southern Africa", "Sub-Saharan Africa", "Eastern Asia", "Southern Asia", "South Eastern Asia",
    "Western Asia", "Australasia", "Arctic", "Caribbean", "Central America", "Al Maghrib",
})
# Water features whose names are too generic to match on their own in prose.
SKIPPED = frozenset({"Inland Sea", "Long Bay", "Western Channel", "Eastern Channel", "World Ocean"})
# lexicon name -> GeoNames name, where the two spell one feature differently
RENAMED = {
    "Caucasus": "Caucasus Region", "North Africa": "Northern Africa", "West Africa": "Western Africa",
    "East Africa": "Eastern Africa", "South Asia": "Southern Asia", "Southeast Asia": "South Eastern Asia",
    "East Asia": "Eastern Asia", "Maghreb": "Al Maghrib", "Arabian Peninsula": "Arabia",
    "Caribbean region": "Caribbean",
}


def _kept_name(code: str, name: str) -> bool:
    """Whether a feature's name is one news uses as written (see REGIONS, WATER_WORDS, REEF_WORDS)."""
    if code == "RGN":
        return name in REGIONS
    if KINDS[code] == "reef":
        words = name.split()
        return len(words) > 1 and words[-1] in REEF_WORDS and words[0] not in REEF_GENERIC_FIRST
    return any(word in name for word in WATER_WORDS)


def read_features(path: Path) -> dict[str, tuple[str, str, str, str]]:
    """GeoNames name -> (id, kind, latitude, longitude) of the kept features."""
    best: dict[str, tuple[int, tuple[str, str, str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 10 or cols[7] not in KINDS or cols[6] != CLASSES[cols[7]]:
            continue
        name = cols[1]
        if name in SKIPPED or not _kept_name(cols[7], name):
            continue
        weight = len([c for c in cols[9].split(",") if c])
        row = (cols[0], KINDS[cols[7]], f"{float(cols[4]):.4f}", f"{float(cols[5]):.4f}")
        if name not in best or weight > best[name][0]:
            best[name] = (weight, row)
    return {name: row for name, (_, row) in best.items()}


def main(source: Path, lexicon: Path) -> None:
    features = read_features(source)
    used: set[str] = set()
    out: list[str] = []
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 6 or cols[1] in ("continent", "landmark", "island", "river", "lake"):
            out.append(line)
            continue
        names = [cols[2], *(cols[6].split("|") if len(cols) > 6 and cols[6] else [])]
        names = [RENAMED.get(cols[2], cols[2]), *names]
        found = next((n for n in names if n in features), None)
        if found is not None:
            gid, _, lat, lon = features[found]
            cols[0], cols[4], cols[5] = f"geonames:{gid}", lat, lon
            used.add(found)
        out.append("\t".join(cols))
    for name, (gid, kind, lat, lon) in sorted(features.items()):
        if name not in used:
            out.append("\t".join([f"geonames:{gid}", kind, name, "", lat, lon, ""]))
    lexicon.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else LEXICON)
