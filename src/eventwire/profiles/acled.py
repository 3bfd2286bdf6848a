"""The ACLED profile: ACLED's 31 columns in ACLED's order, with ACLED's conventions.

One row per incident (one real-world event across articles) by default, the way ACLED records
an event once whatever the number of reports; ``per_article`` gives one row per article's event.
Conventions: ``iso`` is the ISO 3166 numeric code; ``region`` one of ACLED's regions; ``inter1``
/``inter2`` ACLED's actor types 1-8 and ``interaction`` their two-digit pair (lower first, ``x0``
with one actor); ``fatalities`` the lowest reported figure and 0 when none is reported;
``event_id_cnty`` the ISO alpha-3 code and a stable number; ``source`` every outlet, joined
with "; "; ``notes`` date, what happened, who, and the toll. Only events ACLED would record
(those with an ACLED event type) are written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date
from typing import Any
from urllib.parse import urlparse

from eventwire import refdata
from eventwire.profiles import common

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
INT_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                         "fatalities", "timestamp"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
UNKNOWN_COUNTRY = "XXX"  # ISO 3166's user-assigned code: no country known (an event at sea)

STATE_FORCES, PROTESTERS, RIOTERS, CIVILIANS, EXTERNAL = 1, 6, 5, 7, 8
POLITICAL_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# What happened, for the notes: ACLED sub-event type -> a verb phrase.
_WHAT = {
    "Government regains territory": "regained territory", "Non-state actor overtakes territory": "took over territory",
    "Armed clash": "clashed", "Excessive force against protesters": "used lethal force against protesters",
    "Protest with intervention": "protested and were dispersed", "Peaceful protest": "protested peacefully",
    "Violent demonstration": "demonstrated violently", "Mob violence": "carried out mob violence",
    "Chemical weapon": "used a chemical weapon", "Air/drone strike": "carried out an air or drone strike",
    "Suicide bomb": "carried out a suicide bombing", "Shelling/artillery/missile attack": "shelled or fired missiles",
    "Remote explosive/landmine/IED": "set off a remote explosive", "Grenade": "threw a grenade",
    "Sexual violence": "committed sexual violence", "Attack": "attacked", "Abduction/forced disappearance": "abducted",
    "Agreement": "reached an agreement", "Arrests": "made arrests", "Change to group/activity": "changed activity",
    "Disrupted weapons use": "disrupted a weapon's use", "Headquarters or base established": "established a base",
    "Looting/property destruction": "looted or destroyed property",
    "Non-violent transfer of territory": "took over territory without fighting", "Other": "acted",
}


def rows(conn: sqlite3.Connection, per_article: bool = False, include_all: bool = False) -> Iterator[dict[str, Any]]:
    """ACLED rows: one per incident, or one per article's event with ``per_article``."""
    if per_article:
        for row in common.event_rows(conn, include_all):
            if row["acled_event_type"]:
                yield _shape(row["id"], None, [row], common.article_outlets(conn, row["article_id"]))
        return
    for incident, members in common.incident_groups(conn):
        coded = [m for m in members if m["acled_event_type"] and m["asserted"]]
        if coded:
            yield _shape(incident["id"], incident, coded, common.incident_outlets(conn, incident["id"]))


def _shape(key: str, incident: dict[str, Any] | None, members: list[dict[str, Any]],
           outlets: list[dict[str, Any]]) -> dict[str, Any]:
    sub = common.most_common(m["acled_sub_event_type"] for m in members)
    lead = min((m for m in members if m["acled_sub_event_type"] == sub),
               key=lambda m: (-(m["confidence"] or 0), m["geo_precision"] or 9, m["id"]))
    event_type = lead["acled_event_type"]
    merged = incident or lead
    country_code = merged["country"] or lead["country"]
    found = refdata.country(country_code)
    event_date, time_precision = common.event_day(merged["date"], merged["date_precision"])
    actor1, assoc1, inter1 = _side(members, lead, "actor", event_type, sub, country_code)
    actor2, assoc2, inter2 = _side(members, lead, "recipient", event_type, sub, country_code)
    fatalities = _fatalities(merged)
    geo = common.geo_detail(lead["place_gazetteer_id"], lead["place_kind"], lead["place"])
    names = common.outlet_names(outlets)
    timestamps = [t for t in (common.parse_time(m["article_ingested_at"]) for m in members) if t]
    row = {
        "event_id_cnty": f"{country_code or UNKNOWN_COUNTRY}{common.stable_number(key)}",
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else _year(merged["date"]),
        "time_precision": time_precision,
        "disorder_type": disorder_type(event_type, sub),
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS and event_type in POLITICAL_VIOLENCE
        else None,
        "iso": found.iso_numeric if found else None,
        "region": found.acled_region if found else None,
        "country": found.name if found else None,
        "admin1": geo.admin1, "admin2": geo.admin2, "admin3": None,
        "location": merged["place"] or lead["place"],
        "latitude": merged["latitude"], "longitude": merged["longitude"],
        "geo_precision": min((m["geo_precision"] for m in members if m["geo_precision"]), default=None),
        "source": "; ".join(names) or None,
        "source_scale": source_scale(outlets),
        "fatalities": fatalities,
        "tags": None,
        "timestamp": int(max(timestamps).replace(tzinfo=max(timestamps).tzinfo or UTC).timestamp())
        if timestamps else None,
    }
    row["notes"] = notes(event_date, time_precision, row, merged)
    return row


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def disorder_type(event_type: str | None, sub: str | None) -> str | None:
    """ACLED's disorder type: political violence, demonstrations (both for excessive force against
    protesters), or strategic developments."""
    if sub == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub == "Mob violence" or event_type in POLITICAL_VIOLENCE:
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments" if event_type else None


def _side(members: list[dict[str, Any]], lead: dict[str, Any], role: str, event_type: str | None,
          sub: str | None, country_code: str | None) -> tuple[str | None, str | None, int | None]:
    """(actor, associated actors, inter code) of one side of an event."""
    names = [m[role] for m in members if m[role]]
    main = common.most_common(names)
    others = sorted({n for n in names if n != main})
    where = common.country_name(country_code)
    if role == "actor" and event_type in ("Protests", "Riots"):
        crowd, crowd_code = ("Rioters", RIOTERS) if event_type == "Riots" else ("Protesters", PROTESTERS)
        assoc = "; ".join(sorted({*others, *([main] if main else [])})) or None
        return (f"{crowd} ({where})" if where else crowd), assoc, crowd_code
    if main is None:
        if role == "recipient" and _victims(lead):
            return (f"Civilians ({where})" if where else "Civilians"), None, CIVILIANS
        if role == "actor" and lead["actor_text"]:
            return lead["actor_text"], None, None
        return None, None, None
    holder = next(m for m in members if m[role] == main)
    abroad = country_code is None and bool(lead["place_kind"]) and lead["place_kind"] != "country"
    code = inter_code(holder[f"{role}_sector"], holder[f"{role}_country"], country_code, holder[f"{role}_kind"],
                      abroad)
    if code == CIVILIANS and main == main.lower():  # "civilians", "residents": ACLED's civilians of the country
        main = f"Civilians ({where})" if where else "Civilians"
    return main, "; ".join(others) or None, code


def _victims(row: dict[str, Any]) -> bool:
    """An unresolved recipient counts as an ACLED actor only as the people killed or hurt, never as
    the thing hit or seized ("a dock", "an oil tanker")."""
    hurt = row["fatalities_best"] or row["fatalities_low"] or row["injured_best"] or row["injured_low"]
    return bool(row["recipient_text"] and hurt)


def inter_code(sector: str | None, actor_country: str | None, event_country: str | None,
               kind: str | None = None, abroad: bool = False) -> int | None:
    """ACLED's actor type for a PLOVER sector (a state named as the actor is its state forces);
    state forces acting outside their country, or in international waters, are external forces."""
    code = refdata.inter_by_sector().get(sector or "")
    if code is None and kind == "state":
        code = STATE_FORCES
    if code == STATE_FORCES and actor_country and (abroad or (event_country and actor_country != event_country)):
        return EXTERNAL
    return code


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both actor types, the lower first (17); one actor alone: 10, 60, ..."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return (inter1 or inter2 or 0) * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def source_scale(outlets: list[dict[str, Any]]) -> str | None:
    """The outlets' ACLED source scales, joined with "-" as ACLED does; empty when none is known."""
    table = refdata.source_scales()
    scales: list[str] = []
    for o in outlets:
        keys = [(o.get("source") or "").lower()]
        host = urlparse(o.get("url") or "").netloc.lower().removeprefix("www.")
        keys += [host[i + 1:] if i >= 0 else host for i in [-1, *[j for j, c in enumerate(host) if c == "."]]]
        scale = next((table[k] for k in keys if k in table), None)
        if scale and scale not in scales:
            scales.append(scale)
    order = ["Subnational", "National", "Regional", "International"]
    return "-".join(sorted(scales, key=lambda s: order.index(s) if s in order else len(order))) or None


def _fatalities(row: dict[str, Any]) -> int:
    low, best = row.get("fatalities_low"), row.get("fatalities_best")
    return low if low is not None else best if best is not None else 0


def notes(event_date: str | None, time_precision: int | None, row: dict[str, Any],
          merged: dict[str, Any]) -> str:
    """ACLED-style notes: when, who did what to whom, where, and the toll."""
    when = "On an unknown date"
    if event_date:
        day = date.fromisoformat(event_date)
        text = f"{day.day} {day:%B %Y}"
        when = {1: f"On {text}", 2: f"Around {text} (week of)", 3: f"In {day:%B %Y}"}.get(time_precision or 0,
                                                                                            f"On {text}")
    who = row["actor1"] or "unidentified actors"
    what = _WHAT.get(row["sub_event_type"] or "", "acted")
    target = f" {row['actor2']}" if row["actor2"] and what in ("attacked", "abducted") else (
        f" (against {row['actor2']})" if row["actor2"] else "")
    place = f" in {row['location']}" if row["location"] else ""
    if row["country"] and row["location"] and row["location"] != row["country"]:
        place += f", {row['country']}"
    low, high = merged.get("fatalities_low"), merged.get("fatalities_high")
    if row["fatalities"]:
        toll = f"{row['fatalities']} fatalities"
        if high is not None and low is not None and high != low:
            toll += f" (reports range from {low} to {high})"
    else:
        toll = "No fatalities reported"
    return f"{when}, {who} {what}{target}{place}. {toll}."
