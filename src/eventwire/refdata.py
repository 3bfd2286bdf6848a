"""Reference tables the export profiles read: country codes (ISO 3166 alpha-3/alpha-2/numeric,
FIPS 10-4) with ACLED regions, CAMEO Goldstein values and cue words, ACLED actor type codes,
outlets' source scales. Data files in ``eventwire/data/reference`` (sources in NOTICE.txt),
each read once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    """Data rows of a reference TSV: comment lines and the header line skipped."""
    text = resources.files("eventwire").joinpath("data", "reference", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    iso_numeric: int
    fips: str
    name: str
    acled_region: str


@cache
def countries() -> dict[str, Country]:
    """ISO alpha-3 -> Country."""
    return {r[0]: Country(r[0], r[1], int(r[2]), r[3], r[4], r[5]) for r in _rows("country_codes.tsv")}


def country(iso3: str | None) -> Country | None:
    return countries().get(iso3 or "")


@cache
def goldstein() -> dict[str, float]:
    """CAMEO event code (a string: "010" is not "10") -> Goldstein value."""
    return {code: float(value) for code, value in _rows("cameo_goldstein.tsv")}


@dataclass(frozen=True, slots=True)
class CameoCue:
    code: str
    types: frozenset[str]
    name: str
    pattern: re.Pattern[str]


@cache
def cameo_cues() -> tuple[CameoCue, ...]:
    """CAMEO codes below the root with the PLOVER types and words that support them, in order."""
    return tuple(CameoCue(code, frozenset(types.split(",")), name, re.compile(rf"\b(?:{cue})\b", re.IGNORECASE))
                 for code, types, name, cue in _rows("cameo_cues.tsv"))


@cache
def acled_inter() -> dict[int, tuple[str, frozenset[str]]]:
    """ACLED actor type code -> (name, PLOVER sectors read as that type)."""
    return {int(r[0]): (r[1], frozenset((r[2] if len(r) > 2 else "").split())) for r in _rows("acled_inter.tsv")}


@cache
def inter_by_sector() -> dict[str, int]:
    return {sector: code for code, (_name, sectors) in acled_inter().items() for sector in sectors}


@cache
def source_scales() -> dict[str, str]:
    """Lower-cased outlet name or host -> ACLED source scale."""
    return {outlet.lower(): scale for outlet, scale in _rows("source_scales.tsv")}
