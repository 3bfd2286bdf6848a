"""Geoparsing benchmark on Gritta-style XML corpora (GeoWebNews ``GWN.xml``, ``TR-News.xml``, ...).

Layout: ``<article>`` elements with ``<text>`` and ``<toponyms><toponym>`` children, each with
``<start>``, ``<end>``, the phrase (``<phrase>``, ``<extractedName>`` or ``<name>``), and
coordinates either in ``<gaztag geonameid=..><lat><lon>`` or as ``<latitude>``/``<longitude>``
(GeoVirus-style ``<locations><location>`` with ``<lat>``/``<lon>`` is read too). Only gold
toponyms with coordinates are scored.

Metrics:
- ner_precision / ner_recall / ner_f1: span overlap between the system's toponyms
  (adjectival forms included, as these corpora tag them) and the scored gold toponyms; a
  prediction that overlaps only an unscored gold annotation (no coordinates) is ignored.
- acc161 / median_km / mean_km: resolution of the recognized gold toponyms; correct when the
  system's entry has the gold GeoNames id or lies within 161 km. A recognized toponym that
  the system could not resolve counts as wrong in acc161 and is left out of the km figures.
- acc161_gold / median_km_gold / miss_rate: the same, resolving the gold spans themselves;
  miss_rate is the share of gold spans the system could not resolve at all.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire import nlp as nlp_module
from eventwire.extract.context import Context
from eventwire.extract.gazetteer import distance_km
from eventwire.extract.places import geoparse, resolve_spans
from eventwire.model import Article, Place

ACC_KM = 161.0
PHRASE_TAGS = ("phrase", "extractedName", "name")


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    latitude: float | None
    longitude: float | None
    geonameid: str | None

    @property
    def scored(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(slots=True)
class GoldArticle:
    text: str
    url: str | None
    toponyms: list[GoldToponym] = field(default_factory=list)
    repairs: int = 0
    dropped: int = 0


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _first_text(node: ET.Element, *paths: str) -> str | None:
    for path in paths:
        value = node.findtext(path)
        if value is not None and value.strip():
            return value.strip()
    return None


def _read_toponym(node: ET.Element) -> GoldToponym | None:
    start, end = node.findtext("start"), node.findtext("end")
    if start is None or end is None or not start.strip().isdigit() or not end.strip().isdigit():
        return None
    phrase = next((node.findtext(t) for t in PHRASE_TAGS if node.findtext(t)), "") or ""
    gaztag = node.find("gaztag")
    lat = _float(_first_text(node, "gaztag/lat", "lat", "latitude"))
    lon = _float(_first_text(node, "gaztag/lon", "lon", "longitude"))
    geonameid = (gaztag.get("geonameid") if gaztag is not None else None) or _first_text(node, "geonamesID")
    return GoldToponym(int(start), int(end), phrase, lat, lon, geonameid)


def _repair(text: str, gold: GoldToponym) -> bool | None:
    """Align a shifted gold span on the nearest exact occurrence of its phrase.

    True when repaired, False when already right, None when the phrase is not in the text.
    """
    if not gold.phrase or text[gold.start:gold.end] == gold.phrase:
        return False
    best: int | None = None
    position = text.find(gold.phrase)
    while position != -1:
        if best is None or abs(position - gold.start) < abs(best - gold.start):
            best = position
        position = text.find(gold.phrase, position + 1)
    if best is None:
        return None
    gold.start, gold.end = best, best + len(gold.phrase)
    return True


def read_articles(path: Path) -> Iterator[GoldArticle]:
    """Articles of one Gritta-style XML file, gold offsets repaired."""
    root = ET.parse(path).getroot()
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        url = _first_text(node, "link", "url", "source", "domain")
        article = GoldArticle(text, url)
        for top in [*node.iter("toponym"), *node.iter("location")]:
            gold = _read_toponym(top)
            if gold is None:
                continue
            repaired = _repair(text, gold)
            if repaired is None:
                article.dropped += 1
                continue
            article.repairs += int(repaired)
            article.toponyms.append(gold)
        yield article


def data_files(data: Path) -> list[Path]:
    return sorted(data.glob("*.xml")) if data.is_dir() else [data]


def _correct(place: Place, gold: GoldToponym) -> tuple[bool, float | None]:
    if place.latitude is None or place.longitude is None or gold.latitude is None or gold.longitude is None:
        return False, None
    km = distance_km(place.latitude, place.longitude, gold.latitude, gold.longitude)
    same_id = bool(gold.geonameid) and place.gazetteer_id == f"geonames:{gold.geonameid}"
    return same_id or km <= ACC_KM, km


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass(slots=True)
class Tally:
    tp_pred: int = 0
    fp: int = 0
    gold: int = 0
    found: int = 0
    correct: int = 0
    km: list[float] = field(default_factory=list)
    correct_gold: int = 0
    missed_gold: int = 0
    km_gold: list[float] = field(default_factory=list)
    repairs: int = 0
    dropped: int = 0

    def add_recognition(self, predicted: list[Place], golds: list[GoldToponym], unscored: list[GoldToponym]) -> None:
        for p in predicted:
            if any(_overlaps(p.start, p.end, g.start, g.end) for g in golds):
                self.tp_pred += 1
            elif not any(_overlaps(p.start, p.end, g.start, g.end) for g in unscored):
                self.fp += 1
        for g in golds:
            self.gold += 1
            match = next((p for p in predicted if _overlaps(p.start, p.end, g.start, g.end)), None)
            if match is None:
                continue
            self.found += 1
            ok, km = _correct(match, g)
            self.correct += ok
            if km is not None:
                self.km.append(km)

    def add_resolution(self, resolved: list[Place], golds: list[GoldToponym]) -> None:
        for place, g in zip(resolved, golds, strict=True):
            if place.latitude is None:
                self.missed_gold += 1
                continue
            ok, km = _correct(place, g)
            self.correct_gold += ok
            if km is not None:
                self.km_gold.append(km)

    def metrics(self) -> dict[str, Any]:
        precision = self.tp_pred / (self.tp_pred + self.fp) if self.tp_pred + self.fp else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "ner_precision": round(precision, 4),
            "ner_recall": round(recall, 4),
            "ner_f1": round(f1, 4),
            "acc161": round(self.correct / self.found, 4) if self.found else 0.0,
            "median_km": round(statistics.median(self.km), 1) if self.km else None,
            "mean_km": round(statistics.fmean(self.km), 1) if self.km else None,
            "acc161_gold": round(self.correct_gold / self.gold, 4) if self.gold else 0.0,
            "median_km_gold": round(statistics.median(self.km_gold), 1) if self.km_gold else None,
            "mean_km_gold": round(statistics.fmean(self.km_gold), 1) if self.km_gold else None,
            "miss_rate": round(self.missed_gold / self.gold, 4) if self.gold else 0.0,
            "n": self.gold,
            "recognized": self.found,
            "offset_repairs": self.repairs,
            "offset_unrepaired": self.dropped,
        }


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score recognition and resolution on a Gritta XML file or a folder of them.

    ``limit`` caps the number of articles (over all files, in file order).
    """
    nlp = nlp_module.load()
    tally = Tally()
    articles = 0
    started = time.perf_counter()
    for path in data_files(Path(data)):
        for gold_article in read_articles(path):
            if limit is not None and articles >= limit:
                break
            articles += 1
            tally.repairs += gold_article.repairs
            tally.dropped += gold_article.dropped
            article = Article(text=gold_article.text, url=gold_article.url)
            ctx = Context(article=article, body_end=len(gold_article.text))
            doc = nlp(gold_article.text)
            golds = [g for g in gold_article.toponyms if g.scored]
            unscored = [g for g in gold_article.toponyms if not g.scored]
            tally.add_recognition(geoparse(doc, ctx, adjectival=True), golds, unscored)
            tally.add_resolution(resolve_spans(doc, [(g.start, g.end) for g in golds], ctx), golds)
    seconds = time.perf_counter() - started
    result = tally.metrics()
    result.update({
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_second": round(articles / seconds, 2) if seconds else None,
    })
    return result
