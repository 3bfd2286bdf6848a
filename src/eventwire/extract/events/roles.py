"""Who acts and who is acted on, from the dependency tree: subject, passive agent, possessor or
light-verb subject is the actor; object, passive subject or a prepositional object the recipient,
following coordination, relative clauses and control."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from spacy.tokens import Span, Token

from eventwire.extract.events.arguments import GOVERNMENT_NOUNS, is_title_noun
from eventwire.extract.events.candidate import Candidate, coordinated_partner, sentence_of, sentence_text
from eventwire.extract.lexicon.events import cue, media_objects, member_nouns, street_words, toll_sides, trigger_senses
from eventwire.extract.lexicon.events import not_violence as not_violence_words

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
RECIPIENT_PREPS = frozenset(
    {"against", "on", "upon", "with", "to", "at", "into", "toward", "towards", "targeting", "of", "for"}
)
NOMINAL_RECIPIENT_PREPS = frozenset({"against", "on", "upon", "with", "to", "of", "at", "toward", "towards"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
CLAUSE_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "acomp"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
NOT_ARGUMENT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY"})


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, following control, coordination and relative clauses."""
    if (fronted := _subject_before_a_relative_clause(verb)) is not None:
        return fronted
    if (accused := _the_accused(verb)) is not None:
        return accused
    node = verb
    for _ in range(6):
        subjects = [child for child in node.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            subjects = _label_skipped(subjects)
            child = _place_appositive_skipped(node, subjects)
            if child.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                return node.head
            return child
        if node.dep_ == "acl" and node.tag_ == "VBG":
            return None if _received(node.head) else _issuer(node.head)
        if (framing := _framing_verb(node)) is not None:
            node = framing  # "In addition to asking the judge ..., Orozco's attorneys made a motion"
            continue
        if (told := _content_told_before(node)) is not None:
            node = told  # "gang members kidnapped 12 staff, police said, and demanded a ransom": the members
            continue
        if (partner := coordinated_partner(node)) is not None:
            node = partner  # "ordered troops to deploy and imposed a curfew": not the troops
            continue
        if node.dep_ not in CLAUSE_CLIMB_DEPS or node.head.i == node.i:
            return None
        if node.dep_ == "xcomp" and _object_controller(node.head) is not None:
            return _object_controller(node.head)
        if node.dep_ == "xcomp" and (raised := _passive_subject(node.head)) is not None:
            return raised  # "the president is scheduled to meet", "he was ordered to pay": who does it
        node = node.head
    return None


ACCUSING_VERBS = frozenset({"accuse", "blame", "charge"})


def _the_accused(participle: Token) -> Token | None:
    """"Accused the M23 of shelling army positions, killing three soldiers": a participle of harm the
    parser hangs on the verb of accusing tells the accused's deed, not the accuser's."""
    if participle.tag_ != "VBG" or not any(
            s.type == "ASSAULT" for s in trigger_senses().get(participle.lemma_.lower(), ())):
        return None
    node = participle
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "of shelling army positions, killing three soldiers and wounding seven"
    if node.dep_ == "pcomp" and node.head.lower_ == "of":
        verb = node.head.head
    elif node.dep_ == "advcl":
        verb = node.head
    else:
        return None
    if verb.lemma_.lower() not in ACCUSING_VERBS:
        return None
    return next((ch for ch in verb.children if ch.dep_ in ("dobj", "obj")), None)


def _label_skipped(subjects: list[Token]) -> list[Token]:
    """"SOMALIA: Al-Shabaab militants attacked a base": a word ending in a colon before the subject
    labels the paragraph (a section of news in brief), it is no second subject."""
    doc = subjects[0].doc
    kept = [s for s in subjects if not (s.i + 1 < len(doc) and doc[s.i + 1].text == ":")]
    return kept or subjects


def _place_appositive_skipped(verb: Token, subjects: list[Token]) -> Token:
    """"In Bambeto, a suburb on the Le Prince road, youths blocked the road": the parser may take a
    phrase set beside a fronted place for a first subject; the subject is the one after it (not in
    "Members of the association, a body linked to the OAU, investigated", which opens the sentence)."""
    first, last = subjects[0], subjects[-1]
    before = first.left_edge.i - 1
    fronted = any(ch.dep_ == "prep" and ch.i < first.i for ch in verb.children)
    if last is first or last.i > verb.i or before < 0 or verb.doc[before].text != "," or not fronted:
        return first
    return last


FRAMING_PREPS = frozenset({"while", "by", "without", "despite", "upon", "besides"})  # not "before", "after": below


def _framing_verb(gerund: Token) -> Token | None:
    """The verb whose subject also does what a gerund framing its clause tells: "responded by calling
    for protests", "in addition to asking the judge ..., the attorneys made a motion" (not "accused
    them of lying": an object's act; not a verb of saying, which the parser may take for the framed
    clause's). "Before"/"after" are left out: WikiEvents codes no attacker of "carried the bombs ...
    before detonating them", and its argument score fell."""
    if gerund.dep_ != "pcomp" or gerund.tag_ != "VBG":
        return None
    prep = gerund.head
    if prep.lower_ == "to" and prep.head.lower_ == "addition" and prep.head.dep_ == "pobj":
        prep = prep.head.head  # "in addition to"
    elif prep.lower_ not in FRAMING_PREPS:
        return None
    verb = prep.head
    if prep.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in cue("report") | cue("saying"):
        return None  # "After shooting Steinberg, Whiteside said LaCalamita walked ...": the report's content
    return verb


def _content_told_before(verb: Token) -> Token | None:
    """"Members of the gang kidnapped 12 staff on Friday, police said, and demanded a ransom": a verb
    with no subject joined to a verb of saying set inside the news it reports (its content told
    before it) goes on with that news, not with the speaker (not "the spokesman said the forces
    had shown restraint, denied that ...", where the content follows)."""
    if verb.dep_ != "conj" or verb.i < verb.head.i or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    saying = verb.head
    if saying.lemma_.lower() not in cue("report") | cue("saying"):
        return None
    return next((c for c in saying.children if c.dep_ == "ccomp" and c.i < saying.i), None)


def _subject_before_a_relative_clause(verb: Token) -> Token | None:
    """"Malaysia, which chairs ASEAN, offered on Thursday to host talks": when the parser makes the
    subject the sentence's root and hangs the main verb after the comma on the relative clause's
    last noun, the root is who acts."""
    if verb.dep_ != "acl" or verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    root = sentence_of(verb).root
    if root.pos_ not in ("PROPN", "NOUN"):
        return None
    clause = next((a for a in verb.ancestors if a.dep_ == "relcl" and a.head.i == root.i), None)
    return root if clause is not None and root.i < clause.i < verb.i else None


def _issuer(noun: Token) -> Token:
    """Who a participle's noun speaks for: "issued a statement denying responsibility" (whoever
    issued the statement denies), "a man carrying a knife" (the man)."""
    if noun.lemma_.lower() not in media_objects() or noun.dep_ not in ("dobj", "obj"):
        return noun
    verb = noun.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in cue("light"):
        return noun
    subject = subject_of(verb)
    if subject is None and verb.dep_ in ("conj", "dep"):  # "X was taken aback and issued a statement"
        subject = _passive_subject(verb.head)
    return subject or noun


RECEIVING_VERBS = frozenset({"receive", "get"})


def _received(noun: Token) -> bool:
    """"The family received a phone call demanding 300,000 dollars": whoever received the call or
    letter did not send it, and the text does not say who did."""
    return (noun.lemma_.lower() in media_objects() | {"call"} and noun.dep_ in ("dobj", "obj")
            and noun.head.lemma_.lower() in RECEIVING_VERBS)


def _passive_subject(verb: Token) -> Token | None:
    """The subject of a passive; also a subject the parser labelled active, or hung on the passive
    auxiliary, of a verb with a "by" agent ("A protester, Ana Delgado, was pepper-sprayed by agents")."""
    found = next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
    auxiliaries = [c for c in verb.children if c.dep_ == "auxpass"]
    if found is None and auxiliaries and any(c.dep_ == "agent" for c in verb.children):
        found = next((c for head in (verb, *auxiliaries) for c in head.children
                      if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.i < verb.i), None)
    return found


def _object_controller(verb: Token) -> Token | None:
    """'urged Iran to ...': the object controls the infinitive."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of the token's prepositions of these words ("charged the crowd with batons")."""
    return [
        grand
        for child in token.children
        if child.dep_ == "prep" and child.lower_ in preps
        for grand in child.children
        if grand.dep_ in ("pobj", "pcomp")
    ]


def prep_object(token: Token, preps: frozenset[str]) -> Token | None:
    """The first object of one of these prepositions under the token ('by' the police)."""
    found = prep_objects(token, preps)
    return found[0] if found else None


def not_violence(token: Token, any_trigger_rows: bool = True) -> bool:
    """A violent word used of something else: "shot the ball", "fired his chief of staff",
    "battled a blaze", "an attack on inflation", "the trade fight", "a storm killed five people",
    "killed in a helicopter crash", "beat Gibraltar 6-0", "a deal was struck". Without
    ``any_trigger_rows`` only the rows of the word itself count ("soldiers marched" is no protest,
    but a "campaign rally" is one)."""
    table = not_violence_words()
    lemma = token.lemma_.lower()

    def listed(role: str, tokens: Iterable[Token], key: str = lemma) -> bool:
        words = table.get((role, key), frozenset())
        return any(t.lemma_.lower() in words or t.ent_type_ in words for t in tokens)

    objects = [w for obj in _objects(token) for w in (obj, *_describers(obj))]
    if listed("object", objects) or (any_trigger_rows and listed("modifier", _modifiers(token), "*")):
        return True
    for prep in ("from", "for", "with"):  # "fired from Gordon Advisors", "gathered for a news conference"
        holders = [token, *_objects(token)]  # "targeted 13 officials with sanctions"
        if listed(prep, [o for h in holders for o in prep_objects(h, frozenset({prep}))]):
            return True
    if listed("particle", [ch for ch in token.children if ch.dep_ == "prt"]):  # "beaten out for first place"
        return True
    talk = table.get(("context", lemma))
    if talk and any(t.lower_ in talk for t in sentence_of(token)):
        return True  # "fired a shot past the goaltender", "shares hit a high"
    if lemma in SCORED_VERBS and SPORTS_SCORE.search(sentence_of(token).text):
        return True
    generic = (_striving, _burns_by_itself, _strikes_as, _stops_by_itself, _killed_in_a_disaster)
    if any_trigger_rows and any(check(token) for check in generic):
        return True
    subject = [s for s in (_semantic_subject(token),) if s is not None]
    if token.dep_ in ("relcl", "acl"):
        subject.append(token.head)  # "the latest to hit France", "sanctions targeting 45 companies"
    elif token.dep_ == "advcl" and token.tag_ == "VBG":  # "adopted a package of sanctions, targeting ..."
        subject += [w for o in _objects(token.head) for w in (o, *prep_objects(o, frozenset({"of"})))]
    subject += [d for s in subject for d in _describers(s)]  # "Typhoon Ompong slammed ..., killing 27"
    causes = subject + prep_objects(token, CAUSE_PREPS)
    # a word's own rows name who did it ("the market exploded"), not where ("exploded in a market")
    return (any_trigger_rows and listed("subject", causes, "*")) or listed("subject", subject)


def _describers(noun: Token) -> list[Token]:
    """Words before a name that say what it is: "incumbent Gov. Matt Bevin", "rival team Ajax"."""
    return [ch for ch in noun.children if ch.dep_ in ("amod", "compound") and ch.i < noun.i]


def _objects(token: Token) -> list[Token]:
    """What the word acts on: a verb's object or passive subject ("a deal was struck"), what "on",
    "against" or "of" names after a noun ("an attack on inflation", "the release of funds")."""
    if token.pos_ in ("VERB", "AUX"):
        return [ch for ch in token.children if ch.dep_ in ("dobj", "attr", "nsubjpass")]
    if token.pos_ in ("NOUN", "PROPN"):
        return prep_objects(token, frozenset({"on", "against", "of"}))
    return []


def _modifiers(token: Token) -> list[Token]:
    """"the trade fight", "a legal battle": what kind of fight the noun is."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return []
    return [ch for ch in token.children if ch.dep_ in ("compound", "amod") and ch.i < token.i]


def _semantic_subject(token: Token) -> Token | None:
    """Who or what did it: the subject, or the agent of a passive ("hit by tariffs")."""
    verb = token if token.pos_ in ("VERB", "AUX") else light_verb(token)
    if verb is None:
        return None
    return _passive_agent(verb) or subject_of(verb)


def _strikes_as(token: Token) -> bool:
    """"That struck me as different": an impression, not a blow."""
    if token.lemma_.lower() != "strike":
        return False
    if any(ch.dep_ == "prep" and ch.lower_ == "as" for ch in token.children):
        return True
    after = token.doc[token.i + 1 : token.i + 3]
    return len(after) == 2 and after[0].tag_ == "PRP" and after[1].lower_ == "as"  # "struck me as different"


def _striving(token: Token) -> bool:
    """"fought to get the full script", "battling to save the company": effort, not combat."""
    return token.lemma_.lower() in STRIVING_VERBS and any(
        ch.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children) for ch in token.children
    )


def _burns_by_itself(token: Token) -> bool:
    """"Hong Kong is burning", "fuel that burns": nothing set on fire by anyone."""
    if token.lemma_.lower() != "burn" or token.pos_ not in ("VERB", "AUX"):
        return False
    return not any(ch.dep_ in ("dobj", "nsubjpass", "auxpass") for ch in token.children)


STRIVING_VERBS = frozenset({"fight", "battle", "struggle"})
SCORED_VERBS = frozenset({"beat", "defeat", "rout", "thrash", "crush", "edge", "hammer", "down", "trounce"})
SPORTS_SCORE = re.compile(r"(?<![\d.,:/-])\d{1,2}-\d{1,2}(?![\d.,:/-]|\s*(?:people|persons|civilians|soldiers|dead))")
CAUSE_PREPS = frozenset({"in", "by", "from", "during"})  # "killed in a crash", "died from the flu"
AGENTIVE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


STOPPED_DEPS = frozenset({"dobj", "obj", "nsubjpass", "xcomp", "ccomp", "prt"})


def _stops_by_itself(token: Token) -> bool:
    """"He stopped at the reception desk", "the convoy halted": a verb of stopping with nothing
    stopped (no object, no passive subject) is a halt, not a sanction."""
    if token.pos_ != "VERB" or not any(s.mode == "discontinue" for s in trigger_senses().get(token.lemma_.lower(), ())):
        return False
    return not any(child.dep_ in STOPPED_DEPS for child in token.children)


def _is_agentive(token: Token) -> bool:
    """A word for someone who can be acted on (a state, group or person), not a thing."""
    lemma = token.lemma_.lower()
    return (
        token.ent_type_ in AGENTIVE_ENTS
        or token.pos_ == "PROPN"
        or lemma in cue("person")
        or lemma in GOVERNMENT_NOUNS
        or (token.pos_ == "NOUN" and is_title_noun(lemma))  # "talks with British ministers"
        or token.lower_ in SPEAKER_PRONOUNS | {"him", "her", "them", "us"}
    )


def _recipient_among(objects: Sequence[Token | None]) -> Token | None:
    """Who is acted on: the first agentive candidate, else the first candidate at all
    ('sent arms to Pakistan': Pakistan; 'seized two ships': the ships)."""
    usable = (_usable_argument(t) for t in objects)
    present = [t for t in usable if t is not None]
    return next((t for t in present if _is_agentive(t)), present[0] if present else None)


def _shared_passive_subject(token: Token) -> Token | None:
    """"She was arrested in May and charged with treason": a participle joined to a passive verb,
    with no subject of its own, is passive too and shares that verb's subject."""
    if token.dep_ != "conj" or token.tag_ != "VBN" or any(c.dep_ in SUBJECT_DEPS for c in token.children):
        return None
    return _passive_subject(token.head)


def _headline_passive_subject(token: Token) -> Token | None:
    """"Eight police officers killed in ambush", "Journalist arrested in Minsk": a participle with a
    subject and no auxiliary is a headline's passive, and its subject is who it was done to."""
    if token.tag_ != "VBN" or token.dep_ != "ROOT" or not _a_title(sentence_of(token)):
        return None
    if any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in token.children):
        return None
    return next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)


def _a_title(sentence: Span) -> bool:
    """A line with no closing stop: a headline, a caption's title."""
    words = [t for t in sentence if not t.is_space]
    return bool(words) and words[-1].text not in (".", "!", "?", '"', "”", "'")


def _verbal_roles(token: Token) -> tuple[Token | None, Token | None]:
    passive_subject = _passive_subject(token)
    passive_subject = passive_subject or _shared_passive_subject(token) or _headline_passive_subject(token)
    told_as_main = _subject_before_a_relative_clause(token) is not None  # not a participle, though tagged one
    if not told_as_main and (passive_subject is not None or token.tag_ == "VBN" and token.dep_ == "acl"):
        actor = _passive_agent(token) or on_behalf_of(token)
        if passive_subject is not None and passive_subject.lower_ in RELATIVE_PRONOUNS:
            passive_subject = token.head if token.dep_ == "relcl" else passive_subject
        recipient = passive_subject if passive_subject is not None else token.head
        return actor, recipient
    if token.lemma_.lower() in UNDERGONE_VERBS:
        return None, subject_of(token)  # "she died from her wounds": who dies is the victim
    if _passive_small_clause(token):
        orderer = subject_of(token.head) if token.head.lemma_.lower() in ORDERING_VERBS else None
        return orderer, _small_clause_subject(token)  # "ordered him held"
    dative = next((c for c in token.children if c.dep_ == "dative"), None)
    obj = next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
    if obj is not None and obj.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
        obj = token.head  # "Cereales del Sur, which she accused of evading duties": the firm
    if obj is None and (victim := _set_off_participle(token)) is not None:
        return None, victim  # "Dalton, shot in the neck, remained in intensive care"
    if obj is None and (accused := _headline_charge(token)) is not None:
        return None, accused  # "Detroit Office Shooter Charged With Murder"
    if obj is None and token.lemma_.lower() in GOING_OFF_VERBS:
        return None, None  # "the bomb exploded", "the vehicle exploded": a thing, not who set it off
    subject = subject_of(token)
    if subject is not None and (inner := _subject_of_a_reduced_relative(subject, token)) is not None:
        subject = inner  # "a charge Kigali denied": Kigali denied it
    if subject is None and token.tag_ == "VBG":
        subject = _named_before_gerund(token)  # "while Russian shelling of the city wounded six people"
    if subject is not None and (_goes_off(subject.head) or _after_a_blast(token)):
        subject = None  # "the car exploded, killing two": the car is no actor of the killing
    return subject, _recipient_among([dative, obj, *_whom(prep_objects(token, RECIPIENT_PREPS))])


ANSWER_TYPES = frozenset({"AGREE", "REJECT", "CONCEDE", "REQUEST"})
SOURCE_PREPS = frozenset({"by", "from"})


def _whose_it_is(thing: Token | None, verb: Token) -> Token | None:
    """"Berlin rejected recent calls by Belarus's rulers", "dismissed an appeal from the president",
    "agreed a debt bailout from the EU and the IMF", "demanded an admission by Moscow": who an offer,
    a call or a deal that is accepted, refused or asked for comes from (or who is to give it) is
    whom the act answers or addresses, not the thing; also "demanding autonomy from the authorities"."""
    if thing is None or _is_agentive(thing) or prep_object(thing, frozenset({"of"})) is not None:
        return None  # "demanded the withdrawal of Serbian forces from Bosnia": whence they go
    source = prep_object(thing, SOURCE_PREPS)
    if source is None and verb.pos_ == "VERB":
        source = prep_object(verb, frozenset({"from"}))
    return source if source is not None and _is_agentive_side(source) else None


RECIPROCAL_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "exchange"})


def _other_party(subject: Token) -> Token | None:
    """The second of two sides a reciprocal act's subject joins ("M23 rebels and the Congolese army
    clashed", "troops and insurgents exchanged fire"): each side acts on the other."""
    return next((c for c in subject.children if c.dep_ == "conj" and _is_agentive_side(c)), None)


def _is_agentive_side(token: Token) -> bool:
    return _is_agentive(token) or token.lemma_.lower() in member_nouns() or token.pos_ == "NOUN" and token.tag_ in (
        "NNS", "NNPS")


def _subject_of_a_reduced_relative(subject: Token, verb: Token) -> Token | None:
    """"The government accused Rwanda of sending troops, a charge Kigali denied": the parser may make
    a thing the subject and the name right after it its apposition; a name (with no comma between)
    right before the verb is the subject of a relative clause without "that", and who acts."""
    if _is_agentive(subject) or subject.i > verb.i:
        return None
    name = next((c for c in subject.children if c.dep_ in ("appos", "compound") and c.i > subject.i), None)
    if name is None or name.right_edge.i + 1 != verb.i or not _is_agentive(name):
        return None
    between = subject.doc[subject.i + 1 : name.left_edge.i]
    return None if any(t.is_punct for t in between) else name


def _named_before_gerund(gerund: Token) -> Token | None:
    """"While Russian shelling of the city wounded six people", "Israeli bombing of the camp": a
    gerund the parser read as a verb, used as a noun, is done by the people or state named before it."""
    return next((c for c in gerund.children if c.dep_ in ("amod", "compound", "poss") and c.i < gerund.i
                 and c.ent_type_ in ACTOR_LABELS), None)


def _whom(objects: list[Token]) -> list[Token]:
    """"Sentenced for bribery", "arrested for theft": what an act is "for" is its reason, unless it
    names someone ("voted for the opposition")."""
    return [o for o in objects if (o.head.lower_ != "for" or _is_agentive(o)) and not _a_street(o)]


def _a_street(token: Token) -> bool:
    """"Gathered on Rustaveli Avenue", "abducted on the Kaduna-Abuja highway": a street or road an act
    happens on is where, not whom."""
    return token.head.lower_ in ("on", "at", "in") and token.lower_ in street_words()


ORDERING_VERBS = frozenset({"order", "direct", "command", "instruct", "rule"})


def _set_off_participle(verb: Token) -> Token | None:
    """"Dalton, shot in the neck, remained in intensive care": a participle set off by commas right
    after a name tells what the name underwent (the parser may read it as the name's own act)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    doc = verb.doc
    if subject is None or verb.tag_ not in ("VBD", "VBN") or verb.i - subject.right_edge.i not in (1, 2):
        return None  # the comma may hang on the name
    if doc[verb.i - 1].text != "," or not any(c.dep_ == "conj" and c.pos_ == "VERB" for c in verb.children):
        return None
    inside = [c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ not in ("conj", "cc", "punct")]
    after = max(inside, default=verb.i) + 1
    return subject if after < len(doc) and doc[after].text == "," else None


def _ordered_to(verb: Token) -> tuple[Token, Token] | None:
    """"The minister instructed all prefects to reinforce security", "ordered troops to deploy":
    who gave the order mobilizes (the actor), those ordered are the recipient."""
    order = verb.head
    ordered: Token | None
    if (by_noun := _ordered_by_noun(verb)) is not None:
        return by_noun
    if verb.dep_ != "xcomp":
        return None
    if order.dep_ in ("dobj", "obj") and order.head.lemma_.lower() in ORDERING_VERBS:
        order, ordered = order.head, order  # "instructed all police prefects to ...", "prefects" read as a verb
    elif order.lemma_.lower() in ORDERING_VERBS:
        ordered = _object_controller(order)
    else:
        return None
    subject = subject_of(order)
    return (subject, ordered) if subject is not None and ordered is not None else None


ORDER_NOUNS = frozenset({"instruction", "order", "directive", "command"})


def _ordered_by_noun(verb: Token) -> tuple[Token, Token] | None:
    """"The minister sent instructions for Lyon authorities to strengthen security", "gave orders for
    troops to deploy": who gave the order acts, whom the order is "for" is told to."""
    if verb.dep_ not in ("xcomp", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    giver = verb.head
    order = next((c for c in giver.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ORDER_NOUNS), None)
    ordered = prep_object(order, frozenset({"for"})) if order is not None else None
    subject = subject_of(giver)
    return (subject, ordered) if subject is not None and ordered is not None else None


def _deployed_force(subject: Token) -> bool:
    """The passive subject of a deployment that is a force ("soldiers were deployed", "the frigate,
    deployed on patrols"), not a place."""
    passive = subject.dep_ == "nsubjpass" or any(c.dep_ == "acl" and c.tag_ == "VBN" for c in subject.children)
    return passive and subject.ent_type_ not in PLACE_ENTS and _is_agentive(subject)  # "INS Sukanya, deployed"


DEATH_LEMMAS = frozenset({"kill", "die"})


def _killed_in_a_disaster(token: Token) -> bool:
    """"Two crashes of its 737 jet in five months that killed 346 people": deaths told beside a
    crash or a disaster, with no one who could have killed and no weapon or attack word."""
    if token.lemma_.lower() not in DEATH_LEMMAS:
        return False
    if _disaster_words().search(sentence_text(token)) is None:
        return False  # no word of a disaster in the sentence: no token walk
    sentence = sentence_of(token)
    disasters = not_violence_words().get(("subject", "*"), frozenset())
    if not any(t.lemma_.lower() in disasters for t in sentence):
        return False
    subject = _semantic_subject(token)
    if subject is not None and _is_agentive(subject):
        return False
    signs = _violence_signs()
    return not any(t.i != token.i and t.lemma_.lower() in signs for t in sentence)


@cache
def _disaster_words() -> re.Pattern[str]:
    words = sorted(not_violence_words().get(("subject", "*"), frozenset()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)


ATTACK_WORDS = frozenset({"attack", "shoot", "shooting", "stab", "bombing", "gunman", "attacker", "assailant",
                          "militant", "sniper", "ambush"})


@cache
def _violence_signs() -> frozenset[str]:
    return frozenset(ATTACK_WORDS | cue("weapon"))


def _passive_small_clause(token: Token) -> bool:
    """"A judge ordered him held until trial", "found her shot": a bare participle whose subject
    underwent it. A participle with an object of its own is an active past the parser tagged as a
    participle ("agents detained at least 37 people, officials said": the agents detained)."""
    return (token.tag_ == "VBN" and token.dep_ in ("ccomp", "xcomp", "oprd")
            and not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in token.children)
            and _small_clause_subject(token) is not None)


def _small_clause_subject(token: Token) -> Token | None:
    """Its own subject, or the object of the verb it completes ("ordered him | held")."""
    own = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if own is not None or token.dep_ == "ccomp":
        return own
    return next((c for c in token.head.children if c.dep_ in ("dobj", "obj") and c.i < token.i), None)


def _headline_charge(verb: Token) -> Token | None:
    """"Kraft Shooter Charged With Murder", "Ex-Minister Accused of Graft": a charge with no object
    and no auxiliary but its crime is a headline's passive; its subject is the accused."""
    if verb.lemma_.lower() not in cue("charge") or verb.tag_ not in ("VBN", "VBD"):
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    if not any(c.dep_ == "prep" and c.lower_ in ("with", "of") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _after_a_blast(participle: Token) -> bool:
    """"Police are hunting a suspect who left a device that exploded, wounding 13 people": a harm
    participle told right after something went off is the blast's, whatever verb the parser hung it
    on (its subject is not who wounded them)."""
    if participle.dep_ != "advcl" or participle.tag_ != "VBG":
        return False
    between = participle.doc[participle.head.i + 1 : participle.i]
    return any(_goes_off(t) for t in between if t.pos_ == "VERB")


def _goes_off(verb: Token) -> bool:
    return verb.lemma_.lower() in GOING_OFF_VERBS and not any(c.dep_ in ("dobj", "obj") for c in verb.children)


UNDERGONE_VERBS = frozenset({"die", "perish", "succumb", "drown", "bleed"})
GOING_OFF_VERBS = frozenset({"explode", "detonate", "go"})


OF_IS_ACTOR_TYPES = frozenset({"MOBILIZE", "RETREAT", "CONSULT", "PROTEST", "REQUEST"})


CLAIM_NOUNS = frozenset({"responsibility", "credit"})
CLAIM_VERBS = frozenset({"claim", "take", "accept", "admit"})


def _nominal_roles(token: Token, type_: str = "") -> tuple[Token | None, Token | None]:
    """Actor and recipient of an event noun: its owner is who did it ("the IRA's bombing"), except
    for a noun of what happens to someone ("Ortiz's killing", "his arrest")."""
    if token.lemma_.lower() in cue("perpetrator"):  # "the alleged killer, Cherif Chekatt": who did it
        return token, prep_object(token, frozenset({"of"}))
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None and (token.lemma_.lower() in cue("patient") or _a_private_owner(owner)):
        return _patient_noun_roles(token, owner)  # "Ortiz's killing", "a Brooklyn woman's fatal shooting"
    if type_ == "ACCUSE" and (accused := _accused(token)) is not None:
        return None, accused
    if (target := _under_fire(token)) is not None:
        return prep_object(token, frozenset({"from", "by"})), target
    return _agentive_nominal_roles(token, type_)


def _a_private_owner(owner: Token) -> bool:
    """"A Brooklyn woman's fatal shooting", "the teenager's beating": a word for a private person
    owning an act is who it happened to."""
    return owner.pos_ == "NOUN" and owner.lemma_.lower() in cue("civilian") | cue("private")


def _under_fire(noun: Token) -> Token | None:
    """"Their posts came under intense gunfire", "the convoy was under attack from rebels": what
    comes under an attack is its target, and the attacker is "from" or "by"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.lemma_.lower() not in ("come", "be", "remain"):
        return None
    return subject_of(prep.head)


FACING_VERBS = frozenset({"face", "await", "deny", "plead", "stand", "be", "hold", "arrest", "detain", "jail",
                          "convict", "acquit", "indict", "sentence", "try", "remain", "remand", "book"})


def _accused(noun: Token) -> Token | None:
    """"Matanov faces charges of lying", "McVeigh is on trial on charges of murder", "was held on a
    charge of arson": who faces a charge is its recipient (the "of" is the crime, not a person)."""
    if noun.lemma_.lower() not in cue("charge"):
        return None
    node = noun
    for _ in range(4):  # up through "on trial on charges"
        if node.dep_ not in ("pobj", "prep", "dobj", "attr") or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    if node.pos_ not in ("VERB", "AUX") or node.lemma_.lower() not in FACING_VERBS:
        return None
    passive = _passive_subject(node)
    return passive or subject_of(node)


def _agentive_nominal_roles(token: Token, type_: str) -> tuple[Token | None, Token | None]:
    actor: Token | None = None
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            actor = child
            break
    if actor is None:
        actor = prep_object(token, frozenset({"by"}))
    if actor is None:
        actor = next(
            (
                c
                for c in token.children
                if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ACTOR_LABELS and c.i < token.i
            ),
            None,
        )
    carrier = light_verb(token)
    if carrier is None and type_ == "SANCTION" and (hit := _hit_with(token)) is not None:
        return subject_of(hit), next(c for c in hit.children if c.dep_ in ("dobj", "obj"))
    if actor is None and type_ in GATHERING_TYPES:
        actor = _people_meeting(token)  # "EU foreign ministers meeting in Brussels on Tuesday agreed"
    if actor is None and type_ in GATHERING_TYPES:
        actor = _speaker_at(token)  # "at a rally with energy workers, he said", "Maduro said during a meeting"
    if actor is None:
        actor = claimant(token)
    if actor is None and carrier is not None and not _carries_another_act(carrier, token):
        actor = _passive_agent(carrier) if _passive(carrier) else subject_of(carrier)
    if actor is None and carrier is not None:
        actor = on_behalf_of(carrier)  # "a not guilty plea was entered on his behalf"
    if actor is None:
        actor = next((c for c in token.children if c.dep_ == "poss"), None)
    preps = NOMINAL_RECIPIENT_PREPS
    of_object = prep_object(token, frozenset({"of"}))
    if actor is None and of_object is not None and type_ in OF_IS_ACTOR_TYPES:
        actor = of_object  # "the deployment of NATO troops", "a visit of the minister"
        preps = NOMINAL_RECIPIENT_PREPS - {"of"}
    objects: list[Token | None] = [o for o in prep_objects(token, preps)
                                   if type_ in FORCE_TYPES or not _where_it_happened(o)]
    if type_ == "REQUEST" and (granted := _granted_at(token)) is not None:
        objects.insert(0, granted)  # "the judge sealed the courtroom at the request of prosecutors"
    if carrier is not None:
        # "gave Tanzania a grant", "imposed sanctions on Iran"
        objects += [c for c in carrier.children if c.dep_ == "dative"] + prep_objects(carrier, preps)
        objects += _given_to(token, carrier)
    return actor, _recipient_among(objects)


FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})  # "an attack at the embassy": the embassy was hit


def _where_it_happened(noun: Token) -> bool:
    """"A meeting at Stormont Castle", "a rally at Union Square": a named place or street after
    "at" tells where a talk or a protest happened, not to whom (an attack's is its target)."""
    if noun.head.lower_ != "at":
        return False
    return noun.ent_type_ in ("GPE", "LOC", "FAC") or (noun.pos_ == "PROPN" and noun.lower_ in street_words())


def _accused_in_main_clause(token: Token) -> Token | None:
    """"The administration targeted 13 more Venezuelan officials, alleging violations of human
    rights": an accusing participle whose own object is the charge accuses the main clause's object."""
    if token.dep_ != "advcl" or token.tag_ != "VBG":
        return None
    obj = next((c for c in token.head.children if c.dep_ in ("dobj", "obj")), None)
    return obj if obj is not None and _is_agentive(obj) else None


GATHERING_TYPES = frozenset({"CONSULT", "PROTEST"})


def _people_meeting(noun: Token) -> Token | None:
    """"EU foreign ministers meeting in Brussels on Tuesday agreed ...": the parser may read people
    and the participle after them as a compound noun; the people named before "meeting" are who
    meet (and who act as the clause's subject)."""
    if noun.lemma_.lower() not in ("meeting", "meet"):
        return None
    return next((c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1 and c.tag_ in ("NNS", "NNPS")
                 and (is_title_noun(c.lemma_.lower()) or c.lemma_.lower() in cue("person"))), None)


def _speaker_at(noun: Token) -> Token | None:
    """Who spoke at a meeting or rally took part in it: "Maduro said during a televised meeting with
    generals", "at a rally with public energy workers, he said" (not "police arrested 12 at the
    rally": only a verb of saying puts its subject at the gathering)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("at", "during") or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in cue("report") | cue("saying") | cue("speech"):
        return None
    return subject_of(verb)


def _hit_with(noun: Token) -> Token | None:
    """"The administration hits 13 Venezuelans with sanctions", "slapped Iran with new tariffs": the
    verb whose object is struck with the measure (its subject imposes it on the object)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with" or prep.head.pos_ != "VERB":
        return None
    verb = prep.head
    return verb if any(c.dep_ in ("dobj", "obj") for c in verb.children) else None


def _granted_at(noun: Token) -> Token | None:
    """Who did what was asked: "the judge sealed the courtroom at the request of prosecutors"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("at", "upon", "on") or prep.head.pos_ != "VERB":
        return None
    return subject_of(prep.head)


def _passive(verb: Token) -> bool:
    """A passive verb, with its subject or raised out of it ("believed to have been carried out by")."""
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in ("auxpass", "agent") for c in verb.children)


def _given_to(noun: Token, carrier: Token) -> list[Token]:
    """"Employees were given an ultimatum by their bosses": the subject of a passive giving verb
    is who received the act (the object is the act itself)."""
    if noun.dep_ not in ("dobj", "obj") or carrier.lemma_.lower() not in GIVING_VERBS:
        return []
    return [c for c in carrier.children if c.dep_ in PASSIVE_SUBJECT_DEPS]


GIVING_VERBS = frozenset({"give", "issue", "hand", "send", "serve", "offer", "deliver"})


def on_behalf_of(verb: Token) -> Token | None:
    """Who an act was done for: "entered on LaCalamita's behalf", "on behalf of the government"."""
    for behalf in prep_objects(verb, frozenset({"on", "in"})):
        if behalf.lemma_.lower() == "behalf":
            owner = next((c for c in behalf.children if c.dep_ == "poss"), None)
            return owner or prep_object(behalf, frozenset({"of"}))
    return None


def _patient_noun_roles(token: Token, owner: Token) -> tuple[Token | None, Token | None]:
    """"Ortiz's killing", "his arrest by police": the owner is who it happened to; the actor is only
    named by "by", a claim or the verb that carries the noun ("police carried out his arrest")."""
    actor = prep_object(token, frozenset({"by"})) or claimant(token)
    carrier = light_verb(token)
    if actor is None and carrier is not None and not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in carrier.children):
        actor = subject_of(carrier)
    return actor, owner


def claimant(noun: Token) -> Token | None:
    """Who claims an attack: "Al-Shabaab claimed responsibility for the attack", "took credit for
    the bombing" (ACLED codes the claimant as the actor)."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    claim = noun.head.head
    if claim.lemma_.lower() not in CLAIM_NOUNS:
        return None
    verb = claim.head if claim.dep_ == "dobj" else None
    if verb is None or verb.lemma_.lower() not in CLAIM_VERBS:
        return None
    subject = subject_of(verb)
    return None if subject is not None and _no_one(subject) else subject


NOBODY = frozenset({"nobody", "none", "no-one"})


def _no_one(noun: Token) -> bool:
    """"No group has claimed responsibility", "nobody claimed the attack": no claimant at all."""
    return noun.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children) or (
        noun.lower_ == "one" and noun.i > 0 and noun.doc[noun.i - 1].lower_ == "no")


def light_verb(noun: Token) -> Token | None:
    """'Rebels launched an attack', 'joined a rally in ...': the verb that carries a noun event."""
    head = noun.head
    if noun.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
        return light_verb(head)  # "launched a mediation effort"
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
            return light_verb(head.head)  # "gave 5 million dollars of aid", "began days of talks"
        if head.lower_ in TIME_PREPS:
            return None  # "after the explosion, the minister ordered ...": when, not what was ordered
        head = head.head
    elif noun.dep_ not in ("dobj", "obj", "attr", "conj", "nsubjpass"):
        return None
    if noun.dep_ == "conj":
        return light_verb(head) if head.pos_ in ("NOUN", "PROPN") else None
    if noun.dep_ == "nsubjpass" and head.lemma_.lower() in RAISING_VERBS:
        head = next((c for c in head.children if c.dep_ == "xcomp"), head)  # "believed to have been carried out by"
    if head.pos_ != "VERB" or head.lemma_.lower() not in cue("light") and not _wields(head, noun):
        return None
    if any(c.dep_ == "oprd" for c in head.children):
        return None  # "Macron called the explosion an attack": naming it, not carrying it out
    return head


def _carries_another_act(verb: Token, noun: Token) -> bool:
    """"Opened a probe into the explosion", "launched an investigation into the bombing" (the parser
    may hang the "into" on the verb): a verb whose own object is another event noun carries that
    event, and its subject is no actor of the one named after its preposition."""
    return any(c.dep_ in ("dobj", "obj") and c.i != noun.i and c.pos_ == "NOUN"
               and c.lemma_.lower() in trigger_senses() for c in verb.children)


def _wields(verb: Token, noun: Token) -> bool:
    """"Riot police used water cannon and pepper spray": a means used is an act of who uses it (not
    "used the attack to justify a boycott")."""
    return verb.lemma_.lower() in cue("wield") and noun.lemma_.lower() in cue("weapon") | cue("munition")


TIME_PREPS = frozenset({"after", "before", "since", "following", "amid", "despite", "during", "until", "without"})
RAISING_VERBS = frozenset({"believe", "think", "say", "suspect", "report", "know", "understand", "presume",
                           "assume", "allege", "expect", "consider"})


def _wielder(weapon: Token) -> Token | None:
    """"Injured by stones thrown by protesters", "a bomb planted by insurgents": who used the weapon;
    "Russian drones attacked Kharkiv", "Israel's missiles": the state or people whose arms they are
    (not "Russian-made drones": who made them)."""
    for participle in (ch for ch in weapon.children if ch.dep_ == "acl" and ch.tag_ == "VBN"):
        agent = next((g for g in participle.children if g.dep_ == "agent"), None)
        if agent is not None:
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return next((ch for ch in weapon.children if ch.dep_ in OWNER_DEPS and ch.ent_type_ in OWNER_LABELS
                 and ch.i < weapon.i and ch.nbor(1).text != "-" and _kind_of_arms(weapon.doc[ch.i + 1 : weapon.i])),
                None)


OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})  # "Russian drones", "Israel's missiles"
OWNER_LABELS = frozenset({"NORP", "GPE"})
ARMS_WORDS = frozenset({"attack", "combat", "kamikaze", "range", "'s", "-"})


def _kind_of_arms(words: Span) -> bool:
    """"Russian attack drones", "Israeli long-range missiles": what lies between an owner and its
    arms says what kind of arms they are ("Myanmar resistance drones": not Myanmar's)."""
    arms = cue("weapon") | cue("munition") | ARMS_WORDS
    return all(t.pos_ in ("ADJ", "NUM") or t.lower_ in arms or t.lemma_.lower() in arms for t in words)


def _defending(verb: Token) -> bool:
    """"Repelled the attack", "repulsed an assault": its subject fought the attack off, and what
    else it did in the same breath ("repelled the attack and killed 15") it did defending."""
    if verb.pos_ != "VERB":
        return False
    return verb.lemma_.lower() in cue("repel") or (verb.dep_ == "conj" and verb.head.lemma_.lower() in cue("repel"))


def assign_roles(c: Candidate, other_triggers: frozenset[int] = frozenset()) -> None:
    """Set the candidate's actor and recipient tokens: from its own trigger, else from the mentions
    merged into it, else (recipient) from the event it absorbed; other triggers are never actors."""
    if c.fixed_roles:
        return
    token = c.token
    if token.pos_ == "VERB" or (token.pos_ == "ADJ" and token.dep_ != "amod"):
        actor, recipient = _verbal_roles(token)
        c.actor_ordered = actor is not None and _passive_small_clause(token)
        if token.dep_ == "conj" and _defending(token):
            actor = None  # "repelled the attack and killed 15 insurgents": a blow struck back in that attack
    else:
        actor, recipient = _nominal_roles(token, c.type)
    if recipient is not None and c.start <= recipient.i < c.end and token.pos_ == "VERB":
        # "police opened fire on a crowd that had attacked a police station": the crowd, not the fire;
        # "hold secret talks with British ministers": who the trigger's own noun is with
        # ("strengthen security at stations": where, for an act that hits no one)
        preps = RECIPIENT_PREPS if c.type in FORCE_TYPES else RECIPIENT_PREPS - {"at"}
        recipient = _recipient_among(_whom(prep_objects(token, preps))
                                     + prep_objects(recipient, NOMINAL_RECIPIENT_PREPS - {"of"}))
    if c.type in ANSWER_TYPES and (source := _whose_it_is(recipient, token)) is not None:
        recipient = source  # "rejected recent calls by Belarus's rulers", "agreed a bailout from the EU"
    for m in c.merged:
        m_actor, m_recipient = _verbal_roles(m.token) if m.token.pos_ == "VERB" else _nominal_roles(m.token, m.type)
        if _defending(m.token):
            m_actor, m_recipient = None, m_actor  # "soldiers repulsed an attack on their base": they were attacked
        if actor is None or _is_event_word(actor, c):
            actor = m_actor
        if recipient is None or _is_event_word(recipient, c):
            recipient = m_recipient
    if actor is not None and _is_event_word(actor, c) and actor.lemma_.lower() not in cue("perpetrator"):
        actor = _wielder(actor) if actor.lemma_.lower() in cue("weapon") else None  # "Russian missiles struck"
    if recipient is not None and _is_event_word(recipient, c):
        # "hold secret talks with British ministers": who the trigger's own noun is with
        own = recipient.i == token.i
        recipient = None if own else _recipient_among(prep_objects(recipient, NOMINAL_RECIPIENT_PREPS - {"of"}))
    for inner in c.absorbed:
        if recipient is None:
            inner_actor, inner_recipient = _inner_roles(inner)
            if c.type == "REQUEST" and (asked := _asked_to_act(inner, inner_actor, actor)) is not None:
                recipient = asked  # "demanded that Iran halt enrichment": Iran is asked, not the enrichment
            elif inner_recipient is not None:
                recipient = inner_recipient
            elif inner_actor is not None and (actor is None or inner_actor.i != actor.i):
                recipient = inner_actor
    if c.type == "REQUEST" and recipient is None and (asked := _asked_in_that_clause(token, actor)) is not None:
        recipient = asked  # "demanded that President Mugabe abandon his policy": Mugabe is asked
    if c.type == "ACCUSE" and (recipient is None or not _is_agentive(recipient)):
        recipient = _accused_in_main_clause(token) or recipient  # "targeted 13 officials, alleging corruption"
    if c.type == "MOBILIZE" and (ordered := _ordered_to(token)) is not None:
        actor, recipient = ordered[0], recipient or ordered[1]  # "instructed prefects to reinforce security"
        c.actor_ordered = True
    if c.type == "MOBILIZE" and actor is None and recipient is not None and _deployed_force(recipient):
        actor, recipient = recipient, None  # "French soldiers were deployed": the force that moves
    if c.type == "ASSAULT" and recipient is not None and _is_victim_count(recipient):
        recipient = _physical_target(c) or recipient
    if actor is None and token.pos_ in ("NOUN", "PROPN"):
        actor = _demonstrative_antecedent(token)
        c.actor_by_anaphora = actor is not None
    if actor is None:
        actor = held_responsible(token)
        c.actor_held_responsible = actor is not None
    if actor is None and c.type == "ASSAULT" and recipient is not None:
        actor = other_side(token, recipient)  # "a confrontation between students and police left a student hurt"
    if actor is not None and actor.lemma_.lower() in cue("weapon"):
        c.weapon_token, actor = actor, _wielder(actor)  # "killed by a roadside bomb (planted by insurgents)"
    if actor is not None and actor.i in other_triggers and (people := _people_meeting(actor)) is not None:
        actor = people  # "EU foreign ministers meeting in Brussels agreed to extend sanctions": the ministers
    if actor is not None and (actor.i in other_triggers or _an_attack_word(actor)):
        actor = None  # "the blockade has cut exports", "the attack, which killed three": an event did it
    if c.type == "ACCUSE" and recipient is not None and recipient.tag_ == "VBG":
        recipient = None  # "charges of lying": what is charged, not who
    means = recipient is not None and recipient.lemma_.lower() in cue("weapon") | cue("munition")
    if means:
        c.weapon_token, recipient = c.weapon_token or recipient, None  # "police fired tear gas"
    if recipient is None and c.type == "ASSAULT" and token.pos_ == "VERB":
        recipient = _whom_it_was_meant_for(token)
    if recipient is None and c.type in FORCE_TYPES and actor is not None and (verb := _act_verb(token, actor)):
        recipient = (_object_of_the_joined_act(verb) if means else None) or _crowd_told_before(verb, actor)
    if recipient is None and actor is not None and token.lemma_.lower() in RECIPROCAL_VERBS:
        recipient = _other_party(actor)  # "M23 rebels and the Congolese army clashed": the army
    if recipient is not None and actor is not None and recipient.lower_ == "them":
        recipient = _others_before(recipient, actor) or recipient  # "police fired tear gas to disperse them"
    if actor is not None and (accused := _the_accused(token)) is not None and accused.i == actor.i:
        c.actor_held_responsible = True  # named outside what the accusation says, as its object
    c.actor_token, c.recipient_token = _usable_argument(actor), _usable_argument(recipient)


def _whom_it_was_meant_for(verb: Token) -> Token | None:
    """"Police fired tear gas to disperse thousands of students": who a use of force with no one
    named as hit was aimed at, the object of its purpose ("to disperse", "to break up")."""
    for purpose in (ch for ch in verb.children if ch.dep_ in ("advcl", "xcomp") and ch.tag_ == "VB"):
        if any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in purpose.children) and \
                purpose.lemma_.lower() in DISPERSING_VERBS:
            return next((ch for ch in purpose.children if ch.dep_ in ("dobj", "obj")), None)
    return None


def _others_before(pronoun: Token, actor: Token) -> Token | None:
    """"Protesters set fire to the offices and police fired tear gas to disperse them", "About 200
    supporters gathered outside the court before police dispersed them": an object "them" of an act
    whose actor is named stands for the people its sentence made a subject before, not for that
    actor; the nearest such plural subject other than the actor."""
    doc = pronoun.doc
    before = [t for t in doc[sentence_of(pronoun).start : pronoun.i]
              if t.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and t.tag_ in ("NNS", "NNPS")
              and t.i != actor.i and actor not in t.subtree and t not in actor.subtree]
    return before[-1] if before else None


FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})


def _act_verb(token: Token, actor: Token) -> Token | None:
    """The verb telling the act: the trigger, or the verb whose subject is the actor and whose object
    the act's noun is ("cops began pepper-spraying and arresting")."""
    if token.pos_ == "VERB":
        return token
    noun = token.head if token.dep_ == "conj" else token
    verb = noun.head
    return verb if noun.dep_ in ("dobj", "obj") and verb.pos_ == "VERB" and actor.head.i == verb.i else None


def _object_of_the_joined_act(verb: Token) -> Token | None:
    """"French riot police fired tear gas and charged hundreds of farmers": a use of force whose
    only object is its means is aimed at the people the verb joined to it, with no subject of its
    own, acts on (not "killed 13 people and wounded 71": who was wounded is not said to be them)."""
    joined = [verb.head] if verb.dep_ == "conj" and verb.head.pos_ == "VERB" else []
    joined += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for other in joined:
        if other.i != verb.head.i and any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in other.children):
            continue
        obj = next((c for c in other.children if c.dep_ in ("dobj", "obj")), None)
        obj = _usable_argument(obj)
        if obj is not None and _people_acted_on(obj):
            return obj
    return None


def _crowd_told_before(verb: Token, actor: Token) -> Token | None:
    """"Protesters began throwing bricks and bottles while cops began pepper-spraying", "the
    protesters ... hurled stones, prompting the riot squad officers to fire back with tear gas": a
    use of force told with no one it hit, in a clause set after another, is aimed at the crowd or
    people that sentence made a subject before it (never the force's own side)."""
    if verb.dep_ == "ROOT" or actor.i > verb.i:
        return None
    doc = verb.doc
    before = [t for t in doc[sentence_of(verb).start : actor.left_edge.i]
              if t.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and t.tag_ in ("NNS", "NNPS", "NN")
              and _people_acted_on(t) and t not in actor.subtree and t.lemma_.lower() != actor.lemma_.lower()]
    return before[-1] if before else None


def _people_acted_on(token: Token) -> bool:
    """Civilians, a crowd or people named by a common noun, not a force ("farmers", "protesters",
    "the crowd"; not "officers", "troops")."""
    lemma = token.lemma_.lower()
    if lemma in toll_sides():
        return False
    return lemma in cue("civilian") | cue("protest_crowd") | {"people", "person", "supporter", "activist"}


DISPERSING_VERBS = frozenset({"disperse", "scatter", "clear", "break", "repel", "push", "drive", "quell"})


def _an_attack_word(token: Token) -> bool:
    """"The April 15 attack, which killed three people": a noun for a violent act is what
    happened, never who did it (a word for the doer, "the bomber", is not one)."""
    if token.pos_ != "NOUN" or token.lemma_.lower() in cue("perpetrator"):
        return False
    return any(sense.type == "ASSAULT" for sense in trigger_senses().get(token.lemma_.lower(), ()))


def other_side(trigger: Token, victim: Token) -> Token | None:
    """"A confrontation between students and security forces has left one student injured", "clashes
    between police and protesters left three protesters dead": when the harmed are one of the two
    sides its sentence says clashed, the other side harmed them."""
    for between in (t for t in sentence_of(trigger) if t.lower_ == "between" and t.dep_ == "prep"):
        first = next((c for c in between.children if c.dep_ == "pobj"), None)
        sides = [first, *(c for c in first.children if c.dep_ == "conj")] if first is not None else []
        lemmas = [side.lemma_.lower() for side in sides]
        if len(sides) == 2 and lemmas[0] != lemmas[1] and victim.lemma_.lower() in lemmas:
            return sides[1 - lemmas.index(victim.lemma_.lower())]
    return None


DEMONSTRATIVE_SUBJECTS = frozenset({"this", "that", "it"})
RESPONSIBLE_WORDS = frozenset({"responsible", "suspect", "suspected", "accuse", "accused", "blame", "behind"})


def held_responsible(token: Token) -> Token | None:
    """Who the text holds responsible for the event: "a man believed to be responsible for the
    blast", "the group suspected of carrying out the attack", "militants were blamed for the
    bombing", "the cell behind the attacks"."""
    node = token
    for _ in range(5):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in RESPONSIBLE_WORDS or node.lower_ in RESPONSIBLE_WORDS:
            return _holder(node)
        if node.pos_ in ("NOUN", "PROPN"):
            return None
    return None


def _holder(word: Token) -> Token | None:
    """The one said to be responsible: the subject of "is responsible" / "was blamed", or the noun a
    "believed to be responsible" / "suspected of" phrase describes."""
    node = word
    for _ in range(4):
        subject = next((ch for ch in node.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if node.dep_ in ("acl", "amod", "relcl", "appos") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return node.head
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _main_subject(sentence: Span) -> Token | None:
    """The subject of a sentence's main clause, or of the content of its verb of saying."""
    report = cue("report") | cue("saying")
    root = sentence.root
    subject = next((ch for ch in root.children if ch.dep_ in SUBJECT_DEPS), None)
    for clause in root.subtree:
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in report:
            inner = next((ch for ch in clause.children if ch.dep_ in SUBJECT_DEPS), None)
            if inner is not None:
                subject = inner
    return subject


def _demonstrative_antecedent(noun: Token) -> Token | None:
    """'The U.S. is seeking regime change ... This has been part of a campaign which included
    a military deployment': an event named in a sentence about 'this' belongs to whoever acted
    in the sentence before (the subject of its main or reported clause)."""
    sentence = sentence_of(noun)
    subject = _main_subject(sentence)
    if subject is None or subject.lower_ not in DEMONSTRATIVE_SUBJECTS or sentence.start == 0:
        return None
    if noun.dep_ == "attr" and subject.head.i == noun.head.i:
        return None  # '"This is a deliberate attack," the governor said': 'this' is the attack itself
    previous = _main_subject(sentence_of(noun.doc[sentence.start - 1]))
    if previous is None or previous.pos_ == "PRON" or previous.lower_ in RELATIVE_PRONOUNS:
        return None
    return previous


TARGET_PREPS = frozenset({"aboard", "on", "onboard", "in", "inside", "at"})
PLACE_ENTS = frozenset({"GPE", "LOC", "DATE", "TIME", "FAC"})


def _is_victim_count(token: Token) -> bool:
    """'five people', 'three soldiers': the victims, whose count goes to fatalities."""
    return token.lemma_.lower() in cue("person") and any(ch.dep_ == "nummod" for ch in token.children)


INCIDENT_WORDS = frozenset({"incident", "episode", "case"})


def _physical_target(c: Candidate) -> Token | None:
    """'killed five people aboard two vessels': the vessels are what was attacked."""
    for t in c.tokens:
        target = prep_object(t, TARGET_PREPS)
        lemma = target.lemma_.lower() if target is not None else ""
        if target is not None and (lemma in INCIDENT_WORDS or _an_attack_word(target)):
            continue  # "In a separate incident, a bomb hit a convoy, killing three": when, not what was hit
        if target is not None and target.ent_type_ not in PLACE_ENTS and lemma not in cue("person") | cue("area") | (
                street_words()):  # not "abducted on the Kaduna-Abuja highway": where
            return None if _a_town_named_in(target) else target
    return None


def _a_town_named_in(target: Token) -> bool:
    """"Killed 13 protesters during Bloody Sunday in Derry": a name after "in" is where (whatever label
    the tagger gave it), not what was hit ("in a mosque" is)."""
    return target.pos_ == "PROPN" and target.head.lower_ == "in"


def _asked_to_act(inner: Candidate, inner_actor: Token | None, actor: Token | None) -> Token | None:
    """"Washington demanded that Iran halt enrichment": the subject of the clause a demand asks for
    is whom the demand is made of, when it names someone (not "demanded that the talks resume")."""
    if inner_actor is None or inner.token.pos_ != "VERB" or (actor is not None and inner_actor.i == actor.i):
        return None
    if inner_actor.dep_ not in SUBJECT_DEPS or inner_actor.head.i != inner.token.i:
        return None  # its own subject, not one the parser's climb found above the demand
    return inner_actor if _is_agentive(inner_actor) else None


def _asked_in_that_clause(token: Token, actor: Token | None) -> Token | None:
    """"Opposition groups are demanding that President Mugabe abandon his policy", "its demand that
    Israel ease restrictions": the subject of the clause a demand asks for, when it names someone,
    also when that clause tells no event of its own (as `_asked_to_act` for one that does)."""
    holder = token if token.pos_ == "VERB" else None
    clauses = [c for c in (holder.children if holder is not None else token.children)
               if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX")
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    for clause in clauses:
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and _is_agentive(subject) and subject.lower_ not in SPEAKER_PRONOUNS \
                and (actor is None or subject.i != actor.i):
            return subject
    return None


def _inner_roles(inner: Candidate) -> tuple[Token | None, Token | None]:
    token = inner.token
    if token.pos_ == "VERB":
        return _verbal_roles(token)
    return _nominal_roles(token, inner.type)


def _is_event_word(token: Token, c: Candidate) -> bool:
    """The trigger's own word ("security" of "security was tightened") or an event it absorbed."""
    own = c.start <= token.i < c.end and doc_word_in_phrase(c)
    return own or token.i in {t.i for t in c.tokens} or token.i in {a.token.i for a in c.absorbed}


def doc_word_in_phrase(c: Candidate) -> bool:
    return c.end - c.start > 1


def _usable_argument(token: Token | None) -> Token | None:
    """Dates, numbers, bare times and question words are not actors or recipients ("a rally ... on Dec. 10")."""
    if token is None:
        return None
    if token.ent_type_ in ("CARDINAL", "QUANTITY") or token.like_num:
        if (named := _named_beside(token)) is not None:
            return named  # "One of them, Mr William Craig, called for": Craig
        counted = prep_object(token, frozenset({"of"}))  # "hundreds of civilians"
        return _usable_argument(counted) if counted is not None else None
    if token.ent_type_ in NOT_ARGUMENT_ENTS:
        return None
    if token.tag_ in ("WP", "WDT", "WP$"):  # "did not say who carried out the strike": nobody named
        return None
    if token.lemma_.lower() == "behalf":  # "on his behalf": who it was done for is the actor
        return None
    if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("pcomp", "ccomp", "csubj") and not _ordered_noun(token):
        return None
    return token


def _ordered_noun(token: Token) -> bool:
    """"instructed all police prefects to reinforce security": an object the parser read as a verb
    ("prefects") is the noun told to act when its to-infinitive hangs on it."""
    return token.dep_ in ("dobj", "obj") and any(c.dep_ == "xcomp" for c in token.children)


def _named_beside(number: Token) -> Token | None:
    """The name set beside a number that stands for someone: "One of them, Mr William Craig,"."""
    return next((c for c in number.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
