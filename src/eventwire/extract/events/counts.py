"""What an event counts: casualty statements attached to the violent trigger of their sentence (or
made into an event of their own), counted objects ("seized two ships"), and running totals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from eventwire.extract.events.candidate import COUNTRYWIDE_MODES, Candidate, clause_verb, sentence_of, sentence_text
from eventwire.extract.events.roles import not_violence
from eventwire.extract.first_chars import gated
from eventwire.extract.lexicon.events import cue, trigger_senses
from eventwire.extract.lexicon.events import not_violence as not_violence_words
from eventwire.extract.numbers import word_value
from eventwire.model import Casualty, Count
from eventwire.nlp import doc_text

VIOLENT_TYPES = frozenset({"ASSAULT"})


def attach_casualties(
    doc: Doc, candidates: list[Candidate], casualties: Sequence[Casualty]
) -> dict[int, list[Casualty]]:
    """Casualty statements by the trigger of the violent event of their sentence (nearest trigger)."""
    attached: dict[int, list[Casualty]] = {}
    for cas in casualties:
        in_sentence = [
            c for c in candidates if c.type in VIOLENT_TYPES and cas.sentence_start <= c.token.idx < cas.sentence_end
        ]
        if not in_sentence:
            continue
        anchor = cas.trigger_start if cas.trigger_start is not None else cas.count.start or cas.sentence_start
        nearest = min(in_sentence, key=lambda c: min(abs(t.idx - anchor) for t in c.tokens))
        attached.setdefault(nearest.token.i, []).append(cas)
    return attached


def casualty_only_candidates(doc: Doc, candidates: list[Candidate], casualties: Sequence[Casualty]) -> list[Candidate]:
    """'Three people were killed on Monday' with no trigger of ours: an ASSAULT with unknown actor."""
    made: list[Candidate] = []
    senses = trigger_senses()
    base = senses.get("kill", ())
    if not base:
        return made
    # "Four wounded employees were taken to hospital": one count told with two words
    counted: set[tuple[int | None, str]] = set()
    for cas in casualties:
        if cas.category not in ("killed", "injured") or cas.trigger_start is None:
            continue
        if any(cas.sentence_start <= c.token.idx < cas.sentence_end and c.type in VIOLENT_TYPES for c in candidates):
            continue
        if cas.count.start is not None and (cas.count.start, cas.category) in counted:
            continue
        counted.add((cas.count.start, cas.category))
        span = doc.char_span(cas.trigger_start, cas.trigger_start + len(cas.trigger or "x"), alignment_mode="expand")
        if span is None:
            continue
        if not_violence(span.root) or _death_without_violence(span, cas):
            continue  # "a storm killed five people", "his sudden death"
        sense = base[0]
        made.append(Candidate(span.root, span.start, span.end, sense, "ASSAULT", None, []))
    return made


def _death_without_violence(trigger: Span, cas: Casualty) -> bool:
    """A death word ("died", "his body", "the death of") makes an assault only with a sign of
    violence in its sentence: a weapon, or a word that is itself a violent trigger ("shot")."""
    death_words = not_violence_words().get(("natural", "*"), frozenset())
    if trigger.root.lemma_.lower() not in death_words or cas.weapon:
        return False
    signs = violence_signs() - death_words
    return not any(t.lemma_.lower() in signs for t in sentence_of(trigger.root))


@cache
def violence_signs() -> frozenset[str]:
    """Lemmas that show violence: every single-word violent trigger and the weapon cues."""
    violent = {word for word, senses in trigger_senses().items()
               if " " not in word and any(s.type in VIOLENT_TYPES for s in senses)}
    return frozenset(violent | cue("weapon"))


def best_count(casualties: Sequence[Casualty], category: str) -> Count | None:
    """The largest count of this category (killed, injured) among the event's casualty statements."""
    counts = [c.count for c in casualties if c.category == category]
    if not counts:
        return None
    return max(counts, key=lambda k: k.best or k.low or 0)


# --- aggregates and quantities ----------------------------------------------------------------


@cache
def _aggregate_phrases() -> re.Pattern[str]:
    words = sorted(cue("aggregate"), key=len, reverse=True)
    return gated(re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE))


def is_aggregate(c: Candidate) -> bool:
    """A running total, or many events told as one (``is_pattern``)."""
    return _is_running_total(c) or is_pattern(c)


@cache
def _period_phrases() -> re.Pattern[str]:
    units = "|".join(sorted(cue("period"), key=len, reverse=True))
    return gated(re.compile(
        rf"\b(?:(?:over|during|in|throughout|across)\s+the\s+(?:past|last|previous)\s+(?:[\w-]+\s+)?(?:{units})"
        rf"|in\s+recent\s+(?:{units})|for\s+(?:{units}))\b",
        re.IGNORECASE,
    ))


def is_pattern(c: Candidate) -> bool:
    """Many events told as one: "has repeatedly shelled", "a wave of attacks", "dozens of attacks",
    "killed 300 people over the past decade". A superlative ("the deadliest attack in recent years")
    singles one event out of the pattern, so it stays one event."""
    for t in c.tokens:
        verb = clause_verb(t)
        if any(ch.dep_ == "advmod" and ch.lower_ in cue("habitual") for ch in (*t.children, *verb.children)):
            return True
        if t.tag_ == "NNS" and _counted_as_many(t):
            return True
        if t.pos_ == "NOUN" and any(ch.dep_ == "det" and ch.lower_ in cue("every") for ch in t.children):
            return True  # "Every such strike is a reminder that ...": all strikes of a kind
        if any(ch.dep_ in ("amod", "advmod") and ch.lower_ in cue("continual") for ch in t.children):
            return True  # "under near-constant attack", "relentless shelling"
        if t.pos_ == "VERB" and _many_undergo(t):
            return True
        if _bare_plural(t, range(c.start, c.end)):
            return True
        if t.pos_ == "VERB" and (_goes_on(t) or _a_conflicts_toll(t)):
            return True
        if _over_a_span(verb) or _a_campaign(t) or (_at_one_spot(c) and _spread_over_places(t, verb)):
            return True
        if _period_attached(t, verb):
            return True
        if _told_many_times(verb) or _over_years(verb) or _a_reputation(t):
            return True
        if t.pos_ == "VERB" and _in_many_acts(t):
            return True
    return False


def _in_many_acts(verb: Token) -> bool:
    """"At least 15 people have been killed in two days of clashes": a toll told in acts counted
    as many is a tally of them."""
    return any(o.tag_ == "NNS" and _counted_as_many(o)
               for p in verb.children if p.dep_ == "prep" and p.lower_ == "in"
               for o in p.children if o.dep_ == "pobj")


def _a_reputation(token: Token) -> bool:
    """"She was known for aiding the protesters", "notorious for kidnapping foreigners": what someone
    is known for doing is a habit, not one act."""
    prep = token.head
    return (token.dep_ in ("pcomp", "pobj") and token.tag_ == "VBG" and prep.lower_ == "for"
            and prep.head.lower_ in cue("reputation"))


YEAR_SPAN = gated(re.compile(
    r"\b(?:from|between)\s+(?:at\s+least\s+)?((?:19|20)\d\d)\s+(?:to|and|until|through)\s+((?:19|20)\d\d)\b"
))


def _over_years(verb: Token) -> bool:
    """"Abused dozens of girls from 2002 to 2005", "attacks between 2014 and 2016": acts over years."""
    if YEAR_SPAN.search(sentence_text(verb)) is None:
        return False
    return any(int(m.group(2)) > int(m.group(1)) for m in YEAR_SPAN.finditer(_own_clause(verb)))


def _own_clause(verb: Token) -> str:
    """The verb's clause without the clauses it reports or governs ("alleged that he abused ...")."""
    inner = {t.i for ch in verb.children if ch.dep_ in ("ccomp", "xcomp", "advcl") for t in ch.subtree}
    return " ".join(t.text for t in verb.subtree if t.i not in inner)


def _told_many_times(verb: Token) -> bool:
    """"At least five times locals warned the police", "was attacked several times": many acts
    ("three times more" compares, it does not count)."""
    text = sentence_text(verb)
    if _TIMES.search(text) is None or MANY_TIMES.search(text) is None:
        return False  # the sentence never says it: no clause to build
    return MANY_TIMES.search(_own_clause(verb)) is not None


MANY_TIMES = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|countless|"
    r"dozens of|hundreds of)\s+times\b(?!\s+(?:more|less|fewer|as|higher|lower|larger|greater|bigger|the|over))",
    re.IGNORECASE,
)
_TIMES = re.compile("times", re.IGNORECASE)  # in every match of MANY_TIMES, and found much faster
SPREAD_PREPS = frozenset({"across", "throughout"})
INCIDENT_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})  # acts that happen at one spot each


def _at_one_spot(c: Candidate) -> bool:
    """Attacks, protests and arrests happen at one spot each; a strike or curfew "across the
    country" is one act over it."""
    return c.type in INCIDENT_TYPES and c.mode not in COUNTRYWIDE_MODES


def _spread_over_places(token: Token, verb: Token) -> bool:
    """"detonated 20 bombs across the city", "raids throughout the province", "attacks in three
    towns", "were killed as clashes broke out at polling stations across Bangladesh", "attacked
    Ukraine overnight, killing six and damaging energy facilities in several regions": acts spread
    over an area or over several places are many events told as one."""
    joined = [verb, *(ch for ch in verb.children if ch.dep_ == "conj")]  # "were killed and dozens injured as ..."
    participles = [ch for v in joined for ch in v.children if ch.dep_ == "advcl"]
    objects = [ch for p in participles for ch in p.children if ch.dep_ in ("dobj", "obj")]
    participles += [ch for h in (*participles, *objects) for ch in h.children  # "killing six and damaging
                    if ch.dep_ == "conj" and ch.tag_ == "VBG"]  # power plants in several regions"
    for head in {token, verb, *participles}:
        for child in _preps_of(head):
            for place in (g for g in child.children if g.dep_ == "pobj"):
                lemma = place.lemma_.lower()
                if child.lower_ in SPREAD_PREPS and _spread_over(place):
                    return True
                if child.lower_ == "in" and place.tag_ == "NNS" and lemma in cue("area"):
                    return True
    return False


def _spread_over(place: Token) -> bool:
    """"across the city", "throughout Darfur", "across the streets": an area the acts spread over;
    "across the street", "across the Dnipro River" are only its other side."""
    lemma = place.lemma_.lower()
    if lemma in cue("crossed") and place.tag_ not in ("NNS", "NNPS"):
        return False  # "shelled Nikopol across the Dnipro River"
    return lemma in cue("area") or place.ent_type_ in ("GPE", "LOC")


def _preps_of(head: Token) -> list[Token]:
    """The prepositions on a word, and those on the plural nouns they take ("at polling stations
    across Bangladesh")."""
    preps = [ch for ch in head.children if ch.dep_ == "prep"]
    nested = [p for prep in preps for g in prep.children if g.dep_ == "pobj" and g.tag_ == "NNS"
              for p in g.children if p.dep_ == "prep"]
    return preps + nested


def _counted_as_many(noun: Token) -> bool:
    """"dozens of attacks", "a wave of strikes", "repeated raids", "three months of protests",
    "three attacks"."""
    if any(ch.dep_ in ("amod", "nummod", "det") and ch.lower_ in cue("many") for ch in noun.children):
        return True
    if (noun.pos_ == "NOUN" and noun.lemma_.lower() not in cue("device")
            and any((word_value(n.lower_) or 0) >= 2 for n in _numbers_on(noun))):
        return True  # "carried out at least three attacks on Sunday": several told as one (not "two car bombs")
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of":
        return False
    quantifier = of.head
    many = quantifier.lower_ in cue("many") or quantifier.lemma_.lower() in cue("series")
    return many or (quantifier.tag_ == "NNS" and quantifier.lemma_.lower() in cue("span_unit"))


def _numbers_on(noun: Token) -> list[Token]:
    """The numbers that count a noun, also through a modifier ("three weekend attacks", where the
    parser hangs "three" on "weekend")."""
    words = [ch for ch in noun.children if ch.dep_ == "nummod"]
    return words + [g for ch in noun.children if ch.dep_ == "compound" for g in ch.children if g.dep_ == "nummod"]


RANGE_ENDS = frozenset({"to", "until", "till", "through", "and"})


def _over_a_span(verb: Token) -> bool:
    """"Between June 1975 and February 1976, courts dismissed the cases and released the
    defendants", "from 2011 to 2014 the army shelled the town", "in the 1990s": acts told over a
    span of months or years are many events."""
    if any(verb.left_edge.i <= t.i <= verb.right_edge.i for t in _decades(verb.doc)):
        return True
    heads = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    for head in heads:
        for prep in (ch for ch in head.children if ch.dep_ == "prep" and ch.lower_ in ("between", "from")):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and _dated(obj) and _range_end(prep, obj):
                return True
    return False


CAMPAIGN_NOUNS = frozenset({"fight", "war", "battle", "struggle", "campaign", "crusade"})


def _a_campaign(noun: Token) -> bool:
    """"the fight against the Islamic State group", "the war on drugs", "the battle for the city":
    a campaign of many acts, not one (codebook: a campaign is an aggregate)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CAMPAIGN_NOUNS:
        return False
    definite = any(ch.dep_ in ("det", "poss") and ch.lower_ not in ("a", "an", "another") for ch in noun.children)
    return definite and any(ch.dep_ == "prep" and ch.lower_ in ("against", "on", "for") for ch in noun.children)


DECADES_KEY = "eventwire.events.decades"


def _decades(doc: Doc) -> list[Token]:
    """"in the 1990s", "during the '80s": decade expressions of the document, found once."""
    found = doc.user_data.get(DECADES_KEY)
    if found is None:
        text = doc_text(doc)
        matches = _DECADE_IN_TEXT.finditer(text if "0s" in text else "")  # every match ends in "0s"
        spans = (doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in matches)
        found = [span.root for span in spans if span is not None and span.root.dep_ == "pobj"
                 and span.root.head.lower_ in ("in", "during", "throughout")]
        doc.user_data[DECADES_KEY] = found
    return found


_DECADE_IN_TEXT = re.compile(r"(?<![\w'’])(?:(?:\d{2})?\d0s|['’]\d0s)\b")


def _dated(token: Token) -> bool:
    return token.ent_type_ == "DATE" or (token.like_num and len(token.text) == 4)


def _range_end(prep: Token, start: Token) -> bool:
    """The other end of "between X and Y" (a conjunct) or "from X to Y" (a prepositional phrase)."""
    if any(ch.dep_ == "conj" and _dated(ch) for ch in start.children):
        return True
    ends = [ch for ch in (*prep.children, *start.children) if ch.dep_ == "prep" and ch.lower_ in RANGE_ENDS]
    return any(_dated(g) for end in ends for g in end.children if g.dep_ == "pobj")


def _a_conflicts_toll(verb: Token) -> bool:
    """"The war has killed more than 14,000 civilians", "the insurgency killed thousands", "violence
    has displaced millions", "14,000 have been killed in the conflict": the harm of a war, an
    insurgency or a spell of unrest is told over its many acts (a war's any tense; unrest's and a
    war's span only in the perfect: "the fighting killed 12 soldiers" may be one day's)."""
    perfect = any(ch.dep_ in ("aux", "auxpass") and ch.lemma_ == "have" for ch in verb.children)
    for ch in verb.children:
        lemma = ch.lemma_.lower()
        if ch.dep_ == "nsubj" and (lemma in cue("conflict") or perfect and lemma in cue("unrest")):
            return True
        if perfect and ch.dep_ == "prep" and ch.lower_ in ("in", "during", "since") and any(
                o.dep_ == "pobj" and o.lemma_.lower() in cue("conflict") for o in ch.children):
            return True
    return False


def _goes_on(verb: Token) -> bool:
    """"The junta continues to bomb schools", "Russia keeps shelling Kharkiv": an act told as going on
    in the present is a pattern of acts ("police continued to fire tear gas" is one night's)."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in ("continue", "keep") and head.tag_ in ("VBZ", "VBP")


def _bare_plural(noun: Token, trigger: range = range(0)) -> bool:
    """"taken part in demonstrations", "kidnappings are commonplace", "enabled air strikes that killed
    hundreds": a plural event noun with no determiner, number or owner (beside the words of its own
    trigger) names events in general, not one ("two car bombs", "the attacks", "Monday's strikes"
    name particular ones)."""
    if noun.tag_ != "NNS" or noun.dep_ == "compound" or noun.lemma_.lower() in cue("plural_one"):
        return False
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.tag_ == "VBD":
        return False  # "airstrikes killed 20 people on Tuesday": what they did, once
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent" and _past_passive(noun.head.head):
        return False  # "five people were killed by Israeli airstrikes"
    if _on_one_day(clause_verb(noun)):
        return False  # "the village was hit by airstrikes on Monday"
    return not any(ch.dep_ in ("det", "nummod", "poss", "amod", "compound") and ch.ent_type_ != "NORP"
                   and ch.i not in trigger for ch in noun.children)  # "prompting Russian airstrikes": whose


ONE_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|\d{1,2})\b", re.IGNORECASE
)


def _past_passive(verb: Token) -> bool:
    return any(ch.dep_ == "auxpass" and ch.tag_ == "VBD" for ch in verb.children)


def _on_one_day(verb: Token) -> bool:
    """The clause is dated to one day ("on Monday", "on March 3", "yesterday")."""
    dates = [t for ch in verb.children for t in (ch, *ch.children) if t.ent_type_ == "DATE" and t.ent_iob_ == "B"]
    return any(ONE_DAY.search(t.doc[t.i : _entity_end(t)].text) for t in dates)


def _entity_end(token: Token) -> int:
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return end


def _many_undergo(t: Token) -> bool:
    """"Thousands have been arrested", "hundreds have been killed": a running count of people is many
    events ("thousands protested", "hundreds were killed in the attack" are one event's crowd or toll)."""
    perfect = any(ch.dep_ == "aux" and ch.lemma_ == "have" for ch in t.children)
    return perfect and any(ch.dep_ == "nsubjpass" and ch.lower_ in cue("many") for ch in t.children)


def _period_attached(t: Token, verb: Token) -> bool:
    heads = _period_heads(t.doc)
    return verb.i in heads or (t.i in heads and not _singled_out(t))


def _period_heads(doc: Doc) -> frozenset[int]:
    """Tokens a span phrase ("over the past decade") hangs from, found once per document."""
    found = doc.user_data.get(PERIOD_HEADS_KEY)
    if found is None:
        text = doc_text(doc)
        spans = (doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in _period_phrases().finditer(text))
        found = frozenset(span[0].head.i for span in spans if span is not None)
        doc.user_data[PERIOD_HEADS_KEY] = found
    return found


PERIOD_HEADS_KEY = "eventwire.events.period_heads"


def _singled_out(noun: Token) -> bool:
    return any(ch.tag_ == "JJS" or ch.lower_ in ("first", "only", "last") for ch in noun.children)


def _is_running_total(c: Candidate) -> bool:
    """A perfect-tense event with 'since', 'so far', 'to date' in its sentence."""
    text = sentence_text(c.token)
    if not any(not _adverbial_since(c.token, m) for m in _aggregate_phrases().finditer(text)):
        return False
    if _TALLY_WORDS.search(text):
        return True
    return any(any(ch.dep_ == "aux" and ch.lemma_ == "have" for ch in _verb_over(t).children) for t in c.tokens)


def _verb_over(token: Token) -> Token:
    """The verb a noun hangs from, or the first of coordinated verbs that share its auxiliary
    ("have been killed in shelling and drone strikes" -> killed)."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    while node.dep_ == "conj" and not any(ch.dep_ in ("aux", "nsubj", "nsubjpass") for ch in node.children):
        node = node.head
    return node


def _adverbial_since(token: Token, match: re.Match[str]) -> bool:
    """'has since been released': 'since' as an adverb means 'after that', not 'since September'."""
    if match.group(0).lower() != "since":
        return False
    sentence = sentence_of(token)
    start = sentence.start_char + match.start()
    return any(t.idx == start and t.pos_ == "ADV" for t in sentence)


_TALLY_WORDS = re.compile(r"\b(?:total|toll)\b", re.IGNORECASE)


def quantities(c: Candidate) -> dict[str, int]:
    """Counted non-victim objects of the event ('seized two ships')."""
    found: dict[str, int] = {}
    people = cue("person")
    for t in c.tokens:
        for child in t.subtree:
            if child.dep_ != "nummod" or child.head.pos_ not in ("NOUN", "PROPN"):
                continue
            if child.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") or child.head.ent_type_ == "DATE":
                continue
            noun = child.head
            if noun.lemma_.lower() in people or noun.i == t.i:
                continue
            value = _number(child.text)
            if value is not None:
                found[noun.lower_] = value
    return found


def _number(text: str) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else word_value(text)
