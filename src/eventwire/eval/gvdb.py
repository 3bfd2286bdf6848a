"""Gun Violence Database benchmark: killed, injured, city, date and names per article.

Layout: a GVDB TSV (``dev.tsv``, ``test.tsv``; or a folder of them) with the columns
``Article id, Article url, Article title, Full text, Json, Worker``; the Json column is the
crowd-sourced record described in UPSTREAM_format_readme.txt. One shooting incident per article.
The full text starts with the title glued to the body; it is split back at the title, and the
site name after " | " or " - " is dropped, so the headline is a sentence of its own.

Gold and matching rules:
- killed: victims whose ``victim-was`` contains "killed"; injured: victims whose ``victim-was``
  contains "injured" or "hospitalized" but not "killed" (a victim who died counts once, as
  killed). Compared with the ``article_totals`` best figures (0 when absent); exact match over
  all articles. About a fifth of the articles have no victim outcome marked at all (often no
  victim-section although the text reports someone shot), so ``killed_accuracy_annotated`` and
  ``injured_accuracy_annotated`` repeat the scores over the ``n_annotated`` articles with at
  least one outcome marked.
- city: ``date-and-time.city.value`` (a span of the text: a dateline in capitals, the town of
  the police, a neighbourhood). Scored over the ``n_city`` articles whose gold city is not
  empty. The system's city, first found of: the dateline town ("ROCKFORD —", "AURORA, Colo.
  (CBS4) –"); the town whose police report it ("Philadelphia police said"; a gazetteer place
  below the county level, not also a state or country: "Florida police"); a town-level place in
  the headline; a capitalised name where a sentence-case headline puts a town ("shot in
  Frankford", "Cicero shooting"); a town the gazetteer knows where a headline, Title Case too,
  puts one ("Killed In Dolton", "Wilmington double shooting"); one in the sentence of the first
  current killed/injured/shot statement; the first town-level place of the article (resolved
  places below the county level, adjectival uses included, and place entities the gazetteer
  could not resolve; nationalities, streets, roads, dates and state abbreviations excluded). A
  neighbourhood the text places in a city ("Philadelphia's Kensington section", "the Mott Haven
  section of the Bronx") is given as that city, as the annotators do. A prediction matches when,
  after folding case, accents and punctuation, the words of the mention as written or of its
  resolved name are all among the words of the gold value or the other way round ("New Orleans
  East" ~ "New Orleans", "YORK CITY" ~ "York"): spelling variants pass, another town does not.
- date: ``date-and-time.date``, the annotator's date of the shooting, entered with a date
  picker. The TSV has no publication date, and the annotators knew it: an article saying only
  "Tuesday night" has a full gold date. The anchor is the date in the article URL when it has
  one ("/2015/12/10/", "/2016/jan/26/", "20151210"), else a dateline date (``find_anchor``).
  Dates inside datelines and update stamps ("INDIANAPOLIS, Ind. (Dec. 10, 2015) –", "UPDATE
  TUESDAY, JANUARY 19:") are filing dates and are never the shooting's. The system's date, first
  found of: the date the events stage gave the first current violent event (an assault, or an
  event with killed or injured) from its own clause or sentence; the first expression in the
  sentence of the first current killed/injured/shot statement; the first of the article; the
  anchor. Within a sentence or the article, an expression naming its day ("Tuesday night",
  "Dec. 3") comes before a bare clock time ("12:45 a.m."), whose day is only the anchor's.
  With an anchor the date is a full date, compared exactly. Without one, an expression can only
  be resolved as far as the text goes, so it is compared on what it states: month and day
  ("Jan. 27"), else the weekday ("Tuesday"). ``date_accuracy_exact`` counts full-date matches
  only; ``date_accuracy_anchored`` is the accuracy over the ``n_anchored`` articles with an anchor.
  The gold date is often stated nowhere in the input: no URL date and no expression that gives
  it (the annotators saw the page's own date, and resolved "Friday" against the day they worked,
  a week or a year off). ``date_stated_share`` is the share of articles where some expression,
  the URL date or the dateline gives the gold date under the rule above, the ceiling of any
  chooser; ``date_accuracy_stated`` is the accuracy over those ``n_date_stated`` articles.
- victim_name_f1 / shooter_name_f1: micro F1 over the non-empty gold names (victim-section,
  shooter-section). Predicted victims are the victims of current killed/injured/shot
  casualties; predicted shooters are the perpetrators of all casualties (the people arrested,
  charged or sought included; one who shot himself is both). Names are folded; a prediction matches
  a gold name when the words of one are all among the words of the other ("Munn" ~ "Ronald
  Munn"), one-to-one; one person named twice ("Kasongo", "Moise Kasongo") is predicted once.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire.eval.metrics import prf, ratio
from eventwire.extract.casualties import SHOT, article_totals
from eventwire.extract.timex import filing_spans, in_filing_stamp
from eventwire.model import Article, Casualty, Event, Place, Record, TimeExpr, fold

CURRENT_CATEGORIES = frozenset({"killed", "injured", SHOT})
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_URL_DATES = (
    re.compile(r"/(?P<y>20\d\d)[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|-|$)"),
    re.compile(r"/(?P<y>20\d\d)/(?P<mon>[a-z]{3})[a-z]*/(?P<d>\d{1,2})/", re.IGNORECASE),
    re.compile(r"[/_-](?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[/_.-]|$)"),
)
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|T)")
_CLOCK_ONLY = re.compile(
    r"(?:(?:around|about|approximately|roughly|at|just|shortly|before|after|until|by|since|early|late)\s+)*"
    r"(?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?|noon|midnight)(?:\s*[ECMP][SD]?T)?",
    re.IGNORECASE,
)
_OWN_DATE_SOURCES = frozenset({"clause", "sentence"})
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:Associated Press|AP|Reuters)[ \t]+)?"
    r"(?P<city>(?:[A-Z][A-Z.'’-]{2,}|[A-Z]{2}(?=[ \t]+[A-Z]{2}))(?:[ \t]+[A-Z][A-Z.'’-]+){0,3})"  # "LA PORTE"
    r"(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?)?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:-{1,2}|–|—)"
)
_POLICE_OF = re.compile(
    r"\b(?P<town>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:['’]s)?[ ](?:police|Police\b|PD\b|Sheriff)"
)
_NOT_TOWNS = frozenset({"The", "State", "Capitol", "Transit", "University", "Campus", "Park", "Military",
                        "Border", "Federal", "Local", "Metro", "City", "County", "Township", "Tribal"})
_ABOVE_TOWN = frozenset({"country", "admin1", "admin2", "continent", "region"})
_STATE_KINDS = frozenset({"country", "admin1"})
# A place written as a street, road or highway ("Washington Road", "Interstate 75") is no town.
_STREET_WORDS = frozenset({"road", "rd", "street", "st", "avenue", "ave", "drive", "dr", "boulevard", "blvd",
                           "lane", "ln", "way", "highway", "hwy", "court", "ct", "place", "pl", "parkway",
                           "pkwy", "circle", "terrace", "trail", "pike", "interstate", "route", "freeway",
                           "expressway", "jr", "sr"})
_HEADLINE_TOWN = re.compile(
    r"(?:\b(?:in|near|outside)\s+|^)(?P<town>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    r"(?=\s+(?:shooting|police|neighborhood|home|man|woman|teen|officer|section|area|bar|store)\b|\s*[.,;:]|\s*$)"
)
_TOWN_RUN = r"(?P<town>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
_HEADLINE_SLOTS = (
    re.compile(r"(?:\b(?i:in|near|outside|at)\s+(?:(?:north|south|east|west|northeast|northwest|southeast"
               r"|southwest|downtown)\s+)?)" + _TOWN_RUN),
    re.compile(_TOWN_RUN + r"(?=\s+(?:(?i:double|triple|fatal|deadly|drive-by)\s+)?(?i:shooting|homicide)\b)"),
    re.compile(r"\b(?i:in|on)\s+" + _TOWN_RUN + r"(?=['’?]s\s)"),  # "on Milwaukee's northwest side"
)
_CITY_RUN = r"(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
_PART_RUN = r"(?P<part>[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,3})"
_PART_WORD = r"(?:section|neighbou?rhood|area|district)"
_PART_OF_CITY = (
    re.compile(rf"\b{_CITY_RUN}['’]s\s+{_PART_RUN}\s+{_PART_WORD}\b"),  # "Philadelphia's Kensington section"
    re.compile(rf"\b{_PART_RUN}\s+{_PART_WORD}\s+of\s+(?:the\s+)?{_CITY_RUN}"),  # "Mott Haven section of the Bronx"
)
_HEADING_WORDS = frozenset({"Police", "Update", "Updated", "Video", "Watch", "Breaking", "Photos", "Report",
                            "Officials", "Authorities", "Deputies", "Sheriff", "Coroner", "Investigators"})
_TITLE_TAIL = re.compile(r"\s+(?:\||-|–|—|«)\s+[^\n]*$")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.IGNORECASE)
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?!\d)", re.IGNORECASE
)


@dataclass(slots=True)
class GoldArticle:
    id: str
    url: str
    title: str
    text: str
    killed: int
    injured: int
    city: str | None
    date: str | None
    victims: list[str] = field(default_factory=list)
    shooters: list[str] = field(default_factory=list)
    annotated: bool = True  # at least one victim outcome (killed/injured/hospitalized) was marked


@dataclass(slots=True)
class Prediction:
    killed: int
    injured: int
    city: list[str]
    date: DateGuess | None
    anchored: bool
    stated_dates: list[DateGuess]  # every date the article states (its expressions, its URL or dateline)
    victims: list[str]
    shooters: list[str]


# --------------------------------------------------------------------------- reading


def _tsv_files(data: Path) -> list[Path]:
    return sorted(data.glob("*.tsv")) if data.is_dir() else [data]


def _value(field_value: Any) -> str:
    if isinstance(field_value, dict):
        return str(field_value.get("value") or "").strip()
    return str(field_value or "").strip()


def _names(section: list[dict[str, Any]]) -> list[str]:
    return [name for person in section if (name := _value(person.get("name")))]


def _gold(row: dict[str, str]) -> GoldArticle:
    record = json.loads(row["Json"])
    victims = record.get("victim-section") or []
    outcomes = [set(v.get("victim-was") or []) for v in victims]
    when = record.get("date-and-time") or {}
    return GoldArticle(
        id=row["Article id"],
        url=row.get("Article url") or "",
        title=row.get("Article title") or "",
        text=row["Full text"],
        killed=sum("killed" in o for o in outcomes),
        injured=sum(bool(o & {"injured", "hospitalized"}) and "killed" not in o for o in outcomes),
        city=_value(when.get("city")) or None,
        date=_normal_date(_value(when.get("date"))),
        victims=_names(victims),
        shooters=_names(record.get("shooter-section") or []),
        annotated=any(outcomes),
    )


def _normal_date(value: str) -> str | None:
    """Gold dates are sometimes unpadded ("2015-8-23")."""
    parts = value.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None


def read_gold(data: Path, limit: int | None = None) -> list[GoldArticle]:
    """The scored articles of a GVDB TSV file or folder."""
    csv.field_size_limit(sys.maxsize)
    articles: list[GoldArticle] = []
    for path in _tsv_files(data):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("Full text") and row.get("Json"):
                    articles.append(_gold(row))
                if limit is not None and len(articles) >= limit:
                    return articles
    return articles


# --------------------------------------------------------------------------- articles


def url_date(url: str) -> str | None:
    """The publication date written in a URL, ISO; None when there is none."""
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match is None:
            continue
        groups = match.groupdict()
        month = _MONTHS.get((groups.get("mon") or "").lower()[:3]) if groups.get("mon") else int(groups["m"])
        try:
            return date(int(groups["y"]), month or 0, int(groups["d"])).isoformat()
        except ValueError:
            continue
    return None


def _end_mark(title: str) -> str:
    """A full stop after a headline that has none, so the parser ends the sentence there."""
    return "" if title.rstrip()[-1:] in ".!?" else "."


def to_article(gold: GoldArticle) -> Article:
    """The article as the pipeline sees it: headline and body split, URL date as publication date."""
    text = gold.text
    title = gold.title.strip()
    if title and text.startswith(title):
        tail = _TITLE_TAIL.search(title)
        headline = title[: tail.start()] if tail else title  # without " | Site name"
        text = f"{headline}{_end_mark(headline)}\n\n{text[len(title):].lstrip()}"
    return Article(text=text, title=None, url=gold.url or None, published=url_date(gold.url))


def _records(articles: list[Article]) -> Iterator[tuple[Record, Doc]]:
    """Each article's Record and parsed Doc, through the pipeline (or the stages that exist yet)."""
    from eventwire import nlp as nlp_module

    try:
        from eventwire.pipeline import extract
    except ImportError:
        extract = _extract_without_events
    nlp = nlp_module.load()
    pairs = ((article.analysis_text(), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=16):
        yield extract(doc, article), doc


def _extract_without_events(doc: Doc, article: Article) -> Record:
    from eventwire.extract.casualties import extract_casualties
    from eventwire.extract.context import Context
    from eventwire.extract.places import extract_places
    from eventwire.extract.timex import extract_timexes, find_anchor

    anchor, anchor_kind = find_anchor(article.text, article.published)
    ctx = Context(article=article, anchor=anchor, anchor_kind=anchor_kind, body_end=article.body_end())
    ctx.timexes = extract_timexes(doc, ctx)
    ctx.places = extract_places(doc, ctx)
    ctx.casualties = extract_casualties(doc, ctx)
    return Record(article=article, timexes=ctx.timexes, places=ctx.places, casualties=ctx.casualties,
                  anchor=anchor.isoformat() if anchor else None, anchor_kind=anchor_kind)


# --------------------------------------------------------------------------- predictions


def _main_casualty(casualties: list[Casualty]) -> Casualty | None:
    return next((c for c in casualties if c.category in CURRENT_CATEGORIES
                 and not (c.aggregate or c.historical)), None)


def dateline_city(text: str) -> str | None:
    """The town of a dateline opening a paragraph near the top ("ROCKFORD —", "AURORA, Colo. (CBS4) –")."""
    match = _DATELINE.search(text[:600])
    return match.group("city").title() if match else None


def police_jurisdiction(text: str) -> str | None:
    """The town whose police report the shooting ("Philadelphia police are investigating")."""
    from eventwire.extract import gazetteer

    table = gazetteer.load()
    for match in _POLICE_OF.finditer(text):
        name = match.group("town")
        kinds = {entry.kind for entry in table.lookup(name)}
        if kinds & _STATE_KINDS:
            continue  # "Florida police", "Indiana State Police": a state's police, not a town's
        if kinds - _ABOVE_TOWN and name.split()[0] not in _NOT_TOWNS:  # a town reading exists
            return name
    return None


def headline_town(text: str) -> str | None:
    """A capitalised name in a sentence-case headline where a town goes ("shot in Frankford",
    "Cicero shooting", "Conroe police officer"), for towns the tagger did not recognise."""
    headline = text[: _title_end(text)]
    words = headline.split()
    if not words or sum(w[:1].isupper() for w in words) * 2 > len(words):
        return None  # Title Case Headlines capitalise every word: nothing to learn
    from eventwire.extract.casualties import person_nouns

    for match in _HEADLINE_TOWN.finditer(headline):
        town = match.group("town")
        first = town.split()[0]
        if first not in _NOT_TOWNS and first not in _HEADING_WORDS and first.lower() not in person_nouns():
            return town
    return None


def gazetteer_headline_town(text: str) -> str | None:
    """A town the gazetteer knows, written where a headline puts one ("... Killed In Dolton",
    "Chapel Hill drive-by shooting ...", "Police investigate Wilmington double shooting"), in
    Title Case headlines too; names that are also a state or a country are left out."""
    from eventwire.extract import gazetteer
    from eventwire.extract.casualties import person_nouns

    headline = text[: _title_end(text)]
    table = gazetteer.load()
    for pattern in _HEADLINE_SLOTS:
        for match in pattern.finditer(headline):
            if not _town_like(match.group("town")):
                continue  # "Pine Street Shooting"
            words = match.group("town").split()
            for end in range(len(words), 0, -1):  # "Dolton Park Area" -> "Dolton Park" -> "Dolton"
                name = " ".join(words[:end])
                if words[0] in _NOT_TOWNS or words[0] in _HEADING_WORDS or words[0].lower() in person_nouns():
                    break
                kinds = {entry.kind for entry in table.lookup(name)}
                if kinds - _ABOVE_TOWN and not kinds & _STATE_KINDS:
                    return name
    return None


def _title_end(text: str) -> int:
    """End of the headline proper: before the paragraph break and any " | Site" / " - Site" tail."""
    end = text.find("\n\n")
    end = end if 0 <= end < 400 else 0
    tail = _TITLE_TAIL.search(text, 0, end) if end else None
    return tail.start() if tail else end


def _town_mentions(doc: Doc, places: list[Place]) -> list[tuple[int, int, list[str]]]:
    """Town-level mentions: resolved places below admin1 (adjectival uses included, "Chicago
    police"), and place-like entities the gazetteer could not resolve ("Ceres"), in text order."""
    nationalities = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "NORP"]
    found = [(p.start, p.end, [v for v in (p.text, p.name) if v]) for p in places
             if p.name is not None and p.kind not in _ABOVE_TOWN and _town_like(p.text)
             and not any(s < p.end and p.start < e for s, e in nationalities)]
    covered = [(start, end) for start, end, _ in found]
    covered += [(p.start, p.end) for p in places if p.kind in _ABOVE_TOWN]
    for ent in doc.ents:
        if (ent.label_ == "GPE" and _town_like(ent.text) and not (ent.text.isupper() and len(ent.text) <= 3)
                and not any(s < ent.end_char and ent.start_char < e for s, e in covered)):
            found.append((ent.start_char, ent.end_char, [ent.text]))
    return sorted(found)


def _town_like(name: str) -> bool:
    """Not a street, a road, a date or a name suffix ("Washington Road", "Jan.5", "Jr.")."""
    words = fold(name).split()
    return bool(words) and not any(ch.isdigit() for ch in name) and not set(words) & _STREET_WORDS


def _city(record: Record, doc: Doc, main: Casualty | None) -> list[str]:
    text = record.article.analysis_text()
    found = _town_or_part(record, doc, main)
    city = containing_city(text, found[0]) if found else None
    return [city] if city is not None else found


def containing_city(text: str, part: str) -> str | None:
    """The city a neighbourhood is written as part of: "Philadelphia's Kensington section",
    "the Mott Haven section of the Bronx" (annotators give the city then)."""
    wanted = fold(part)
    for pattern in _PART_OF_CITY:
        for match in pattern.finditer(text):
            found = fold(match.group("part")).removeprefix("the ")  # "The Mott Haven section of ..."
            if found == wanted and match.group("city").split()[0] not in _NOT_TOWNS:
                return match.group("city")
    return None


def _town_or_part(record: Record, doc: Doc, main: Casualty | None) -> list[str]:
    from eventwire.extract.places import geoparse

    text = record.article.analysis_text()
    dateline = dateline_city(text)
    if dateline is not None:
        return [dateline]
    police = police_jurisdiction(text)
    if police is not None:
        return [police]
    towns = _town_mentions(doc, geoparse(doc, None, adjectival=True))
    title_end = _title_end(text)
    in_title = next((names for start, _, names in towns if start < title_end), None)
    if in_title:
        return in_title
    unrecognised = headline_town(text) or gazetteer_headline_town(text)
    if unrecognised is not None:
        return [unrecognised]
    if main is not None:
        in_sentence = [names for start, _, names in towns if main.sentence_start <= start < main.sentence_end]
        if in_sentence:
            return in_sentence[0]
    return towns[0][2] if towns else []


@dataclass(slots=True, frozen=True)
class DateGuess:
    """A date as far as the text supports it: a full day, or only a weekday / month and day."""

    iso: str | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0

    def matches(self, gold: str | None) -> bool:
        if gold is None:
            return False
        if self.iso is not None:
            return self.iso == gold
        wanted = date.fromisoformat(gold)
        if self.month is not None and self.day is not None:
            return (self.month, self.day) == (wanted.month, wanted.day)  # the weekday may be off by a year
        checks = [(self.month, wanted.month), (self.day, wanted.day), (self.weekday, wanted.weekday())]
        given = [(a, b) for a, b in checks if a is not None]
        return bool(given) and all(a == b for a, b in given)


def _partial_date(text: str) -> DateGuess | None:
    """Weekday and month/day written in an expression that could not be resolved (no anchor)."""
    weekday = _WEEKDAY.search(text)
    month_day = _MONTH_DAY.search(text)
    if weekday is None and month_day is None:
        return None
    return DateGuess(
        month=_MONTHS.get(month_day.group(1).lower()[:3]) if month_day else None,
        day=int(month_day.group(2)) if month_day else None,
        weekday=_WEEKDAYS.index(weekday.group(1).lower()[:3]) if weekday else None,
    )


def _timex_date(timex: TimeExpr) -> DateGuess | None:
    if timex.value and _DAY_VALUE.match(timex.value):
        return DateGuess(iso=timex.value[:10])
    if timex.value is None and timex.precision in ("day", "time"):
        return _partial_date(timex.text)
    return None


def _is_clock_only(timex: TimeExpr) -> bool:
    """"12:45 a.m.", "around noon": the day is only the anchor's, a guess for a shooting after midnight."""
    return _CLOCK_ONLY.fullmatch(timex.text.strip()) is not None


def _first_date(timexes: Iterable[TimeExpr], start: int, end: int) -> DateGuess | None:
    """The first expression in [start, end) that names its day, else the first bare clock time."""
    dated = [(timex, found) for timex in timexes
             if start <= timex.start < end and (found := _timex_date(timex)) is not None]
    named = next((found for timex, found in dated if not _is_clock_only(timex)), None)
    return named or (dated[0][1] if dated else None)


def _is_violent(event: Event) -> bool:
    return event.asserted and (event.fatalities is not None or event.injured is not None or event.type == "ASSAULT")


def _event_date(record: Record, timexes: list[TimeExpr]) -> DateGuess | None:
    """The date the events stage gave the first current violent event, from its own clause or sentence."""
    by_start = {t.start: t for t in timexes}
    for event in record.events:
        if _is_violent(event) and event.date_source in _OWN_DATE_SOURCES and event.timex_start in by_start:
            found = _timex_date(by_start[event.timex_start])
            if found is not None:
                return found
    return None


def _stated_dates(record: Record) -> list[DateGuess]:
    stated = [found for t in record.timexes if (found := _timex_date(t)) is not None]
    return stated + [DateGuess(iso=record.anchor)] if record.anchor else stated


def _date(record: Record, main: Casualty | None) -> DateGuess | None:
    stamps = filing_spans(record.article.analysis_text())
    timexes = [t for t in record.timexes if not in_filing_stamp(t.start, stamps)]
    found = _event_date(record, timexes)
    if found is None and main is not None:
        found = _first_date(timexes, main.sentence_start, main.sentence_end)
    if found is None:
        found = _first_date(timexes, 0, len(record.article.analysis_text()))
    if found is None and record.anchor:
        found = DateGuess(iso=record.anchor)
    return found


def predict(record: Record, doc: Doc) -> Prediction:
    """What the system says about one GVDB article."""
    totals = article_totals(record.casualties, record.article.analysis_text())
    main = _main_casualty(record.casualties)
    current = [c for c in record.casualties if not (c.aggregate or c.historical)]
    victims = _unique(name for c in current if c.category in CURRENT_CATEGORIES for name in c.victims)
    shooters = _unique(n for c in current for n in c.perpetrators)
    return Prediction(
        killed=totals["killed"].best or 0 if "killed" in totals else 0,
        injured=totals["injured"].best or 0 if "injured" in totals else 0,
        city=_city(record, doc, main),
        date=_date(record, main),
        anchored=record.anchor is not None,
        stated_dates=_stated_dates(record),
        victims=victims,
        shooters=shooters,
    )


def _unique(names: Iterable[str]) -> list[str]:
    """One name per person: "Kasongo" and "Moise Kasongo" are one (the longest is kept)."""
    kept: list[str] = []
    for name in sorted(names, key=lambda n: -len(fold(n).split())):
        if not any(words_match(name, other) for other in kept):
            kept.append(name)
    return kept


# --------------------------------------------------------------------------- scoring


def words_match(a: str, b: str) -> bool:
    """True when the folded words of one are all among the folded words of the other."""
    left, right = set(fold(a).split()), set(fold(b).split())
    return bool(left) and bool(right) and (left <= right or right <= left)


def city_matches(predicted: list[str], gold: str) -> bool:
    return any(words_match(candidate, gold) for candidate in predicted)


def name_matches(predicted: list[str], gold: list[str]) -> int:
    """Number of one-to-one matches between predicted and gold names."""
    used: set[int] = set()
    matched = 0
    for name in predicted:
        index = next((i for i, g in enumerate(gold) if i not in used and words_match(name, g)), None)
        if index is not None:
            used.add(index)
            matched += 1
    return matched


@dataclass(slots=True)
class Tally:
    n: int = 0
    killed: int = 0
    injured: int = 0
    n_city: int = 0
    city: int = 0
    date: int = 0
    date_exact: int = 0
    n_anchored: int = 0
    n_annotated: int = 0
    killed_annotated: int = 0
    injured_annotated: int = 0
    date_anchored: int = 0
    n_date_stated: int = 0
    date_stated: int = 0
    victim: list[int] = field(default_factory=lambda: [0, 0, 0])  # matched, predicted, gold
    shooter: list[int] = field(default_factory=lambda: [0, 0, 0])

    def add(self, gold: GoldArticle, predicted: Prediction) -> None:
        self.n += 1
        self.killed += predicted.killed == gold.killed
        self.injured += predicted.injured == gold.injured
        if gold.annotated:
            self.n_annotated += 1
            self.killed_annotated += predicted.killed == gold.killed
            self.injured_annotated += predicted.injured == gold.injured
        if gold.city:
            self.n_city += 1
            self.city += city_matches(predicted.city, gold.city)
        date_ok = predicted.date is not None and predicted.date.matches(gold.date)
        self.date_exact += predicted.date is not None and predicted.date.iso is not None and date_ok
        self.date += date_ok
        if predicted.anchored:
            self.n_anchored += 1
            self.date_anchored += date_ok
        if any(stated.matches(gold.date) for stated in predicted.stated_dates):
            self.n_date_stated += 1
            self.date_stated += date_ok
        for tally, names, gold_names in ((self.victim, predicted.victims, gold.victims),
                                         (self.shooter, predicted.shooters, gold.shooters)):
            tally[0] += name_matches(names, gold_names)
            tally[1] += len(names)
            tally[2] += len(gold_names)


def _name_f1(counts: list[int]) -> float:
    matched, n_predicted, n_gold = counts
    return prf(matched, n_predicted, matched, n_gold)["f1"]


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the system on a GVDB TSV file (or a folder of them)."""
    started = time.perf_counter()
    gold = read_gold(Path(data), limit)
    tally = Tally()
    for item, (record, doc) in zip(gold, _records([to_article(g) for g in gold]), strict=True):
        tally.add(item, predict(record, doc))
    seconds = time.perf_counter() - started
    return {
        "killed_accuracy": round(ratio(tally.killed, tally.n), 4),
        "injured_accuracy": round(ratio(tally.injured, tally.n), 4),
        "killed_accuracy_annotated": round(ratio(tally.killed_annotated, tally.n_annotated), 4),
        "injured_accuracy_annotated": round(ratio(tally.injured_annotated, tally.n_annotated), 4),
        "city_accuracy": round(ratio(tally.city, tally.n_city), 4),
        "date_accuracy": round(ratio(tally.date, tally.n), 4),
        "date_accuracy_exact": round(ratio(tally.date_exact, tally.n), 4),
        "date_accuracy_anchored": round(ratio(tally.date_anchored, tally.n_anchored), 4),
        "date_stated_share": round(ratio(tally.n_date_stated, tally.n), 4),
        "date_accuracy_stated": round(ratio(tally.date_stated, tally.n_date_stated), 4),
        "victim_name_f1": round(_name_f1(tally.victim), 4),
        "shooter_name_f1": round(_name_f1(tally.shooter), 4),
        "n": tally.n,
        "n_city": tally.n_city,
        "n_anchored": tally.n_anchored,
        "n_date_stated": tally.n_date_stated,
        "n_annotated": tally.n_annotated,
        "seconds": round(seconds, 3),
        "articles_per_second": round(ratio(tally.n, seconds), 3),
    }
