"""`eventwire eval quotes`: attribution extraction scored against PolNeAR.

Data: a split folder with ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann`` (BRAT
standoff: Source, Cue and Content spans tied by Attribution events). When an article has several
annotators' files, the first in name order is used. A folder holding split folders is read whole.

A predicted content matches a gold content when their shared word tokens are at least half of
each (one-to-one, best overlap first). Its speaker is right when the speaker mention overlaps the
gold Source span, or the resolved speaker name shares a word with the gold Source text or with
that Source's own resolution (a pronoun Source resolved the same way the stage resolves one).
The direct scores use gold contents in quotation marks (a content that is one quotation, or
the quoted pieces of a mixed one) against the predicted direct quotes.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire import nlp as nlp_module
from eventwire.extract.context import Context
from eventwire.extract.quotes import SpeakerResolver, extract_quotes
from eventwire.model import Article, Quote, fold

WORD = re.compile(r"\w+")
QUOTE_CHARS = "\"“”„«»'‘’"
QUOTED_PIECE = re.compile(r"(?:''|``|[\"“„«])([^\"“”„«»]+?)(?:''|[\"”»])")
NAME_STOPWORDS = frozenset({"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "s", "his", "her"})
Spans = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldAttribution:
    content: Spans
    source: Spans = ()


@dataclass(slots=True)
class Item:
    """A scored unit: the word tokens it covers, and where its speaker came from."""

    tokens: frozenset[int]
    gold: GoldAttribution | None = None
    quote: Quote | None = None


@dataclass(slots=True)
class Tally:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    source_ok: int = 0
    source_n: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def scores(self, prefix: str) -> dict[str, float]:
        precision = self.tp / self.n_pred if self.n_pred else 0.0
        recall = self.tp / self.n_gold if self.n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        source = self.source_ok / self.source_n if self.source_n else 0.0
        return {
            f"{prefix}content_precision": round(precision, 4),
            f"{prefix}content_recall": round(recall, 4),
            f"{prefix}content_f1": round(f1, 4),
            f"{prefix}source_accuracy": round(source, 4),
        }


# --- reading PolNeAR -----------------------------------------------------------------------------


def article_files(data: Path) -> list[tuple[Path, Path]]:
    """(text, first annotation file) pairs of a split folder, or of every split folder in ``data``."""
    splits = sorted(p for p in data.iterdir() if (p / "text").is_dir())
    folders = [data] if (data / "text").is_dir() else splits
    pairs = []
    for folder in folders:
        for text_path in sorted((folder / "text").glob("*.txt")):
            annotations = sorted((folder / "attributions").glob(f"{text_path.stem}_*.ann"))
            exact = folder / "attributions" / f"{text_path.stem}.ann"
            if exact.exists():
                annotations.insert(0, exact)
            if annotations:
                pairs.append((text_path, annotations[0]))
    return pairs


def _spans(field_text: str) -> Spans:
    """'Content 10 20;30 40' -> ((10, 20), (30, 40))."""
    _, _, offsets = field_text.partition(" ")
    result = []
    for part in offsets.split(";"):
        start, end = part.split()
        result.append((int(start), int(end)))
    return tuple(result)


def read_brat(path: Path) -> list[GoldAttribution]:
    """The attributions of one .ann file: content spans with their source spans."""
    spans: dict[str, Spans] = {}
    events: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            try:
                spans[cols[0]] = _spans(cols[1])
            except ValueError:
                continue
        elif line.startswith("E") and len(cols) >= 2:
            events.append(cols[1].split())
    gold = []
    for args in events:
        roles: dict[str, list[str]] = {}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            roles.setdefault(role.rstrip("0123456789"), []).append(ref)
        content = tuple(s for ref in roles.get("Content", []) for s in spans.get(ref, ()))
        source = tuple(s for ref in roles.get("Source", []) for s in spans.get(ref, ()))
        if content:
            gold.append(GoldAttribution(tuple(sorted(content)), source))
    return gold


# --- tokens and matching -------------------------------------------------------------------------


class WordIndex:
    """Word tokens of a text, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in WORD.finditer(text)]
        self.ends = [m.end() for m in WORD.finditer(text)]

    def tokens(self, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
        found: set[int] = set()
        for start, end in spans:
            i = bisect_left(self.ends, start + 1)
            while i < len(self.starts) and self.starts[i] < end:
                found.add(i)
                i += 1
        return frozenset(found)


def match(gold: Sequence[Item], predicted: Sequence[Item]) -> list[tuple[Item, Item]]:
    """One-to-one pairs whose shared tokens are >= 50% of both, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            shared = len(g.tokens & p.tokens)
            if shared and 2 * shared >= len(g.tokens) and 2 * shared >= len(p.tokens):
                candidates.append((shared, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


# --- direct quotes in the gold ------------------------------------------------------------------


def _is_quoted(text: str, spans: Spans) -> bool:
    """True when the content is one quotation: it opens and closes with a quotation mark,
    inside its span or right outside it."""
    start, end = spans[0][0], spans[-1][1]
    inner = text[start:end].strip()
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip(" ,.;:!?")[:1]
    opens = inner[:1] in QUOTE_CHARS or (before != "" and before in QUOTE_CHARS)
    closes = inner.rstrip(" ,.;:!?")[-1:] in QUOTE_CHARS or (after != "" and after in QUOTE_CHARS)
    return opens and closes


def direct_gold(text: str, gold: GoldAttribution) -> list[GoldAttribution]:
    """The direct part of a gold content: the whole of it when it is a quotation, else the
    quoted pieces of a mixed content ("... the need to “start talking”")."""
    if _is_quoted(text, gold.content):
        return [gold]
    pieces = []
    for start, end in gold.content:
        for m in QUOTED_PIECE.finditer(text, start, end):
            if WORD.search(m.group(1)):
                pieces.append(GoldAttribution(((m.start(1) + 0, m.end(1)),), gold.source))
    return pieces


# --- speakers ------------------------------------------------------------------------------------


def _name_words(name: str | None) -> set[str]:
    return {w for w in fold(name or "").split() if w not in NAME_STOPWORDS}


def source_correct(quote: Quote, gold: GoldAttribution, doc: Doc, resolver: SpeakerResolver) -> bool:
    """The predicted speaker is the gold Source: overlapping mentions, or the same name."""
    start, end = quote.speaker_start, quote.speaker_end
    if start is not None and end is not None and any(s < end and start < e for s, e in gold.source):
        return True
    predicted = _name_words(quote.speaker)
    if not predicted:
        return False
    gold_text = " ".join(doc.text[s:e] for s, e in gold.source)
    if predicted & _name_words(gold_text):
        return True
    first = gold.source[0]
    span = doc.char_span(first[0], first[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return bool(predicted & _name_words(resolver.resolve(span.root).name))


# --- the task ------------------------------------------------------------------------------------


def _scored_predictions(quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes as content units: a direct quote nested in an indirect content with the same cue
    is part of that content (PolNeAR gives each word one attribution)."""
    indirect = [q for q in quotes if not q.direct]
    return [
        q
        for q in quotes
        if not (
            q.direct and any(o.start <= q.start and q.end <= o.end and o.cue_start == q.cue_start for o in indirect)
        )
    ]


def _score_article(text: str, doc: Doc, gold: Sequence[GoldAttribution], tallies: dict[str, Tally]) -> None:
    article = Article(text=text)
    quotes = extract_quotes(doc, Context(article=article, body_end=len(text)))
    resolver = SpeakerResolver(doc, [])
    words = WordIndex(text)
    gold_items = [Item(words.tokens(g.content), gold=g) for g in gold]
    pred_items = [Item(words.tokens([(q.start, q.end)]), quote=q) for q in _scored_predictions(quotes)]
    direct_gold_items = [Item(words.tokens(d.content), gold=d) for g in gold for d in direct_gold(text, g)]
    direct_pred_items = [Item(words.tokens([(q.start, q.end)]), quote=q) for q in quotes if q.direct]
    for name, g_items, p_items in (
        ("all", gold_items, pred_items),
        ("direct", direct_gold_items, direct_pred_items),
    ):
        g_items = [i for i in g_items if i.tokens]
        p_items = [i for i in p_items if i.tokens]
        tally = tallies[name]
        tally.n_gold += len(g_items)
        tally.n_pred += len(p_items)
        for g_item, p_item in match(g_items, p_items):
            tally.tp += 1
            assert g_item.gold is not None and p_item.quote is not None
            if g_item.gold.source:
                tally.source_n += 1
                tally.source_ok += source_correct(p_item.quote, g_item.gold, doc, resolver)


def _documents(pairs: Sequence[tuple[Path, Path]]) -> Iterator[tuple[str, Doc, list[GoldAttribution]]]:
    nlp = nlp_module.load()
    texts = (text_path.read_text(encoding="utf-8") for text_path, _ in pairs)
    for (_, ann_path), doc in zip(pairs, nlp.pipe(texts, batch_size=16), strict=True):
        yield doc.text, doc, read_brat(ann_path)


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the quotes stage on a PolNeAR split folder (see the module docstring)."""
    started = time.perf_counter()
    pairs = article_files(Path(data))[:limit] if limit else article_files(Path(data))
    tallies = {"all": Tally(), "direct": Tally()}
    for text, doc, gold in _documents(pairs):
        _score_article(text, doc, gold, tallies)
    seconds = time.perf_counter() - started
    everything, direct = tallies["all"], tallies["direct"]
    return {
        **everything.scores(""),
        **direct.scores("direct_"),
        "n": everything.n_gold,
        "n_predicted": everything.n_pred,
        "n_direct": direct.n_gold,
        "n_direct_predicted": direct.n_pred,
        "n_articles": len(pairs),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(pairs) / seconds, 2) if seconds else 0.0,
    }
