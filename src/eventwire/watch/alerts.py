"""Alert rules evaluated on new and updated incidents; each hit is stored once per rule and incident.

A rules file is TOML (``.toml``) or JSON (``.json``, a list of rules or ``{"rule": [...]}``)::

    [[rule]]
    name = "deadly attacks in Sudan"     # required, unique: an incident fires a rule once
    types = ["ASSAULT"]                   # PLOVER types (any of)
    countries = ["SDN"]                   # ISO alpha-3 of the incident's place (any of)
    min_fatalities = 5                    # killed, best figure (else the lowest reported)

    [[rule]]
    name = "near Goma"
    near = { lat = -1.68, lon = 29.22, km = 50 }   # the incident's place within km of a point
    actors = ["M23"]                      # in the actor or recipient of the incident or a member event
    keywords = ["drone", "shelling"]      # whole words in a member event's evidence (any of)

Every condition a rule states must hold; a list holds when any of its values does. ``type``,
``country``, ``actor``, ``keyword`` and ``place`` (the incident's place name, case-insensitive) are
accepted as single values too.
"""

from __future__ import annotations

import json
import logging
import math
import re
import shlex
import sqlite3
import subprocess
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventwire.resolve.incidents import haversine_km

log = logging.getLogger("eventwire.watch")

CHUNK = 400
COMMAND_TIMEOUT = 30.0  # seconds an --on-alert command may take per alert
MAX_ARTICLES = 10
MAX_EVIDENCE = 3
_KNOWN = {"name", "type", "types", "country", "countries", "near", "place", "places", "actor", "actors",
          "min_fatalities", "keyword", "keywords"}


class RuleError(ValueError):
    """A rules file that cannot be used; the message says where and why."""


@dataclass(slots=True)
class Rule:
    name: str
    types: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    near: tuple[float, float, float] | None = None  # lat, lon, km
    actors: tuple[str, ...] = ()
    min_fatalities: int | None = None
    keywords: tuple[re.Pattern[str], ...] = field(default_factory=tuple)

    def matches(self, incident: dict[str, Any], members: Sequence[dict[str, Any]]) -> bool:
        if self.types and (incident.get("type") or "").upper() not in self.types:
            return False
        if self.countries and (incident.get("country") or "").upper() not in self.countries:
            return False
        if self.places and (incident.get("place") or "").casefold() not in self.places:
            return False
        if self.near is not None:
            lat, lon = incident.get("latitude"), incident.get("longitude")
            if lat is None or lon is None or haversine_km(self.near[0], self.near[1], lat, lon) > self.near[2]:
                return False
        if self.min_fatalities is not None:
            killed = incident.get("fatalities_best")
            if killed is None:
                killed = incident.get("fatalities_low")
            if killed is None or killed < self.min_fatalities:
                return False
        if self.actors:
            names = [incident.get("actor"), incident.get("recipient"),
                     *(m.get(k) for m in members for k in ("actor", "recipient", "actor_text", "recipient_text"))]
            folded = [n.casefold() for n in names if n]
            if not any(a in n for a in self.actors for n in folded):
                return False
        if self.keywords:
            texts = [m.get("evidence") or "" for m in members]
            if not any(k.search(t) for k in self.keywords for t in texts):
                return False
        return True


def _values(raw: dict[str, Any], *names: str) -> list[Any]:
    out: list[Any] = []
    for name in names:
        value = raw.get(name)
        if value is None:
            continue
        out.extend(value if isinstance(value, list) else [value])
    return out


def _strings(raw: dict[str, Any], where: str, *names: str) -> list[str]:
    values = _values(raw, *names)
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise RuleError(f"{where}: {names[0]} must be text, got {value!r}")
    return [v.strip() for v in values]


def parse_rule(raw: Any, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: a rule is a table of conditions, got {type(raw).__name__}")
    unknown = sorted(set(raw) - _KNOWN)
    if unknown:
        raise RuleError(f"{where}: unknown condition {', '.join(unknown)} (known: {', '.join(sorted(_KNOWN))})")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuleError(f"{where}: every rule needs a name")
    where = f"{where} ({name})"
    near = None
    if "near" in raw:
        spot = raw["near"]
        try:
            near = (float(spot["lat"]), float(spot["lon"]), float(spot.get("km", 50)))
        except (TypeError, KeyError, ValueError):
            raise RuleError(f"{where}: near needs lat, lon and km numbers, e.g. {{lat = -1.68, lon = 29.22, km = 50}}"
                            ) from None
        if not (-90 <= near[0] <= 90 and -180 <= near[1] <= 180 and near[2] > 0) or math.isnan(sum(near)):
            raise RuleError(f"{where}: near is out of range: {spot}")
    minimum = raw.get("min_fatalities")
    if minimum is not None and (not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0):
        raise RuleError(f"{where}: min_fatalities must be a whole number >= 0, got {minimum!r}")
    keywords = tuple(re.compile(rf"(?<!\w){re.escape(k)}(?!\w)", re.I)
                     for k in _strings(raw, where, "keywords", "keyword"))
    rule = Rule(
        name=name.strip(),
        types=frozenset(t.upper() for t in _strings(raw, where, "types", "type")),
        countries=frozenset(c.upper() for c in _strings(raw, where, "countries", "country")),
        places=frozenset(p.casefold() for p in _strings(raw, where, "places", "place")),
        near=near, actors=tuple(a.casefold() for a in _strings(raw, where, "actors", "actor")),
        min_fatalities=minimum, keywords=keywords)
    if not (rule.types or rule.countries or rule.places or rule.near or rule.actors or rule.keywords
            or rule.min_fatalities is not None):
        raise RuleError(f"{where}: a rule needs at least one condition")
    return rule


def read_rules(path: Path) -> list[Rule]:
    """The rules of a TOML or JSON rules file; RuleError says what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from None
    raw_rules = data.get("rule", data.get("rules")) if isinstance(data, dict) else data
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleError(f"{path}: no rules (write them as [[rule]] tables)")
    rules = [parse_rule(raw, f"{path}: rule {number}") for number, raw in enumerate(raw_rules, start=1)]
    names = [r.name for r in rules]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise RuleError(f"{path}: rule names must be unique: {', '.join(duplicates)}")
    return rules


_INCIDENT_SQL = ("SELECT id, type, date, date_precision, place, country, latitude, longitude, actor, recipient,"
                 " fatalities_low, fatalities_best, fatalities_high, n_articles, n_sources, first_seen, last_seen"
                 " FROM incidents WHERE id IN ({marks})")
_MEMBER_SQL = ("SELECT e.incident_id, e.actor, e.recipient, e.actor_text, e.recipient_text, e.evidence,"
               " a.url, a.title, a.source FROM events e JOIN articles a ON a.id = e.article_id"
               " WHERE e.incident_id IN ({marks}) ORDER BY e.incident_id, a.published, e.id")


@dataclass(slots=True)
class Alert:
    rule: str
    incident_id: str
    at: str
    summary: str
    payload: dict[str, Any]


def summary_line(incident: dict[str, Any]) -> str:
    parts = [incident.get("date") or "undated", incident.get("type") or "?"]
    if incident.get("place") or incident.get("country"):
        parts.append(f"in {incident.get('place') or incident.get('country')}")
    if incident.get("actor"):
        parts.append(f"by {incident['actor']}")
    if incident.get("recipient"):
        parts.append(f"on {incident['recipient']}")
    killed = incident.get("fatalities_best")
    if killed is not None:
        parts.append(f"{killed} killed")
    parts.append(f"({incident.get('n_articles') or 0} articles, {incident.get('n_sources') or 0} sources)")
    return " ".join(str(p) for p in parts)


def evaluate(conn: sqlite3.Connection, rules: Sequence[Rule], incident_ids: Iterable[str],
             now: Callable[[], str] | None = None) -> list[Alert]:
    """Store an alert for each (rule, incident) hit not stored before; returns the new ones.

    Runs in its own transaction unless the connection is in one."""
    ids = sorted(set(incident_ids))
    if not rules or not ids:
        return []
    stamp = (now or _now)()
    fired: list[Alert] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start: start + CHUNK]
        marks = ",".join("?" * len(chunk))
        cursor = conn.execute(_INCIDENT_SQL.format(marks=marks), chunk)
        columns = [d[0] for d in cursor.description]
        incidents = {row[0]: dict(zip(columns, row, strict=True)) for row in cursor}
        members: dict[str, list[dict[str, Any]]] = {}
        for row in conn.execute(_MEMBER_SQL.format(marks=marks), chunk):
            members.setdefault(row[0], []).append({
                "actor": row[1], "recipient": row[2], "actor_text": row[3], "recipient_text": row[4],
                "evidence": row[5], "url": row[6], "title": row[7], "source": row[8]})
        for key in chunk:
            incident = incidents.get(key)
            if incident is None:
                continue
            rows = members.get(key, [])
            for rule in rules:
                if rule.matches(incident, rows):
                    fired.append(_alert(rule, incident, rows, stamp))
    if not fired:
        return []
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        new = []
        for alert in fired:
            cursor = conn.execute(
                "INSERT INTO alerts (rule, incident_id, at, summary, payload) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(rule, incident_id) DO NOTHING",
                (alert.rule, alert.incident_id, alert.at, alert.summary, json.dumps(alert.payload, ensure_ascii=False)))
            if cursor.rowcount:
                new.append(alert)
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    return new


def _alert(rule: Rule, incident: dict[str, Any], members: Sequence[dict[str, Any]], stamp: str) -> Alert:
    articles: dict[str, dict[str, Any]] = {}
    for m in members:
        key = m["url"] or m["title"] or ""
        if key not in articles and len(articles) < MAX_ARTICLES:
            articles[key] = {"url": m["url"], "title": m["title"], "source": m["source"]}
    evidence = list(dict.fromkeys(m["evidence"] for m in members if m["evidence"]))[:MAX_EVIDENCE]
    summary = summary_line(incident)
    payload = {"rule": rule.name, "incident_id": incident["id"], "at": stamp, "summary": summary,
               "incident": {k: v for k, v in incident.items() if k != "id"}, "articles": list(articles.values()),
               "evidence": evidence}
    return Alert(rule.name, incident["id"], stamp, summary, payload)


def run_command(conn: sqlite3.Connection, command: str, alert: Alert, timeout: float = COMMAND_TIMEOUT) -> str:
    """Run ``command`` (split like a shell would, not run by one) with the alert as JSON on stdin;
    the outcome is stored on the alert's row and returned."""
    try:
        done = subprocess.run(shlex.split(command), input=json.dumps(alert.payload, ensure_ascii=False),
                              text=True, capture_output=True, timeout=timeout, check=False)
        status = f"exit {done.returncode}" + (f": {done.stderr.strip()[-300:]}" if done.returncode and
                                              done.stderr.strip() else "")
    except subprocess.TimeoutExpired:
        status = f"timed out after {timeout:g} s"
    except (OSError, ValueError) as exc:
        status = f"could not run: {exc}"
    if status != "exit 0":
        log.warning("--on-alert for %s / %s: %s", alert.rule, alert.incident_id, status)
    conn.execute("UPDATE alerts SET command_status = ? WHERE rule = ? AND incident_id = ?",
                 (status, alert.rule, alert.incident_id))
    return status


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
