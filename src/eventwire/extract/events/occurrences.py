"""Occurrences: the mentions of one real-world event in an article become one event.

An article tells its news several times over: the headline ("IED kills Russian general"), the lead
("a general was killed by a roadside bomb"), the details ("the bomb detonated under a convoy"), the
toll ("three others were wounded"), a recap ("the blast", "the attack"), a caption. An analyst
codes all of them as one record whose fields come from all of its mentions (codebook §1). This
pass groups mention-level events into occurrences:

- reads: mention-level ``Event`` records (one evidence each, roles, date, place, flags filled) and
  the marks the candidates pass gave each one (``Mention``);
- writes: one ``Event`` per occurrence with every mention in ``evidence`` (text order), and each
  field taken from the mention that states it best (a clause date over a fallback, a town over a
  country, the largest toll).

Two mentions of one type are one occurrence unless the text keeps them apart: different days,
places far apart, two briefs of a news-in-brief page, different known actors (or, for non-violent
acts, different known recipients), "another" / "a second" / "a similar" attack, or one is
background and the other news.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from eventwire.extract.casualties import non_person_nouns, person_nouns
from eventwire.extract.events.candidate import NAME_GIVEN
from eventwire.extract.gazetteer import in_other_divisions, state_agent_nouns, title_nouns
from eventwire.extract.lexicon.events import cue, unverified_toll
from eventwire.extract.numbers import parse_count
from eventwire.model import Actor, Count, Event, Evidence
from eventwire.periods import date_bounds, strictly_within

VIOLENT = frozenset({"ASSAULT"})
OWN_DATE_SOURCES = frozenset({"clause", "sentence"})
APART_DATE_SOURCES = frozenset({"clause"})  # a sentence's date may be when a statement was made
OWN_PLACE_SOURCES = frozenset({"clause", "sentence"})
APART_PLACE_SOURCES = frozenset({"clause"})  # a sentence's place may be another noun's ("parents from Pakistan")
DATE_RANK = {"clause": 0, "sentence": 1, "outer": 2, "paragraph": 2, "article": 3, "publication": 4}
SENTENCE_FALLBACKS = frozenset({"outer"})  # a day of the act's sentence told in the clauses around a description
ARTICLE_SOURCES = frozenset({"article", "publication"})
PLACE_RANK = {"clause": 0, "sentence": 1, "paragraph": 2, "dateline": 3, "article": 4}
APART_KM = 25.0  # two towns further apart than this are two places (documented in README: Occurrences)
REGION_PRECISION = 3  # ACLED geo_precision of a region or country: too coarse to tell places apart


@dataclass(slots=True, frozen=True)
class Mention:
    """One mention-level event and what its trigger's company says about it."""

    event: Event
    content: str | None = None  # the type of what an intent or request is about ("offer to negotiate")
    refers_back: bool = False  # "the strike", "that attack": an event told before
    distinct: bool = False  # "another strike", "a similar attack", "later, ...": not the one told before
    lemma: str = ""  # the trigger's lemma ("detain" for "detained")
    recalls: bool = False  # named as the cause or the charge of another act ("charged with the bombing")
    named_by_other: bool = False  # the object of another act ("condemned the strike"): tells only who did it
    embedded: bool = False  # inside another noun's phrase ("the ringleader of Saturday's attack"): its
    # clause's date and place are that noun's story, not the event's
    headline: bool = False  # in the title: it names the story's news, told again below
    toll_side: str | None = None  # the side its killed count counts ("soldiers": military), if one
    own_date: bool = False  # a named act dated inside its own phrase ("accused of killing her in 2011")
    toll: bool = False  # tells only who was hurt ("four wounded employees", "in critical condition"):
    # the day and place of its sentence are the hospital's news, never a second attack's
    another: bool = False  # "In a separate incident, ...": another occurrence whatever its day
    brief: int = -1  # on a page of briefs, the start of its brief's label ("SOMALIA: ..."): briefs are apart
    intercepts: bool = False  # "shot down 118 of the drones": air defence, never the strike it foiled


def group_occurrences(mentions: Sequence[Mention], actors: Mapping[str, Actor] | None = None) -> list[Event]:
    """Mentions (in text order) grouped into occurrences, each one Event with all its evidence."""
    actors = actors or {}
    kept: list[Mention] = []
    tolls: dict[int, dict[str, Count]] = {}  # occurrence -> killed by side, for tolls of several sides
    for mention in (m for m in mentions if not m.recalls):
        event = mention.event
        apart = mention.another or (mention.distinct and event.date_source != "clause"
                                    and not _in_a_told_sentence(kept, event))
        target = _headline_told_again(kept, mention, actors) if apart else _nearest_match(kept, mention, actors)
        if not apart and target is not None and _undated_to_tell_apart(target, mention, kept):
            apart, target = True, None
        if apart and target is None:
            kept.append(mention)  # a new occurrence; later mentions may still join it
            continue
        if apart and target is not None:  # the body's telling states the fields; the headline's words are terse
            absorb(event, target.event, actors)
            kept[kept.index(target)] = mention
            continue
        if target is None and mention.refers_back:
            target = _told_before(kept, event)
        if target is None:
            kept.append(mention)
            _count_side(tolls, event, mention.toll_side)
        elif mention.named_by_other:
            recall(target.event, event)
        else:
            absorb(target.event, event, actors)
            _count_side(tolls, target.event, mention.toll_side, event.fatalities)
            if _content(target) is None and _content(mention) is not None:  # "agree a deal" ... "to restore power"
                kept[kept.index(target)] = replace(target, content=mention.content)
    for mention in (m for m in mentions if m.recalls):
        told = next((k for k in kept if k.event.type == mention.event.type and k.event.asserted), None)
        if told is None:
            kept.append(mention)  # background the article does not report itself
        else:
            recall(told.event, mention.event, mention.own_date)
    return sorted((m.event for m in kept), key=lambda e: (e.evidence[0].in_caption, e.evidence[0].start))


def _headline_told_again(kept: Sequence[Mention], mention: Mention, actors: Mapping[str, Actor]) -> Mention | None:
    """"Hezbollah fires rockets in response" (headline) ... "Hezbollah said it fired a salvo of rockets
    at an Israeli army post hours later": a mention set apart from the story before it may still be
    the act the headline named, which nothing in the body told yet."""
    return next((k for k in kept if k.headline and _headline_only(k.event) and same_occurrence(k, mention, actors)),
                None)


def _undated_to_tell_apart(target: Mention, mention: Mention, kept: Sequence[Mention]) -> bool:
    """"Separately, the Arakan Army said on Tuesday its fighters had overrun a base": an act set apart
    and dated by its own words does not join one whose date its own words never gave, as the dates
    could not keep them apart."""
    return (mention.distinct and mention.event.date_source == "clause"
            and target.event.date_source not in OWN_DATE_SOURCES and not _in_a_told_sentence(kept, mention.event))


def _in_a_told_sentence(kept: Sequence[Mention], event: Event) -> bool:
    """"Later, gunmen stormed the village and abducted 12 farmers": "later" sets the sentence apart
    from what was told before it, not its acts from one another."""
    start = event.evidence[0].start
    return any(k.event.type == event.type and k.event.evidence[-1].start == start for k in kept)


def _count_side(tolls: dict[int, dict[str, Count]], target: Event, side: str | None,
                killed: Count | None = None) -> None:
    """"They killed 23 soldiers ... Twenty insurgents were killed": the dead of different sides of
    one attack add up; the dead of one side told again count once (the larger count)."""
    by_side = tolls.setdefault(id(target), {})
    count = killed if killed is not None else target.fatalities
    if side is None or count is None or count.best is None:
        return
    if side not in by_side or _larger(by_side[side], count) is count:
        by_side[side] = count
    if len(by_side) > 1:
        target.fatalities = _sum_counts(list(by_side.values()))


def _sum_counts(counts: Sequence[Count]) -> Count:
    highs = [c.high for c in counts]
    return Count(low=sum(c.low or c.best or 0 for c in counts), best=sum(c.best or 0 for c in counts),
                 high=sum(h for h in highs if h is not None) if all(h is not None for h in highs) else None,
                 text=" + ".join(c.text or str(c.best) for c in counts))


def _nearest_match(kept: Sequence[Mention], mention: Mention, actors: Mapping[str, Actor]) -> Mention | None:
    """The latest occurrence this mention may belong to (the story's nearest telling); one told with
    the same arms first: "a man was shot dead at his door ... during an hour of bombing" joins the
    bombing told before, not the shooting. Words for the hurt, and an act that only describes
    someone ("the sister of the teen killed by police"), join the attack told first."""
    matches = [k for k in reversed(kept) if same_occurrence(k, mention, actors)]
    if mention.toll or mention.embedded:
        matches.reverse()  # "four wounded employees", "the sister of the teen killed by police": the story's attack
    return next((k for k in matches if not _arms_apart(k.event, mention.event)), matches[0] if matches else None)


ARMS = {"explosives": "explosive", "explosive": "explosive", "firearms": "firearm", "firearm": "firearm"}


CROWD = "crowd"


def _arms(event: Event) -> str | None:
    """Whether an attack is told as a dispersal ("fired tear gas", "pepper-spraying"), a bombing or
    a shooting (its weapon, its words or its mode), if any."""
    crowd = cue("crowd_arms")
    if (event.weapon or "").lower() in crowd or (event.trigger or "").lower() in crowd:
        return CROWD
    return ARMS.get(event.mode or "") or ARMS.get(event.weapon or "")


def _dispersal_apart(x: Event, y: Event) -> bool:
    """"Police fired tear gas" beside a firebomb attack or a fatal shooting: two acts."""
    a, b = _arms(x), _arms(y)
    return a is not None and b is not None and a != b and CROWD in (a, b)


def _arms_apart(x: Event, y: Event) -> bool:
    a, b = _arms(x), _arms(y)
    return a is not None and b is not None and a != b


def _told_before(kept: Sequence[Mention], event: Event) -> Mention | None:
    """The latest occurrence of the same type a definite "the strike" points back to; never from a
    tally to one act ("The fighting has killed more than 150,000 people since April 2023")."""
    return next((k for k in reversed(kept) if k.event.type == event.type and not _kinds_apart(k.event, event)
                 and not (event.aggregate and not k.event.aggregate)), None)


WITHHOLDING = "boycott"  # the PROTEST mode of strikes, walkouts and boycotts


def _kinds_apart(x: Event, y: Event) -> bool:
    """"Demonstrators tried to storm parliament during the general strike": stopping work is not
    marching; a strike and a march of one day are two protests."""
    return x.type == "PROTEST" and (x.mode == WITHHOLDING) != (y.mode == WITHHOLDING)


def _a_name_given_apart(a: Mention, b: Mention) -> bool:
    """"Orozco was convicted of murder" ... "Stirling called Orozco a predator": a name given to
    someone (``speech.names_given``) is an act of its own, not a retelling of a
    charge or verdict against them."""
    return (a.lemma == NAME_GIVEN) != (b.lemma == NAME_GIVEN)


def same_occurrence(a: Mention, b: Mention, actors: Mapping[str, Actor] | None = None) -> bool:
    """Whether two mentions can be one occurrence: same type and status, nothing in the text apart."""
    x, y = a.event, b.event
    if x.type != y.type or _status(x) != _status(y) or a.brief != b.brief:
        return False
    if not x.asserted and not (x.aggregate and y.aggregate) and not x.historical:
        return False  # hypothetical, negated, future mentions stay as told
    if x.historical and not _same_date(x, y):
        return False  # two pieces of background are one only when dated alike
    if _content(a) is not None and _content(b) is not None and _content(a) != _content(b):
        return False  # an offer to talk and an offer of a ceasefire
    if _kinds_apart(x, y) or _a_name_given_apart(a, b):
        return False
    actors = actors or {}
    anchored = not (a.embedded or b.embedded or b.toll)
    headline = (a.headline and _headline_only(x)) or b.headline  # a headline's words are hung anyhow
    if anchored and (_dates_apart(x, y, hours=b.distinct) or not headline and _places_apart(x, y)):
        return False
    if a.embedded and not (b.embedded or b.toll) and _places_apart(x, y):
        return False  # "Death toll from Russian strike on Dnipro rises" ... "Russian drones attacked Kharkiv"
    if a.intercepts != b.intercepts:
        return False  # "a drone hit a building" ... "the air force said it shot down 118 of the drones"
    if _actors_apart(x, y, actors) or _recipients_apart(x, y) or _dispersal_apart(x, y):
        return False
    if _one_person_and_a_count(x, y, actors):
        return False
    return x.type in VIOLENT or (_told_alike(a, b) and not _roles_reversed(x, y))


def _roles_reversed(x: Event, y: Event) -> bool:
    """"14 soldiers arrested" (headline) and "mutinous soldiers tried to seize the armoury": who
    underwent one act does the other, so they are two acts (not for fighting, where both sides act)."""
    if x.actor_id is not None and x.actor_id == y.actor_id:
        return False  # "mobilised all their forces, declaring an alert": one actor, nothing reversed
    return (x.recipient_id is not None and x.recipient_id == y.actor_id) or (
        x.actor_id is not None and x.actor_id == y.recipient_id)


CROWD_WORDS = frozenset({"protesters", "demonstrators", "marchers", "rioters", "crowd", "crowds", "mob", "youths",
                         "protestors", "protester", "demonstrator", "people"})


def _a_crowd(text: str | None) -> bool:
    """"Demonstrators", "thousands of protesters", "the crowd": one protest crowd, however named."""
    return text is not None and text.lower().rstrip(".").split()[-1] in CROWD_WORDS


def _headline_only(event: Event) -> bool:
    return all(e.start == event.evidence[0].start for e in event.evidence)


def _told_alike(a: Mention, b: Mention) -> bool:
    """A non-violent act is told again only with something in common: the same known actor or
    recipient, the same word ("denies" ... "denying"), a definite "the arrest", or a headline told
    again in the story.
    (Several arrests, charges or statements in one story are usually several acts.)"""
    x, y = a.event, b.event
    same_actor = x.actor_id is not None and x.actor_id == y.actor_id
    same_actor |= x.type == "PROTEST" and _a_crowd(x.actor_text) and _a_crowd(y.actor_text)
    same_recipient = x.recipient_id is not None and x.recipient_id == y.recipient_id
    same_sentence = x.evidence[-1].start == y.evidence[0].start  # "mobilised all forces, declaring an alert"
    return (same_actor or same_recipient or (a.lemma != "" and a.lemma == b.lemma) or b.refers_back
            or same_sentence or (a.headline and _headline_only(x)))  # the headline joins its first retelling only


def _content(mention: Mention) -> str | None:
    """What an act is about; "agree a deal" is about nothing more than agreeing."""
    return None if mention.content == mention.event.type else mention.content


def _status(event: Event) -> tuple[bool, ...]:
    return (event.negated, event.hypothetical, event.future, event.historical, event.aggregate)


def _same_date(x: Event, y: Event) -> bool:
    return x.date is not None and x.date == y.date


def _dates_apart(x: Event, y: Event, hours: bool = False) -> bool:
    """Both dated by their own words, and the dates differ at the coarser of their precisions
    ("2017" and "March 2019" are apart; "March 2019" and "5 March 2019" are not). Two days apart
    count only when each is its own clause's: a sentence's day may be when a statement was made.
    The hour counts only for a mention told apart ("shot down two more drones later on Tuesday
    night" after "struck on Tuesday evening")."""
    if x.date_source not in OWN_DATE_SOURCES or y.date_source not in OWN_DATE_SOURCES:
        return False
    x_level, y_level = (x.date_precision, y.date_precision) if hours else (
        _day_level(x.date_precision), _day_level(y.date_precision))
    coarse = "day" not in (x_level, y_level) or x_level != y_level
    if not coarse and (x.date_source not in APART_DATE_SOURCES or y.date_source not in APART_DATE_SOURCES):
        return False  # "a sergeant said Wednesday": a sentence's day may be the statement's
    if not x.date or not y.date:
        return False
    if "W" in x.date or "W" in y.date:
        return _no_common_day(x.date, y.date)  # "2026-W47" holds "2026-11-16"
    width = min(len(x.date), len(y.date), 99 if hours else DAY_WIDTH)
    return x.date[:width] != y.date[:width] and not _one_night(x.date, y.date)


DAY_WIDTH = len("2026-01-13")  # "Tuesday evening" and "7:30 p.m. on Tuesday" are one day


def _day_level(precision: str | None) -> str | None:
    """A clock time or a part of the day is told at the day's level: the hour does not set apart."""
    return "day" if precision == "time" else precision


def _no_common_day(a: str, b: str) -> bool:
    (a_first, a_last), (b_first, b_last) = date_bounds(a), date_bounds(b)
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return False
    return a_last < b_first or b_last < a_first  # ISO days compare as text


SMALL_HOURS = 6  # "overnight" is the evening before a time before this hour


def _one_night(a: str, b: str) -> bool:
    """"Overnight" (the day before) and "shortly after 2 a.m." are one night; "on Saturday night"
    and "early on Sunday", with no hour, may be two nights."""
    first, second = sorted((a, b))
    try:
        day_one, day_two = date.fromisoformat(first[:10]), date.fromisoformat(second[:10])
    except ValueError:
        return False
    hour = second[11:13]
    night = hour.isdigit() and int(hour) < SMALL_HOURS
    return night and (day_two - day_one).days == 1


def _places_apart(x: Event, y: Event) -> bool:
    """Both placed by their own clause, in different countries or at towns far apart."""
    if x.place_source not in APART_PLACE_SOURCES or y.place_source not in APART_PLACE_SOURCES:
        return False
    if x.country and y.country and x.country != y.country:
        return True
    if x.country == y.country and in_other_divisions(x.place, y.place, x.country):
        return True  # "in Zamfara state" ... "in Maiduguri": a province and a town of another
    if (x.geo_precision or REGION_PRECISION) >= REGION_PRECISION:
        return False
    if (y.geo_precision or REGION_PRECISION) >= REGION_PRECISION:
        return False
    if None in (x.latitude, x.longitude, y.latitude, y.longitude):
        return False
    return _km(x, y) > APART_KM


def _km(x: Event, y: Event) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (x.latitude or 0, x.longitude or 0, y.latitude or 0, y.longitude or 0))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _actors_apart(x: Event, y: Event, actors: Mapping[str, Actor]) -> bool:
    """Two known actors of one kind that are neither the same nor organs of one state (the U.S.
    military and U.S. Southern Command are one side). A person and a group may be one side: a
    member acting for it ("a Kraft Foods plant worker" ... "Hiller", "a Hamas gunman" ... "Hamas")."""
    if x.actor_id is None or y.actor_id is None or x.actor_id == y.actor_id:
        return False
    if x.type == "PROTEST" and _a_crowd(x.actor_text) and _a_crowd(y.actor_text):
        return False  # "protesters marched" ... "demonstrators burned tyres": one crowd
    a, b = actors.get(x.actor_id), actors.get(y.actor_id)
    if a is None or b is None:
        return True
    if x.type in VIOLENT and (a.kind == "person") != (b.kind == "person"):
        return False
    if x.type in VIOLENT and (_the_attackers(a) and b.sector not in STATE_SECTORS
                              or _the_attackers(b) and a.sector not in STATE_SECTORS):
        return False  # "Fighters from the CODECO militia attacked a mine ... The assailants stormed it"
    if x.type in VIOLENT and (_generic_name_for(a, b) or _generic_name_for(b, a)):
        return False  # "jihadists claim deadly ambush" ... "JNIM said its fighters had killed 25 soldiers"
    return not (_one_state(a, b, x.type in VIOLENT) or _one_generic_force(a, b))


def _generic_name_for(generic: Actor, named: Actor) -> bool:
    """"Jihadists", "militants", "rebels" (a kind of armed group, of no country) may be how the
    story names the armed organization it names elsewhere (JNIM, al-Shabab); not a state's forces."""
    return (generic.kind == "group" and generic.country is None and generic.sector not in STATE_SECTORS
            and generic.sector is not None and named.kind == "organization" and named.sector not in STATE_SECTORS)


def _the_attackers(actor: Actor) -> bool:
    """"The assailants", "the attackers", "the gunmen": whoever did the attack, named by the deed (not
    the police who shot them: another act of the same day)."""
    return actor.kind == "group" and actor.country is None and actor.name in cue("perpetrator")


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _one_state(a: Actor, b: Actor, violent: bool = False) -> bool:
    """Organs of one state told apart by name (the U.S. military, U.S. Southern Command): same
    country by the text or knowledge, and neither one known as a non-state group (police and
    protesters of one country are two sides)."""
    if a.country is None or a.country != b.country:
        return False
    if "article" in (a.source, b.source) and not (violent and _the_state_and_its_organ(a, b)):
        return False
    return not any(actor.sector is not None and actor.sector not in STATE_SECTORS for actor in (a, b))


def _the_state_and_its_organ(a: Actor, b: Actor) -> bool:
    """"A drone strike by Myanmar's military" ... "the junta said its forces had struck": in an
    attack, the state or its forces and an organ of the story's state (the junta) are one side,
    though the organ's country is only the story's (two arrests by two organs stay two)."""
    if a.sector in STATE_SECTORS and b.sector in STATE_SECTORS:
        return True  # "Myanmar's military" and "the junta"
    state, organ = (a, b) if a.kind == "state" else (b, a)
    return state.kind == "state" and organ.kind != "state" and organ.sector in STATE_SECTORS


def _one_generic_force(a: Actor, b: Actor) -> bool:
    """"Two police officers" and "police", "Nigerian gunmen" and "gunmen": one kind of force, at
    most one of them with a country of its own (not the story's), is one side."""
    own = {actor.country for actor in (a, b) if actor.country is not None and actor.source != "article"}
    same_kind = (a.sector is not None and a.sector == b.sector) or _head_word(a.name) == _head_word(b.name)
    return len(own) <= 1 and same_kind


def _head_word(name: str) -> str:
    """"Nigeria gunman" and "gunman": the kind of actor a generic name names."""
    return name.lower().split()[-1] if name.strip() else ""


def _recipients_apart(x: Event, y: Event) -> bool:
    """For a non-violent act, two known recipients make two acts ("arrested A", "arrested B"); the
    victims of one attack are named piecemeal ("a general", "three others"), so not for violence."""
    if x.type in VIOLENT:
        return False
    if x.recipient_id is None or y.recipient_id is None or x.recipient_id == y.recipient_id:
        return False
    return not _one_named_within(x.recipient, y.recipient)


def _one_person_and_a_count(x: Event, y: Event, actors: Mapping[str, Actor]) -> bool:
    """For a non-violent act, one named person and a counted group are two acts: "police detained
    Safikul Islam" ... "Police said 21 people had been arrested for the arson", "46 people had been
    arrested" ... "Mahnefah Gray ... was arrested while crossing the street"."""
    if x.type in VIOLENT:
        return False
    return _a_named_person(x, actors) and _several(y) or _a_named_person(y, actors) and _several(x)


def _a_named_person(event: Event, actors: Mapping[str, Actor]) -> bool:
    actor = actors.get(event.recipient_id or "")
    return actor is not None and actor.kind == "person"


def _several(event: Event) -> bool:
    """The recipient is told as a count of two or more people ("21 people", "two senior ministry
    officials", "dozens of protesters"; not "two counts of murder")."""
    text = (event.recipient_text or "").strip()
    count = parse_count(text)
    if count is None or count.start != 0 or (count.best or 0) < 2:
        return False
    words = text[count.end:].lower().split()
    if words[:1] == ["of"]:
        words = words[1:]  # "dozens of protesters"
    head = next((i for i, w in enumerate(words) if w in HEAD_ENDS), len(words))
    return head > 0 and _people_word(words[head - 1].strip(",."))


HEAD_ENDS = frozenset({"of", "from", "in", "at", "on", "for", "with", "who", "that", "including", ","})
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ess")  # as casualties.py reads a word for people
IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "people"}


def _people_word(word: str) -> bool:
    """"people", "officials", "protesters": a plural or singular word for people (the casualty
    lexicon's, a title or a state agent's role noun)."""
    singular = IRREGULAR_PLURALS.get(word) or (word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    if any(w in words for w in (word, singular) for words in (person_nouns(), title_nouns(), state_agent_nouns())):
        return True
    return singular.endswith(PERSON_SUFFIXES) and singular not in non_person_nouns()


def _one_named_within(a: str | None, b: str | None) -> bool:
    """"Kidnapped Danish nurse" ... "the nurse": one name's words hold the other's (the same people
    named more or less fully); "Danish nurse" and "Swedish nurse" are two."""
    words_a, words_b = set((a or "").lower().split()), set((b or "").lower().split())
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


# --- one event from many mentions -----------------------------------------------------------

ACTOR = ("actor", "actor_id", "actor_text", "actor_start", "actor_end")
RECIPIENT = ("recipient", "recipient_id", "recipient_text", "recipient_start", "recipient_end")
PLACE = ("place", "country", "latitude", "longitude", "geo_precision", "place_source", "place_start", "place_end")
DATE = ("date", "date_end", "date_precision", "date_source", "timex_start", "timex_end")


def absorb(target: Event, other: Event, actors: Mapping[str, Actor] | None = None) -> None:
    """Add another mention of the same occurrence to ``target``: its evidence, and each field it
    states better (fields that belong together move together)."""
    target.evidence.extend(other.evidence)
    target.evidence.sort(key=lambda e: (e.in_caption, e.start))
    actors = actors or {}
    for group, better in ((ACTOR, _better_role("actor", actors)), (RECIPIENT, _better_role("recipient", actors)),
                          (DATE, _better_date), (PLACE, _better_place)):
        if better(other, target):
            _copy(group, other, target)
    target.fatalities = _toll(target.fatalities, other.fatalities, target.evidence)
    target.injured = _toll(target.injured, other.injured, target.evidence)
    target.weapon = target.weapon or other.weapon
    target.reported_by = target.reported_by or other.reported_by
    target.contexts.extend(c for c in other.contexts if c not in target.contexts)
    for key, value in other.quantity.items():
        target.quantity.setdefault(key, value)
    target.confidence = round(min(0.99, max(target.confidence, other.confidence) + 0.05), 3)


def recall(target: Event, other: Event, own_date: bool = False) -> None:
    """Add a mention that another act names ("Caracas condemned the strike", "opened a probe into the
    blast", "charged with the killing"): its evidence only; its sentence's actor, place and date
    belong to the act that names it, not to the occurrence. A date inside the named act's own
    phrase ("accused of killing her from a rooftop in 2011") is the act's, kept when the
    occurrence has none of its own words."""
    target.evidence.append(other.evidence[0])
    target.evidence.sort(key=lambda e: (e.in_caption, e.start))
    if own_date and other.date and target.date_source not in OWN_DATE_SOURCES:
        _copy(DATE, other, target)


def _copy(group: tuple[str, ...], source: Event, target: Event) -> None:
    for name in group:
        setattr(target, name, getattr(source, name))


def _better_role(role: str, actors: Mapping[str, Actor]) -> Callable[[Event, Event], bool]:
    def better(new: Event, old: Event) -> bool:
        """A named actor over a group told by a common noun ("Ortiz's killing" over "killing the
        officer"), a known actor over a bare phrase, a bare phrase over nothing; a recipient on the
        record's actor's own side is never taken over another (below; one the record already has
        stays, as its actor may be the mention's mistake)."""
        if role == "recipient" and _own_side(new.recipient_id, old, actors) \
                and not _own_side(old.recipient_id, old, actors):
            return False
        return _role_rank(new, role, actors) > _role_rank(old, role, actors)

    return better


POLICE_SECTORS = frozenset({"COP"})  # armies: in a civil war both sides' troops are "MIL" of one state


def _own_side(recipient_id: str | None, record: Event, actors: Mapping[str, Actor]) -> bool:
    """"French riot police fired tear gas and charged hundreds of farmers ... Four officers and two
    protesters were slightly injured": the officers the crowd hurt, told in another mention, are
    the police's own side, not whom the police acted on (police of the record's actor's state or
    of none named, or the actor itself)."""
    if recipient_id is None or record.actor_id is None:
        return False
    if recipient_id == record.actor_id:
        return True
    done_to, doer = actors.get(recipient_id), actors.get(record.actor_id)
    if done_to is None or doer is None or doer.sector not in POLICE_SECTORS or done_to.sector != doer.sector:
        return False
    return done_to.country is None or done_to.country == doer.country


def _role_rank(event: Event, role: str, actors: Mapping[str, Actor]) -> int:
    actor_id = getattr(event, f"{role}_id")
    if actor_id is not None:
        actor = actors.get(actor_id)
        return 2 if actor is not None and actor.kind == "group" and actor.country is None else 3
    # a name given with no words of the text ("civilians" for "killed 13 people") counts as a phrase
    return 1 if getattr(event, f"{role}_text") or getattr(event, role) else 0


def _better_date(new: Event, old: Event) -> bool:
    """A date the event's own words give over one it fell back to; the finer of two such dates; a
    day its sentence gives in the clauses around a description that tells it over the article's day."""
    if new.date and new.date_source in SENTENCE_FALLBACKS and old.date_source in ARTICLE_SOURCES:
        return True
    if _both_own(new, old) and new.date and old.date and _finer(old.date, new.date):
        return False  # "a shooting last Tuesday" ... "the shooting was the second this year"
    decided = _by_source(new.date, old.date, new.date_source, old.date_source, DATE_RANK, OWN_DATE_SOURCES)
    if decided is not None:
        return decided
    return _finer(new.date or "", old.date or "")


def _both_own(new: Event, old: Event) -> bool:
    return new.date_source in OWN_DATE_SOURCES and old.date_source in OWN_DATE_SOURCES


def _finer(new: str, old: str) -> bool:
    """"2026-01-13T21:00" in "2026-01-13", "2015-11-25" in "2015-W48" (a day of the week told)."""
    return (len(new) > len(old) and new.startswith(old)) or strictly_within(new, old)


def _better_place(new: Event, old: Event) -> bool:
    """A place the event's own sentence gives over a dateline; a town over the region holding it
    (also when the region is named closer: "It was the third mass shooting in Ohio this year" does
    not move a Dayton shooting to Ohio)."""
    if old.place_source in OWN_PLACE_SOURCES and new.country == old.country and _coarser(new, old):
        return False
    decided = _by_source(new.place, old.place, new.place_source, old.place_source, PLACE_RANK, OWN_PLACE_SOURCES)
    if decided is not None:
        return decided
    finer = (new.geo_precision or REGION_PRECISION) < (old.geo_precision or REGION_PRECISION)
    return finer and new.country == old.country


def _coarser(new: Event, old: Event) -> bool:
    return (new.geo_precision or REGION_PRECISION) > (old.geo_precision or REGION_PRECISION)


def _by_source(
    new: str | None, old: str | None, new_source: str | None, old_source: str | None,
    ranks: Mapping[str, int], own: frozenset[str],
) -> bool | None:
    """Whether a new value replaces an old one when presence or where each came from decides
    (a value over none; the event's own words over a fallback); None when they came alike."""
    if new is None:
        return False
    if old is None:
        return True
    new_rank, old_rank = ranks.get(new_source or "", 9), ranks.get(old_source or "", 9)
    if new_rank != old_rank:
        return new_rank < old_rank and new_source in own
    return None


def _toll(a: Count | None, b: Count | None, evidence: Sequence[Evidence]) -> Count | None:
    """The larger count, unless one is told as not verified and the other is not ("it had killed 47
    soldiers, a figure that could not be independently verified ... the army said 11 were killed")."""
    hedged_a, hedged_b = _unverified(a, evidence), _unverified(b, evidence)
    if a is not None and b is not None and hedged_a != hedged_b:
        return b if hedged_a else a
    return _larger(a, b)


def _unverified(count: Count | None, evidence: Sequence[Evidence]) -> bool:
    if count is None or count.start is None:
        return False
    told = next((e for e in evidence if e.start <= count.start < e.end), None)
    return told is not None and unverified_toll().search(told.sentence) is not None


def _larger(a: Count | None, b: Count | None) -> Count | None:
    """The toll of an occurrence is its largest stated count (a later toll sentence updates the lead)."""
    if a is None or b is None:
        return a or b
    return b if (b.best or b.low or 0) > (a.best or a.low or 0) else a
