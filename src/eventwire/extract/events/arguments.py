"""From a role's head word to what the event records: the noun phrase's token bounds and text, and
the article's actor it names (a pronoun is followed back to a person or group mentioned before)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from eventwire.extract.events.candidate import sentence_of
from eventwire.extract.lexicon.events import cue, lexicon_rows, member_nouns, trigger_senses
from eventwire.model import Actor, Event

STOP_RIGHT_DEPS = frozenset({"relcl", "punct", "advcl", "ccomp", "xcomp", "appos", "acl", "prep", "mark", "parataxis"})


def argument_bounds(token: Token, keep_acl: bool = False, qualified: bool = False) -> tuple[int, int]:
    """Token bounds of an argument's noun phrase: its left part, name parts, conjuncts and 'of' phrases
    (``qualified``: and where people belong, "community leaders in Manchester")."""
    start = token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        dep = child.dep_
        if qualified and dep == "prep" and _says_where_they_belong(token, child):
            end = child.right_edge.i + 1
            break
        if dep == "prep" and (child.lower_ != "of" or _of_an_act(child)):
            break  # "the official of lying": what they are accused of, not who
        if dep in STOP_RIGHT_DEPS and not (dep == "prep" or (keep_acl and dep == "acl")):
            break
        end = child.right_edge.i + 1
    while start < end - 1 and token.doc[start].is_punct:
        start += 1
    while end - 1 > start and (token.doc[end - 1].is_space or token.doc[end - 1].is_punct):
        end -= 1  # a headline's paragraph break, a closing comma
    return start, end


def _says_where_they_belong(noun: Token, prep: Token) -> bool:
    """"Community and mosque leaders in Manchester", "her boss at the government postal service":
    people told by a common noun (several, someone's, or an office) are told apart by where they
    work or live (at any noun, in a named place)."""
    if noun.pos_ != "NOUN" or prep.lower_ not in ("at", "in"):
        return False
    people = noun.tag_ in PLURAL_TAGS or is_title_noun(noun.lemma_.lower()) or any(
        c.dep_ == "poss" for c in noun.children)
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return people and place is not None and (prep.lower_ == "at" or place.ent_type_ in ("GPE", "LOC"))


def _of_an_act(of: Token) -> bool:
    """An "of" followed by a verb form ("of lying", "of carrying out")."""
    return any(c.dep_ == "pcomp" or c.pos_ == "VERB" for c in of.children)


@dataclass(slots=True)
class ActorIndex:
    """Actor mentions of the article by character offset, and who holds each title it names."""

    mentions: list[tuple[int, int, Actor]]
    holders: dict[str, Actor] = field(default_factory=dict)
    named_groups: dict[str, Actor] = field(default_factory=dict)
    pronouns: dict[int, str] = field(default_factory=dict)  # start of a pronoun mention -> the pronoun
    groups_by_word: dict[str, Actor] = field(default_factory=dict)  # "prosecutor" -> the one such group

    @classmethod
    def build(cls, actors: Sequence[Actor]) -> ActorIndex:
        items = [(m.start, m.end, a) for a in actors for m in a.mentions]
        items.sort(key=lambda x: (x[0], -x[1]))
        pronouns = {m.start: m.text.lower() for a in actors for m in a.mentions if m.kind == "pronoun"}
        return cls(items, title_holders(actors), named_groups(items), pronouns, groups_by_word(actors))

    def group_called(self, lemma: str) -> Actor | None:
        """The one group of the article whose name ends in this word ("prosecutors" elsewhere)."""
        return self.groups_by_word.get(lemma)

    def named(self, actor: Actor) -> Actor:
        """The named group a generic one stands for: "militants" where the article wrote "Taliban
        militants" (and no other group's militants)."""
        return self.named_groups.get(actor.id, actor)

    def holder(self, role: Actor) -> Actor | None:
        """The named person a bare role stands for ("the governor" -> Gov. Tarek el Aissami)."""
        if role.kind == "person" or role.id in {a.id for a in self.holders.values()}:
            return None
        return self.holders.get(role.name.lower())

    def at(self, start: int, end: int, head_start: int, head_end: int) -> Actor | None:
        """The actor mentioned at the head word, else the first actor mentioned inside the span (a
        group before a state the span names as its owner: "Colombia's ELN guerrilla group")."""
        inside: Actor | None = None
        for m_start, m_end, actor in self.mentions:
            if m_start >= end:
                break
            if m_end <= start:
                continue
            if m_start < head_end and head_start < m_end:
                return actor
            if m_start >= start and m_end <= end and (inside is None or (inside.kind == "state" != actor.kind)):
                inside = actor
        return inside

    def last_group_before(self, offset: int, floor: int) -> Actor | None:
        """The nearest state mentioned before the offset, else the nearest group or organization."""
        state: Actor | None = None
        other: Actor | None = None
        for m_start, _m_end, actor in self.mentions:
            if m_start >= offset:
                break
            if m_start >= floor and actor.kind == "state":
                state = actor
            elif m_start >= floor and actor.kind != "person":
                other = actor
        return state or other

    def state_of(self, person: Actor) -> Actor | None:
        if person.country is None:
            return None
        for _s, _e, actor in self.mentions:
            if actor.kind == "state" and actor.country == person.country:
                return actor
        return None

    def story_organization_before(self, offset: int) -> Actor | None:
        """The organization the story is about so far: the most often named before the offset (the
        latest of equals); only a known or coded one (a tagging slip, "Bloody Sunday", is none)."""
        told: dict[str, tuple[int, int, Actor]] = {}
        for m_start, _m_end, actor in self.mentions:
            if m_start >= offset:
                break
            if actor.kind == "organization" and (actor.source == "knowledge" or actor.sector):
                times = told.get(actor.id, (0, 0, actor))[0]
                told[actor.id] = (times + 1, m_start, actor)
        return max(told.values(), key=lambda t: (t[0], t[1]))[2] if told else None

    def organization_called(self, word: str, offset: int) -> Actor | None:
        """The latest organization named before the offset whose name holds the word ("the rival
        Grand Democratic Alliance" ... "the alliance")."""
        found = None
        for m_start, _m_end, actor in self.mentions:
            if m_start >= offset:
                break
            if actor.kind == "organization" and word in actor.name.lower().split():
                found = actor
        return found

    def people_between(self, floor: int, offset: int, not_: Actor | None = None) -> list[tuple[int, int, Actor]]:
        """The mentions of people from ``floor`` up to ``offset``, in text order."""
        return [(s, e, a) for s, e, a in self.mentions
                if floor <= s < offset and a.kind == "person" and a is not not_]


@dataclass(slots=True)
class Argument:
    """An actor or recipient as the event records it: the actor it names, if any, and its text span."""

    actor: Actor | None
    text: str
    start: int
    end: int
    named_end: int | None = None  # where the words that name it end ("British ministers" of "... in London")

    @property
    def naming_end(self) -> int:
        return self.end if self.named_end is None else self.named_end


GOVERNMENT_NOUNS = frozenset({"regime", "government", "administration", "country", "nation", "state"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_PRONOUNS = frozenset({"they", "them"})
SPEAKER_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson"})
GROUP_POSSESSIVES = frozenset({"its", "their"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})


def argument(token: Token, index: ActorIndex, keep_acl: bool = False) -> Argument:
    """The argument headed by the token (``keep_acl``: a recipient keeps its describing clause)."""
    doc = token.doc
    start_i, end_i = argument_bounds(token, keep_acl=keep_acl, qualified=not keep_acl)  # an actor's workplace
    span = doc[start_i:end_i]
    core = doc[slice(*argument_bounds(token))]  # who is named, not described or placed
    head_start, head_end = token.idx, token.idx + len(token.text)
    actor = index.at(core.start_char, core.end_char, head_start, head_end)
    if actor is not None and _followers_of(token, actor, index):
        actor = None  # "About 2,000 supporters of opposition candidate Marcela Quiroga marched": not Quiroga
    if actor is None or actor.kind in ("organization", "group"):
        actor = _short_name_in_brackets(token, index) or actor  # "the Group for the Support of ... (JNIM)"
    if actor is None:
        actor = _named_in_apposition(token, index)  # "the interior minister, Christophe Castaner,"
    if (actor is None or actor.kind == "state") and (named := _appositive_of_person(token, index)):
        actor = named  # "Salman Abedi, the British-Libyan who carried out the bombing": Abedi
    if actor is None or _generic(actor):
        actor = _whose_members(token, index) or actor  # "the leadership of ETA", "members of Hamas"
    if actor is None and token.pos_ == "NOUN" and not _named_inside(token) and not _owned(token):
        actor = index.group_called(token.lemma_.lower())  # "at the request of prosecutors": the prosecutors
    if actor is None and _the_group_again(token):
        actor = index.organization_called(token.lower_, token.idx) or index.story_organization_before(token.idx)
        # "the Grand Democratic Alliance ... The alliance denied"; "By June, the organisation felt confident"
    if actor is not None and _a_member_of_the_public(token, actor, index):
        actor = None  # "a Kraft Foods plant worker" is a worker, not Kraft Foods
    sentence = sentence_of(token)
    sentence_start = sentence.start_char
    own_subject = _own_subject(token, index)
    if actor is not None and actor is own_subject:
        actor = None  # "the judge ordered him held": "him" is not the judge
    if actor is not None and (not keep_acl or _people_word(token)) and _someone_of(token, actor, index):
        actor = None  # "her boss", "called on her supporters": someone she has (a recipient "Maduro's life" is his)
    if actor is None and token.lower_ in PERSONAL_PRONOUNS:
        actor = _antecedent_person(token, index, own_subject)
    elif actor is None and token.lower_ in GROUP_PRONOUNS and (people := _coordinated_antecedent(token, index)):
        actor = people  # "neither Forest nor Luz Fernandez were tried, as they were released"
    elif actor is None and token.lower_ in THING_PRONOUNS | GROUP_PRONOUNS and not _stands_for_a_weapon(token):
        actor = index.last_group_before(token.idx, sentence_start)  # "X, the spokesman for the Taliban, said they"
        actor = actor or _subject_of_the_sentence_before(token, index)  # "Pakistan's military said ... It accused"
    elif actor is None and (owner := _group_possessive(token)) is not None:
        speaker = _speaker_owning(owner)  # "the group accused the army of using civilians ... and said its forces"
        if speaker is None:
            actor = index.last_group_before(owner.idx, sentence_start)
        else:  # a speaker the article does not name leaves "its" open, never a group named between
            actor = argument(speaker, index).actor
            actor = actor if actor is not None and actor.kind != "person" else None
    if actor is not None and actor.kind == "person" and token.lemma_.lower() in GOVERNMENT_NOUNS:
        actor = index.state_of(actor) or actor  # "his regime": the state the person governs
    if actor is not None and token.tag_ not in PLURAL_TAGS:
        actor = index.holder(actor) or actor  # "the prosecutor said": the prosecutor the article names
    if actor is not None and _generic(actor):
        actor = index.named(actor)  # "three militants" after "Taliban militants"
    if actor is not None and actor.kind == "person" and (group := _speaks_for(token, index)) is not None:
        actor = group  # "Zabiullah Mujahid, the spokesman for the Taliban, claimed the attack"
    return Argument(actor, span.text, span.start_char, span.end_char, min(core.end_char, span.end_char))


OBJECT_PRONOUNS = frozenset({"him", "her"})
LOOKBACK_SENTENCES = 3  # "Landaeta speculated ... She said: '...' She also dismissed": quotes between
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _antecedent_person(pronoun: Token, index: ActorIndex, not_: Actor | None) -> Actor | None:
    """The person "he" or "she" stands for when the actors pass found no one in its sentence and the
    one before: up to three sentences back, the nearest sentence with a person told by a pronoun
    of the same gender ("Landaeta speculated ... She said: '...' She also dismissed") or by a name
    the actors pass did not already turn down; its subject first, else its last person."""
    doc = pronoun.doc
    sentence = sentence_of(pronoun)
    if any(t.text in QUOTE_MARKS for t in sentence):
        return None  # '"He murdered the deputy," Stirling said': someone the speaker talks about
    window = sentence_of(doc[sentence.start - 1]).start_char if sentence.start > 0 else sentence.start_char
    gender = PRONOUN_GENDER.get(pronoun.lower_)
    end = pronoun.idx
    for _ in range(LOOKBACK_SENTENCES + 1):
        people = [(s, e, a) for s, e, a in index.people_between(sentence.start_char, end, not_)
                  if _may_be(index.pronouns.get(s), gender, s < window)]
        if people:
            subjects = [a for s, e, a in people if _as_subject(doc, s, e)]
            return (subjects or [a for _s, _e, a in people])[-1]
        if sentence.start == 0:
            return None
        sentence = sentence_of(doc[sentence.start - 1])
        end = sentence.end_char
    return None


QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _may_be(pronoun: str | None, gender: str | None, before_window: bool) -> bool:
    """A pronoun mention of the same gender, or a name beyond the sentences the actors pass searched."""
    if pronoun is not None:
        return PRONOUN_GENDER.get(pronoun) == gender
    return before_window


def _as_subject(doc: Doc, start: int, end: int) -> bool:
    """A mention that is a clause's subject, or set beside one ("an IRA leader, MacStiofain, said")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)


def _subject_of_the_sentence_before(pronoun: Token, index: ActorIndex) -> Actor | None:
    """"Pakistan's military said Indian shelling hit houses. It accused India of ...": a subject "it"
    or "they" that opens its sentence goes on with the group that was the subject of the sentence
    before (not a person, and not something that sentence only mentions); when that subject is a
    statement, with the subject of what it said ("A statement said that Mr Whitelaw, Lord
    Carrington and advisers had met. They deplored ..."), and "they" with several people named."""
    sentence = sentence_of(pronoun)
    opening = next((t for t in sentence if not t.is_punct and not t.is_space), None)
    opens = opening is not None and opening.i == pronoun.i and pronoun.head.i == sentence.root.i
    if not opens or pronoun.dep_ not in SUBJECT_DEPS or sentence.start == 0:
        return None
    before = sentence_of(pronoun.doc[sentence.start - 1])
    for subject in _subjects_told(before):
        start, end = argument_bounds(subject)
        span = pronoun.doc[start:end]
        found = index.at(span.start_char, span.end_char, subject.idx, subject.idx + len(subject.text))
        if found is None:
            continue
        several = pronoun.lower_ in GROUP_PRONOUNS and any(
            t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") for t in subject.subtree)  # "Mr X, the secretary, Lord Y
        return found if found.kind != "person" or several else None
    return None


def _subjects_told(sentence: Span) -> list[Token]:
    """The subject of a sentence's main verb, then, when the verb says something, its content's."""
    subjects = [c for c in sentence.root.children if c.dep_ in SUBJECT_DEPS]
    said = [c for c in sentence.root.children if c.dep_ == "ccomp"] if sentence.root.lemma_.lower() in cue(
        "report") | cue("saying") else []
    return subjects[:1] + [c for clause in said[:1] for c in clause.children if c.dep_ in SUBJECT_DEPS][:1]


def _stands_for_a_weapon(pronoun: Token) -> bool:
    """"Carried the bombs to the street before detonating them", "planted a device and set it off": a
    weapon named before in the sentence, of the pronoun's number, is what the pronoun stands for."""
    plural = pronoun.lower_ in ("they", "them")
    weapons = cue("weapon") | cue("munition")
    return any(t.lemma_.lower() in weapons and (t.tag_ in PLURAL_TAGS) == plural
               for t in pronoun.doc[sentence_of(pronoun).start : pronoun.i])


def _coordinated_antecedent(pronoun: Token, index: ActorIndex) -> Actor | None:
    """The first person of coordinated people who are the subject before "they" in its sentence
    ("Eva Forest and Mari Luz Fernandez remained in prison as they were charged")."""
    sentence = sentence_of(pronoun)
    own_subjects = [c for c in pronoun.head.children if c.dep_ in SUBJECT_DEPS]
    if pronoun.lower_ == "them" and not own_subjects:
        return None  # "the brothers carried the bombs before detonating them": not themselves
    for token in pronoun.doc[sentence.start : pronoun.i]:
        if token in own_subjects or token.dep_ not in SUBJECT_DEPS or not any(c.dep_ == "conj" for c in token.children):
            continue
        end = token.idx + len(token.text)
        found = index.at(token.idx, end, token.idx, end)
        if found is not None and found.kind == "person":
            return found
    return None
PLURAL_TAGS = frozenset({"NNS", "NNPS"})  # "prosecutors said": several people, not the one prosecutor named


def _named_inside(token: Token) -> bool:
    """A noun with a name or a place of its own in front ("Texas courts", "the Lyon police")."""
    return any(c.i < token.i and (c.pos_ == "PROPN" or c.ent_type_) for c in token.children)


def _followers_of(token: Token, actor: Actor, index: ActorIndex) -> bool:
    """"Supporters of opposition candidate Marcela Quiroga", "the family of Diego Mamani": people
    told by their tie to a person named in an "of" phrase are not that person."""
    if actor.kind != "person" or not _people_word(token) or not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    end = token.idx + len(token.text)
    return index.at(token.idx, end, token.idx, end) is None


def _short_name_in_brackets(token: Token, index: ActorIndex) -> Actor | None:
    """"The al-Qaeda-linked Group for the Support of Islam and Muslims (JNIM) announced": a name
    whose phrase ends in a short form in brackets is the organization the short form names."""
    doc = token.doc
    edge = token.right_edge
    if edge.text == ")":
        opening = next((t for t in reversed(doc[token.i : edge.i]) if t.text == "("), None)
        inside = doc[opening.i + 1 : edge.i] if opening is not None else None
    elif edge.i + 2 < len(doc) and doc[edge.i + 1].text == "(":
        closing = next((t for t in doc[edge.i + 2 : edge.i + 8] if t.text == ")"), None)
        inside = doc[edge.i + 2 : closing.i] if closing is not None else None
    else:
        return None
    if inside is None or not len(inside):
        return None
    found = index.at(inside.start_char, inside.end_char, inside.root.idx, inside.root.idx + len(inside.root.text))
    return found if found is not None and found.kind == "organization" else None


def _owned(token: Token) -> bool:
    """"Its forces", "Russia's forces": a noun with an owner is the owner's, not the one group of the
    article called by that word ("Ukraine's air force" told before)."""
    return any(c.dep_ == "poss" for c in token.children)


def _the_group_again(token: Token) -> bool:
    """"The organisation", "the group", "the paramilitary group" with nothing else to tell which:
    the organization named before (a word of its kind may stand before it: ``group_kind``)."""
    if token.lemma_.lower() not in cue("group_word") or token.tag_ in PLURAL_TAGS:
        return False
    children = list(token.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and all(
        c.dep_ in ("det", "punct") or (c.dep_ == "amod" and c.lower_ in cue("group_kind")) for c in children)


def _a_member_of_the_public(token: Token, actor: Actor, index: ActorIndex) -> bool:
    """A worker, resident or passenger of a named organization or place is a private person, not the
    organization: the name only describes them ("a Kraft Foods plant worker", "an Afghan villager")."""
    if actor.kind == "person" or token.lemma_.lower() not in cue("private") | cue("civilian"):
        return False
    end = token.idx + len(token.text)
    return index.at(token.idx, end, token.idx, end) is None


def _generic(actor: Actor) -> bool:
    """A group the text names only by a common noun ("militants", "the leadership")."""
    return actor.kind == "group" and actor.country is None


def _whose_members(token: Token, index: ActorIndex) -> Actor | None:
    """The organization or state whose members, forces or leaders the argument names: "the
    leadership of ETA", "members of Hamas", "fighters from Sudan's paramilitary Rapid Support
    Forces", "JNIM fighters" (a name set before the noun; not "supporters of Hamas": someone else)."""
    if token.lemma_.lower() not in member_nouns():
        return None
    named_before = [c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.pos_ == "PROPN"]
    for owner in named_before:
        end = owner.idx + len(owner.text)
        found = index.at(owner.left_edge.idx, end, owner.idx, end)
        if found is not None and found.kind == "organization":
            return found
    for owner in (g for p in token.children if p.dep_ == "prep" and p.lower_ in ("of", "from") for g in p.children):
        end = owner.idx + len(owner.text)
        found = index.at(owner.left_edge.idx, end, owner.idx, end)
        if found is not None and found.kind in ("organization", "state"):
            return found
    return None


def _someone_of(token: Token, actor: Actor, index: ActorIndex) -> bool:
    """"Her boss called her in", "Orozco's attorneys argued": a person named only as the owner of the
    argument's noun is not who acted (but "his government" is his state's, "its forces" the group's,
    "Putin's spokesman" speaks for Putin)."""
    if actor.kind != "person" or token.pos_ != "NOUN":
        return False
    lemma = token.lemma_.lower()
    if lemma in GOVERNMENT_NOUNS or lemma in SPEAKER_TITLES or lemma in member_nouns():
        return False
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return False
    end = token.idx + len(token.text)
    return index.at(token.idx, end, token.idx, end) is None and index.at(
        owner.idx, owner.idx + len(owner.text), owner.idx, owner.idx + len(owner.text)) is actor


RELATIVE_ROLES = frozenset({"counterpart"})  # "met his Sudanese counterpart": someone else of the same office


def _people_word(token: Token) -> bool:
    """A noun for people ("supporters", "lawyer", "family", "his former deputy", "his counterpart"),
    not a thing one has ("assets", "claims")."""
    lemma = token.lemma_.lower()
    return lemma in RELATIVE_ROLES or is_title_noun(lemma) or any(lemma in cue(kind) for kind in PEOPLE_CUES)


def _appositive_of_person(token: Token, index: ActorIndex) -> Actor | None:
    """The person a phrase is set beside ("Salman Abedi, the British-Libyan who ..."): a demonym in
    the phrase says where the person is from, not that a state acted."""
    if token.dep_ != "appos":
        return None
    head = token.head
    end = head.idx + len(head.text)
    found = index.at(head.idx, end, head.idx, end)
    return found if found is not None and found.kind == "person" else None


def _named_in_apposition(token: Token, index: ActorIndex) -> Actor | None:
    """The actor a phrase set beside the argument names: "the interior minister, Christophe
    Castaner, sent ...", "one major critic — Leopoldo López, the former mayor — ..."."""
    for appos in (c for c in token.children if c.dep_ == "appos"):
        start, end = argument_bounds(appos)
        span = token.doc[start:end]
        found = index.at(span.start_char, span.end_char, appos.idx, appos.idx + len(appos.text))
        if found is not None:
            return found
    return None


def _own_subject(pronoun: Token, index: ActorIndex) -> Actor | None:
    """"The judge ordered him held": an object pronoun is never the subject of its own clause (nor of
    the clause it hangs from)."""
    if pronoun.lower_ not in OBJECT_PRONOUNS:
        return None
    for verb in (pronoun.head, pronoun.head.head):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pronoun.i), None)
        if subject is not None:
            end = subject.idx + len(subject.text)
            actor = index.at(subject.idx, end, subject.idx, end)
            return index.holder(actor) or actor if actor is not None else None
    return None


def _speaks_for(name: Token, index: ActorIndex) -> Actor | None:
    """The group a spokesperson speaks for: "Mujahid, the spokesman for the Taliban", "Taliban
    spokesman Zabiullah Mujahid" (an act a spokesman claims or announces is the group's)."""
    for appos in (c for c in name.children if c.dep_ == "appos" and c.lemma_.lower() in SPEAKER_TITLES):
        for group in (g for p in appos.children if p.dep_ == "prep" and p.lower_ in ("for", "of") for g in p.children):
            end = group.idx + len(group.text)
            found = index.at(group.left_edge.idx, end, group.idx, end)
            if found is not None and found.kind != "person":
                return found
    title = next((c for c in name.children if c.dep_ == "compound" and c.lemma_.lower() in SPEAKER_TITLES), None)
    if title is not None and title.i > 0:
        before = name.doc[title.i - 1]
        found = index.at(before.idx, before.idx + len(before.text), before.idx, before.idx + len(before.text))
        return found if found is not None and found.kind != "person" else None
    return None


def _speaker_owning(owner: Token) -> Token | None:
    """The subject of the verb of saying whose content holds an "its" or "their" ("the army said its
    forces struck"): the group speaking of its own members, not a group named between."""
    node = owner.head
    for _ in range(6):
        if node.head.i == node.i:
            return None
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in cue("report") | cue("saying"):
            verb = node.head
            return next((c for c in verb.children if c.dep_ == "nsubj"), None) or _speaker_of_conjunct(verb)
        node = node.head
    return None


def _speaker_of_conjunct(verb: Token) -> Token | None:
    """"The group accused the army ... and said ...": the subject of the verb "said" is joined to."""
    if verb.dep_ != "conj":
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


def _group_possessive(token: Token) -> Token | None:
    """The "its" of "its forces", "their fighters": the group the noun belongs to is named before
    (not "their bosses", "their responsibility": someone or something else than the owner)."""
    if token.lemma_.lower() not in member_nouns():
        return None
    return next((ch for ch in token.children if ch.dep_ == "poss" and ch.lower_ in GROUP_POSSESSIVES), None)


@cache
def _title_abbreviations() -> dict[str, str]:
    return dict((abbr, role) for abbr, role in lexicon_rows("title_abbreviations.tsv"))


@cache
def _title_sectors() -> dict[str, str]:
    return {title: sector for title, sector in lexicon_rows("actor_titles.tsv")}


def is_title_noun(lemma: str) -> bool:
    """A word for someone by their office: "minister", "official", "governor"."""
    return lemma in _title_sectors()


def role_noun(title: str) -> str | None:
    """The noun a later mention uses for a title: "Gov." -> "governor", "Interior Minister" ->
    "minister"; none when the last word is another role ("Attorney General" is no general)."""
    bare = title.lower().replace(".", "").strip()
    if bare in _title_abbreviations():
        return _title_abbreviations()[bare]
    last = bare.split()[-1] if bare else ""
    sectors = _title_sectors()
    if last != bare and sectors.get(last) != sectors.get(bare):
        return None
    return last or None


def named_groups(mentions: Sequence[tuple[int, int, Actor]]) -> dict[str, Actor]:
    """Generic group id -> the one known organization whose name the article puts right before that
    group's word ("seven Taliban militants": militant -> Taliban). A group written after two
    organizations' names ("Taliban militants", "Islamic State militants") resolves to neither; a
    name the knowledge file does not hold may be a tagging slip ("Radical French farmers")."""
    generic = {start: actor for start, _end, actor in mentions if actor.kind == "group" and actor.country is None}
    found: dict[str, set[str]] = {}
    by_id: dict[str, Actor] = {}
    for _start, end, actor in mentions:
        group = generic.get(end + 1) if actor.kind == "organization" and actor.source == "knowledge" else None
        if group is not None:
            found.setdefault(group.id, set()).add(actor.id)
            by_id[actor.id] = actor
    return {group: by_id[next(iter(orgs))] for group, orgs in found.items() if len(orgs) == 1}


def groups_by_word(actors: Sequence[Actor]) -> dict[str, Actor]:
    """Last word of a group's name -> the group, for words only one group of the article ends in."""
    found: dict[str, list[Actor]] = {}
    for actor in actors:
        if actor.kind == "group" and actor.name.strip():
            found.setdefault(actor.name.lower().split()[-1], []).append(actor)
    return {word: groups[0] for word, groups in found.items() if len(groups) == 1}


def title_holders(actors: Sequence[Actor]) -> dict[str, Actor]:
    """Role noun -> the one person of the article who holds a title ending in it (a role two people
    hold, "two ministers", resolves to nobody)."""
    found: dict[str, list[Actor]] = {}
    for actor in actors:
        if actor.kind != "person" or not actor.title:
            continue
        whole = actor.title.lower().replace(".", "").strip()  # "the foreign secretary" after "Foreign Secretary X"
        for role in {role_noun(actor.title), whole if " " in whole else None} - {None}:
            found.setdefault(str(role), []).append(actor)
    return {role: people[0] for role, people in found.items() if len(people) == 1}


BLAMED_ACTS = frozenset({"ASSAULT", "COERCE"})
BACK_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def blame_the_perpetrator(doc: Doc, events: Sequence[Event]) -> None:
    """"Taliban militants attacked a patrol ... The United States condemns this cowardly attack": an
    accusation whose object is "the attack" or "this bombing" accuses whoever did the attack the
    article reported last before it (the words stay as written)."""
    for event in events:
        if event.type != "ACCUSE" or event.recipient_id or event.recipient_start is None:
            continue
        span = doc.char_span(event.recipient_start, event.recipient_end or event.recipient_start,
                             alignment_mode="expand")
        act = _act_told_before(span.root, events) if span is not None and len(span) else None
        if act is not None:
            event.recipient, event.recipient_id = act.actor, act.actor_id


def _act_told_before(noun: Token, events: Sequence[Event]) -> Event | None:
    """The latest reported attack (or arrest) with a known actor that "the attack" points back to;
    one told with the same word first ("Israel's drone strike ... Hezbollah fired rockets ... Salam
    condemned the strike": Israel's strike; "militants attacked a checkpoint ... forces killed six
    militants ... condemned the checkpoint attack": the militants' attack)."""
    lemma = noun.lemma_.lower()
    types = {sense.type for sense in trigger_senses().get(lemma, ())} & BLAMED_ACTS
    if not types or not any(c.dep_ == "det" and c.lower_ in BACK_DETERMINERS for c in noun.children):
        return None
    told = [e for e in events if e.type in types and e.actor_id and e.asserted and not e.historical
            and e.evidence[0].start < noun.idx]
    same_word = [e for e in told if lemma in _trigger_lemmas(noun.doc, e, noun.idx)]
    told = same_word or told
    return max(told, key=lambda e: e.evidence[0].start) if told else None


def _trigger_lemmas(doc: Doc, event: Event, before: int) -> set[str]:
    """The words (lemmas) the event's mentions before the offset were told with ("attacked", "strike")."""
    lemmas: set[str] = set()
    for evidence in event.evidence:
        if evidence.trigger_start is None or evidence.trigger_end is None or evidence.trigger_start >= before:
            continue
        span = doc.char_span(evidence.trigger_start, evidence.trigger_end, alignment_mode="expand")
        if span is not None:
            lemmas.update(t.lemma_.lower() for t in span)
    return lemmas


def answer_the_accuser(events: Sequence[Event]) -> None:
    """"The police blamed the Communist Party ..., but the party denied involvement": a denial that
    names no one it answers answers the latest accusation told before it against the same actor."""
    for event in events:
        if event.type != "REJECT" or event.recipient_id or not event.actor_id:
            continue
        told = [e for e in events if e.type == "ACCUSE" and e.actor_id and e.recipient_id == event.actor_id
                and e.evidence[0].start <= event.evidence[0].start and e is not event]
        if told:
            accusation = max(told, key=lambda e: e.evidence[0].start)
            event.recipient, event.recipient_id = accusation.actor, accusation.actor_id


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def names_where(token: Token, arg: Argument) -> bool:
    """"The Manchester suicide bombing": a place name set before an event noun, which the article
    holds for no actor (a state's name would be one: "U.S. strikes"), says where it happened."""
    return (arg.actor is None and token.dep_ in ("compound", "nmod") and token.head.pos_ == "NOUN"
            and token.ent_type_ in PLACE_LABELS)


PEOPLE_CUES = ("person", "perpetrator", "private", "civilian", "protest_crowd", "named_by_role")
FORCE_OWNERS = frozenset({"army", "military", "police", "navy", "militia", "troop", "soldier", "force", "guard",
                          "rebel", "insurgent", "militant"})  # "an army convoy": the army's
FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})
CROWD_NOUNS = frozenset({"group", "crowd", "dozen", "hundred", "thousand", "score", "mob"})
PROTESTERS = "protesters"


def name_the_unnamed(doc: Doc, event: Event) -> None:
    """An actor or recipient told only by a common noun for people that the article holds for no
    actor ("a man believed to be responsible for the blast", "four men rammed their car") is named
    by that noun, as the codebook names an unnamed actor ("gunmen"); people who protest ("a group
    of 130 people were marching", "union members rallied") are "protesters", as ACLED names the
    demonstrators' side."""
    if event.actor is None and event.actor_start is None and event.type in FORCE_TYPES:
        event.actor = _force_of_the_act(doc, event)  # "a military airstrike on a monastery": the military
    for role in ("actor", "recipient"):
        start, end = getattr(event, f"{role}_start"), getattr(event, f"{role}_end")
        if getattr(event, role) is not None or start is None or end is None:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        name = _unnamed_people(span.root, event.type if role == "actor" else None) if span is not None else None
        if name is None and span is not None and role == "recipient" and event.type in FORCE_TYPES:
            name = _force_owning(span.root)  # "ambushed an army convoy": the army
        if name is not None:
            setattr(event, role, name)


def _unnamed_people(noun: Token, protest_type: str | None) -> str | None:
    """"man" of "a man", "men" of "four men", "protesters" for a protesting crowd; None for a thing."""
    lemma = noun.lemma_.lower()
    people = noun.pos_ == "NOUN" and any(lemma in cue(kind) for kind in PEOPLE_CUES)
    if protest_type == "PROTEST" and (lemma in CROWD_NOUNS or (people and noun.tag_ in PLURAL_TAGS)):
        return PROTESTERS
    return noun.text.lower() if people else None


def _force_owning(thing: Token) -> str | None:
    """"Ambushed an army convoy", "attacked a military base", "a police checkpoint": a thing hit that
    a word for an armed force describes is that force's, and the force was attacked; the recipient
    keeps the words as written (the convoy, the base) and is named by the force ("army")."""
    if thing.pos_ != "NOUN" or thing.lemma_.lower() in FORCE_OWNERS:
        return None
    force = next((c for c in thing.children if c.dep_ in ("compound", "amod") and c.i < thing.i
                  and c.lemma_.lower() in FORCE_OWNERS and not c.ent_type_), None)
    if force is None:
        return None
    return " ".join(t.lemma_.lower() for t in force.doc[force.left_edge.i : force.i + 1])  # "security force"


def _force_of_the_act(doc: Doc, event: Event) -> str | None:
    """"A military airstrike on a monastery killed 18 people", "an army raid": an act no mention
    gives an actor, told by a noun a word for an armed force describes, is that force's."""
    for evidence in event.evidence:
        if evidence.trigger_start is None or evidence.trigger_end is None:
            continue
        span = doc.char_span(evidence.trigger_start, evidence.trigger_end, alignment_mode="expand")
        if span is not None and (force := _force_owning(span.root)) is not None:
            return force
    return None
