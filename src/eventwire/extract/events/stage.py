"""The events stage: each candidate built into a mention-level event, then the mentions of one
real-world event grouped into one record.

- reads: the document, the candidates (``candidates``) and the earlier stages' results through the
  ``Context`` (timexes, places, actors, quotes, casualties);
- writes: ``Event`` records with roles (``roles``, ``arguments``, ``speech``), status
  (``modality``, ``counts``), date and place (``anchoring``), casualties (``counts``), grouped into
  occurrences (``occurrences``) with derived ACLED, CAMEO and PLOVER codes.
"""


from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token

from eventwire.extract.codes import QUAD_BY_TYPE, derive_codes
from eventwire.extract.context import Context
from eventwire.extract.events.anchoring import (
    EVENT_NOUNS_KEY,
    EVENT_TYPES_KEY,
    OUTER,
    Layout,
    choose_place,
    latest_named_day,
    modal_timexes,
    news_peg,
    set_date,
    set_place,
    usable_timexes,
    where_someone_is_from,
)
from eventwire.extract.events.arguments import (
    ActorIndex,
    Argument,
    answer_the_accuser,
    argument,
    argument_bounds,
    blame_the_perpetrator,
    name_the_unnamed,
    names_where,
)
from eventwire.extract.events.candidate import (
    NAME_GIVEN,
    Candidate,
    clause_verb,
    folded_spans,
    sentence_of,
    sentence_text,
)
from eventwire.extract.events.candidates import find_candidates
from eventwire.extract.events.claims import credit_claims
from eventwire.extract.events.counts import (
    VIOLENT_TYPES,
    attach_casualties,
    best_count,
    casualty_only_candidates,
    is_aggregate,
    quantities,
    violence_signs,
)
from eventwire.extract.events.modality import Modality, modality, names_an_event
from eventwire.extract.events.occurrences import Mention, group_occurrences
from eventwire.extract.events.references import (
    in_another_incident,
    names_a_prior_event,
    names_another_event,
    refers_back,
    told_apart,
)
from eventwire.extract.events.relevance import relevance
from eventwire.extract.events.retype import retype
from eventwire.extract.events.roles import AGENTIVE_ENTS, _is_agentive, assign_roles, light_verb
from eventwire.extract.events.speech import apply_speech
from eventwire.extract.lexicon.events import (
    act_families,
    context_keywords,
    cue,
    legal_agents,
    legal_recipients,
    media_objects,
    toll_sides,
    trigger_senses,
)
from eventwire.model import Actor, Casualty, Event, Evidence, TimeExpr, content_hash
from eventwire.nlp import doc_text

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


PLACED_ON_TARGET = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})  # acts done at their target
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




def extract_events(doc: Doc, ctx: Context) -> list[Event]:
    """Events of one article, mentions of one event merged, derived codes filled."""
    candidates = retype(find_candidates(doc))
    candidates.extend(casualty_only_candidates(doc, candidates, ctx.casualties))
    index = ActorIndex.build(ctx.actors)
    actors = {a.id: a for a in ctx.actors}
    text = doc_text(doc)  # Doc.text joins every token: read it once
    layout = Layout.build(text)
    usable = usable_timexes(ctx.timexes)
    timexes = [t for t in usable if not layout.in_stamp(t.start)]  # a dateline's date is when it was filed
    latest = latest_named_day(usable) if ctx.anchor is None else None
    modal = modal_timexes(doc, timexes)
    peg = news_peg([t for t in timexes if t.start not in modal], ctx.anchor, ctx.body_end or len(text))
    casualties_by_trigger = attach_casualties(doc, candidates, ctx.casualties)
    origins = [(p.start, p.end) for p in ctx.places if where_someone_is_from(doc, p)]  # "a citizen of X"
    article_id = ctx.article.id
    mentions: list[Mention] = []
    triggers = frozenset(t.i for c in candidates for t in c.tokens)
    told_violence = any(c.type in VIOLENT_TYPES and not c.sense.weak for c in candidates)
    doc.user_data[EVENT_NOUNS_KEY] = frozenset(t.i for c in candidates for t in c.tokens if t.pos_ in ("NOUN", "PROPN"))
    types_at = {t.i: c.type for c in candidates for t in c.tokens}
    doc.user_data[EVENT_TYPES_KEY] = types_at
    subject = relevance(doc)
    for c in candidates:
        if publishes_media(c.token, c.type) or names_an_event(c.token):
            continue
        if c.type in OFF_TOPIC_TYPES and not subject.keeps(c.token):
            continue  # "beat the Bruins 4-1" in a hockey report
        if _a_meeting_attacked(c, types_at) or _purpose_of_another_act(c, types_at):
            continue
        assign_roles(c, triggers - {t.i for t in c.tokens})
        if layout.in_headline(c.token.idx, text) and _headline_passive(c):
            c.actor_token, c.recipient_token = None, c.actor_token  # "Ex-colonel jailed for 20 years"
        if _a_protest_turned_violent(c, ctx.casualties):
            c.type, c.mode = "PROTEST", "riot"
        if _a_raid_that_harmed(c, types_at) or _freed_by_attackers(c, index):
            c.type, c.mode = "ASSAULT", None
        if not c.fixed_roles:
            apply_speech(c, ctx.quotes, index)
        event = _build_event(doc, c, ctx, index, layout, timexes, peg, casualties_by_trigger.get(c.token.i, []),
                             origins, latest, modal)
        if event is not None and (_in_weak_company(c, event, told_violence) or _between_private_people(c, event, actors)
                                  or _standing_activity(c)):
            continue
        recalls = own_date = False
        if event is not None and _told_as_cause(c, types_at) and not _dated_inside(event, c.token):
            _undated(event)
        if event is not None and _named_in_charge(c.token):
            own_date = _dated_inside(event, c.token)  # "accused of killing her in 2011": the killing's year
            event.historical = True
            if not own_date:
                _undated(event)
            recalls = True
        if event is not None and _dated_by_its_owner(event, c.token):
            event.date_source = OUTER  # "the death toll from a missile strike rose to 34 on Tuesday"
        if event is not None:
            content = c.absorbed[0].type if c.absorbed else None
            distinct = names_another_event(c.token) or (told_apart(c.token) and not refers_back(c.token))
            word = c.token.lemma_.lower()
            word = act_families().get(word, word)  # "detained" ... "arrested": one kind of act
            if c.sense.pattern == NAME_GIVEN:
                word = NAME_GIVEN  # "called Orozco a predator" tells no charge against him again
            mentions.append(Mention(event, content, refers_back(c.token), distinct, word, recalls,
                                    _named_by_another_act(c.token, types_at), _embedded(c.token, event),
                                    layout.in_headline(c.token.idx, text),
                                    _toll_side(doc, casualties_by_trigger.get(c.token.i, [])), own_date,
                                    _tells_a_toll(c.token), in_another_incident(c.token),
                                    layout.brief(c.token.idx), _intercepts(c.token)))
    mentions.sort(key=lambda m: (m.event.evidence[0].in_caption, m.event.evidence[0].trigger_start or 0))
    merged = group_occurrences(mentions, actors)
    merged = credit_claims(doc, merged, index)  # "JNIM claimed the raid a week later": the attack's actor
    blame_the_perpetrator(doc, merged)  # "condemns this cowardly attack": the attack's actor is accused
    answer_the_accuser(merged)  # "police blamed the party ..., but the party denied": the denial answers police
    triggers_at = {doc[c.start].idx: c.token for c in candidates}
    for event in merged:
        if event.actor is None and event.type in ("ACCUSE", "COERCE"):
            trigger = triggers_at.get(event.evidence[0].trigger_start or -1)
            _set_argument(event, _agent_of_the_law(trigger, index), "actor")
        if event.actor is None and event.type == "RETREAT":
            _set_argument(event, _freed_by_the_law(event, triggers_at, index), "actor")
        if event.recipient_id is None and event.type == "REJECT":
            trigger = triggers_at.get(event.evidence[0].trigger_start or -1)
            _set_argument(event, _addressee_of_the_law(trigger, index), "recipient")
        name_the_unnamed(doc, event)  # "a man believed to be responsible": "man"
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
    origins: Sequence[tuple[int, int]] = (),
    latest: date | None = None,
    modal: frozenset[int] = frozenset(),
) -> Event | None:
    actor = argument(c.actor_token, index) if c.actor_token is not None else None
    if actor is not None and c.actor_token is not None and layout.in_stamp(actor.start):
        # "NAIROBI, June 20 (Wire) - Kenyan police fired": the dateline is where it was filed, not who
        other = c.actor_token if not layout.in_stamp(c.actor_token.idx) else _subject_after_stamp(c.actor_token, layout)
        actor = _after_stamp(doc, argument(other, index), layout, index) if other is not None else None
    if actor is not None and c.actor_token is not None and names_where(c.actor_token, actor):
        actor = None  # "the Manchester suicide bombing": where, not who
    outside = c.actor_by_anaphora or c.actor_held_responsible or c.actor_ordered
    if actor is not None and c.report_content is not None and not outside:
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
    sentence = sentence_text(c.token).rstrip()  # the parser keeps the paragraph break after a sentence
    evidence = Evidence(
        sentence=sentence,
        start=sent.start_char,
        end=sent.start_char + len(sentence),
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        in_caption=bool(ctx.body_end) and sent.start_char >= ctx.body_end,
        folded_triggers=folded_spans(c),
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
    set_date(event, doc, c, timexes, layout, ctx, peg, latest, modal)
    # a state acted on in talks, a demand or sanctions is no location; a town attacked or occupied is one
    located = (actor,) if c.type in PLACED_ON_TARGET else (actor, recipient)
    exclude = [(a.start, a.naming_end) for a in located if a is not None and a.actor is not None]
    if c.type not in MATERIAL_CONFLICT:
        # "ready to negotiate with the United States": a state named in a statement is a party, not where it was said
        exclude += [(m.start, m.end) for a in ctx.actors if a.kind == "state" for m in a.mentions]
    else:
        exclude += _capitals_as_states(doc, ctx)  # "Moscow vows response": Russia, not a place of the expulsion
    acting = actor.actor.country if actor is not None and actor.actor is not None else None
    place, level = choose_place(doc, c, ctx.places, layout, exclude + list(origins), ctx.modifier_towns, acting)
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
    if c.type in VIOLENT_TYPES and event.recipient is None and _civilians_harmed(doc, c, casualties):
        event.recipient = CIVILIANS  # "killed 12 people": unarmed people harmed, as ACLED names them
    if not (mod.hypothetical or mod.future):  # "a plot to kill the president" killed no one
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


def _embedded(token: Token, event: Event) -> bool:
    """Told inside another noun's phrase, its clause's day that noun's story; a participle dated in
    its own clause ("a businessman kidnapped in Guayaquil last week") keeps its day."""
    own_day = token.pos_ == "VERB" and event.date_source == "clause"
    return _inside_a_noun_phrase(token) and not own_day


def _capitals_as_states(doc: Doc, ctx: Context) -> list[tuple[int, int]]:
    """Spans where a town stands for its state as a speaker or owner ("Moscow vows response",
    "Washington's plan"): they place nothing (a town struck, "jets struck Gaza", still does)."""
    found = doc.user_data.get(CAPITAL_STATES_KEY)
    if found is None:
        towns = {(p.start, p.end) for p in ctx.places if p.kind != "country"}
        spans = [(m.start, m.end) for a in ctx.actors if a.kind == "state" for m in a.mentions
                 if (m.start, m.end) in towns]
        found = doc.user_data[CAPITAL_STATES_KEY] = [
            (s, e) for s, e in spans if (span := doc.char_span(s, e, alignment_mode="expand")) is not None
            and span.root.dep_ in ("nsubj", "nsubjpass", "poss")]
    return list(found)


CAPITAL_STATES_KEY = "eventwire.events.capital_states"  # worked out once per document


def _dated_by_its_owner(event: Event, noun: Token) -> bool:
    """"The death toll from a Russian missile strike rose to 34 on Tuesday": the day of the clause
    around an event noun inside another noun's phrase is that noun's news (the toll's rise), told
    below the act's own words ("late on Sunday"); not a day inside the event noun's own phrase."""
    return (event.date_source == "clause" and noun.pos_ in ("NOUN", "PROPN") and _inside_a_noun_phrase(noun)
            and not _dated_inside(event, noun))


def _inside_a_noun_phrase(token: Token) -> bool:
    """"the ringleader of Saturday's attack", "the bomber behind the bombing": an event noun that
    describes another noun, whose clause tells that noun's story; so does a participle that
    describes someone ("the sister of the teen killed by police")."""
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ == "NOUN":
        return True
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj":
        return False
    owner = token.head.head
    return owner.pos_ in ("NOUN", "PROPN") and owner.i != token.i


def _after_stamp(doc: Doc, arg: Argument, layout: Layout, index: ActorIndex) -> Argument:
    """The argument without the dateline the parser put in front of it ("Dec 3 - Kenyan police"),
    and an actor only when it is named after the dateline ("MOGADISHU, Somalia ... - Gunmen" is no
    act of Somalia)."""
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is None:
        return arg
    kept = [t for t in span if not layout.in_stamp(t.idx)]
    while kept and (kept[0].is_punct or kept[0].is_space):
        kept.pop(0)
    if not kept:
        return arg
    start = kept[0].idx
    actor = None if arg.actor is None else index.at(start, arg.end, kept[-1].idx, arg.end)
    return Argument(actor, doc_text(doc)[start:arg.end], start, arg.end)


def _subject_after_stamp(stamped: Token, layout: Layout) -> Token | None:
    """The verb's other subject, outside the dateline the parser took for one, or the name the parser
    hung on the stamp itself ("19:20 — Prime Minister Irakli Kobakhidze, ..., accused": an appositive
    of the clock time)."""
    other = next((ch for ch in stamped.head.children if ch.dep_ == stamped.dep_ and ch.i != stamped.i
                  and not layout.in_stamp(ch.idx)), None)
    return other or next((ch for ch in stamped.children if ch.dep_ == "appos" and not layout.in_stamp(ch.idx)),
                         None)


def _the_last_time(token: Token) -> bool:
    """"the first such death since 2017, when a general was killed": the clause tells the last time
    it happened, before the news, whatever the article's date."""
    verb = clause_verb(token)
    date = verb.head
    if verb.dep_ != "relcl" or date.ent_type_ != "DATE" or not any(ch.lower_ == "when" for ch in verb.children):
        return False
    return date.dep_ == "pobj" and date.head.lower_ == "since"


GAP_UNITS = frozenset({"day", "week", "month", "year"})
CAUSE_PREPOSITIONS = frozenset({"after", "following", "over"})


def _told_as_days_earlier(token: Token) -> bool:
    """"seized a tanker on Saturday, days after Trump announced a blockade": the clause after "days
    after" tells an earlier event, not one on the sentence's date; so does a participle hung on it
    ("came a week after fighters stormed a base, killing at least 12 soldiers")."""
    verb = clause_verb(token)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and verb.head.i != verb.i:
        verb = verb.head
    marks = [ch for ch in verb.children if ch.dep_ == "mark" and ch.lower_ == "after"]
    if not marks:
        return False
    gaps = [ch for holder in (verb, *marks) for ch in holder.children if ch.dep_ == "npadvmod"]
    return any(gap.lemma_.lower() in GAP_UNITS for gap in gaps)  # "weeks after a driver shot eight people"


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


CHARGE_PREPOSITIONS = frozenset({"of", "with", "for", "in", "over"})  # "jailed over the bus attack"


TERM_UNITS = frozenset({"year", "month", "week", "day", "life", "term"})  # a sentence's length
VERDICT_DEPS = frozenset({"acomp", "ccomp", "oprd", "xcomp"})  # "found him guilty": the verdict on the verb


def _named_in_charge(token: Token, depth: int = 2) -> bool:
    """"charged with murder", "two counts of assault", "convicted March 20 of murder for the slaying
    of Ortiz", "arrested in the bombing", "accused of killing two guards": the crime a charge or
    verdict names is the offence at law;
    the news is the charge."""
    while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head  # "accused of rape and sexual assault"
    named = ((token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj")
             or (token.tag_ == "VBG" and token.dep_ == "pcomp"))
    if not named or token.head.lower_ not in CHARGE_PREPOSITIONS:
        return False  # a noun ("of murder") or a gerund ("suspected of helping the bomber")
    governor = token.head.head
    if governor.dep_ == "pobj" and governor.lemma_.lower() in TERM_UNITS and governor.head.head.i != governor.i:
        governor = governor.head.head  # "jails man for 30 years over Lamu bus attack"
    elif governor.ent_type_ == "DATE" and governor.head.i != governor.i:
        governor = governor.head  # "convicted March 20 of murder", "found him guilty last month of supplying"
    lemma = governor.lemma_.lower()
    if lemma in cue("charge") or (token.head.lower_ in ("for", "over") and lemma in cue("trial")):
        return True  # "charged with murder", "were tried for the bombing", "jailed over the attack"
    if any(ch.lemma_.lower() in cue("charge") and ch.dep_ in VERDICT_DEPS for ch in governor.children):
        return True  # "found Abdi guilty last month of supplying weapons"
    return depth > 0 and _named_in_charge(governor, depth - 1)  # "of murder for the slaying of Ortiz"


def _dated_inside(event: Event, noun: Token) -> bool:
    """The event's date expression is part of the noun phrase ("after Friday's arrest")."""
    start, end = noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge.text)
    return event.timex_start is not None and start <= event.timex_start < end


def _names_same_kind(governor: Token, c: Candidate) -> bool:
    return any(s.type == c.type for s in trigger_senses().get(governor.lemma_.lower(), ()))


HEADLINE_PASSIVE_TYPES = frozenset({"ASSAULT", "COERCE", "ACCUSE", "SANCTION"})


def _headline_passive(c: Candidate) -> bool:
    """Headlines drop "was": in "Former army colonel jailed for 20 years" or "Three killed in
    blast" the subject of a past participle with no object is who it happened to."""
    verb = c.token
    undergone = c.type in HEADLINE_PASSIVE_TYPES or (c.type, c.mode) == ("RETREAT", "release")  # "engineer freed"
    if not undergone or verb.tag_ not in ("VBN", "VBD") or c.actor_token is None:
        return False
    if any(ch.dep_ in ("dobj", "aux", "auxpass", "nsubjpass") for ch in verb.children):
        return False
    return c.actor_token.dep_ == "nsubj" and c.actor_token.head.i == verb.i and c.recipient_token is None


def _standing_activity(c: Candidate) -> bool:
    """"Doctors Without Borders, which supports the main hospital": a relative clause in the simple
    present describes what someone does, not an act told as news; so does a deployment told by a
    present participle on who holds it ("troops guarding the border")."""
    token = c.token
    if c.type in STANDING_TYPES and _participle_beside_a_verb(token):
        return True  # "The navy patrolling the gulf thwarted an attack": a posture that describes the navy
    if _a_tie_described(token):
        return True  # "rebels backed by Rwanda seized the town", "militias collaborating with the junta"
    if token.dep_ == "xcomp" and token.pos_ == "VERB":
        token = token.head  # "those who try to seize power by force"
    return token.dep_ == "relcl" and token.tag_ in ("VBZ", "VBP") and c.type not in VIOLENT_TYPES


STANDING_TYPES = frozenset({"MOBILIZE"})


def _a_tie_described(token: Token) -> bool:
    """A participle of backing or alliance hung on a noun, with no day of its own, tells who the
    noun's people are, not an act ("troops, backed by helicopters,"; not "a group funded on Monday")."""
    if token.dep_ != "acl" or token.tag_ not in ("VBN", "VBG") or token.lemma_.lower() not in cue("standing_tie"):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree)


def _participle_beside_a_verb(token: Token) -> bool:
    """A present participle with no auxiliary, in a sentence whose own verb is another one ("Troops
    guarding the border arrested two men"; the parser may make either one the root). A headline
    of a participle alone ("Troops patrolling streets after riot") is told as news."""
    if token.tag_ != "VBG" or token.dep_ not in ("acl", "csubj", "ROOT"):
        return False  # not "began deploying troops"
    if any(ch.dep_ in ("aux", "auxpass") for ch in token.children):
        return False
    return any(t.tag_ in ("VBD", "VBZ", "VBP") and t.pos_ == "VERB" and t.i != token.i for t in token.sent)


def _in_weak_company(c: Candidate, event: Event, told_violence: bool = True) -> bool:
    """A common word ("help", "provide", "send", "hit") is an event only between actors: with
    neither actor nor recipient a known actor or a name, and no casualties, it is everyday prose.
    A toll of its own keeps a weak violent word ("three were wounded") only in an article that
    tells violence ("64 were injured" in a typhoon story is no attack)."""
    if not c.sense.weak or c.absorbed or c.merged or _denies_a_claim(c.token):
        return False
    if event.actor_id or event.recipient_id:
        return False
    if (event.fatalities or event.injured) and (told_violence or _violence_nearby(c.token)):
        return False
    if c.type in VIOLENT_TYPES and _violence_nearby(c.token):
        return False  # "the worst explosion was at the bus station, where six people were killed"
    if c.type in VIOLENT_TYPES and c.mode == "explosives" and told_violence:
        return False  # "an explosion ripped through the market" in a story of bombings
    if c.type == "PROTEST" and c.actor_token is not None and _a_crowd(c.actor_token):
        return False  # "hundreds of people marched through the capital"
    return not any(t is not None and (t.ent_type_ in AGENTIVE_ENTS or t.pos_ == "PROPN" or t.lower_ in PERSON_PRONOUNS)
                   for t in (c.actor_token, c.recipient_token))  # "he was charged": a pronoun for someone named


def _denies_a_claim(token: Token) -> bool:
    """"The commissioner denied that any ransom was paid", "men denied any role in the ambush": a
    denial of a told claim is an act whoever makes it (not "were denied entry", "denied bail")."""
    if token.lemma_.lower() not in cue("denial") or token.pos_ != "VERB":
        return False
    if any(ch.dep_ in ("nsubjpass", "auxpass") for ch in token.children):
        return False  # "journalists were denied entry": kept out, not a denial
    return any(ch.dep_ == "ccomp" or (ch.dep_ in ("dobj", "obj") and ch.lemma_.lower() in cue("disowned"))
               for ch in token.children)


PRIVATE_PRONE_TYPES = frozenset({"CONSULT", "AGREE", "AID", "SUPPORT", "SANCTION", "CONCEDE", "THREATEN"})
PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})
PRIVATE_PRONOUNS = PERSON_PRONOUNS | {"i", "me", "you"}


def _between_private_people(c: Candidate, event: Event, actors: dict[str, Actor]) -> bool:
    """"She made several phone calls", "he talked to the receptionist", "the worker was suspended
    for feuding with colleagues": a talk, promise, gift or sanction between private people is
    everyday life, not a political event. Kept when either side is a state, an organization, a
    group, a person with a public role or an unnamed official ("police", "the minister")."""
    if c.type not in PRIVATE_PRONE_TYPES or c.absorbed:
        return False
    roles = ((c.actor_token, event.actor_id), (c.recipient_token, event.recipient_id))
    sides = [(t, actors.get(i or "")) for t, i in roles if t is not None]
    if c.type == "CONSULT" and c.actor_token is not None and _a_private_caller(*sides[0]):
        return True  # "a woman telephoned the police": a private caller reports, she does not consult
    if not sides or any(_public(actor) for _t, actor in sides):
        return False
    return all(_private_person(t, actor) for t, actor in sides)


def _a_private_caller(token: Token, actor: Actor | None) -> bool:
    """"A woman", "a mechanic", a named person of no public role (not an unresolved "she")."""
    if token.lower_ in PRIVATE_PRONOUNS and actor is None:
        return False
    return not _public(actor) and _private_person(token, actor)


def _public(actor: Actor | None) -> bool:
    return actor is not None and (actor.kind != "person" or bool(actor.sector or actor.title)
                                  or actor.source == "knowledge")


def _private_person(token: Token, actor: Actor | None) -> bool:
    """"she", "a mechanic", "Kafoury" (a name the article gives no public role); not "the emir"."""
    if token.lower_ in PRIVATE_PRONOUNS or token.lemma_.lower() in cue("private"):
        return actor is None or actor.kind == "person"
    return token.ent_type_ == "PERSON" and actor is not None and actor.kind == "person"


CROWD_NOUNS = frozenset({"group", "crowd", "dozen", "hundred", "thousand", "score"})


def _a_crowd(token: Token) -> bool:
    """People in numbers: "a group of 130 people", "hundreds", "protesters", "students"."""
    lemma = token.lemma_.lower()
    return lemma in CROWD_NOUNS or (lemma in cue("person") and token.tag_ in ("NNS", "NNPS"))


def _violence_nearby(token: Token) -> bool:
    signs = violence_signs()
    return any(t.i != token.i and t.lemma_.lower() in signs for t in sentence_of(token))


CROWD_ACT_TYPES = frozenset({"ASSAULT", "COERCE"})  # "demonstrators set fire to two buses"


def _a_protest_turned_violent(c: Candidate, casualties: list[Casualty]) -> bool:
    """"Demonstrators burned tyres", "protesters hurled stones at police": what a protest crowd
    breaks, burns or throws is part of its protest (a riot), not an attack of its own; a crowd whose
    sentence tells of people killed or wounded has attacked ("three killed as rioters bomb a bank")."""
    if c.type not in CROWD_ACT_TYPES or c.actor_token is None:
        return False
    if c.actor_token.lemma_.lower() not in cue("protest_crowd"):
        return False
    start = sentence_of(c.token).start_char
    return not any(cas.category in HARM_CATEGORIES and cas.sentence_start == start for cas in casualties)


def _purpose_of_another_act(c: Candidate, types_at: dict[int, str]) -> bool:
    """"Police fired tear gas to disperse the protesters", "troops were deployed to quell the unrest",
    "rebels attacked the base to free their comrades": what an act told was done for is no act of its
    own (the dispersal is the firing; the release has not happened)."""
    verb = c.token
    if verb.pos_ != "VERB" or verb.dep_ != "advcl" or verb.head.i == verb.i:
        return False
    if not any(ch.dep_ == "aux" and ch.tag_ == "TO" for ch in verb.children):
        return False
    told = types_at.get(verb.head.i)  # not what a demand asks for ("sent instructions for them to strengthen")
    return told in FORCE_TYPES and all(t.i != verb.head.i for t in c.tokens)


FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})  # acts of force, whose purpose is told with them


def _a_meeting_attacked(c: Candidate, types_at: dict[int, str]) -> bool:
    """"Its drone had targeted a meeting of militia commanders", "a strike on a wedding": a
    gathering attacked is the target, not a consultation told."""
    token = c.token
    if c.type != "CONSULT" or token.pos_ != "NOUN":
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("on", "at", "against"):
        head = head.head
    elif token.dep_ not in ("dobj", "nsubjpass"):
        return False
    return types_at.get(head.i) == "ASSAULT"


def _a_raid_that_harmed(c: Candidate, types_at: dict[int, str]) -> bool:
    """"Fighters raided the town, shooting residents and burning houses", "laid siege to the hotel,
    killing 21": a raid or siege whose own clause goes on to an attack is that attack."""
    if c.type != "COERCE" or c.token.lemma_.lower() not in cue("armed_entry"):
        return False
    verb = clause_verb(c.token)
    following = [ch for v in {c.token, verb} for ch in v.children if ch.dep_ in ("advcl", "conj") and ch.i > c.token.i]
    return any(types_at.get(ch.i) == "ASSAULT" for ch in following)


ARMED_SECTORS = frozenset({"REB", "INS"})


def _freed_by_attackers(c: Candidate, index: ActorIndex) -> bool:
    """"Gunmen stormed the prison and freed 143 inmates": prisoners freed by armed men are the
    jailbreak's, an attack, not a release by those who held them."""
    if (c.type, c.mode) != ("RETREAT", "release") or c.actor_token is None or c.recipient_token is None:
        return False
    if not any(t.lemma_.lower() in cue("prison") for t in sentence_of(c.token)):
        return False  # "the rebels released two hostages": their own captives, a release
    actor = argument(c.actor_token, index).actor
    return actor is not None and actor.kind != "state" and actor.sector in ARMED_SECTORS


CIVILIANS = "civilians"
# acts a sports, product or culture story tells in its own words ("crushed", "demolished 5-0", "banned for
# three matches"): kept there only beside a conflict word
OFF_TOPIC_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
HARM_CATEGORIES = frozenset({"killed", "injured", "shot"})


def _civilians_harmed(doc: Doc, c: Candidate, casualties: list[Casualty]) -> bool:
    """The people the act harmed are civilians by the words for them: "shot dead a man", "killed 12
    people", "wounded three children" (not "two soldiers"; a cafe or a bank hit counts by the people it
    killed, and with none counted is no civilian)."""
    harmed = [cas for cas in casualties if cas.category in HARM_CATEGORIES]
    counted = [n for cas in harmed if (n := _counted_noun(doc, cas)) is not None]
    hit = c.recipient_token
    nouns = counted + ([hit] if hit is not None and not (counted and _a_thing_hit(hit)) else [])
    return bool(nouns) and all(n.lemma_.lower() in cue("civilian") for n in nouns)


def _a_thing_hit(token: Token) -> bool:
    """"An attack at the Rolando cafe which killed 13 people": a building or place hit, not people; the
    people it killed say who the target was (the codebook's people over the thing)."""
    return not _is_agentive(token) and token.ent_type_ not in AGENTIVE_ENTS


def _toll_side(doc: Doc, casualties: list[Casualty]) -> str | None:
    """The side the mention's dead are on, from the noun its killed count counts ("23 soldiers")."""
    killed = [cas for cas in casualties if cas.category == "killed" and not cas.aggregate]
    nouns = {n.lemma_.lower() for cas in killed if (n := _counted_noun(doc, cas)) is not None}
    sides = {toll_sides().get(n) for n in nouns}
    return sides.pop() if len(sides) == 1 else None


def _counted_noun(doc: Doc, cas: Casualty) -> Token | None:
    """The noun a casualty count counts: "12 people" -> people."""
    if cas.count.start is None or cas.count.end is None:
        return None
    span = doc.char_span(cas.count.start, cas.count.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    return root.head if root.dep_ == "nummod" and root.head.pos_ == "NOUN" else None


def _agent_of_the_law(token: Token | None, index: ActorIndex) -> Argument | None:
    """"Matanov was charged" (the article names federal prosecutors), "he was arrested" (police were
    named): when no mention of the occurrence names who did it, the agent who carries out such an
    act, taken from its nearest mention in the article."""
    if token is None or not (agents := legal_agents().get(token.lemma_.lower())):
        return None
    return _nearest_agent(token, index, agents)


CUSTODY_NOUNS = frozenset({"custody", "prison", "jail", "detention"})


def _freed_by_the_law(event: Event, triggers_at: dict[int, Token], index: ActorIndex) -> Argument | None:
    """"One of the men has since been released from custody" (the article names the police): a
    release from custody is the act of whoever holds people in custody, from its nearest mention."""
    for evidence in event.evidence:
        token = triggers_at.get(evidence.trigger_start or -1)
        if token is not None and any(o.lemma_.lower() in CUSTODY_NOUNS for o in _from_objects(token)):
            return _agent_of_the_law(token, index)
    return None


def _from_objects(token: Token) -> list[Token]:
    froms = [p for p in token.children if p.dep_ == "prep" and p.lower_ == "from"]
    return [o for p in froms for o in p.children if o.dep_ == "pobj"]


def _addressee_of_the_law(token: Token | None, index: ActorIndex) -> Argument | None:
    """"Matanov pleaded not guilty" (the article names federal prosecutors): a plea answers the
    charges, so it is addressed to the prosecution, taken from its nearest mention."""
    if token is None or not (agents := legal_recipients().get(token.lemma_.lower())):
        return None
    return _nearest_agent(token, index, agents)


def _nearest_agent(token: Token, index: ActorIndex, agents: frozenset[str]) -> Argument | None:
    """The article's actor nearest the token whose name ends in one of the agent words."""
    found = [(abs(start - token.idx), start, end, actor) for start, end, actor in index.mentions
             if _last_word(actor.name) in agents]
    if not found:
        return None
    _distance, start, end, actor = min(found, key=lambda f: f[0])
    return Argument(actor, doc_text(token.doc)[start:end], start, end)


def _last_word(name: str) -> str:
    word = name.lower().split()[-1] if name.strip() else ""
    return word[:-1] if word.endswith("s") and len(word) > 4 and not word.endswith("ss") else word


def _intercepts(token: Token) -> bool:
    """"Shot down 118 of the drones", "intercepted two missiles", "destroyed 41 Ukrainian drones over
    Belgorod": what was hit is the attacker's weapon in flight; air defence, not the strike."""
    lemma = token.lemma_.lower()
    if lemma in cue("interception"):
        return True
    particles = [ch for ch in token.children if ch.dep_ == "prt"]  # "shot down 118" parsed as "down 118"
    if lemma not in cue("stopping") and not any(p.lower_ == "down" for p in particles):
        return False  # "fired the missile at the building": the strike itself
    objects = [ch for t in (token, *particles) for ch in t.children if ch.dep_ in ("dobj", "obj", "nsubjpass", "pobj")]
    for obj in objects:
        of = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj"), None)  # "118 of the drones"
        if any(n.lemma_.lower() in cue("airborne") for n in (obj, of) if n is not None):
            return True
    return False


def _tells_a_toll(token: Token) -> bool:
    """"Four wounded employees were taken to hospital", "two were in critical condition": words for
    the hurt, not for an act."""
    return (token.dep_ == "amod" and token.head.pos_ == "NOUN") or token.lemma_.lower() in cue("toll_state")


def _undated(event: Event) -> None:
    """"Rallied on Monday after the arrest of their leader": the arrest happened, but Monday is the
    rally's date, not the arrest's."""
    event.date = event.date_end = event.date_precision = event.date_source = None
    event.timex_start = event.timex_end = None


def _as_background(event: Event) -> None:
    """"A week after a similar strike killed three": an earlier event, told as background. The
    sentence's date is the news event's, not this one's, so it keeps no date."""
    event.historical = True
    _undated(event)


def _set_argument(event: Event, arg: Argument | None, role: str) -> None:
    if arg is None:
        return
    setattr(event, f"{role}_text", arg.text)
    setattr(event, f"{role}_start", arg.start)
    setattr(event, f"{role}_end", arg.end)
    if arg.actor is not None:
        setattr(event, role, arg.actor.name)
        setattr(event, f"{role}_id", arg.actor.id)
