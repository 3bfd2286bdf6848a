"""The values users type on the command line, checked before any work starts.

Each ``check_*`` function returns the normalized value or raises :class:`BadValue` whose message says
what was wrong and what is accepted, in one line. The CLI turns it into a usage error (exit code 2).

Dates (``--since``, ``--until``, ``--published``) are ISO: ``2025``, ``2025-12``, ``2025-12-01``, or
relative to today: ``today``, ``yesterday``, and ``Nd``, ``Nw``, ``Nm``, ``Ny`` (N days, weeks,
months or years ago, e.g. ``7d``). A relative date is a day (``2026-01-05``); a filter on a year or a
month covers all of it: ``--until 2025-12`` keeps every date in December 2025.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# The PLOVER sector codes eventwire writes (extract/lexicon/actor_*.tsv).
SECTORS = ("AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ENV", "GOV", "HLH", "IGO", "JRN", "JUD", "LAB", "LEG",
           "MIL", "NGO", "OPP", "PTY", "REB", "REF", "REL", "SPY")
LISTING_FORMATS = ("table", "csv", "jsonl")
ENGINES = ("local", "dask")
DATE_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday or Nd/Nw/Nm/Ny (N days/weeks/months/years ago, e.g. 7d)"
# Below this many articles (or when the count is unknown) one worker is faster than several: starting
# the workers and loading the model in each costs more than they save (docs/BENCHMARKS.md, issue 18).
PARALLEL_MIN_ARTICLES = 400
MAX_TEXT = 200  # characters of a free-text filter, as in the JSON API

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_RELATIVE = re.compile(r"^(\d{1,5})\s*([dwmy])$")
_SCHEDULER = re.compile(r"^(tcp|tls|ucx|ws|wss|inproc)://[^\s/]+$")


class BadValue(ValueError):
    """A value the option does not accept; the message says which ones it does."""


def check_date(value: str, today: date | None = None) -> str:
    """An ISO date at year, month or day precision, or a relative date resolved against ``today``."""
    text = value.strip().lower()
    today = today or date.today()
    if text == "today":
        return today.isoformat()
    if text == "yesterday":
        return (today - timedelta(days=1)).isoformat()
    relative = _RELATIVE.match(text)
    if relative:
        n, unit = int(relative[1]), relative[2]
        step = {"d": relativedelta(days=n), "w": relativedelta(weeks=n), "m": relativedelta(months=n),
                "y": relativedelta(years=n)}[unit]
        try:
            return (today - step).isoformat()
        except (OverflowError, ValueError):
            raise BadValue(f"{value!r} reaches before year 1; use {DATE_FORMS}") from None
    iso = _ISO.match(text)
    if iso:
        try:
            date(int(iso[1]), int(iso[2] or 1), int(iso[3] or 1))
        except ValueError:
            raise BadValue(f"{value!r} is not a real date; use {DATE_FORMS}") from None
        return text
    raise BadValue(f"{value!r} is not a date; use {DATE_FORMS}")


def check_range(since: str | None, until: str | None) -> None:
    """``since`` must not come after ``until`` (compared at the shorter precision)."""
    if since and until:
        n = min(len(since), len(until))
        if since[:n] > until[:n]:
            raise BadValue(f"--since {since} comes after --until {until}")


def check_published(value: str) -> str:
    """A publication date: one of the date forms, or an ISO date and time (2026-01-02T09:30:00Z)."""
    try:
        return check_date(value)
    except BadValue:
        try:
            datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise BadValue(f"{value!r} is not a date; use {DATE_FORMS}, or an ISO date and time") from None
        return value.strip()


def check_choice(value: str, choices: Sequence[str], what: str, upper: bool = False) -> str:
    """``value`` (case-insensitively) if it is one of ``choices``."""
    wanted = value.strip().upper() if upper else value.strip().lower()
    for choice in choices:
        if choice.upper() == wanted.upper():
            return choice
    raise BadValue(f"{value!r} is not {what}; use one of: {', '.join(choices)}")


def check_type(value: str) -> str:
    return check_choice(value, PLOVER_TYPES, "a PLOVER type", upper=True)


def check_sector(value: str) -> str:
    return check_choice(value, SECTORS, "a PLOVER sector", upper=True)


def check_country(value: str) -> str:
    """An ISO 3166 alpha-3 code that exists (``ven`` -> ``VEN``)."""
    from eventwire import refdata

    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise BadValue(f"{value!r} is not an ISO 3166 alpha-3 country code; use three letters such as VEN, USA, NGA")
    if code not in refdata.countries():
        raise BadValue(f"{value!r} is not an ISO 3166 alpha-3 country code; use one such as VEN, USA, NGA")
    return code


def check_text(value: str) -> str:
    """A free-text filter: not blank, at most MAX_TEXT characters, no NUL."""
    if not value.strip() or "\x00" in value:
        raise BadValue("give some text (not blank)")
    if len(value) > MAX_TEXT:
        raise BadValue(f"{len(value)} characters; use at most {MAX_TEXT}")
    return value


def check_url(value: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadValue(f"{value!r} is not a URL; use http://… or https://…")
    return value.strip()


def check_scheduler(value: str) -> str:
    if not _SCHEDULER.match(value.strip()):
        raise BadValue(f"{value!r} is not a Dask scheduler address; use tcp://HOST:8786 (or tls://, ucx://, ws://)")
    return value.strip()


def check_actors(value: str | Path) -> Path:
    """A user actor knowledge file (the layout of ``extract/lexicon/actors_extra.tsv``) that reads
    cleanly; a malformed row is named by its line number."""
    from eventwire.extract.actors import KnowledgeFileError, read_knowledge_file

    try:
        read_knowledge_file(value)
    except KnowledgeFileError as exc:
        raise BadValue(str(exc)) from None
    return Path(value)


def check_model(value: str) -> str:
    """An installed spaCy pipeline package or a pipeline folder."""
    name = value.strip()
    if Path(name).is_dir() and (Path(name) / "meta.json").is_file():
        return name
    if re.fullmatch(r"[A-Za-z_][\w.]*", name) and importlib.util.find_spec(name.split(".")[0]) is not None:
        return name
    try:
        from spacy.util import get_installed_models

        installed = sorted(get_installed_models())
    except Exception:  # pragma: no cover - an unusual spaCy install
        installed = []
    listed = ", ".join(installed) if installed else "none found"
    raise BadValue(f"no spaCy model {value!r} is installed; installed: {listed} (or a pipeline folder)")


SQLITE_HEADER = b"SQLite format 3\x00"


def check_db(path: Path) -> Path:
    """A database file: an existing SQLite file or a new file in an existing folder."""
    if path.is_dir():
        raise BadValue(f"{str(path)!r} is a folder; use a database file such as eventwire.db")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise BadValue(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
        if head and head != SQLITE_HEADER:
            raise BadValue(f"{str(path)!r} is not a SQLite database; use an eventwire database file or a new name")
    elif not path.parent.is_dir():
        raise BadValue(f"folder {str(path.parent)!r} does not exist; use an existing folder for the database")
    return path


def check_output(path: Path) -> Path:
    """A file to write: not a folder, in a folder that exists."""
    if path.is_dir():
        raise BadValue(f"{str(path)!r} is a folder; use a file name")
    if not path.parent.is_dir():
        raise BadValue(f"folder {str(path.parent)!r} does not exist")
    return path
