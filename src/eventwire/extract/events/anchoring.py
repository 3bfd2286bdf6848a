"""When and where an event happened: the date and place expression nearest to the trigger by level
(clause, sentence, earlier in the paragraph), else the article's news peg or publication date; and
whether the event lies more than a year before publication (historical)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventwire.extract.context import Context
from eventwire.extract.events.candidate import COUNTRYWIDE_MODES, SPEECH_ACT_TYPES, Candidate, clause_verb, sentence_of
from eventwire.extract.events.roles import light_verb
from eventwire.extract.gazetteer import scope_words, state_agent_nouns, title_nouns
from eventwire.extract.lexicon.events import cue, trigger_senses
from eventwire.extract.places import brief_labels, country_of_demonym
from eventwire.extract.timex import filing_spans, in_filing_stamp
from eventwire.model import Event, Place, TimeExpr
from eventwire.nlp import char_span, doc_text
from eventwire.periods import date_bounds, strictly_within

_DATE_VALUE = re.compile(r"^\d{4}")
NEWS_PEG_DAYS = 7
HISTORICAL_DAYS = 365
BACKGROUND_MONTH_DAYS = 31


@dataclass(slots=True)
class DateChoice:
    """The date given to an event and where it came from (clause, sentence, paragraph, article, publication)."""

    value: str
    end: str | None
    precision: str | None
    source: str
    span: tuple[int, int] | None = None  # the expression the date came from, when one did


def usable_timexes(timexes: Sequence[TimeExpr]) -> list[TimeExpr]:
    """DATE and TIME expressions whose value starts with a year (no durations, sets or unresolved values)."""
    return [
        t
        for t in timexes
        if t.type in ("DATE", "TIME") and t.value is not None and _DATE_VALUE.match(t.value) is not None
    ]


HEADLINE_MAX_WORDS = 25  # a first line this short, with no full stop, is the title


LIVE_ENTRY = re.compile(r"\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*(?:[-\u2013\u2014|:]|GMT|BST|CET|EAT|WAT|UTC)\s")


@dataclass(slots=True)
class Layout:
    """Paragraphs and filing stamps (datelines, update lines) of the analysed text by character offset."""

    paragraph_bounds: list[tuple[int, int]]
    stamps: list[tuple[int, int]] = field(default_factory=list)
    titled: tuple[str, bool] | None = None  # (text, whether its first paragraph is a title), once worked out
    timed: frozenset[int] = frozenset()  # starts of live-blog entries ("13:45 - ...")
    briefs: list[int] = field(default_factory=list)  # starts of the labels of a page of briefs ("SOMALIA: ...")

    @classmethod
    def build(cls, text: str) -> Layout:
        bounds: list[tuple[int, int]] = []
        timed: set[int] = set()
        clocks: list[tuple[int, int]] = []  # "13:45 - ": stamps, like a dateline, never an argument
        pos = 0
        for piece in text.split("\n"):
            if piece.strip():
                bounds.append((pos, pos + len(piece)))
                if (entry := LIVE_ENTRY.match(piece)) is not None:
                    timed.add(pos)
                    clocks.append((pos, pos + entry.end()))
            pos += len(piece) + 1
        labels = [(start, end + 1) for start, end in brief_labels(text)]  # the colon too
        return cls(bounds or [(0, len(text))], sorted([*filing_spans(text), *clocks, *labels]), timed=frozenset(timed),
                   briefs=[start for start, _ in labels])

    def brief(self, offset: int) -> int:
        """The brief of a page of briefs that holds ``offset``, by its label's start; -1 outside any
        (before the first label, or on a page of one story)."""
        return max((start for start in self.briefs if start <= offset), default=-1)

    def in_timed_entry(self, offset: int) -> bool:
        """In a live blog's entry opened by its clock time ("13:20 - The M23 denies ..."): told on
        the blog's own day."""
        return self.paragraph(offset)[0] in self.timed

    def in_stamp(self, start: int) -> bool:
        return in_filing_stamp(start, self.stamps)

    def in_headline(self, offset: int, text: str) -> bool:
        """In the title line: the first paragraph when it is short and ends without a full stop."""
        start, end = self.paragraph_bounds[0]
        if not start <= offset <= end:
            return False
        if self.titled is None or self.titled[0] is not text:
            line = text[start:end].strip()
            self.titled = (text, len(line.split()) <= HEADLINE_MAX_WORDS and not line.endswith("."))
        return self.titled[1]

    def opened_by_stamp(self, offset: int) -> tuple[int, int]:
        """The paragraph a stamp at ``offset`` opens: its own, or the next one when the stamp stands
        on a line of its own ("BOSTON —\n\nA citizen of ...")."""
        own = self.paragraph(offset)
        stamp_end = next((e for s, e in self.stamps if s <= offset < e), own[0])
        if stamp_end < own[1] - 1:
            return own
        return next((b for b in self.paragraph_bounds if b[0] > own[1]), own)

    def paragraph(self, offset: int) -> tuple[int, int]:
        for start, end in self.paragraph_bounds:
            if start <= offset <= end:
                return start, end
        return self.paragraph_bounds[-1]


def _clause_span(c: Candidate) -> tuple[int, int]:
    verb = act_verb(c)
    return verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)


def act_verb(c: Candidate) -> Token:
    """The verb whose clause tells the act: the trigger's own, or that of a word of the same act
    whose clause holds it ("In the city of Kherson, a man was killed by Russian shelling": the
    parser hangs "shelling" below "killed", whose clause has the town)."""
    own = clause_verb(c.token)
    for token in c.tokens[1:]:
        verb = clause_verb(token)
        if verb.i != own.i and verb.left_edge.i <= own.i <= verb.right_edge.i and _governs(verb, own):
            return verb
    return own


def _governs(verb: Token, inner: Token) -> bool:
    return any(a.i == verb.i for a in inner.ancestors)


def _tree_distance(token: Token, target: Token, limit: int = 8) -> int:
    """Hops from token up to target (large when target is not an ancestor)."""
    node, hops = token, 0
    while node.i != target.i and node.head.i != node.i and hops < limit:
        node, hops = node.head, hops + 1
    return hops if node.i == target.i else 100


def _nearest_in(items: Sequence[tuple[int, int]], lo: int, hi: int, anchor_char: int) -> int | None:
    """Index of the item inside [lo, hi) closest to the anchor offset."""
    best: tuple[int, int] | None = None
    for i, (s, e) in enumerate(items):
        if lo <= s and e <= hi:
            distance = abs(s - anchor_char)
            if best is None or distance < best[0]:
                best = (distance, i)
    return best[1] if best else None


def _in_clause(doc: Doc, items: Sequence[tuple[int, int]], c: Candidate, clause: tuple[int, int]) -> int | None:
    """The item inside an event noun's own phrase, else the one inside the trigger's clause nearest
    to its verb in the tree; else one the verb it is a conjunct of holds ("early on Sunday, gunmen
    forced a car off the road and shot at it")."""
    verb = act_verb(c)
    best: tuple[int, int] | None = None
    for i, (s, e) in enumerate(items):
        if s < clause[0] or e > clause[1]:
            continue
        span = char_span(doc, s, e)
        if span is None:
            continue
        own_phrase = _in_its_own_phrase(span.root, c.token)
        hops = _tree_distance(span.root, c.token) - OWN_PHRASE_FIRST if own_phrase else _tree_distance(span.root, verb)
        if best is None or hops < best[0]:
            best = (hops, i)
    if best is None and _where_clause(verb):
        return next((i for i, (s, e) in enumerate(items) if s <= verb.head.idx < e), None)
    if best is None and _shares_a_subject(verb):
        return _held_by_clause_of(doc, items, verb.head)
    if best is None and (frame := _framing_verb(verb)) is not None:
        return _held_by_clause_of(doc, items, frame)
    return best[1] if best else None


def _where_clause(verb: Token) -> bool:
    """"Protests spread to Santa Cruz, where hundreds of people blocked the highway": the place a
    "where" clause hangs on is where its act happened."""
    return verb.dep_ == "relcl" and any(ch.dep_ == "advmod" and ch.lower_ == "where" for ch in verb.children)


OWN_PHRASE_FIRST = 1000  # ranks every item of an event noun's own phrase before those of its clause


def _in_its_own_phrase(token: Token, noun: Token) -> bool:
    """"The ringleader of Saturday's attack was arrested on Tuesday": a word inside an event noun's
    own phrase tells of that event before anything its clause's verb holds."""
    return noun.pos_ in ("NOUN", "PROPN") and token.i != noun.i and any(a.i == noun.i for a in token.ancestors)


FRAMING_MARKS = frozenset({"when", "as"})


def _framing_verb(verb: Token) -> Token | None:
    """The verb whose clause frames the act's own: "retaliated on Monday by attacking a camp" (the
    means), "the violence began on Saturday when herders attacked a village" (the moment); never a
    verb of saying ("police said on Monday that gunmen attacked")."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "by" and head.head.pos_ == "VERB":
        frame = head.head
    elif verb.dep_ == "advcl" and any(ch.dep_ == "advmod" and ch.lower_ in FRAMING_MARKS or
                                      ch.dep_ == "mark" and ch.lower_ in FRAMING_MARKS for ch in verb.children):
        frame = head
    else:
        return None
    return None if frame.lemma_.lower() in cue("report") | cue("saying") else frame


def _shares_a_subject(verb: Token) -> bool:
    return verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not any(
        ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children)


def _held_by_clause_of(doc: Doc, items: Sequence[tuple[int, int]], head: Token) -> int | None:
    """The item nearest ``head`` in the tree, outside its other conjuncts (the first verb of a
    conjunct, or the verb whose clause frames the act)."""
    best: tuple[int, int] | None = None
    for i, (s, e) in enumerate(items):
        span = char_span(doc, s, e)
        if span is None or not head.left_edge.i <= span.root.i <= head.right_edge.i:
            continue
        hops = _tree_distance(span.root, head)
        path = span.root
        while path.i != head.i and path.head.i != path.i and not (path.dep_ == "conj" and path.pos_ == "VERB"):
            path = path.head
        if path.i == head.i and (best is None or hops < best[0]):
            best = (hops, i)
    return best[1] if best else None


EVENT_NOUNS_KEY = "eventwire.events.event_nouns"  # token indices of the article's noun triggers
EVENT_TYPES_KEY = "eventwire.events.event_types"  # token index of every trigger word -> its type
SEQUENCE_PREPS = frozenset({"before", "after", "until", "since"})  # "..., before surrendering on Tuesday"


def _in_another_event(doc: Doc, t: TimeExpr, c: Candidate) -> bool:
    """A date inside another event's noun phrase is that event's ("convicted him for impeding the
    investigation into last year's blast": last year is the blast's); a date in a clause of its own
    is not ("pleaded not guilty to the charges when the trial opened in September")."""
    span = char_span(doc, t.start, t.end)
    if span is None:
        return False
    others = doc.user_data.get(EVENT_NOUNS_KEY, frozenset()) - {x.i for x in c.tokens}
    types_at = doc.user_data.get(EVENT_TYPES_KEY, {})
    own = {x.i for x in c.tokens}
    node = span.root
    for _ in range(12):
        if node.pos_ == "VERB" and node.dep_ == "acl" and node.head.i in others:
            return True  # "ahead of a second march planned for Thursday": the march's participle
        if _a_sequence_clause(node) and types_at.get(node.i, c.type) != c.type:
            return True  # "wounding nine, before surrendering on Tuesday"; "after he pleaded guilty in January"
        if _described_by_another_act(node, c, own, types_at):
            return True  # "a businessman kidnapped in Guayaquil last week has been freed": the kidnapping's
        if node.i == c.token.i or node.head.i == node.i or node.pos_ in ("VERB", "AUX"):
            return False
        if node.i in others and not (node.dep_ == "pobj" and node.head.lower_ == "without"):
            return True  # "ended without agreement on Tuesday": what did not happen owns no date
        node = node.head
    return False


def _described_by_another_act(verb: Token, c: Candidate, own: set[int], types_at: dict[int, str]) -> bool:
    """A clause of another act that describes a person or thing ("a businessman kidnapped last week",
    "the junta, which seized power in 2022, has expelled"), neither the act's own clause nor one
    that holds it ("women who gathered on Monday to demand news"), nor one that describes an event
    ("the pact, which was ratified in 2023", "one signed in 2018")."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("acl", "relcl") or verb.i not in types_at or verb.i in own:
        return False
    if verb.head.i in types_at or verb.head.pos_ == "NUM" or verb.head.lower_ in ("one", "ones"):
        return False
    return not (verb.left_edge.i <= c.token.i <= verb.right_edge.i)


def _a_sequence_clause(verb: Token) -> bool:
    """"before surrendering", "after he pleaded guilty": a clause telling an act before or after."""
    if verb.dep_ == "pcomp":
        return verb.head.lower_ in SEQUENCE_PREPS
    return verb.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ in SEQUENCE_PREPS for ch in verb.children)


def _after_since(doc: Doc, t: TimeExpr) -> bool:
    """"Held since 2022", "since September": where a span starts, which dates only its own clause."""
    return doc_text(doc)[max(0, t.start - 7):t.start].strip().lower().endswith("since")


def _owned_by_another_noun(doc: Doc, t: TimeExpr, c: Candidate) -> bool:
    """"speaking as a mediator in last year's conflict, urged both sides", "condemned Sunday's
    attack": a date in the possessive belongs to its noun, not to another kind of act of the clause
    ("when Monday's violence had ended, a woman was shot dead" is Monday's)."""
    span = char_span(doc, t.start, t.end)
    if span is None or span.root.dep_ != "poss":
        return False
    owner = span.root.head
    lemma = owner.lemma_.lower()
    kinds = {sense.type for sense in trigger_senses().get(lemma, ())}
    return owner.i not in {x.i for x in c.tokens} and c.type not in kinds and lemma not in cue("incident")


def _introduces(doc: Doc, t: TimeExpr, c: Candidate) -> bool:
    """"since January, when Houthi forces seized two outposts": the date's own clause tells the act."""
    span = char_span(doc, t.start, t.end)
    return span is not None and span.root.left_edge.i <= c.token.i <= span.root.right_edge.i


def _since_for_one_act(doc: Doc, t: TimeExpr, c: Candidate) -> bool:
    """"met face to face for the first time since September": one act told in the simple past
    happened after the date a "since" names, not on it ("have killed 300 since January" counts
    from it)."""
    if not _after_since(doc, t) or _introduces(doc, t, c):
        return False
    verb = clause_verb(c.token)
    return verb.tag_ == "VBD" and not any(ch.dep_ == "aux" and ch.lemma_ == "have" for ch in verb.children)


def _locate_level(
    doc: Doc, items: Sequence[tuple[int, int]], c: Candidate, layout: Layout,
    own_clause_only: frozenset[int] = frozenset(), described_apart: bool = False,
) -> tuple[int | None, str | None]:
    sent = sentence_of(c.token)
    clause = _clause_span(c)
    i = _in_clause(doc, items, c, clause)
    if i is not None:
        return i, "clause"
    if _describes_someone(c.token):
        return None, None
    items = [(-1, -1) if k in own_clause_only else item for k, item in enumerate(items)]
    i = _nearest_in(items, sent.start_char, sent.end_char, c.token.idx)
    if i is not None and described_apart and _the_reports_day(doc, items[i], c.token):
        return i, OUTER  # "said on Tuesday that its forces had struck a camp": when it was said
    if i is not None:
        return i, OUTER if described_apart and _outside_its_description(doc, items[i], c.token) else "sentence"
    # earlier in the paragraph only: a later sentence's date belongs to that sentence's news
    para = layout.paragraph(c.token.idx)
    i = _nearest_in(items, para[0], sent.start_char, c.token.idx)
    if i is not None and not _told_as_earlier(doc, items[i]):
        return i, "paragraph"
    return None, None


def _the_reports_day(doc: Doc, item: tuple[int, int], token: Token) -> bool:
    """A day told with the verb that reports the act ("the junta said on Tuesday that its forces had
    struck"): the report's day, below any day the act's own words give."""
    span = char_span(doc, item[0], item[1])
    verb = span.root.head if span is not None else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None or verb.i == token.i or verb.lemma_.lower() not in cue("report") | cue("saying"):
        return False
    return any(a.i == verb.i for a in token.ancestors)


def _told_as_earlier(doc: Doc, item: tuple[int, int]) -> bool:
    """"He had pleaded not guilty when the trial opened in September. Two co-defendants were
    sentenced ...": a date told in the past perfect is a look back, not the paragraph's time."""
    span = char_span(doc, item[0], item[1])
    if span is None:
        return False
    root = sentence_of(span.root).root
    return any(ch.dep_ == "aux" and ch.lower_ == "had" for ch in root.children)


def _describes_someone(token: Token) -> bool:
    """"On Wednesday the sister of the teen killed by police was arrested": a clause that describes
    a person or thing of another act is not dated by that act's sentence (a clause on a day, "on
    Oct. 9, 2023, in which four protesters were killed", tells what happened that day)."""
    return (token.dep_ in ("acl", "relcl") and token.tag_ == "VBN" and token.head.pos_ in ("NOUN", "PROPN")
            and not _a_time(token.head))


def _a_time(noun: Token) -> bool:
    """A word of a date or time ("Oct." in "on Oct. 9, 2023, in which ...", "the night when ...")."""
    return noun.ent_type_ in ("DATE", "TIME")


DESCRIPTION_HOPS = 8


def _outside_its_description(doc: Doc, item: tuple[int, int], token: Token) -> bool:
    """"Identified McVeigh on Friday as the man who rented the truck used in the bombing", "jurors
    yesterday watched video of the moment that a mother was struck": an act told inside a clause
    that describes a person or thing, or in the phrase of another noun ("the Islamic State group
    claimed responsibility for the attack"), is not dated by the other clauses of its sentence (but
    "people who gathered on Monday to protest" is; "the April 15 attack, which killed three"
    describes the act itself)."""
    clause = _description(token)
    span = doc.char_span(item[0], item[1], alignment_mode="expand")
    return clause is not None and span is not None and not clause.left_edge.i <= span.root.i <= clause.right_edge.i


def _description(token: Token) -> Token | None:
    """The verb of the clause describing a person or thing that holds the token, or the noun whose
    phrase an event noun describes ("claimed responsibility for the attack"), if any."""
    owner = token.head.head
    if token.dep_ == "pobj" and token.pos_ in ("NOUN", "PROPN") and owner.pos_ in ("NOUN", "PROPN"):
        return None if _an_event_word(owner) else owner
    node = token
    for _ in range(DESCRIPTION_HOPS):
        head = node.head
        if node.dep_ in ("acl", "relcl") and node.pos_ == "VERB" and head.pos_ in ("NOUN", "PROPN"):
            return None if _an_event_word(head) or _a_time(head) else node
        if head.i == node.i:
            return None
        node = head
    return None


def _an_event_word(noun: Token) -> bool:
    """"attack", "incident": a noun that names an act (the lexicon's triggers and incident words)."""
    lemma = noun.lemma_.lower()
    return lemma in trigger_senses() or lemma in cue("incident")


# "fired four days earlier", "the day before": a day counted from another event, not the story's own day
_RELATIVE_TO_AN_EVENT = re.compile(r"\b(?:earlier|later|before|after|previous|prior|following)\b", re.IGNORECASE)


def news_peg(timexes: Sequence[TimeExpr], anchor: date | None, body_end: int) -> TimeExpr | None:
    """The article's own recent day: the first date of a day in the body shortly before the anchor
    ("on Wednesday afternoon" gives its Wednesday, not its afternoon, to acts with no date nearer)."""
    if anchor is None:
        return None
    earliest = anchor - timedelta(days=NEWS_PEG_DAYS)
    for t in timexes:
        if t.start >= body_end or t.precision not in ("day", "time") or t.value is None:
            continue
        if _RELATIVE_TO_AN_EVENT.search(t.text):
            continue
        day = _parse_day(t.value)
        if day is not None and earliest <= day <= anchor:
            return t if t.precision == "day" else replace(t, value=day.isoformat(), precision="day")
    return None


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _reach(c: Candidate, layout: Layout) -> tuple[int, int]:
    """The characters a date of the act can lie in for ``_locate_level`` to take it: its
    paragraph up to the end of its sentence, and its parse tree (the clauses it is told in); the
    dates elsewhere in the article are not weighed one by one for each act."""
    sent = sentence_of(c.token)
    root = c.token
    while root.head.i != root.i:
        root = root.head
    right = root.right_edge
    lo = min(layout.paragraph(c.token.idx)[0], sent.start_char, root.left_edge.idx)
    return lo, max(sent.end_char, right.idx + len(right.text))


OUTER = "outer"  # the day of the clauses around a description that tells the act: below the act's own words


def _chosen(t: TimeExpr, level: str) -> DateChoice:
    return DateChoice(t.begin or t.value or "", t.end_value, t.precision, level, (t.start, t.end))


def _finest_in_clause(doc: Doc, timexes: Sequence[TimeExpr], chosen: TimeExpr, c: Candidate) -> TimeExpr:
    """"Summoned the ambassador on Thursday and lodged a protest, its 12th this year": of two dates
    of one clause, a day inside the period the other names is the finer telling of the same time
    (a day of the act's own verb: in "charged last month with assaulting an officer on Jan. 28" the
    day is the assault's)."""
    period = chosen.begin or chosen.value
    verb = clause_verb(c.token)
    lo, hi = _clause_span(c)
    inside = [t for t in timexes if lo <= t.start and t.end <= hi and t is not chosen
              and strictly_within(t.begin or t.value, period) and _verb_of(doc, t) == verb]
    return min(inside, key=_width) if inside else chosen


def _verb_of(doc: Doc, t: TimeExpr) -> Token | None:
    """The verb whose clause holds the date."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    verb = span.root if span is not None else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _width(t: TimeExpr) -> int:
    first, last = date_bounds(t.begin or t.value)
    return (date.fromisoformat(last) - date.fromisoformat(first)).days if first and last else 0


def _choose_date(
    doc: Doc, c: Candidate, timexes: list[TimeExpr], layout: Layout, ctx: Context, peg: TimeExpr | None,
    modal: frozenset[int] = frozenset(),
) -> DateChoice | None:
    lo, hi = _reach(c, layout)
    timexes = [t for t in timexes if t.end > lo and t.start < hi]
    carrier = light_verb(c.token) if c.token.pos_ in ("NOUN", "PROPN") else None
    carried = carrier is not None and carrier.lemma_.lower() not in cue("asking") and _told_as_done(carrier)
    if _told_as_done(c.token) or carried:  # "condemned the violence and
        # said production would stay shut until Monday"; "had opened an inquiry" after "a rally on Friday" to come
        timexes = [t for t in timexes if t.start not in modal and not (ctx.anchor and _after(t, ctx.anchor))]
    timexes = [t for t in timexes if not (_in_another_event(doc, t, c) or _since_for_one_act(doc, t, c)
                                          or _owned_by_another_noun(doc, t, c))]
    since = frozenset(k for k, t in enumerate(timexes) if _after_since(doc, t) and not _introduces(doc, t, c))
    i, level = _locate_level(doc, [(t.start, t.end) for t in timexes], c, layout, since, described_apart=True)
    if i is not None and level == "clause":
        return _chosen(_finest_in_clause(doc, timexes, timexes[i], c), level)
    if i is not None and level is not None:
        return _chosen(timexes[i], level)
    if ctx.anchor is not None and layout.in_timed_entry(c.token.idx):
        return DateChoice(ctx.anchor.isoformat(), None, "day", "publication")  # a live blog's entry
    if peg is not None and peg.value is not None:
        return DateChoice(peg.value, None, peg.precision, "article", (peg.start, peg.end))
    if ctx.anchor is not None:
        return DateChoice(ctx.anchor.isoformat(), None, "day", "publication")
    return None


MODAL_AUX = frozenset({"will", "would", "shall", "could", "may", "might", "should", "'ll"})


def modal_timexes(doc: Doc, timexes: Sequence[TimeExpr]) -> frozenset[int]:
    """Starts of the dates told in a clause of what will or would happen ("production would stay
    suspended until Monday"): such a date is never that of an act told as done."""
    found: set[int] = set()
    for t in timexes:
        span = char_span(doc, t.start, t.end)
        verb = span.root if span is not None else None
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb is not None and _modal(verb):
            found.add(t.start)
    return frozenset(found)


def _modal(verb: Token) -> bool:
    """"would stay suspended": a modal among the verb's auxiliaries (or theirs, as the parser hangs them)."""
    auxes = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    auxes += [g for a in auxes for g in a.children if g.dep_ == "aux"]
    return any(a.lower_ in MODAL_AUX for a in auxes)


def _told_as_done(verb: Token) -> bool:
    """"Called", "has rejected": a simple past or a present perfect."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(ch.dep_ == "aux" and ch.lemma_ == "have" for ch in verb.children)


def _after(t: TimeExpr, anchor: date) -> bool:
    """A date that starts after the article's day: "called for protests next week" was said before
    it, so a verb told in the past is never dated by it (the date is its content's)."""
    first, _last = date_bounds(t.begin or t.value)
    return first is not None and first > anchor.isoformat()


def choose_place(
    doc: Doc, c: Candidate, places: list[Place], layout: Layout, exclude: Sequence[tuple[int, int]],
    modifier_towns: Sequence[Place] = (), acting_country: str | None = None,
) -> tuple[Place | None, str | None]:
    """The place nearest to the trigger by level, skipping places inside the excluded spans and
    continents (too coarse to place an act). A dateline's place is where the story was filed: only
    for an event of the paragraph it opens (or, standing on a line of its own, the paragraph after
    it), when nothing nearer places the event, it is taken, as level "dateline" ("ROCKFORD — Two
    men were wounded ..." in a local paper). Else the story's place (``article_place``), read from
    every mention, the dateline and the towns named as modifiers included; not for a statement by
    an actor of another country (``acting_country``), which the story's place does not locate."""
    usable = [p for p in places if p.kind != "continent" and not any(s <= p.start and p.end <= e for s, e in exclude)]
    told = sorted([*_told_places(doc, c, usable, layout), *(p for p in modifier_towns if _names_a_spot(doc, p))],
                  key=lambda p: p.start)
    evidence = sorted([*(p for p in usable if not _in_an_organization(doc, p)), *modifier_towns], key=lambda p: p.start)
    i, level = _locate_level(doc, [(p.start, p.end) for p in told], c, layout)
    if i is not None:
        return _refined(doc, c, told[i], level, places, evidence), level
    lead = layout.paragraph(c.token.idx)
    brief = layout.brief(c.token.idx)
    filed = next((p for p in usable if layout.in_stamp(p.start) and (
        layout.opened_by_stamp(p.start) == lead or brief >= 0 and layout.brief(p.start) == brief)), None)
    if filed is not None:
        return filed, "dateline"
    if brief >= 0:  # a page of briefs has no one story: only the brief's own places place its acts
        evidence = [p for p in evidence if layout.brief(p.start) == brief]
    story = _story_place(c, evidence)
    if story is not None and c.type in SPOKEN_TYPES and acting_country not in (None, story.country):
        return None, None  # "the U.S. Treasury accused ..." in a story about Darfur: not said in Darfur
    if story is not None and over_the_country(c):
        story = _its_country(story, places)
    return (story, "article") if story is not None else (None, None)


def _in_an_organization(doc: Doc, place: Place) -> bool:
    """"The Police Service of Northern Ireland said": a place inside an organization's name tells
    whose the body is, not where the story happens."""
    span = char_span(doc, place.start, place.end)
    if span is None:
        return False
    token, prep = span[0], span.root.head
    if prep.lower_ == "of" and span.root.dep_ == "pobj" and prep.ent_type_ == "ORG":
        return True  # the model tags "Police Service of" ORG and "Northern Ireland" GPE
    return token.ent_type_ == "ORG" and token.ent_iob_ == "I" or (
        token.ent_type_ == "ORG" and span.end < len(doc) and doc[span.end].ent_iob_ == "I")


# Acts made by saying: where they happen is where they are said, which the story's place does not tell
SPOKEN_TYPES = SPEECH_ACT_TYPES | {"SANCTION"}


def _told_places(doc: Doc, c: Candidate, usable: Sequence[Place], layout: Layout) -> list[Place]:
    """The places that may place the act where ``_locate_level`` looks: those of its sentence, and
    the nearest one told before it in its paragraph (only the nearest is ever taken, so the places
    before it are not weighed)."""
    sent = sentence_of(c.token)
    inside = [p for p in usable if sent.start_char <= p.start < sent.end_char and _may_place(doc, p, c, layout)]
    inside = [p for p in _without_landmarks(doc, c, inside) if not _a_thing_of_that_name(doc, p)]
    inside = _without_owners_of_places(doc, inside)
    para_start = layout.paragraph(c.token.idx)[0]
    earlier = sorted((p for p in usable if para_start <= p.start < sent.start_char), key=lambda p: -p.start)
    before = next((p for p in earlier if _may_place(doc, p, c, layout) and not _a_thing_of_that_name(doc, p)), None)
    return inside if before is None else [before, *inside]


def _without_owners_of_places(doc: Doc, told: list[Place]) -> list[Place]:
    """"near Kok-Tash in Kyrgyzstan's Batken region", "in Assam's Nagaon district": the country or
    state that owns the division named is where the division lies, not a place of its own."""
    roots = [(p, char_span(doc, p.start, p.end)) for p in told]
    heads = {span.root.head.i for _, span in roots if span is not None and span.root.dep_ == "compound"}
    heads |= {span.root.i for _, span in roots if span is not None}
    return [p for p, span in roots
            if span is None or span.root.dep_ != "poss" or span.root.head.i not in heads]


def _may_place(doc: Doc, p: Place, c: Candidate, layout: Layout) -> bool:
    return (not layout.in_stamp(p.start) and not _where_it_was_said(doc, p, c) and not _in_an_organization(doc, p)
            and (not _in_what_was_said(doc, p, c) or _end_of_a_stretch(doc, p))  # a stretch: see _refined
            and not _who_acts(doc, p, c) and not _where_the_hurt_were_taken(doc, p, c)
            and not _a_direction(doc, p) and not _across_a_line(doc, p))


DIRECTION_PREPS = frozenset({"toward", "towards"})
DIRECTION_HOPS = 4


def _a_direction(doc: Doc, place: Place) -> bool:
    """"fleeing toward the border with Mali", "headed towards Goma": where someone went, not where
    the act was."""
    span = char_span(doc, place.start, place.end)
    node = span.root if span is not None else None
    for _ in range(DIRECTION_HOPS):
        if node is None or node.head.i == node.i:
            return False
        if node.dep_ == "prep" and node.lower_ in DIRECTION_PREPS:
            return True
        node = node.head
    return False


def _across_a_line(doc: Doc, place: Place) -> bool:
    """"shelled the town of Nikopol across the Dnipro River", "fired across the border": the other
    side of a river, border or street tells where the target lies from here, not where the act was."""
    span = char_span(doc, place.start, place.end)
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ != "across":
        return False
    return span.root.lemma_.lower() in cue("crossed")


CARE_STAY_PREPS = frozenset({"at", "in"})


def _takes_the_hurt(verb: Token, prep: str) -> bool:
    """"(were) taken to", "rushed to", "admitted to"; "treated at", "hospitalised in" (not "took place
    in", "take to the streets")."""
    lemma = verb.lemma_.lower()
    if prep == "to":
        return lemma in cue("care_move") and verb.tag_ == "VBN"
    return prep in CARE_STAY_PREPS and lemma in cue("care_stay")


def _where_the_hurt_were_taken(doc: Doc, place: Place, c: Candidate) -> bool:
    """"Three policemen were wounded and taken to a military hospital in Bannu", "were being treated
    in Peshawar": where the hurt were taken or treated, not where they were hurt (an attack "on a
    hospital in Gaza" is placed by it)."""
    span = char_span(doc, place.start, place.end)
    if span is None:
        return False
    own, node = clause_verb(c.token), span.root
    for _ in range(2 * SAID_HOPS):
        if node.i == own.i or node.head.i == node.i:
            return False
        if node.dep_ == "prep" and _takes_the_hurt(node.head, node.lower_):
            return True
        node = node.head
    return False


def _without_landmarks(doc: Doc, c: Candidate, told: list[Place]) -> list[Place]:
    """"A market in Gwoza, near the border with Cameroon", "Konduga, 35 kilometres southeast of
    Maiduguri": a place named only to locate another is no place of the act, when its sentence
    names another place."""
    sent = sentence_of(c.token)
    landmarks = [p for p in told if sent.start_char <= p.start < sent.end_char and _a_landmark(doc, p)]
    if not landmarks:
        return told
    others = [p for p in told if sent.start_char <= p.start < sent.end_char and p not in landmarks]
    return [p for p in told if p not in landmarks] if others else told


STRETCH_WINDOW = 8  # tokens from "from X" to its "to Y"


def _end_of_a_stretch(doc: Doc, place: Place) -> bool:
    """"Nationwide mobilization ... from the Caribbean Sea to the Andes Mountains": the two ends of a
    stretch tell how far an act over the whole country reaches, not where in it it happened."""
    span = char_span(doc, place.start, place.end)
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ not in ("from", "to"):
        return False
    prep = span.root.head
    if prep.lower_ == "to":
        window = doc[max(0, prep.i - STRETCH_WINDOW) : prep.i]
        return any(t.lower_ == "from" and any(o.dep_ == "pobj" and o.ent_type_ for o in t.children) for t in window)
    window = doc[span.end : span.end + STRETCH_WINDOW]
    return any(t.lower_ == "to" and any(o.dep_ == "pobj" and o.ent_type_ for o in t.children) for t in window)


SPOT_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})


def _names_a_spot(doc: Doc, town: Place) -> bool:
    """"Opened fire at a party in a south Memphis park", "a blast outside a Kabul hotel": a town named
    as the modifier of a spot after a preposition of place says where the act was."""
    span = char_span(doc, town.start, town.end)
    if span is None:
        return False
    noun = span.root.head
    return (span.root.dep_ in ("compound", "amod", "nmod") and noun.dep_ == "pobj"
            and noun.head.lower_ in SPOT_PREPOSITIONS)


def _a_thing_of_that_name(doc: Doc, place: Place) -> bool:
    """"Searching for the car, a white Toyota": a name after "a" or "an" is one of a kind of thing."""
    span = char_span(doc, place.start, place.end)
    return span is not None and any(ch.dep_ == "det" and ch.lower_ in ("a", "an") for ch in span.root.children)


def _a_landmark(doc: Doc, place: Place) -> bool:
    span = char_span(doc, place.start, place.end)
    if span is None or span.root.dep_ != "pobj":
        return False
    prep, held = span.root.head, span.root.head.head
    if prep.lower_ == "with":
        return held.lemma_.lower() in scope_words("border_noun")  # "the border with Cameroon"
    return prep.lower_ == "of" and held.lower_ in scope_words("direction")  # "35 km southeast of Maiduguri"


SAID_HOPS = 8


def _where_it_was_said(doc: Doc, place: Place, c: Candidate) -> bool:
    """"Navy ships struck a boat, the secretary told reporters in Washington", "the ministry said in a
    statement issued in Nairobi": a place of the verb that reports the act (reached from the place
    through no other clause's verb) is where it was said, not where the act happened."""
    sent = sentence_of(c.token)
    if not sent.start_char <= place.start < sent.end_char:
        return False
    span = char_span(doc, place.start, place.end)
    if span is None:
        return False
    own, node = clause_verb(c.token), span.root
    for _ in range(SAID_HOPS):
        if node.i == own.i or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in cue("report") | cue("saying"):
            return node.i != own.i and any(t.i == own.i for t in node.subtree)
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("acl", "relcl"):
            return False  # "carried out attacks in central Mali, killing 40, officials said": the report's content
    return False


def _who_acts(doc: Doc, place: Place, c: Candidate) -> bool:
    """"Serbia, Kosovo agree energy deal in Brussels": a place that is the subject of the act's own
    verb, one of its coordinated subjects, or the subject's owner, is a party to it, not where it
    happened; so is one that is the subject of a verb of saying or denying ("Ankara denied")."""
    span = char_span(doc, place.start, place.end)
    if span is None:
        return False
    node = span.root
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "poss" and node.head.dep_ == "nsubj":
        node = node.head  # "Israel's missiles struck a house in Gaza": whose arms, not where
    if node.dep_ == "nsubj" and node.head.lemma_.lower() in cue("report") | cue("saying"):
        return True  # "with a Kurdish-led force claiming the attack and Ankara denying any role": who speaks
    return node.dep_ == "nsubj" and node.head.i == c.token.i  # not "Sinaloa recorded 1,900 homicides"


def _in_what_was_said(doc: Doc, place: Place, c: Candidate) -> bool:
    """A verbal act's content: "warned that Belgrade could suspend its recognition of Kosovo-issued
    papers", "agreed to restore power to towns in northern Kosovo", "rejected the demand, saying the
    police had been deployed in 2023 after a gunfight in Banjska": a place under a verb of what would
    or is to be done, or of what someone says (the act's own or another's in its sentence), before
    the act's verb is reached, is in what was said, agreed or asked, not where the act happened
    ("accused of stealing from a Manchester firm": the theft's town is the accusation's). For any
    act, a place in what someone is suspected or accused of is that deed's ("arrested two men
    suspected of driving the car from Raqqa")."""
    span = char_span(doc, place.start, place.end)
    if span is None:
        return False
    verbal = c.type not in INCIDENT_TYPES
    own, node = clause_verb(c.token), span.root
    for _ in range(2 * SAID_HOPS):
        if node.i == own.i or node.head.i == node.i:
            return False
        node = node.head
        if node.i != own.i and node.pos_ in ("VERB", "AUX") and (
                _a_deed_charged(node) or (verbal and _content_verb(node))):
            return True
    return False


def _a_deed_charged(verb: Token) -> bool:
    """"Two men suspected of ...", "a driver accused of ...": a clause of what a person is charged with."""
    return verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() in cue("charge")


def _content_verb(verb: Token) -> bool:
    """"could suspend", "to restore": an act not done; "(saying) the police had been deployed": what
    a speaker says."""
    if _modal(verb) or any(ch.dep_ == "aux" and ch.tag_ == "TO" for ch in verb.children):
        return True
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cue("report") | cue("saying")


def _story_place(c: Candidate, evidence: Sequence[Place]) -> Place | None:
    return article_place(evidence, towns_first=c.type in INCIDENT_TYPES and c.mode not in COUNTRYWIDE_MODES)


def _refined(
    doc: Doc, c: Candidate, place: Place, level: str | None, places: Sequence[Place], evidence: Sequence[Place]
) -> Place:
    """A place read nearby, made what the text means: for an act over the whole country, the country
    of a town an earlier sentence names; for "France's third-largest city", the story's town when
    it lies in that country."""
    if level == "paragraph" and over_the_country(c):
        return _its_country(place, places)
    if _end_of_a_stretch(doc, place) and over_the_country(c):
        return _its_country(_story_place(c, evidence) or place, places)  # a sea at one end has no country
    if _a_town_of(doc, place):
        town = _story_place(c, evidence)
        if town is not None and town.country == place.country and (town.geo_precision or 3) <= TOWN_PRECISION:
            return town
    return place


def _a_town_of(doc: Doc, place: Place) -> bool:
    """"France's third-largest city", "Ukraine's second city": a country that owns a town noun."""
    span = char_span(doc, place.start, place.end)
    if place.kind != "country" or span is None or span.root.dep_ != "poss":
        return False
    return span.root.head.lemma_.lower() in scope_words("town_noun")


def _its_country(place: Place, places: Sequence[Place]) -> Place:
    """The article's mention of the country a place lies in (the place itself when it names none)."""
    return next((p for p in places if p.kind == "country" and p.country == place.country), place)


def over_the_country(c: Candidate) -> bool:
    """An act spread over the story's whole country: "called for nationwide protests", "strikes
    across the country", or said to its people as a whole ("begging Venezuelans to sit out the
    vote"; an attack on "Palestinians" is not on a whole people). Such an act is placed at the
    country, not at a town an earlier sentence or the story names."""
    for token in clause_verb(c.token).subtree:
        if token.lower_ in scope_words("nationwide"):
            return True
        if token.lower_ in ("across", "throughout") and any(
                ch.dep_ == "pobj" and ch.lemma_.lower() in scope_words("nation_noun") for ch in token.children):
            return True
    return c.type not in INCIDENT_TYPES and c.recipient_token is not None and _a_whole_people(c.recipient_token)


def _a_whole_people(token: Token) -> bool:
    """"Venezuelans" with nothing to count or pick some of them ("three Venezuelans", "the Venezuelans
    who ..."): a country's people as a whole."""
    if token.tag_ not in ("NNPS", "NNS") or country_of_demonym(token.text) is None:
        return False
    return not any(ch.dep_ in ("det", "nummod", "amod", "relcl", "acl", "prep") for ch in token.children)


ARTICLE_PLACE_MIN_MENTIONS = 2
TOWN_PRECISION = 2  # ACLED geo_precision of a town or a part of a region


_HYPHEN_HEAD = r"(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*[-–]\s*"  # ", Calif.-based", "-backed"


@lru_cache(maxsize=1)
def _agent_hyphen_re() -> re.Pattern[str]:
    words = "|".join(sorted(scope_words("agent_participle"), key=len, reverse=True))
    return re.compile(_HYPHEN_HEAD + rf"(?:{words})\b")


def where_someone_is_from(doc: Doc, place: Place) -> bool:
    """"A citizen of Kyrgyzstan", "a native of Gao": the place tells where a person is from; "a
    resident reached by phone from Bangkok", "speaking from Geneva": where a speaker is; "a
    London-based charity", "a Newport Beach, Calif.-based firm": where a body is; "a Tehran-funded
    militia", "Washington-brokered talks": who backs, funds or brokers it;
    "Venezuela's President Nicolas Maduro", "Russia's Defense Ministry": whose person or body it is."""
    if _agent_hyphen_re().match(doc_text(doc), place.end) is not None:
        return True
    span = char_span(doc, place.start, place.end)
    if span is None:
        return False
    if span.root.dep_ == "poss":
        return _a_person_or_body(span.root.head)
    if span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    if prep.lower_ == "from":
        return prep.head.lemma_.lower() in cue("remote")
    return prep.lower_ == "of" and prep.head.lemma_.lower() in cue("belonging")


def _a_person_or_body(noun: Token) -> bool:
    """"President" of "Venezuela's President Nicolas Maduro", "Ministry" of "Russia's Defense
    Ministry", a title or a state's organ ("summoned China's ambassador", "outside Georgia's
    parliament"); not "city" of "France's third-largest city"."""
    if noun.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    if noun.lemma_.lower() in title_nouns() | state_agent_nouns():
        return True
    return any(ch.dep_ in ("appos", "compound") and ch.ent_type_ == "PERSON" for ch in noun.children)


INCIDENT_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})  # acts that happen at one spot


def article_place(places: Sequence[Place], towns_first: bool = True) -> Place | None:
    """The place the story is about: of the resolved places it names at least twice, the town it
    names first (for an incident, ``towns_first``: a bombing, a protest, an arrest happen in a
    town), else the place it names most often (the first named wins a tie; a government's decree
    is the country's). Used, flagged as level "article", for an event nothing nearer places."""
    counts: dict[tuple[str, str], list[Place]] = {}
    for p in places:
        if p.name and p.country:
            counts.setdefault((p.name, p.country), []).append(p)
    repeated = [group for group in counts.values() if len(group) >= ARTICLE_PLACE_MIN_MENTIONS]
    if not repeated:
        return None
    towns = [group for group in repeated if (group[0].geo_precision or 3) <= TOWN_PRECISION and towns_first]
    if towns:  # the story's town: the repeated town it names first (its lead's), not the capital named most
        return min(towns, key=lambda group: group[0].start)[0]
    return max(repeated, key=lambda group: (len(group), -group[0].start))[0]


def set_date(
    event: Event,
    doc: Doc,
    c: Candidate,
    timexes: list[TimeExpr],
    layout: Layout,
    ctx: Context,
    peg: TimeExpr | None,
    latest: date | None = None,
    modal: frozenset[int] = frozenset(),
) -> None:
    """Set the event's date fields, and its historical flag when the date is past the news
    (``is_background_date``; for an article with no anchor, past the latest day it names)."""
    choice = _choose_date(doc, c, timexes, layout, ctx, peg, modal)
    if choice is None:
        return
    event.date, event.date_end = choice.value, choice.end
    event.date_precision, event.date_source = choice.precision, choice.source
    if choice.span is not None:
        event.timex_start, event.timex_end = choice.span
    reference = ctx.anchor or latest
    if reference is not None and choice.source != "publication":
        last_day = _parse_day(choice.end or "") or _period_end(choice.value)
        if last_day is not None and is_background_date(last_day, choice.precision, reference):
            event.historical = True
    if ctx.anchor is not None and choice.source == "clause" and _ahead(choice.value, ctx.anchor):
        event.future = event.future or _told_ahead(c.token)


def _ahead(value: str, anchor: date) -> bool:
    """Whether a date's first day is after the article's own date ("next month" in a June story)."""
    first = _parse_day(value[:10]) or _period_start(value)
    return first is not None and first > anchor


def _period_start(value: str) -> date | None:
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1)
    if re.fullmatch(r"\d{4}-\d{2}", value) and 1 <= int(value[5:7]) <= 12:
        return date(int(value[:4]), int(value[5:7]), 1)
    if re.fullmatch(r"\d{4}-W\d{2}", value) and 1 <= int(value[6:8]) <= 52:
        return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
    return None


def _told_ahead(token: Token) -> bool:
    """"Ministers are scheduled to meet next month" is ahead. Not "attacked" or "ordered him held
    pending a hearing on April 19" (told in the past: the later date is another's), nor a heading
    with no verb ("2016 Bagram Airfield bombing")."""
    verb = clause_verb(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    saying = cue("report") | cue("saying")
    for _ in range(3):
        if verb.tag_ == "VBD" or any(ch.dep_ in ("aux", "auxpass") and ch.tag_ == "VBD" for ch in verb.children):
            return False
        if verb.head.i == verb.i or verb.head.lemma_.lower() in saying:
            return True
        verb = verb.head
    return True


def latest_named_day(timexes: Sequence[TimeExpr]) -> date | None:
    """The latest full date an undated article names: it was written on or after that day, so what
    it dates years before is background (used only for that, never to resolve a date)."""
    days = [d for t in timexes if t.precision == "day" and (d := _parse_day(t.value or "")) is not None]
    return max(days, default=None)


def is_background_date(last_day: date, precision: str | None, anchor: date) -> bool:
    """A date the article's news cannot be on: a day over a year back, a month ended over a month
    back ("in October" in a January story), a past year ("last year", "in 2019"). Such a mention
    is background, not news: a coarse date is too vague to match the event it tells again."""
    if last_day < anchor - timedelta(days=HISTORICAL_DAYS):
        return True
    if precision == "year":
        return last_day.year < anchor.year
    return precision == "month" and last_day < anchor - timedelta(days=BACKGROUND_MONTH_DAYS)


def _period_end(value: str) -> date | None:
    """Last day of a date value at year, month or day precision."""
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:7])
        if not 1 <= month <= 12:
            return None
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return _parse_day(value)


def set_place(event: Event, place: Place, level: str | None) -> None:
    """Copy the place's resolved fields onto the event."""
    event.place = place.name or place.text
    event.country = place.country
    event.latitude, event.longitude = place.latitude, place.longitude
    event.geo_precision = place.geo_precision
    event.place_source = level
    event.place_start, event.place_end = place.start, place.end
