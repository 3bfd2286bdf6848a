"""Quotes stage: direct and indirect attributions with their cue and resolved speaker.

Direct quotes come from pairing quotation marks on the raw text (curly, straight, typewriter
'' and ``, guillemets, single marks used as quotes; continued across paragraphs; interrupted by
the attribution; nested marks belong to the outer quote). Indirect ones come from the parse: a
cue verb's clausal complement ("X said (that) ..."), its to-infinitive ("vowed to ..."), its
object for verbs whose object is the content ("denied the report"), its prepositional object
("criticized X for ...", which wins over the object), "according to X, ...", parentheticals
("..., he argued, ...") and one-line headlines ("Kasich: ...", "X Says ..."); nouns and
adjectives frame content too ("Trump's claim that ...", "X is critical of ..."), held by their
possessor, their "by" agent, the subject of a light verb ("made the argument that") or of the
verb they hang from ("said in a statement that"); a nominal cue with no holder quotes nothing.
The speaker is the cue's subject (a passive cue's "by" agent), typed (named, pronoun, title,
organization, anonymous) and
linked to an actor of ``ctx.actors`` when that stage ran, otherwise to the nearest compatible
spaCy entity; anonymous sources are never linked. Odd or unbalanced marks never raise: the
stage keeps what it can pair.

A direct quote's ``text`` is its quoted words (the halves of an interrupted quote joined by a
space); ``start``/``end`` span from its first to its last quoted word in ``doc.text``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from eventwire.extract.context import Context
from eventwire.model import Actor, Quote, content_hash, fold
from eventwire.nlp import doc_text, member
from eventwire.nlp import sentence as sentence_of

# --- lexicons ---------------------------------------------------------------------------------


def _read_lexicon(name: str) -> frozenset[str]:
    text = resources.files("eventwire.extract.lexicon").joinpath(name).read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def cue_verbs() -> frozenset[str]:
    """Lemmas of verbs whose clausal complement is reported content."""
    return _read_lexicon("quote_cue_verbs.txt")


SPEECH_REFUSALS = frozenset({"refuse", "decline"})
SPEAKING_VERBS = frozenset({"comment", "say", "speak", "elaborate", "discuss", "respond", "answer", "confirm",
                            "disclose"})


def _refused(cue: Token) -> bool:
    """"refused to say where the ship was": a speech cue under a refusal says nothing."""
    return cue.dep_ == "xcomp" and cue.head.lemma_.lower() in SPEECH_REFUSALS


def _refuses_to_speak(lemma: str, comp: Token) -> bool:
    """"The Pentagon declined to comment": nothing is said, so nothing is quoted."""
    return lemma in SPEECH_REFUSALS and comp.lemma_.lower() in SPEAKING_VERBS


@cache
def xcomp_cues() -> frozenset[str]:
    """Lemmas whose to-infinitive complement is reported content ("vowed to ...")."""
    return _read_lexicon("quote_cue_xcomp.txt")


@cache
def object_cues() -> frozenset[str]:
    """Lemmas whose direct object is reported content ("endorsed Trump", "denied the report")."""
    return _read_lexicon("quote_cue_object.txt")


@cache
def preposition_cues() -> dict[str, frozenset[str]]:
    """Cue lemma -> prepositions whose object is reported content ("called for", "warned of")."""
    pairs: dict[str, set[str]] = {}
    for line in _read_lexicon("quote_cue_preps.tsv"):
        lemma, _, prep = line.partition("\t")
        pairs.setdefault(lemma.strip(), set()).add(prep.strip())
    return {lemma: frozenset(preps) for lemma, preps in pairs.items()}


def _read_frames(name: str) -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for line in _read_lexicon(name):
        lemma, _, frame = line.partition("\t")
        pairs.setdefault(lemma.strip(), set()).add(frame.strip())
    return {lemma: frozenset(frames) for lemma, frames in pairs.items()}


@cache
def noun_cues() -> dict[str, frozenset[str]]:
    """Noun lemma -> frames whose complement is reported content: "that" ("his claim that ..."),
    "to" ("her pledge to ...") or a preposition ("criticism of ...")."""
    return _read_frames("quote_cue_nouns.tsv")


@cache
def adjective_cues() -> dict[str, frozenset[str]]:
    """Adjective lemma -> frames, as for nouns ("X is confident that ...", "critical of ...")."""
    return _read_frames("quote_cue_adjectives.tsv")


@cache
def headline_cues() -> frozenset[str]:
    """Verb forms of title-case headlines that attribute ("X Says …")."""
    return _read_lexicon("quote_headline_cues.txt")


@cache
def colon_labels() -> frozenset[str]:
    """Line labels before a colon that are not speakers ("Update:", "Watch:")."""
    return _read_lexicon("quote_colon_labels.txt")


@cache
def _headline_says() -> re.Pattern[str]:
    forms = "|".join(sorted((w.capitalize() for w in headline_cues()), key=len, reverse=True))
    return re.compile(
        rf"^[ \t]*(?P<source>[A-Z][^\n:]{{1,60}}?) (?P<cue>{forms}) (?P<content>[A-Z\"“‘'][^\n]{{5,}}?)[ \t.]*$",
        re.MULTILINE,
    )


@cache
def anonymous_heads() -> frozenset[str]:
    return _read_lexicon("quote_anonymous.txt")


@cache
def title_heads() -> frozenset[str]:
    return _read_lexicon("quote_titles.txt")


@cache
def org_heads() -> frozenset[str]:
    return _read_lexicon("quote_org_nouns.txt")


# --- quotation marks ----------------------------------------------------------------------------

DOUBLE_MARKS = re.compile(r"''|``|[\"“”„«»]")  # '' and `` are typewriter double quotes
SINGLE_MARKS = re.compile(r"['‘’‹›]")
PARAGRAPH_BREAK = re.compile(r"\n")
OPENING_GLYPHS = frozenset("“„«‘‹")
CLOSING_GLYPHS = frozenset("”»’›")
# Characters after which a mark opens a quote ("(" , "—" , start of a line ...).
BEFORE_OPEN = frozenset(" \t\n([{—–-/")
# Characters after which a mark closes one (punctuation right after the quoted words).
AFTER_CLOSE = frozenset(" \t\n.,;:!?)]}—–-/…")
EDGE_TRIM = " \t\n,;:"
COLON_LINE = re.compile(r"^[ \t]*(?P<source>[A-Z][^\n:]{1,50}?):[ \t]+(?P<content>[^\n]{8,}?)[ \t]*$", re.MULTILINE)
MAX_LABEL_WORDS = 5
MIN_COLON_CONTENT_WORDS = 5
TITLE_CASE_SHARE = 0.7
MAX_SINGLE_QUOTE_CHARS = 400
ATTRIBUTION_REACH = 60  # characters after a quote where "…,” the spokesman said" may still sit
MIN_UNATTRIBUTED_WORDS = 8  # a longer quoted passage is speech even when no cue is found
WORD = re.compile(r"\w+")
QUOTE_MARK_TOKENS = frozenset("\"“”„«»'‘’")


@dataclass(slots=True)
class QuotedSpan:
    """Paired quotation marks: ``segments`` are the inner (start, end) offsets of the quoted
    words; several segments when the quote continues in the next paragraph."""

    open_at: int
    close_at: int  # offset of the last character of the closing mark
    segments: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def _opening_context(char: str) -> bool:
    """A mark after this character may open a quote (invisible format marks count as space)."""
    return char.isspace() or char in BEFORE_OPEN or unicodedata.category(char) == "Cf"


def _closing_context(char: str) -> bool:
    return char.isspace() or char in AFTER_CLOSE or unicodedata.category(char) == "Cf"


def _role(text: str, pos: int, end: int | None = None) -> str:
    """'open', 'close' or 'either' for the quotation mark at ``pos:end``, from its surroundings
    first and its glyph second (curly marks are often typed the wrong way round)."""
    end = pos + 1 if end is None else end
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    opens = _opening_context(before) and not after.isspace()
    closes = _closing_context(after) and not before.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    glyph = text[pos]
    if glyph in OPENING_GLYPHS or glyph == "`":
        return "open"
    if glyph in CLOSING_GLYPHS:
        return "close"
    return "either"


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE_TRIM:
        start += 1
    while end > start and text[end - 1] in EDGE_TRIM:
        end -= 1
    return start, end


def _starts_paragraph(text: str, pos: int, para_start: int) -> bool:
    return not text[para_start:pos].strip()


def pair_double_quotes(text: str) -> list[QuotedSpan]:
    """Pair double quotation marks paragraph by paragraph. An unclosed quote continues when
    the next paragraph opens with a mark; otherwise it is dropped."""
    paras = _paragraph_starts(text)
    spans: list[QuotedSpan] = []
    current: QuotedSpan | None = None
    seg_start = 0
    current_para = 0
    for match in DOUBLE_MARKS.finditer(text):
        pos, mark_end = match.span()
        para = bisect_right(paras, pos) - 1
        role = _role(text, pos, mark_end)
        if current is not None and para != current_para:
            blank_between = all(not text[paras[p] : paras[p + 1]].strip() for p in range(current_para + 1, para))
            if role != "close" and blank_between and _starts_paragraph(text, pos, paras[para]):
                # "…end of paragraph\n\n“Next paragraph…": the same quote goes on.
                current.segments.append(_trimmed(text, seg_start, paras[current_para + 1]))
                seg_start, current_para = mark_end, para
                continue
            current = None
        if current is None:
            if role != "close":
                current, seg_start, current_para = QuotedSpan(pos, -1), mark_end, para
            continue
        if role == "open":
            current, seg_start, current_para = QuotedSpan(pos, -1), mark_end, para
            continue
        current.segments.append(_trimmed(text, seg_start, pos))
        current.close_at = mark_end - 1
        spans.append(current)
        current = None
    return [s for s in spans if all(b > a for a, b in s.segments)]


def pair_single_quotes(text: str, inside: Sequence[QuotedSpan]) -> list[QuotedSpan]:
    """Single marks used as quotation marks (headlines, British style), outside double quotes.
    An apostrophe (a mark between two letters, or a closing glyph with no open quote) is skipped."""
    covered = [(s.open_at, s.close_at) for s in inside]
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for match in SINGLE_MARKS.finditer(text):
        pos = match.start()
        before = text[pos - 1] if pos > 0 else "\n"
        after = text[pos + 1] if pos + 1 < len(text) else "\n"
        if (before.isalnum() and after.isalnum()) or "'" in (before, after):
            continue  # don't, Clinton’s; '' is a double quote
        if any(a < pos < b for a, b in covered):
            continue  # a nested quote belongs to the outer one
        role = _role(text, pos)
        if open_at is not None and ("\n" in text[open_at:pos] or pos - open_at > MAX_SINGLE_QUOTE_CHARS):
            open_at = None
        if open_at is None:
            if role == "open" and after.isalnum():
                open_at = pos
            continue
        if role == "close" and not before.isspace():
            inner = _trimmed(text, open_at + 1, pos)
            if len(WORD.findall(text[inner[0] : inner[1]])) >= 2:
                spans.append(QuotedSpan(open_at, pos, [inner]))
            open_at = None
        elif role == "open":
            open_at = pos
    return spans


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted passages of ``text`` in reading order, outermost marks only."""
    doubles = pair_double_quotes(text)
    singles = pair_single_quotes(text, doubles)
    return sorted(doubles + singles, key=lambda s: s.open_at)


# --- cues and speakers ----------------------------------------------------------------------------

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
SPEAKER_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "parataxis", "advcl", "cc"})
INHERIT_SUBJECT_DEPS = frozenset({"conj", "xcomp", "advcl", "ccomp", "pcomp"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
ASIDE_MARKS = frozenset({"though", "although", "even", "while", "whereas", "as", "when", "before", "after", "until"})
# Verbs whose subject holds the claim named by their object ("Cruz made the argument that ...").
HOLDING_VERBS = frozenset(
    {"make", "issue", "repeat", "express", "voice", "offer", "raise", "level", "float", "renew", "reiterate", "deliver"}
)
CONTENT_DEPS = frozenset({"ccomp"})
DATIVE_CUES = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge", "notify", "advise"})
OBJECT_TAIL_DEPS = frozenset({"oprd", "xcomp", "ccomp"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "we"})
THING_PRONOUNS = frozenset({"it"})
FIRST_PERSON = frozenset({"i", "we", "you"})
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
DEFINITE = frozenset({"the", "this", "that"})
INDEFINITE = frozenset({"a", "an", "some", "several", "many", "two", "three", "one", "other", "another"})


@cache
def _cue_lemma_ids(vocab: Vocab) -> np.ndarray:
    lemmas = cue_verbs() | xcomp_cues() | object_cues() | preposition_cues().keys()
    return np.array(sorted(vocab.strings.add(lemma) for lemma in lemmas), dtype=np.uint64)


@cache
def _nominal_lemma_ids(vocab: Vocab) -> np.ndarray:
    lemmas = noun_cues().keys() | adjective_cues().keys()
    return np.array(sorted(vocab.strings.add(lemma) for lemma in lemmas), dtype=np.uint64)


def _is_nominal_cue(token: Token) -> bool:
    frames = noun_cues() if token.pos == NOUN else adjective_cues()
    return token.lemma_.lower() in frames


def cue_tokens(doc: Doc) -> tuple[list[Token], list[Token]]:
    """(verbal cues, nominal cues) in order: cue verbs and the 'according' of "according to";
    nouns and adjectives that frame content ("claim", "critical"). Array lookups, no Matcher."""
    if len(doc) == 0:
        return [], []
    rows = doc.to_array([LEMMA, POS, LOWER]).astype(np.uint64)
    lemmas, pos = rows[:, 0], rows[:, 1]
    verbs = member(lemmas, _cue_lemma_ids(doc.vocab)) & ((pos == VERB) | (pos == AUX))
    according = rows[:-1, 2] == doc.vocab.strings.add("according")
    followed_by_to = rows[1:, 2] == doc.vocab.strings.add("to")
    hits = set(np.flatnonzero(verbs).tolist()) | set(np.flatnonzero(according & followed_by_to).tolist())
    nominal = member(lemmas, _nominal_lemma_ids(doc.vocab)) & ((pos == NOUN) | (pos == ADJ))
    candidates = (doc[i] for i in np.flatnonzero(nominal).tolist())
    return [doc[i] for i in sorted(hits)], [t for t in candidates if _is_nominal_cue(t)]


def _frame_child(cue: Token, frames: frozenset[str]) -> Token | None:
    """The complement of a nominal cue that one of its ``frames`` names."""
    for child in cue.children:
        if child.i < cue.i:
            continue
        marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
        if child.dep_ in ("acl", "ccomp") and "that" in frames and "that" in marks:
            return child
        if child.dep_ == "ccomp" and "that" in frames and cue.pos == ADJ:
            return child  # "confident Cruz will win"
        if child.dep_ in ("acl", "xcomp") and "to" in frames and "to" in marks:
            return child
        if child.dep_ == "prep" and child.lower_ in frames:
            return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
    return None


def nominal_content_bounds(cue: Token) -> tuple[int, int] | None:
    """Token range of what a nominal cue frames ("his claim [that the vote was rigged]")."""
    frames = (noun_cues() if cue.pos == NOUN else adjective_cues()).get(cue.lemma_.lower())
    child = _frame_child(cue, frames) if frames else None
    return (child.left_edge.i, child.right_edge.i + 1) if child is not None else None


def holder_of(cue: Token) -> Token | None:
    """Whose claim or stance a nominal cue is: "Trump's claim", "a demand by Pelosi", "Cruz made
    the argument", "said in a statement that", "X is critical of"."""
    if cue.pos == ADJ:
        return subject_of(cue.head) if cue.dep_ in ("acomp", "oprd") and cue.head.i != cue.i else None
    for child in cue.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    head = cue.head
    if cue.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in HOLDING_VERBS:
        return subject_of(head)
    if _reporting_verb(cue) is not None:
        return subject_of(head.head)
    return None


def _reporting_verb(cue: Token) -> Token | None:
    """The cue verb of "said in a statement that ...", where the parser hangs the clause on the noun."""
    head = cue.head
    if cue.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in cue_verbs():
        return head.head
    return None


def subject_of(cue: Token) -> Token | None:
    """The speaker token of a cue: its subject, else the subject of the verb it hangs from
    ("declined to comment but said ...", "..., saying ...")."""
    if cue.lower_ == "according":
        for child in cue.children:
            if child.lower_ == "to":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None
    agent = _agent_of(cue)
    if agent is not None:
        return agent  # "Okafor was endorsed by the union": the union speaks
    verb = cue
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head  # "Cruz, who said ...": the noun the clause describes
        if subject is not None:
            return subject
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and _can_speak(verb.head):
            return verb.head  # "protesters chanting ...": the people the participle describes
        if verb.dep_ not in INHERIT_SUBJECT_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
        if verb.dep_ == "prep" and verb.head.i != verb.i:
            verb = verb.head  # "After saying ..., the man left": the subject of the host clause
    return None


def _agent_of(verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _can_speak(noun: Token) -> bool:
    """A named person or body, or a noun for people ("protesters", "officials"), not a
    document or a thing ("a statement calling for ...", "language calling for ...")."""
    if noun.pos_ not in NOMINAL_POS:
        return False
    return noun.ent_type_ in SPEAKING_ENTITIES or noun.lemma_.lower() in anonymous_heads() | title_heads()


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head`` without its relative
    clauses, appositions and parentheticals."""
    kept = [head.i]
    for child in head.children:
        if child.dep_ in SPEAKER_CUT_DEPS:
            continue
        kept.extend(t.i for t in child.subtree)
    return min(kept), max(kept) + 1


# --- speaker resolution ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Named:
    """A name mention the speaker may resolve to: an actor mention or a spaCy entity."""

    start: int
    end: int
    name: str
    kind: str
    actor_id: str | None = None


@dataclass(slots=True)
class Speaker:
    text: str
    start: int
    end: int
    kind: str | None
    name: str | None = None
    actor_id: str | None = None


def _canonical_person_names(ents: Sequence[Span]) -> dict[str, str]:
    """Map each folded person name to its longest form in the article ("Maduro" -> "Nicolás Maduro")."""
    forms: dict[str, str] = {}
    for ent in ents:
        if ent.label_ == "PERSON":
            name = _strip_possessive(ent.text)
            key = fold(name)
            if key and len(name) > len(forms.get(key, "")):
                forms[key] = name
    canonical = {}
    for key, name in forms.items():
        longer = [other for other in forms if other.endswith(" " + key)]
        canonical[key] = forms[max(longer, key=len)] if longer else name
    return canonical


def _proper_name(head: Token) -> str:
    """The run of proper nouns ending at ``head`` ("Former Gov. Jeb Bush" -> "Jeb Bush")."""
    first = head
    while first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).head.i == head.i:
        first = first.nbor(-1)
    return _strip_possessive(head.doc[first.i : head.i + 1].text)


def _strip_possessive(name: str) -> str:
    return re.sub(r"[’']s?$", "", name).strip()


class SpeakerResolver:
    """Links a speaker mention to an actor (or, without actors, to a spaCy entity)."""

    def __init__(self, doc: Doc, actors: Sequence[Actor], text: str | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc) if text is None else text
        # Without actors, a bare surname the model did not tag still maps to the full name seen.
        self.person_names = {} if actors else _canonical_person_names(doc.ents)
        self.named: list[_Named] = self._from_actors(actors) if actors else self._from_entities(doc)
        self.named.sort(key=lambda n: n.start)
        self.starts = [n.start for n in self.named]

    def full_name(self, name: str) -> str:
        """"Okafor" -> "Daniel Okafor" when that longer person name is in the article."""
        key = fold(name)
        if key in self.person_names:
            return self.person_names[key]
        longer = [full for full in self.person_names if full.endswith(" " + key)]
        return self.person_names[max(longer, key=len)] if longer else name

    @staticmethod
    def _from_actors(actors: Sequence[Actor]) -> list[_Named]:
        return [
            _Named(m.start, m.end, actor.name, actor.kind or "", actor.id) for actor in actors for m in actor.mentions
        ]

    @staticmethod
    def _from_entities(doc: Doc) -> list[_Named]:
        ents = [e for e in doc.ents if e.label_ in ENTITY_KINDS]
        canonical = _canonical_person_names(ents)
        named = []
        for ent in ents:
            kind = ENTITY_KINDS[ent.label_]
            name = _strip_possessive(ent.text)
            if fold(name) in canonical:  # the small model often labels a surname ORG
                kind, name = "person", canonical[fold(name)]
            named.append(_Named(ent.start_char, ent.end_char, name, kind))
        return named

    def overlapping(self, start: int, end: int) -> _Named | None:
        """The longest name mention inside the speaker mention, persons first."""
        lo = bisect_left(self.starts, start - 200)
        hits = [n for n in self.named[lo:] if n.start < end and n.end > start]
        if not hits:
            return None
        return max(hits, key=lambda n: (n.kind == "person", n.end - n.start))

    def nearest_before(self, pos: int, kinds: Iterable[str], title: str | None = None) -> _Named | None:
        """The closest name mention ending before ``pos`` of one of ``kinds``; with ``title``,
        only a name introduced by that title ("President Donald Trump")."""
        wanted = set(kinds)
        text = self.text
        for n in reversed(self.named[: bisect_left(self.starts, pos)]):
            if n.end > pos or n.kind not in wanted:
                continue
            if title is not None and title not in text[max(0, n.start - 40) : n.start].lower():
                continue
            return n
        return None

    def antecedent(self, pos: int, kinds: Iterable[str]) -> _Named | None:
        """What a pronoun at ``pos`` refers to: the nearest earlier subject of a compatible kind
        within a short reach (news pronouns follow the topic, not the last name), else the
        nearest compatible mention."""
        wanted = set(kinds)
        nearest = None
        for n in reversed(self.named[: bisect_left(self.starts, pos)]):
            if n.end > pos or n.kind not in wanted:
                continue
            if nearest is None:
                nearest = n
            if pos - n.start > PRONOUN_REACH:
                break
            span = self.doc.char_span(n.start, n.end, alignment_mode="expand")
            if span is not None and len(span) and span.root.dep_ in SUBJECT_DEPS:
                return n
        return nearest

    def resolve(self, head: Token) -> Speaker:
        """Type the speaker mention headed by ``head`` and link it to a name when one fits."""
        start_i, end_i = mention_bounds(head)
        para_start = self.text.rfind("\n", 0, head.idx) + 1
        while start_i < head.i and self.doc[start_i].idx < para_start:
            start_i += 1  # a sentence split missed a line break: keep the head's own line
        span = self.doc[start_i:end_i]
        speaker = Speaker(span.text, span.start_char, span.end_char, None)
        lower = head.lower_
        if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            described = self.resolve(head.head.head)  # "Cruz, who said ...": the noun described
            speaker.kind, speaker.name, speaker.actor_id = described.kind, described.name, described.actor_id
            return speaker
        if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
            return self._resolve_pronoun(speaker, lower)
        return self._resolve_noun(speaker, head, span)

    def _resolve_pronoun(self, speaker: Speaker, lower: str) -> Speaker:
        speaker.kind = "pronoun"
        if lower in FIRST_PERSON and lower not in PLURAL_PRONOUNS:
            return speaker  # "I said": the writer or a quoted speaker, not an article actor
        kinds = ("person",) if lower in PERSON_PRONOUNS else ("organization", "state", "group")
        resolved = self.overlapping(speaker.start, speaker.end)  # the actors stage linked it
        return self._link(speaker, resolved or self.antecedent(speaker.start, kinds))

    def _resolve_noun(self, speaker: Speaker, head: Token, span: Span) -> Speaker:
        named = self.overlapping(span.start_char, span.end_char)
        if named is not None and named.start <= head.idx < named.end:
            speaker.kind = "named" if named.kind == "person" else "organization"
            return self._link(speaker, named)
        head_lemma = head.lemma_.lower()
        determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
        if head.pos_ == "PROPN":
            speaker.kind, speaker.name = "named", self.full_name(_proper_name(head))
        elif head_lemma in anonymous_heads():
            speaker.kind = "anonymous"
        elif head_lemma in title_heads() and determiner in DEFINITE:
            speaker.kind = "title"
            self._link(speaker, self.nearest_before(span.start_char, ("person",), title=head_lemma))
        elif head_lemma in org_heads() or head.ent_type_ in ("ORG", "GPE", "NORP"):
            speaker.kind = "organization"
        elif determiner in INDEFINITE or (determiner is None and head.tag_ == "NNS"):
            speaker.kind = "anonymous"
        return speaker

    @staticmethod
    def _link(speaker: Speaker, named: _Named | None) -> Speaker:
        if named is not None:
            speaker.name, speaker.actor_id = named.name, named.actor_id
        return speaker


# --- the stage ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    text: str
    direct: bool
    speaker: Speaker | None = None
    cue: Token | None = None
    quoted: QuotedSpan | None = None
    joins: int = 0  # -1: continues the quote before it, 1: the quote after it


class _Layout:
    """Offsets of paragraphs and tokens, to move between characters and tokens quickly."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text is rebuilt on every access
        self.paragraphs = _paragraph_starts(self.text)
        self.token_starts: list[int] = doc.to_array(IDX).tolist() if len(doc) else []

    def token_at(self, char: int) -> Token:
        return self.doc[max(0, bisect_right(self.token_starts, char) - 1)]

    def paragraph_index(self, char: int) -> int:
        return bisect_right(self.paragraphs, char) - 1

    def content_paragraphs(self, first: int, last: int) -> int:
        """How many non-empty paragraphs from ``first`` (excluded) to ``last`` (included)."""
        text, paras = self.text, self.paragraphs
        ends = [*paras[1:], len(text)]
        return sum(1 for p in range(first + 1, last + 1) if text[paras[p] : ends[p]].strip())

    def paragraph_bounds(self, char: int) -> tuple[int, int]:
        i = self.paragraph_index(char)
        end = self.paragraphs[i + 1] if i + 1 < len(self.paragraphs) else len(self.text)
        return self.paragraphs[i], end

    def region(self, start: int, end: int) -> tuple[int, int]:
        """Character range of the sentences around [start, end), within its paragraphs. The
        sentence right after a closing mark is included when it goes on on the same line
        ("…?” he asked." is often split after the mark)."""
        first, last = sentence_of(self.token_at(start)), sentence_of(self.token_at(max(start, end - 1)))
        para_start, _ = self.paragraph_bounds(start)
        _, para_end = self.paragraph_bounds(max(start, end - 1))
        following = self.text[last.end_char : last.end_char + ATTRIBUTION_REACH]
        if last.end < len(self.doc) and "\n" not in following.split(".")[0]:
            after = sentence_of(self.doc[last.end])
            last = after if after.start_char < para_end else last
        return max(first.start_char, para_start), min(last.end_char, para_end)


def _inside(pos: int, spans: Sequence[QuotedSpan]) -> bool:
    return any(s.open_at < pos < s.close_at for s in spans)


def _governs(cue: Token, token: Token) -> bool:
    """True when ``token`` is in the cue's clause (spaCy's parses are projective)."""
    return token is not cue and cue.left_edge.i <= token.i <= cue.right_edge.i


def _content_contains(cue: Token, token: Token) -> bool:
    bounds = _content_bounds(cue)
    return bounds is not None and bounds[0] <= token.i < bounds[1]


def _attribute_direct(
    quoted: QuotedSpan, layout: _Layout, cues: Sequence[Token], spans: Sequence[QuotedSpan]
) -> Token | None:
    """The cue of a direct quote: in its sentences, outside any quotation; one whose clause
    contains the quote wins, else the nearest."""
    lo, hi = layout.region(quoted.open_at, quoted.close_at + 1)
    candidates = [
        c
        for c in cues
        if lo <= c.idx < hi
        and not _inside(c.idx, spans)
        # a cue closing the previous sentence ("Mr. Rhodes said. “…”") belongs to the quote before
        and not (c.idx < quoted.open_at and SENTENCE_END.search(layout.text, c.idx, quoted.open_at))
    ]
    if not candidates:
        return None
    first = layout.token_at(quoted.start)
    reporting = [c for c in candidates if _content_contains(c, first)]
    if reporting:
        # The outermost report: a cue inside another's content is not annotated on its own.
        return max(reporting, key=lambda c: c.right_edge.i - c.left_edge.i)
    governing = [c for c in candidates if _governs(c, first)]
    if governing:
        return min(governing, key=lambda c: c.right_edge.i - c.left_edge.i)
    if _is_short(layout.text[quoted.start : quoted.end]):
        return None  # a quoted phrase outside any cue's clause is a scare quote ("a “safety check”")

    def distance(c: Token) -> int:
        return quoted.open_at - c.idx if c.idx < quoted.open_at else c.idx - quoted.close_at

    return min(candidates, key=distance)


def _introduction(quoted: QuotedSpan, layout: _Layout, cues: Sequence[Token]) -> tuple[Token | None, Token | None]:
    """(cue, speaker) of a quote introduced by a colon: "Maduro said:", "X released this
    statement:", or a headline's "Kasich: ‘…’"."""
    text = layout.text
    before = text[: quoted.open_at].rstrip()
    if not before.endswith(":"):
        return None, None
    colon = len(before) - 1
    sentence = sentence_of(layout.token_at(colon))
    found = [c for c in cues if sentence.start_char <= c.idx < colon]
    if found:
        return found[-1], subject_of(found[-1])
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS and c.idx < colon), None)
    if subject is not None and root.pos_ in ("VERB", "AUX"):
        return None, subject
    last = layout.token_at(colon - 1)
    return (None, last) if last.pos_ == "PROPN" else (None, None)


def _direct_drafts(
    doc: Doc, layout: _Layout, spans: Sequence[QuotedSpan], cues: Sequence[Token], resolver: SpeakerResolver
) -> list[_Draft]:
    drafts: list[_Draft] = []
    for quoted in spans:
        text = " ".join(layout.text[a:b] for a, b in quoted.segments)
        cue = _attribute_direct(quoted, layout, cues, spans)
        subject = subject_of(cue) if cue is not None else None
        if cue is None:
            cue, subject = _introduction(quoted, layout, cues)
        if cue is None and subject is None:
            cue, subject = _trailing_verb(quoted, layout)
        speaker = resolver.resolve(subject) if subject is not None else None
        if speaker is not None and _inside(speaker.start, spans):
            speaker = None
        drafts.append(_Draft(quoted.start, quoted.end, text, True, speaker, cue, quoted))
    drafts = [d for d in _merge_interrupted(layout.text, drafts) if not _is_title(d.text)]
    _inherit_speakers(doc, layout, drafts)
    drafts = _join_continuations(layout.text, drafts)
    return [d for d in drafts if d.speaker is not None or len(WORD.findall(d.text)) >= MIN_UNATTRIBUTED_WORDS]


def _is_short(quoted: str) -> bool:
    return len(WORD.findall(quoted)) <= SHORT_QUOTE_WORDS


def _is_title(quoted: str) -> bool:
    """“The Lead with Jake Tapper”, “Crippled America: How to Make America Great Again”: the
    capitalized name of a work."""
    words = quoted.split()
    longest = MAX_SUBTITLED_WORDS if ":" in quoted else MAX_TITLE_WORDS
    if not 2 <= len(words) <= longest or quoted.rstrip()[-1:] in ".!?,":
        return False
    lowercase_ok = TITLE_SMALL_WORDS
    return words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in lowercase_ok for w in words)


PRONOUN_REACH = 300  # characters back to look for a subject antecedent
MAX_TITLE_WORDS = 6
MAX_SUBTITLED_WORDS = 14
SHORT_QUOTE_WORDS = 3
MAX_JOIN_GAP_WORDS = 12  # "“…,” the senator said in an interview on Monday. “…”"
MAX_ATTRIBUTION_GAP_WORDS = 40  # a longer gap joins only when it is the attribution sentence alone
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "for", "with", "and", "in", "on", "to", "at", "by", "or"})
SENTENCE_END = re.compile(r"[.!?]\s*$")
SPEECH_CLOSE = frozenset(",!?—–")
TRAILING_TOKENS = 6


def _trailing_verb(quoted: QuotedSpan, layout: _Layout) -> tuple[Token | None, Token | None]:
    """“…,” Bennett shot back: a quote ending in a comma (or ! ?) followed by a subject and
    any verb is attributed to that subject even when the verb is not in the cue list."""
    text = layout.text
    inside_end = text[: quoted.close_at + 1].rstrip("'\"”’»")
    if not inside_end or inside_end[-1] not in SPEECH_CLOSE:
        return None, None
    first = layout.token_at(quoted.close_at + 1)
    if first.idx <= quoted.close_at:
        first = first.nbor() if first.i + 1 < len(layout.doc) else first
    window = layout.doc[first.i : min(len(layout.doc), first.i + TRAILING_TOKENS)]
    for token in window:
        if "\n" in token.text or token.text in QUOTE_MARK_TOKENS:
            break
        if token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and c.idx > quoted.close_at), None)
            return (token, subject) if subject is not None else (None, None)
    return None, None


INTERRUPTION = re.compile(r"^[\s,]*[^“”\"\n]{1,80}?[,:]\s*$")


def _merge_interrupted(doc_text: str, drafts: list[_Draft]) -> list[_Draft]:
    """“If they want oil,” he added, “…”: the two halves are one quote."""
    merged: list[_Draft] = []
    for draft in drafts:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.quoted is not None
            and draft.quoted is not None
            and INTERRUPTION.match(doc_text[prev.quoted.close_at + 1 : draft.quoted.open_at])
            and (draft.cue is None or draft.cue is prev.cue)
            and prev.cue is not None
            and prev.quoted.close_at < prev.cue.idx < draft.quoted.open_at
        ):
            prev.quoted = QuotedSpan(
                prev.quoted.open_at, draft.quoted.close_at, prev.quoted.segments + draft.quoted.segments
            )
            prev.end = draft.end
            prev.text = f"{prev.text} {draft.text}"
            continue
        merged.append(draft)
    return merged


def _inherit_speakers(doc: Doc, layout: _Layout, drafts: list[_Draft]) -> None:
    """A quote with no attribution of its own continues the speaker of the quote before it
    (same paragraph, or up to two paragraphs back when it opens its paragraph), else takes
    the speaker of a quote opening the next paragraph ("“…”\n\n“…,” she said.")."""
    for i, draft in enumerate(drafts):
        if draft.speaker is not None or draft.quoted is None or _is_short(draft.text):
            continue
        para = layout.paragraph_index(draft.quoted.open_at)
        opens_paragraph = _starts_paragraph(layout.text, draft.quoted.open_at, layout.paragraphs[para])
        prev = drafts[i - 1] if i > 0 else None
        if prev is not None and prev.speaker is not None:
            prev_para = layout.paragraph_index(prev.end)
            if para == prev_para or (opens_paragraph and layout.content_paragraphs(prev_para, para) <= 2):
                draft.speaker, draft.joins = prev.speaker, -1
                continue
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        if opens_paragraph and nxt is not None and nxt.speaker is not None and nxt.quoted is not None:
            next_para = layout.paragraph_index(nxt.quoted.open_at)
            next_opens = _starts_paragraph(layout.text, nxt.quoted.open_at, layout.paragraphs[next_para])
            if next_opens and layout.content_paragraphs(para, next_para) == 1:
                draft.speaker, draft.joins = nxt.speaker, 1


def _join_continuations(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """Merge a quote that continues its neighbour's speech into one quote:
    “A,” he said. “B.” and paragraphs of one speaker's words are one attribution. Quotes
    with more than an attribution between them stay apart (the speaker is still shared)."""
    joined: list[_Draft] = []
    pending: _Draft | None = None  # a quote waiting for the next one, which has the cue
    for draft in drafts:
        if pending is not None:
            if _close_enough(text, pending, draft):
                draft = _joined(pending, draft)
            else:
                joined.append(pending)
            pending = None
        if draft.joins == 1:
            pending = draft
            continue
        if draft.joins == -1 and joined and _close_enough(text, joined[-1], draft):
            joined[-1] = _joined(joined[-1], draft)
            continue
        joined.append(draft)
    if pending is not None:
        joined.append(pending)
    return joined


def _close_enough(text: str, first: _Draft, second: _Draft) -> bool:
    if first.quoted is None or second.quoted is None:
        return False
    gap = text[first.quoted.close_at + 1 : second.quoted.open_at]
    words = len(WORD.findall(gap))
    if words <= MAX_JOIN_GAP_WORDS:
        return True
    return words <= MAX_ATTRIBUTION_GAP_WORDS and _only_attribution(text, first, second)


def _only_attribution(text: str, first: _Draft, second: _Draft) -> bool:
    """True when all that separates two quotes is the first one's attribution sentence:
    “A,” Graham, a former candidate, told CBS News on Tuesday, when … . “B.”"""
    cue, a, b = first.cue, first.quoted, second.quoted
    if cue is None or a is None or b is None or not a.close_at < cue.idx < b.open_at:
        return False
    sentence = sentence_of(cue)
    before, after = text[a.close_at + 1 : max(a.close_at + 1, sentence.start_char)], text[sentence.end_char : b.open_at]
    return "\n" not in text[a.close_at : b.open_at] and not WORD.search(before) and not after.strip()


def _joined(first: _Draft, second: _Draft) -> _Draft:
    quoted = None
    if first.quoted is not None and second.quoted is not None:
        segments = first.quoted.segments + second.quoted.segments
        quoted = QuotedSpan(first.quoted.open_at, second.quoted.close_at, segments)
    cue = first.cue if first.cue is not None else second.cue
    speaker = first.speaker if first.cue is not None else second.speaker
    return _Draft(first.start, second.end, f"{first.text} {second.text}", True, speaker, cue, quoted)


def _content_bounds(cue: Token) -> tuple[int, int] | None:
    """Token range of a cue's reported content, or None when it has none."""
    doc = cue.doc
    if cue.lower_ == "according":
        clause = cue.head if cue.head.i != cue.i else None
        while clause is not None and clause.dep_ not in ("ROOT",) and clause.head.i != clause.i:
            clause = clause.head
        if clause is None:
            return None
        excluded = {t.i for t in cue.subtree}
        kept = [t.i for t in clause.subtree if t.i not in excluded]
        return _contiguous_around(doc, kept, cue)
    lemma = cue.lemma_.lower()
    comps = [c for c in cue.children if c.dep_ in CONTENT_DEPS and not _across_semicolon(cue, c)]
    if not comps and lemma in xcomp_cues():
        comps = [c for c in cue.children if c.dep_ == "xcomp" and not _refuses_to_speak(lemma, c)]
    if comps:
        comp = max(comps, key=lambda c: c.right_edge.i - c.left_edge.i)
        if comp.i < cue.i and any(c.dep_ == "dobj" for c in cue.children):
            return None  # "..., the same day the military announced a strike": not a report of the clause
        return _clause_start(cue, comp), comp.right_edge.i + 1
    preps = preposition_cues().get(lemma)
    if preps:
        prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in preps), None)
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        if obj is not None:
            # "criticized Clinton for her emails": the reproach, not the person, is reported
            return obj.left_edge.i, _phrase_end(obj)
    if lemma in object_cues():
        passive = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and _agent_of(cue) is not None:
            return passive.left_edge.i, _phrase_end(passive)  # "Okafor was endorsed by the union"
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
        if obj is not None:
            tail = [c for c in cue.children if c.i > obj.i and c.dep_ in OBJECT_TAIL_DEPS]
            return obj.left_edge.i, max([_phrase_end(obj) - 1, *(c.right_edge.i for c in tail)]) + 1
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        # "As Clyburn noted, those voters ...": the main clause is the content.
        excluded = {t.i for t in cue.subtree}
        return _contiguous_around(doc, [t.i for t in cue.head.subtree if t.i not in excluded], cue)
    if cue.dep_ == "parataxis" and cue.head.i != cue.i:
        # "This, he suggested, has been ...": the host clause around the cue is the content.
        excluded = {t.i for t in cue.subtree}
        kept = [t.i for t in cue.head.subtree if t.i not in excluded]
        return (min(kept), max(kept) + 1) if kept else None
    return None


def _phrase_end(head: Token) -> int:
    """End (exclusive) of a noun phrase without a trailing apposition: "railed against the
    Trans-Pacific Partnership, the trade deal ..." reports the deal's name, not its gloss."""
    appositions = [c for c in head.children if c.dep_ == "appos" and c.i > head.i]
    if not appositions:
        return head.right_edge.i + 1
    end = appositions[0].left_edge.i
    while end > head.i + 1 and head.doc[end - 1].is_punct:
        end -= 1
    return end


def _across_semicolon(cue: Token, comp: Token) -> bool:
    """ "X was not part of the swap; Iran insists ...": a clause across a semicolon is not the
    cue's content, whatever the parse says."""
    if comp.i > cue.i:
        return False  # the parser puts semicolons in that way round only; checking one side is cheap
    return any(t.text == ";" for t in cue.doc[comp.right_edge.i : cue.i])


def _clause_start(cue: Token, comp: Token) -> int:
    """First token of a reported clause. When the parser took the clause's subject for the
    cue's object ("said her anger was over the top"), the object starts the content."""
    start = comp.left_edge.i
    if any(c.dep_ in SUBJECT_DEPS for c in comp.children) or cue.lemma_.lower() in DATIVE_CUES:
        return start
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i + 1 == start), None)
    return obj.left_edge.i if obj is not None else start


def _contiguous_around(doc: Doc, kept: list[int], cue: Token) -> tuple[int, int] | None:
    """The longest run of ``kept`` tokens on one side of the attribution clause."""
    if not kept:
        return None
    before = [i for i in kept if i < cue.left_edge.i]
    after = [i for i in kept if i > cue.right_edge.i]
    side = before if len(before) >= len(after) else after
    if not side:
        return None
    return min(side), max(side) + 1


def _indirect_drafts(
    layout: _Layout,
    spans: Sequence[QuotedSpan],
    cues: Sequence[Token],
    nominal_cues: Sequence[Token],
    resolver: SpeakerResolver,
) -> list[_Draft]:
    drafts: list[_Draft] = []
    for cue in cues:
        if _inside(cue.idx, spans):
            continue
        bounds = _content_bounds(cue)
        if bounds is None:
            continue
        subject = subject_of(cue)
        if subject is None or (subject.i in range(*bounds) and not _governs(cue, subject)):
            continue
        draft = _span_draft(layout, bounds, cue, resolver.resolve(subject))
        if draft is not None:
            drafts.append(draft)
    for cue in nominal_cues:
        bounds = nominal_content_bounds(cue) if not _inside(cue.idx, spans) else None
        if bounds is None or _nominal_negated(cue):
            continue
        holder = holder_of(cue)
        if holder is None or bounds[0] <= holder.i < bounds[1]:
            continue
        verb = _reporting_verb(cue)
        draft = _span_draft(layout, bounds, verb if verb is not None else cue, resolver.resolve(holder))
        if draft is not None:
            drafts.append(draft)
    return _outermost(drafts)


def _nominal_negated(cue: Token) -> bool:
    """ "is not critical of", "did not make the claim that", "did not say in a statement that"."""
    verbs = [cue, cue.head, _reporting_verb(cue)]
    return any(any(c.dep_ == "neg" for c in v.children) for v in verbs if v is not None)


def _span_draft(layout: _Layout, bounds: tuple[int, int], cue: Token, speaker: Speaker | None) -> _Draft | None:
    """An indirect draft for the content tokens ``bounds``, kept within the cue's paragraph."""
    doc = layout.doc
    bounds = _without_trailing_aside(doc, bounds)
    para_start, para_end = layout.paragraph_bounds(cue.idx)  # a missed line break must not leak
    start = max(doc[bounds[0]].idx, para_start)
    end = min(doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1]), para_end)
    start, end = _trimmed(layout.text, start, end)
    if end <= start or len(WORD.findall(layout.text[start:end])) < _min_content_words(doc, bounds):
        return None
    return _Draft(start, end, layout.text[start:end], False, speaker, cue)


def _without_trailing_aside(doc: Doc, bounds: tuple[int, int]) -> tuple[int, int]:
    """Content without the comma-set adverbial clause that ends it: "he had not seen it, and
    when asked ...", "..., though voters are ..." (the writer's framing, not the report)."""
    start, end = bounds
    token = doc[end - 1]
    # Only the last token's ancestors can end exactly where the content ends.
    while start <= token.i and token.right_edge.i == end - 1 and token.head.i != token.i:
        if token.dep_ == "advcl" and token.left_edge.i > start + 1:
            comma = doc[token.left_edge.i - 1]
            marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
            if comma.text == "," and start <= token.head.i < comma.i and marks & ASIDE_MARKS:
                return start, comma.i
        token = token.head
    return bounds


def _min_content_words(doc: Doc, bounds: tuple[int, int]) -> int:
    """A one-word content is a name or a noun ("endorsed Trump"), never a stray word."""
    single = bounds[1] - bounds[0] == 1 and doc[bounds[0]].pos_ in NOMINAL_POS
    return 1 if single else 2


def _outermost(drafts: list[_Draft]) -> list[_Draft]:
    """Drop an attribution whose cue lies inside another's content (each word has one source)."""
    return [
        d for d in drafts if d.cue is not None and not any(o is not d and o.start <= d.cue.idx < o.end for o in drafts)
    ]


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _line_attribution(
    layout: _Layout, resolver: SpeakerResolver, source: tuple[int, int], content: tuple[int, int]
) -> _Draft | None:
    """A draft for a one-line attribution whose parse is unreliable (headlines, labels)."""
    text = layout.text
    source_text = text[source[0] : source[1]].strip()
    words = source_text.split()
    if not words or len(words) > MAX_LABEL_WORDS or any(c.isdigit() for c in source_text):
        return None
    if source_text.lower() in colon_labels() or text[content[0]] in "\"“‘'":
        return None  # a quotation: the direct pass attributes it
    head = layout.token_at(source[1] - 1)
    if head.idx < source[0] or not (head.pos_ in ("PROPN", "NOUN", "PRON") or head.text[:1].isupper()):
        return None
    speaker = resolver.resolve(head)
    speaker.text, speaker.start, speaker.end = source_text, source[0], source[0] + len(source_text)
    start, end = _trimmed(text, *content)
    return _Draft(start, end, text[start:end], False, speaker, None)


def _headline_drafts(layout: _Layout, resolver: SpeakerResolver) -> list[_Draft]:
    """ "Kasich: Deporting Parents Is Wrong" and "Christie Says He Would …" lines."""
    drafts = []
    for match in COLON_LINE.finditer(layout.text):
        if len(match.group("content").split()) < MIN_COLON_CONTENT_WORDS:
            continue  # "Sanders: Win in a walk." reads as a list item, not a statement
        draft = _line_attribution(layout, resolver, match.span("source"), match.span("content"))
        if draft is not None:
            drafts.append(draft)
    for match in _headline_says().finditer(layout.text):
        if not _title_case(match.group(0)):
            continue
        draft = _line_attribution(layout, resolver, match.span("source"), match.span("content"))
        if draft is not None:
            draft.cue = layout.token_at(match.start("cue"))
            drafts.append(draft)
    return drafts


def _on_lines(draft: _Draft, lines: Sequence[tuple[int, int]]) -> bool:
    return any(a <= draft.start < b for a, b in lines)


def _mostly_quoted(draft: _Draft, directs: Sequence[_Draft]) -> _Draft | None:
    """The direct quote that covers most of an indirect content, if any."""
    length = max(1, draft.end - draft.start)
    for d in directs:
        covered = min(draft.end, d.end) - max(draft.start, d.start)
        if covered >= 0.7 * length:
            return d
    return None


def _share_attribution(report: _Draft, directs: Sequence[_Draft]) -> None:
    """A quotation inside a reported content by the same speaker ("said she would “fight it”")
    is part of that report: it takes the report's cue."""
    for direct in directs:
        if not (report.start <= direct.start and direct.end <= report.end) or direct is report:
            continue
        if direct.speaker is None or _same_speaker(direct.speaker, report.speaker):
            direct.speaker, direct.cue = report.speaker, report.cue


def _same_speaker(a: Speaker, b: Speaker | None) -> bool:
    return b is not None and (a.start == b.start or (a.name is not None and a.name == b.name))


def extract_quotes(doc: Doc, ctx: Context) -> list[Quote]:
    """Direct and indirect quotes of ``doc`` with cue, speaker mention and resolved speaker."""
    layout = _Layout(doc)
    resolver = SpeakerResolver(doc, ctx.actors, layout.text)
    spans = find_quoted_spans(layout.text)
    cues, nominal = cue_tokens(doc)
    directs = _direct_drafts(doc, layout, spans, cues, resolver)
    drafts = list(directs)
    headlines = _headline_drafts(layout, resolver)
    lines = [layout.paragraph_bounds(h.start) for h in headlines]
    affirmed = [c for c in cues if not any(child.dep_ == "neg" for child in c.children) and not _refused(c)]
    indirect = [d for d in _indirect_drafts(layout, spans, affirmed, nominal, resolver) if not _on_lines(d, lines)]
    for draft in headlines + indirect:
        covering = _mostly_quoted(draft, directs)
        if covering is None:
            drafts.append(draft)
        elif covering.speaker is None:
            covering.speaker, covering.cue = draft.speaker, draft.cue
        else:
            continue
        _share_attribution(draft, directs)
    drafts.sort(key=lambda d: (d.start, d.end))
    return [_to_quote(d, ctx.article.id, layout.text) for d in drafts]


def _to_quote(draft: _Draft, article_id: str, text: str) -> Quote:
    speaker, cue = draft.speaker, draft.cue
    cue_end = None
    if cue is not None:
        cue_end = cue.idx + len(cue) if cue.lower_ != "according" else cue.nbor().idx + len(cue.nbor())
    return Quote(
        text=draft.text,
        start=draft.start,
        end=draft.end,
        direct=draft.direct,
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.actor_id if speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_kind=speaker.kind if speaker else None,
        cue=text[cue.idx : cue_end] if cue is not None and cue_end is not None else None,
        cue_start=cue.idx if cue is not None else None,
        cue_end=cue_end,
        id=content_hash(article_id, str(draft.start), str(draft.end)),
    )
