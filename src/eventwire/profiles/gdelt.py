"""The GDELT 2.0 events profile: GDELT's 61 columns in GDELT's order.

Written as GDELT's own files are (``csv`` format: tab-separated, no header line) so that
code reading GDELT event exports reads it unchanged. One row per incident by default (GDELT
records an event once and counts the documents that mention it), one per article's event with
``per_article``. EventCode is the CAMEO code at the depth the text supports (``eventwire.cameo``);
GoldsteinScale is that code's value in CAMEO's table; QuadClass follows the CAMEO root; geography
uses FIPS 10-4 country codes and GeoNames ids as FeatureID; NumMentions / NumSources /
NumArticles count every outlet's copy behind the incident. Left empty, as eventwire does not
code them: actor known-group, ethnic and religion codes, AvgTone, and the actors' own locations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from eventwire import cameo, refdata
from eventwire.profiles import common

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
INT_COLUMNS = frozenset({"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
                         "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type",
                         "DATEADDED"})
FLOAT_COLUMNS = frozenset({"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long",
                           "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"})
# CAMEO actor type codes that PLOVER sectors share (JRN is CAMEO's MED).
CAMEO_TYPES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "INS", "SEP", "OPP", "CVL", "BUS", "CRM",
                         "EDU", "HLH", "LAB", "AGR", "REF", "NGO", "IGO", "ENV", "DEV", "MED", "HRI", "MNC", "UAF",
                         "ELI", "MOD", "RAD"})
_SECTOR_TO_CAMEO = {"JRN": "MED"}
# GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5


def rows(conn: sqlite3.Connection, per_article: bool = False, include_all: bool = False) -> Iterator[dict[str, Any]]:
    """GDELT rows: one per incident, or one per article's event with ``per_article``."""
    copies = _copy_counts(conn)
    if per_article:
        incidents = {r[0]: r for r in conn.execute("SELECT id, n_sources, n_articles FROM incidents")}
        for row in common.event_rows(conn, include_all):
            counted = incidents.get(row["incident_id"])
            if counted is not None:
                sources, articles = counted[1], counted[2]
            else:
                outlets = common.article_outlets(conn, row["article_id"])
                sources, articles = len(common.outlet_names(outlets)) or 1, len(outlets)
            yield _shape(row["id"], row, [row], sources, articles, copies, row["article_url"])
        return
    for incident, members in common.incident_groups(conn):
        outlets = common.incident_outlets(conn, incident["id"])
        first_url = next((o["url"] for o in outlets if o.get("url")), None)
        yield _shape(incident["id"], incident, members, incident["n_sources"], incident["n_articles"], copies,
                     first_url)


def _copy_counts(conn: sqlite3.Connection) -> dict[str, int]:
    from eventwire.queries import has_copies_table

    if not has_copies_table(conn):
        return {}
    return {r[0]: r[1] for r in conn.execute("SELECT article_id, COUNT(*) FROM article_copies GROUP BY article_id")}


def _shape(key: str, merged: dict[str, Any], members: list[dict[str, Any]], sources: int, articles: int,
           copies: dict[str, int], url: str | None) -> dict[str, Any]:
    lead = min(members, key=lambda m: (-(m["confidence"] or 0), m["id"]))
    code = cameo.event_code(lead["type"], lead["mode"], lead["cameo_root"], lead["trigger"], lead["evidence"],
                            lead["actor_sector"])
    day = sql_date(merged["date"], merged["date_precision"], lead["article_published"])
    mentions = sum(max(len(common.spans(m)), 1) * (1 + copies.get(m["article_id"], 0)) for m in members)
    added = min((t for t in (common.parse_time(m["article_ingested_at"]) for m in members) if t), default=None)
    row: dict[str, Any] = {
        "GLOBALEVENTID": common.stable_number(key),
        "SQLDATE": int(day.strftime("%Y%m%d")) if day else None,
        "MonthYear": int(day.strftime("%Y%m")) if day else None,
        "Year": day.year if day else None,
        "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else None,
        **_actor("Actor1", lead["actor"], lead["actor_country"], lead["actor_sector"]),
        **_actor("Actor2", lead["recipient"], lead["recipient_country"], lead["recipient_sector"]),
        "IsRootEvent": int(any(_in_lead(m) for m in members)),
        "EventCode": code.code if code else None,
        "EventBaseCode": code.base if code else None,
        "EventRootCode": code.root if code else None,
        "QuadClass": code.quad_class if code else None,
        "GoldsteinScale": code.goldstein if code else None,
        "NumMentions": mentions,
        "NumSources": sources,
        "NumArticles": articles,
        "AvgTone": None,
        **{f"Actor1Geo_{c}": None for c in _GEO}, **{f"Actor2Geo_{c}": None for c in _GEO},
        **_action_geo(merged, lead),
        "DATEADDED": int((added.astimezone(UTC) if added.tzinfo else added).strftime("%Y%m%d%H%M%S"))
        if added else None,
        "SOURCEURL": url,
    }
    return row


def sql_date(value: str | None, precision: str | None, published: str | None) -> date | None:
    """The day GDELT files an event under: the event's day; the middle of its week or the 15th of its
    month (ACLED's convention); else, as GDELT does, the day the story was published."""
    day, _precision = common.event_day(value, precision)
    if day:
        return date.fromisoformat(day)
    found = common.parse_time(published)
    return found.date() if isinstance(found, datetime) else None


def _actor(prefix: str, name: str | None, country: str | None, sector: str | None) -> dict[str, Any]:
    type_code = _SECTOR_TO_CAMEO.get(sector or "", sector)
    type_code = type_code if type_code in CAMEO_TYPES else None
    actor_code = f"{country or ''}{type_code or ''}" or None
    values: dict[str, Any] = {c: None for c in _ACTOR}
    if name:
        values.update(Code=actor_code, Name=name.upper(), CountryCode=country, Type1Code=type_code)
    return {f"{prefix}{c}": v for c, v in values.items()}


def _in_lead(row: dict[str, Any]) -> bool:
    """GDELT's IsRootEvent: the event is told in the lead paragraph."""
    lead_end = row["lead_end"] or 0
    start = row["evidence_start"]
    return start is not None and (lead_end == 0 or start < lead_end)


def _action_geo(merged: dict[str, Any], lead: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {c: None for c in _GEO}
    name = merged["place"] or lead["place"]
    if not name and not merged["country"]:
        return {f"ActionGeo_{c}": v for c, v in values.items()}
    geo = common.geo_detail(lead["place_gazetteer_id"], lead["place_kind"], name)
    country = refdata.country(merged["country"])
    fips = country.fips if country else None
    kind = geo.kind or lead["place_kind"]
    us = merged["country"] == "USA"
    if kind == "country":
        geo_type = COUNTRY
    elif kind == "admin1":
        geo_type = US_STATE if us else WORLD_STATE
    elif name:
        geo_type = US_CITY if us else WORLD_CITY
    else:
        geo_type = COUNTRY
    full = ", ".join(p for p in (name, geo.admin1, country.name if country and name != country.name else None) if p)
    values.update(
        Type=geo_type, FullName=full or (country.name if country else None), CountryCode=fips,
        ADM1Code=fips if geo_type == COUNTRY else None,
        Lat=merged["latitude"], Long=merged["longitude"],
        FeatureID=(fips if geo_type == COUNTRY else str(geo.geonames_id) if geo.geonames_id else None),
    )
    return {f"ActionGeo_{c}": v for c, v in values.items()}
