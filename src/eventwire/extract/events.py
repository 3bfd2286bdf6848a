"""Events stage: who did what to whom, typed with PLOVER, from the dependency parse.

Triggers (verbs, event nouns, a few adjectives such as "willing") come from
``lexicon/event_triggers.tsv`` (loaded in ``event_lexicon``). Each trigger then goes through the same steps:

1. filter: words that are events only with a content ("refused to meet", not "refused to comment")
   and anaphoric mentions ("that strike") are dropped;
2. absorb: an expression of intent, request, refusal or threat takes the event it governs as
   its content ("agreed to hold talks" is one AGREE event, "vowed to retaliate" one THREATEN);
3. merge: two triggers of one event in one clause ("a strike that killed five", "people were
   killed when jets bombed ...") become one event;
4. roles from the tree (``event_roles``, ``event_arguments``); a trigger inside reported speech
   takes the speaker as ``reported_by`` and its actor only from inside the content (``event_speech``);
5. modality (``event_modality``), date and place by level (``event_anchoring``), casualties from the
   casualties stage (``event_counts``), and mentions of one event within the article merged
   (``event_merge``).

This module keeps steps 1-3 and the stage itself: it builds each event from its candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from eventwire.extract.codes import QUAD_BY_TYPE, derive_codes
from eventwire.extract.context import Context
from eventwire.extract.event_anchoring import Layout, choose_place, news_peg, set_date, set_place, usable_timexes
from eventwire.extract.event_arguments import ActorIndex, Argument, argument, argument_bounds
from eventwire.extract.event_candidate import Candidate, clause_verb, sentence_of
from eventwire.extract.event_counts import (
    VIOLENT_TYPES,
    attach_casualties,
    best_count,
    casualty_only_candidates,
    is_aggregate,
    quantities,
    violence_signs,
)
from eventwire.extract.event_lexicon import (
    MODE_OF_CONTENT,
    POS_CLASSES,
    Sense,
    context_keywords,
    cue,
    media_objects,
    trigger_hits,
    trigger_senses,
)
from eventwire.extract.event_merge import (
    names_a_prior_event,
    names_another_event,
    refers_back,
    told_apart,
)
from eventwire.extract.event_modality import Modality, modality, names_an_event
from eventwire.extract.event_occurrences import Mention, group_occurrences
from eventwire.extract.event_relevance import relevance
from eventwire.extract.event_roles import AGENTIVE_ENTS, NOT_ARGUMENT_ENTS, assign_roles, light_verb, not_violence
from eventwire.extract.event_speech import accusations_in_speech, apply_speech, demands_in_speech
from eventwire.model import Casualty, Event, Evidence, TimeExpr, content_hash
from eventwire.nlp import doc_text

# What other modules and tests import from the stage.
__all__ = ["Candidate", "argument_bounds", "extract_events", "find_candidates"]

# --- candidates -------------------------------------------------------------------------------

DEMONSTRATIVES = frozenset({"that", "this", "these", "those", "such"})
COMPLEMENT_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "acl", "attr", "oprd", "pcomp", "advcl", "relcl", "compound"}
)
COOPERATIVE_TYPES = frozenset(t for t, q in QUAD_BY_TYPE.items() if q.endswith("cooperation"))


def _matched_candidates(doc: Doc) -> list[Candidate]:
    """Trigger words in the document: the longest pattern wins where patterns overlap."""
    senses = trigger_senses()
    best: dict[int, tuple[int, Candidate]] = {}
    for pattern, start, end in trigger_hits(doc):
        span = doc[start:end]
        root = span.root
        sense = _sense_for(senses[pattern], root)
        if sense is None:
            continue
        length = end - start
        previous = best.get(root.i)
        if previous is not None and previous[0] >= length:
            continue
        best[root.i] = (length, Candidate(root, start, end, sense, sense.type, sense.mode, list(sense.contexts)))
    # a longer pattern covering another trigger's word replaces it
    covered = {i for length, c in best.values() if length > 1 for i in range(c.start, c.end) if i != c.token.i}
    return [c for i, (_, c) in sorted(best.items()) if i not in covered]


NAME_ENTS = frozenset({"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "LOC"})
NEGATING_PREFIXES = frozenset({"anti", "non", "counter", "post", "pre"})


def _sense_for(options: Sequence[Sense], token: Token) -> Sense | None:
    if token.dep_ == "amod" and token.pos_ == "VERB":
        return None  # "alleged", "sanctioned oil", "designated terrorist organizations"
    if token.ent_type_ in NOT_ARGUMENT_ENTS or token.ent_type_ in NAME_ENTS:
        return None  # "March" the month, "Amnesty International" the organization
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ in NEGATING_PREFIXES:
        return None  # "anti-riot police", "counter-attack" is handled as its own word
    fitting = [s for s in options if token.pos_ in POS_CLASSES[s.pos]]
    return max(fitting, key=lambda s: s.weight) if fitting else None


def _has_content(token: Token, candidates_at: dict[int, Candidate], type_: str = "") -> bool:
    """Whether a 'need' trigger governs an event or a content noun (not a verb of speaking);
    a request may ask for any act ("asked Beijing to use its influence")."""
    speech, content = cue("speech"), cue("content")
    if type_ == "REQUEST" and any(
        ch.dep_ == "xcomp" and ch.pos_ == "VERB" and ch.lemma_.lower() not in speech for ch in token.children
    ):
        return True
    if any(ch.dep_ == "xcomp" and ch.lemma_.lower() in speech for ch in token.children):
        # "refused to respond to a demand" is a rejection, "declined to comment on it" is not
        return any(
            t.lemma_.lower() in content and t.pos_ in ("NOUN", "PROPN") for t in _complement_tokens(token, depth=4)
        )
    for child in _complement_tokens(token, depth=3):
        if child.i in candidates_at:
            return child.lemma_.lower() not in speech
        lemma = child.lemma_.lower()
        if child.pos_ in ("NOUN", "PROPN") and lemma in content:
            return True
    return False


def _complement_tokens(token: Token, depth: int) -> Iterable[Token]:
    """Tokens the trigger governs as its content (breadth first, a few levels down)."""
    frontier = [token]
    for _ in range(depth):
        next_frontier: list[Token] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in COMPLEMENT_DEPS:
                    yield child
                    next_frontier.append(child)
        frontier = next_frontier


def _is_anaphoric(token: Token) -> bool:
    """'that strike', 'the same attack': a mention of an event already told."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in DEMONSTRATIVES) or (c.dep_ == "amod" and c.lower_ == "same")
        for c in token.children
    )


LABOUR_STRIKE = Sense("strike", "N", "PROTEST", "boycott", (), False, False, False, False, 0.75)
JOINT_ACTION = Sense("joint", "N", "COOPERATE", None, ("military",), False, False, False, False, 0.75)
COMPLAINT = Sense("protest", "N", "ACCUSE", "allege", ("diplomatic",), False, False, False, False, 0.75)
ABDUCTION = Sense("abduct", "V", "ASSAULT", "abduct", (), False, False, False, False, 0.8)
SEIZING_VERBS = frozenset({"seize", "capture", "grab", "snatch", "take"})


def _takes_captives(verb: Token) -> bool:
    """What is seized is people ("seized hostages", "captured two aid workers"), not things or land."""
    captives = cue("captive")
    for obj in (ch for ch in verb.children if ch.dep_ in ("dobj", "nsubjpass")):
        noun = obj
        if obj.dep_ == "dobj" and obj.lower_ in ("hundreds", "dozens", "scores", "thousands"):
            noun = next((g.children.__next__() for g in obj.children if g.dep_ == "prep" and g.lower_ == "of"
                         and any(True for _ in g.children)), obj)
        if noun.lemma_.lower() in captives:
            return True
    return False


MILITARY_WORDS = frozenset({"air", "missile", "drone", "kinetic", "military", "airstrike", "bomb", "rocket"})


def _retype(c: Candidate) -> None:
    """Senses that depend on the company a word keeps: a workers' strike, a lodged protest."""
    lemma = c.token.lemma_.lower()
    if lemma == "strike" and c.token.pos_ in ("NOUN", "PROPN") and c.type == "ASSAULT":
        words = {t.lemma_.lower() for t in sentence_of(c.token)}
        if words & cue("labour") and not words & MILITARY_WORDS:
            c.sense, c.type, c.mode = LABOUR_STRIKE, "PROTEST", "boycott"
    elif lemma == "protest" and c.token.pos_ == "NOUN" and c.token.head.lemma_.lower() in cue("complaint"):
        c.sense, c.type, c.mode = COMPLAINT, "ACCUSE", "allege"
    elif lemma in SEIZING_VERBS and c.type == "COERCE" and _takes_captives(c.token):
        c.sense, c.type, c.mode = ABDUCTION, "ASSAULT", "abduct"  # "seized hundreds of hostages"
    elif c.type in ("MOBILIZE", "ASSAULT") and any(
        ch.dep_ == "amod" and ch.lower_ == "joint" for ch in c.token.children
    ):
        c.sense, c.type, c.mode = JOINT_ACTION, "COOPERATE", None  # "joint naval patrols", "joint operation"


MODIFIED_NOUNS = frozenset({
    "warrant", "leader", "group", "official", "agency",  # who or what the event word describes
    "allegation", "accusation", "charge", "case", "trial", "suspect", "survivor", "plot", "rifle",
    "helicopter", "dog", "drill", "exercise", "scene", "anniversary", "memorial", "victim",
})


def _drop_modifier_nouns(candidates: list[Candidate]) -> list[Candidate]:
    """'aid workers', 'protest leaders', 'an arrest warrant', 'a rape allegation', 'a murder trial',
    'assault rifles': an event noun that only describes people, a paper, a case or a thing names no
    event (the case or trial is news of its own, the crime is told elsewhere or is background)."""
    people = cue("person") | MODIFIED_NOUNS
    return [c for c in candidates
            if not (c.token.dep_ == "compound" and c.token.pos_ == "NOUN" and c.token.head.lemma_.lower() in people)]


def _filter(candidates: list[Candidate]) -> list[Candidate]:
    candidates = _drop_modifier_nouns(candidates)
    for c in candidates:
        _retype(c)
    fresh = [c for c in candidates if not _is_anaphoric(c.token)
             and not (c.type in VIOLENT_TYPES | {"SANCTION", "AGREE"} and not_violence(c.token))]
    at = {c.token.i: c for c in fresh}
    return [c for c in fresh if not c.sense.need or _has_content(c.token, at, c.type)]


TOPIC_PREPS = frozenset({"about", "on", "regarding", "over", "concerning", "for", "of"})


def _absorb_topics(candidates: list[Candidate]) -> list[Candidate]:
    """'talks on a trade agreement', 'discussing an accord': the noun is what the talks are about."""
    at = {c.token.i: c for c in candidates}
    gone: set[int] = set()
    for c in candidates:
        if c.type != "CONSULT" or c.token.i in gone:
            continue
        for node in _complement_tokens(c.token, depth=3):
            inner = at.get(node.i)
            if inner is None or inner is c or node.pos_ not in ("NOUN", "PROPN"):
                continue
            via_prep = node.dep_ == "pobj" and node.head.lower_ in TOPIC_PREPS
            if via_prep or (node.dep_ in ("dobj", "obj") and node.head.i == c.token.i):
                c.contexts.extend(x for x in inner.contexts if x not in c.contexts)
                gone.add(node.i)
    return [c for c in candidates if c.token.i not in gone]


# --- absorbing contents and merging mentions --------------------------------------------------


def _absorb(candidates: list[Candidate]) -> list[Candidate]:
    """Fold the events that an intent/request/refusal/threat governs into it."""
    at = {c.token.i: c for c in candidates}
    absorbed: set[int] = set()
    for outer in candidates:
        if not outer.sense.absorb or outer.token.i in absorbed:
            continue
        for node in _complement_tokens(outer.token, depth=4):
            inner = at.get(node.i)
            if inner is None or inner is outer or node.i in absorbed:
                continue
            if _path_crosses_absorber(node, outer.token, at):
                continue
            outer.absorbed.append(inner)
            absorbed.add(node.i)
            for conj in (ch for ch in node.children if ch.dep_ == "conj" and ch.i in at and ch.i not in absorbed):
                outer.absorbed.append(at[conj.i])  # "threatening to assault and murder an official"
                absorbed.add(conj.i)
        if outer.absorbed:
            _adapt_to_content(outer)
    return [c for c in candidates if c.token.i not in absorbed]


def _path_crosses_absorber(node: Token, outer: Token, at: dict[int, Candidate]) -> bool:
    head = node.head
    while head.i != outer.i and head.i != head.head.i:
        between = at.get(head.i)
        if between is not None and between.sense.absorb:
            return True
        head = head.head
    return False


def _adapt_to_content(outer: Candidate) -> None:
    """Type and mode of an intent, request or refusal from what it is about."""
    inner = outer.absorbed[0]
    inner_types = [inner.type, *(m.type for m in inner.merged)]
    if outer.sense.polar:
        outer.type = "AGREE" if inner.type in COOPERATIVE_TYPES else "THREATEN"
    if outer.type in ("REQUEST", "REJECT", "THREATEN") and outer.mode is None:
        outer.mode = MODE_OF_CONTENT.get((outer.type, inner_types[0]))
    for a in outer.absorbed:
        outer.contexts.extend(x for x in a.contexts if x not in outer.contexts)


MERGE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "relcl", "acl", "dobj", "pobj", "prep", "agent", "advcl", "xcomp", "pcomp", "compound"}
)


GAP_UNITS = frozenset({"day", "week", "month", "year"})
CAUSE_PREPOSITIONS = frozenset({"after", "following", "over"})
TEMPORAL_MARKS = frozenset({"after", "before"})  # "since" opens the span of a running total: one event


def _merge_same_event(candidates: list[Candidate]) -> list[Candidate]:
    """Two triggers of the same type linked by subordination (not coordination) are one event."""
    at = {c.token.i: c for c in candidates}
    gone: set[int] = set()
    for c in candidates:
        if c.token.i in gone:
            continue
        for other in _linked(c.token, at, hops=3):
            o = at[other.i]
            if o.token.i in gone or o.type != c.type or o is c:
                continue
            keeper, dropped = _keeper(c, o)
            keeper.merged.append(dropped)
            gone.add(dropped.token.i)
            if keeper is not c:
                break
    return [c for c in candidates if c.token.i not in gone]


def _sequenced(clause: Token) -> bool:
    """A clause set before or after its head's in time ("a week after a strike killed three"): another event."""
    return clause.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ in TEMPORAL_MARKS for ch in clause.children)


def _linked(token: Token, at: dict[int, Candidate], hops: int) -> list[Token]:
    """Trigger tokens reachable through subordinating edges (either direction)."""
    found: list[Token] = []
    seen = {token.i}
    frontier = [token]
    for _ in range(hops):
        nxt: list[Token] = []
        for node in frontier:
            neighbours = [ch for ch in node.children if ch.dep_ in MERGE_DEPS and not _sequenced(ch)]
            if node.dep_ in MERGE_DEPS and node.head.i != node.i and not _sequenced(node):
                neighbours.append(node.head)
            for n in neighbours:
                if n.i in seen or n.lemma_.lower() in cue("report"):
                    continue
                seen.add(n.i)
                nxt.append(n)
                if n.i in at:
                    found.append(n)
        frontier = nxt
    return found


def _keeper(a: Candidate, b: Candidate) -> tuple[Candidate, Candidate]:
    """The mention that names the event best: a noun over a weak verb, else the stronger word."""

    def rank(c: Candidate) -> tuple[float, int]:
        noun_bonus = 0.1 if c.token.pos_ in ("NOUN", "PROPN") else 0.0
        return (c.sense.weight - (0.3 if c.sense.weak else 0.0) + noun_bonus, -c.token.i)

    return (a, b) if rank(a) >= rank(b) else (b, a)


def _drop_light_triggers(candidates: list[Candidate]) -> list[Candidate]:
    """'imposed sanctions', 'signed an agreement': the noun is the event, the verb only carries it."""
    at = {c.token.i: c for c in candidates}
    light = cue("light")
    gone: set[int] = set()
    for c in candidates:
        if c.token.pos_ != "VERB" or c.token.lemma_.lower() not in light or c.sense.absorb:
            continue
        if any(ch.dep_ in ("dobj", "obj") and ch.i in at for ch in c.token.children):
            gone.add(c.token.i)
    return [c for c in candidates if c.token.i not in gone]


# --- mentions that are no event ---------------------------------------------------------------

_PUBLISHING_TYPES = frozenset({"RETREAT", "CONCEDE", "AID"})


def publishes_media(token: Token, type_: str) -> bool:
    """"Released a video", "gave details": a giving verb whose object is a publication is no event."""
    if type_ not in _PUBLISHING_TYPES or token.pos_ != "VERB":
        return False
    return any(ch.dep_ in ("dobj", "nsubjpass") and ch.lemma_.lower() in media_objects() for ch in token.children)


# --- contexts ---------------------------------------------------------------------------------

CONTEXT_POS = frozenset({"NOUN", "PROPN", "ADJ"})


def _contexts(c: Candidate) -> list[str]:
    """The trigger's own contexts, then those of the topic words in its clause."""
    keywords = context_keywords()
    found = list(c.contexts)
    verb = clause_verb(c.token)
    for t in verb.subtree:
        if t.pos_ not in CONTEXT_POS:
            continue
        ctx_name = keywords.get(t.lemma_.lower())
        if ctx_name is not None and ctx_name not in found:
            found.append(ctx_name)
    return found


# --- confidence -------------------------------------------------------------------------------


def _confidence(c: Candidate, actor: Argument | None, recipient: Argument | None, mod: Modality) -> float:
    score = c.sense.weight
    if c.sense.weak:
        score -= 0.1
    if c.absorbed:
        score += 0.05
    if c.merged:
        score += 0.05
    if actor is not None:
        score += 0.1 if actor.actor is not None else 0.05
    else:
        score -= 0.1
    if recipient is not None:
        score += 0.05
    score -= 0.15 * min(_clause_depth(c.token), 3)
    if c.token.dep_ == "pobj" and light_verb(c.token) is None:
        # an event named in an adjunct is background, all the more after "after", "since"
        score -= 0.25 if c.token.head.lower_ in BACKGROUND_PREPS else 0.1
    if mod.hypothetical or mod.negated:
        score -= 0.05
    return round(min(max(score, 0.05), 0.99), 3)


BACKGROUND_PREPS = frozenset({"after", "following", "since", "before", "amid", "despite"})
CLAUSAL_DEPS = frozenset({"advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp", "csubj"})


def _clause_depth(token: Token) -> int:
    """How many clauses down from the sentence's main clause the trigger sits (reported content
    counts as the main clause: 'X said Y attacked Z' is about the attack)."""
    depth = 0
    node = token
    report = cue("report")
    for _ in range(12):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in CLAUSAL_DEPS and not (node.dep_ == "ccomp" and head.lemma_.lower() in report):
            depth += 1
        node = head
    return depth


# --- the stage --------------------------------------------------------------------------------

MATERIAL_CONFLICT = frozenset(t for t, q in QUAD_BY_TYPE.items() if q == "material_conflict")


def find_candidates(doc: Doc) -> list[Candidate]:
    """Trigger candidates after filtering, absorption and merging (roles not yet assigned)."""
    candidates = _filter(_matched_candidates(doc))
    candidates = _drop_light_triggers(candidates)
    candidates = _absorb_topics(candidates)
    candidates = _absorb(candidates)
    candidates = _merge_same_event(candidates)
    candidates.extend(accusations_in_speech(doc, candidates))
    return demands_in_speech(doc, candidates)


def extract_events(doc: Doc, ctx: Context) -> list[Event]:
    """Events of one article, mentions of one event merged, derived codes filled."""
    candidates = find_candidates(doc)
    candidates.extend(casualty_only_candidates(doc, candidates, ctx.casualties))
    index = ActorIndex.build(ctx.actors)
    text = doc_text(doc)  # Doc.text joins every token: read it once
    layout = Layout.build(text)
    usable = usable_timexes(ctx.timexes)
    peg = news_peg(usable, ctx.anchor, ctx.body_end or len(text))
    timexes = [t for t in usable if not layout.in_stamp(t.start)]  # a dateline's date is when it was filed
    casualties_by_trigger = attach_casualties(doc, candidates, ctx.casualties)
    article_id = ctx.article.id
    mentions: list[Mention] = []
    triggers = frozenset(t.i for c in candidates for t in c.tokens)
    types_at = {t.i: c.type for c in candidates for t in c.tokens}
    subject = relevance(doc)
    for c in candidates:
        if publishes_media(c.token, c.type) or names_an_event(c.token):
            continue
        if c.type in VIOLENT_TYPES and not subject.keeps(c.token):
            continue  # "beat the Bruins 4-1" in a hockey report
        assign_roles(c, triggers - {t.i for t in c.tokens})
        if not c.fixed_roles:
            apply_speech(c, ctx.quotes, index)
        event = _build_event(doc, c, ctx, index, layout, timexes, peg, casualties_by_trigger.get(c.token.i, []))
        if event is not None and _in_weak_company(c, event):
            continue
        recalls = False
        if event is not None and _told_as_cause(c, types_at) and not _dated_inside(event, c.token):
            _as_background(event)
        if event is not None and _named_in_charge(c.token):
            _as_background(event)
            recalls = True
        if event is not None:
            content = c.absorbed[0].type if c.absorbed else None
            distinct = names_another_event(c.token) or told_apart(c.token)
            mentions.append(Mention(event, content, refers_back(c.token), distinct, c.token.lemma_.lower(), recalls,
                                    _named_by_another_act(c.token, types_at)))
    mentions.sort(key=lambda m: (m.event.evidence[0].in_caption, m.event.evidence[0].trigger_start or 0))
    merged = group_occurrences(mentions, {a.id: a for a in ctx.actors})
    for event in merged:
        first = event.evidence[0]
        event.id = content_hash(article_id, event.type, str(first.start), str(first.trigger_start))
        derive_codes(event)
    return merged


def _build_event(
    doc: Doc,
    c: Candidate,
    ctx: Context,
    index: ActorIndex,
    layout: Layout,
    timexes: list[TimeExpr],
    peg: TimeExpr | None,
    casualties: list[Casualty],
) -> Event | None:
    actor = argument(c.actor_token, index) if c.actor_token is not None else None
    if actor is not None and c.actor_token is not None and layout.in_stamp(actor.start):
        # "NAIROBI, June 20 (Wire) - Kenyan police fired": the dateline is where it was filed, not who
        other = _subject_after_stamp(c.actor_token, layout)
        actor = argument(other, index) if other is not None else None
    if actor is not None and c.report_content is not None and not (c.actor_by_anaphora or c.actor_held_responsible):
        lo, hi = c.report_content
        if not (lo <= actor.start and actor.end <= hi):
            actor = None
    recipient = argument(c.recipient_token, index, keep_acl=True) if c.recipient_token is not None else None
    if actor is not None and recipient is not None and actor.start == recipient.start:
        recipient = None
    mod = modality(c)
    sent = sentence_of(c.token)
    trigger_start = doc[c.start].idx
    trigger_end = doc[c.end - 1].idx + len(doc[c.end - 1].text)
    sentence = sent.text.rstrip()  # the parser keeps the paragraph break after a sentence
    evidence = Evidence(
        sentence=sentence,
        start=sent.start_char,
        end=sent.start_char + len(sentence),
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        in_caption=bool(ctx.body_end) and sent.start_char >= ctx.body_end,
    )
    event = Event(
        type=c.type,
        trigger=doc[c.start : c.end].text,
        evidence=[evidence],
        mode=c.mode,
        contexts=_contexts(c),
    )
    _set_argument(event, actor, "actor")
    _set_argument(event, recipient, "recipient")
    evidence.actor_text, evidence.recipient_text = event.actor_text, event.recipient_text
    event.negated, event.hypothetical, event.future = mod.negated, mod.hypothetical, mod.future
    event.reported_by = c.reported_by
    set_date(event, doc, c, timexes, layout, ctx, peg)
    # a state acted on in talks or a demand is no location; a town attacked or occupied is one
    located = (actor, recipient) if c.type not in MATERIAL_CONFLICT else (actor,)
    exclude = [(a.start, a.end) for a in located if a is not None and a.actor is not None]
    if c.type not in MATERIAL_CONFLICT:
        # "ready to negotiate with the United States": a state named in a statement is a party, not where it was said
        exclude += [(m.start, m.end) for a in ctx.actors if a.kind == "state" for m in a.mentions]
    place, level = choose_place(doc, c, ctx.places, layout, exclude)
    if place is not None:
        set_place(event, place, level)
        evidence.place = event.place if level != "article" else None  # what this mention itself says
    event.aggregate = is_aggregate(c) or any(cas.aggregate for cas in casualties)
    if event.aggregate and event.date is not None and ctx.anchor is not None and event.date_end is None:
        event.date_end = ctx.anchor.isoformat()
    event.historical = event.historical or any(cas.historical for cas in casualties)
    if (names_a_prior_event(c.token) or _told_as_days_earlier(c.token)) and event.date_source != "clause":
        _as_background(event)
    elif _the_last_time(c.token):
        event.historical = True
    event.fatalities = best_count(casualties, "killed")
    event.injured = best_count(casualties, "injured")
    event.weapon = next((cas.weapon for cas in casualties if cas.weapon), None)
    if event.weapon is None and c.weapon_token is not None:
        event.weapon = doc[slice(*argument_bounds(c.weapon_token))].text
    event.quantity = quantities(c)
    for cas in casualties:
        if cas.category in ("arrested", "kidnapped", "displaced", "missing") and cas.count.best is not None:
            event.quantity[cas.category] = cas.count.best
    event.confidence = _confidence(c, actor, recipient, mod)
    if mod.alleged:
        event.confidence = round(event.confidence * 0.9, 3)
    return event


def _named_by_another_act(token: Token, types_at: dict[int, str]) -> bool:
    """"Caracas condemned the strike", "a video of the attack was released": the event noun is what
    another act is about, so its sentence's place and date are that act's."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("dobj", "pobj", "nsubjpass"):
        return False
    governor = token.head.head if token.dep_ == "pobj" else token.head
    return governor.i in types_at and types_at[governor.i] != types_at.get(token.i)


def _subject_after_stamp(stamped: Token, layout: Layout) -> Token | None:
    """The verb's other subject, outside the dateline the parser took for one."""
    return next((ch for ch in stamped.head.children if ch.dep_ == stamped.dep_ and ch.i != stamped.i
                 and not layout.in_stamp(ch.idx)), None)


def _the_last_time(token: Token) -> bool:
    """"the first such death since 2017, when a general was killed": the clause tells the last time
    it happened, before the news, whatever the article's date."""
    verb = clause_verb(token)
    date = verb.head
    if verb.dep_ != "relcl" or date.ent_type_ != "DATE" or not any(ch.lower_ == "when" for ch in verb.children):
        return False
    return date.dep_ == "pobj" and date.head.lower_ == "since"


def _told_as_days_earlier(token: Token) -> bool:
    """"seized a tanker on Saturday, days after Trump announced a blockade": the clause after "days
    after" tells an earlier event, not one on the sentence's date."""
    verb = clause_verb(token)
    if not any(ch.dep_ == "mark" and ch.lower_ == "after" for ch in verb.children):
        return False
    return any(ch.dep_ == "npadvmod" and ch.lemma_.lower() in GAP_UNITS for ch in verb.children)


def _told_as_cause(c: Candidate, types_at: dict[int, str]) -> bool:
    """"rallied after the arrest of their leader", "protested over the killing of a student": an
    earlier event of another kind, told as the cause of the news. ("killed after an attack" is
    one event: the same kind.)"""
    token = c.token
    # "following" may parse as a verb with the noun as its object
    under = token.head.lower_ in CAUSE_PREPOSITIONS and token.dep_ in ("pobj", "dobj")
    if token.pos_ not in ("NOUN", "PROPN") or not under:
        return False
    governor = token.head.head
    if governor.i in types_at:
        return types_at[governor.i] != c.type
    return not _names_same_kind(governor, c)


CHARGE_PREPOSITIONS = frozenset({"of", "with", "for", "in"})


def _named_in_charge(token: Token, depth: int = 2) -> bool:
    """"charged with murder", "two counts of assault", "convicted March 20 of murder for the slaying
    of Ortiz", "arrested in the bombing": the crime a charge or verdict names is the offence at law;
    the news is the charge."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj" or token.head.lower_ not in CHARGE_PREPOSITIONS:
        return False
    governor = token.head.head
    if governor.ent_type_ == "DATE" and governor.head.i != governor.i:
        governor = governor.head  # "convicted March 20 of murder"
    if governor.lemma_.lower() in cue("charge"):
        return True
    return depth > 0 and _named_in_charge(governor, depth - 1)  # "of murder for the slaying of Ortiz"


def _dated_inside(event: Event, noun: Token) -> bool:
    """The event's date expression is part of the noun phrase ("after Friday's arrest")."""
    start, end = noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge.text)
    return event.timex_start is not None and start <= event.timex_start < end


def _names_same_kind(governor: Token, c: Candidate) -> bool:
    return any(s.type == c.type for s in trigger_senses().get(governor.lemma_.lower(), ()))


def _in_weak_company(c: Candidate, event: Event) -> bool:
    """A common word ("help", "provide", "send", "hit") is an event only between actors: with
    neither actor nor recipient a known actor or a name, and no casualties, it is everyday prose."""
    if not c.sense.weak or c.absorbed or c.merged:
        return False
    if event.actor_id or event.recipient_id or event.fatalities or event.injured:
        return False
    if c.type in VIOLENT_TYPES and _violence_nearby(c.token):
        return False  # "the worst explosion was at the bus station, where six people were killed"
    return not any(t is not None and (t.ent_type_ in AGENTIVE_ENTS or t.pos_ == "PROPN")
                   for t in (c.actor_token, c.recipient_token))


def _violence_nearby(token: Token) -> bool:
    signs = violence_signs()
    return any(t.i != token.i and t.lemma_.lower() in signs for t in sentence_of(token))


def _as_background(event: Event) -> None:
    """"A week after a similar strike killed three": an earlier event, told as background. The
    sentence's date is the news event's, not this one's, so it keeps no date."""
    event.historical = True
    event.date = event.date_end = event.date_precision = event.date_source = None
    event.timex_start = event.timex_end = None


def _set_argument(event: Event, arg: Argument | None, role: str) -> None:
    if arg is None:
        return
    setattr(event, f"{role}_text", arg.text)
    setattr(event, f"{role}_start", arg.start)
    setattr(event, f"{role}_end", arg.end)
    if arg.actor is not None:
        setattr(event, role, arg.actor.name)
        setattr(event, f"{role}_id", arg.actor.id)
