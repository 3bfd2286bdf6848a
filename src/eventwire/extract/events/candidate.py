"""The candidate record every events module works on (a trigger and what the stage learns about
its event), and where a trigger sits: its sentence and the verb of its clause."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.extract.lexicon.events import Sense
from eventwire.nlp import doc_text


@dataclass(slots=True)
class Candidate:
    """A trigger and what the stage learns about its event."""

    token: Token
    start: int  # token span of the trigger words
    end: int
    sense: Sense
    type: str
    mode: str | None
    contexts: list[str] = field(default_factory=list)
    absorbed: list[Candidate] = field(default_factory=list)
    merged: list[Candidate] = field(default_factory=list)
    actor_token: Token | None = None
    recipient_token: Token | None = None
    reported_by: str | None = None
    report_content: tuple[int, int] | None = None  # char span the actor must come from
    fixed_roles: bool = False  # roles were set when the candidate was made
    actor_by_anaphora: bool = False  # the actor is what "this" in the content points back to
    actor_held_responsible: bool = False  # "a man believed to be responsible for the blast"
    actor_ordered: bool = False  # "the judge ordered him held": who ordered it, outside what was ordered
    weapon_token: Token | None = None
    confidence: float = 0.5

    @property
    def tokens(self) -> list[Token]:
        return [self.token, *(m.token for m in self.merged)]


SENTENCE_BOUNDS_KEY = "eventwire.events.sentence_bounds"


COUNTRYWIDE_MODES = frozenset({"boycott", "ban", "curfew", "martial-law"})  # one act over a whole country


def sentence_of(token: Token) -> Span:
    """The sentence of a token. Token.sent walks the whole document on every call, so the
    sentences are found once per document and kept in its ``user_data`` (each one Span, made the
    first time it is asked for)."""
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
        sent = sentence_of(token)
        text = sentences.texts[position] = doc_text(token.doc)[sent.start_char : sent.end_char]
    return text


@dataclass(slots=True)
class _Sentences:
    """A document's sentence bounds (token offsets), with each sentence's Span and text once made."""

    starts: list[int]
    ends: list[int]
    spans: list[Span | None]
    texts: list[str | None]


def _sentences(doc: Doc) -> _Sentences:
    found = doc.user_data.get(SENTENCE_BOUNDS_KEY)
    if found is None:
        sents = list(doc.sents)
        found = doc.user_data[SENTENCE_BOUNDS_KEY] = _Sentences(
            [s.start for s in sents], [s.end for s in sents], [None] * len(sents), [None] * len(sents))
    return found


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds the trigger (the trigger itself when it is a verb)."""
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        if node.pos_ == "ADJ" and node.dep_ != "amod":
            return node
        node = node.head
    return node
