"""Reported speech: the events a speaker's words make by themselves (an accusation without an
accusation verb, a demand "Y must ..."), and for an event told inside speech, who reports it and
the content its actor must come from."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Token

from eventwire.extract.events.arguments import ActorIndex, argument
from eventwire.extract.events.candidate import NAME_GIVEN, Candidate, clause_verb, coordinated_partner
from eventwire.extract.events.roles import SPEAKER_PRONOUNS, SUBJECT_DEPS, light_verb, prep_object, subject_of
from eventwire.extract.lexicon.events import MODE_OF_CONTENT, Sense, cue, cue_positions, lexicon_rows
from eventwire.model import Quote
from eventwire.nlp import doc_text

# --- events made by speech --------------------------------------------------------------------

ACCUSATION_SENSE = Sense("", "V", "ACCUSE", "allege", (), False, False, False, True, 0.6)


def _hostile_words(doc: Doc) -> list[Token]:
    """Tokens that name a hostile aim ('regime change', 'coup', 'meddling')."""
    hostile = cue("hostile")
    found: list[Token] = []
    for i in cue_positions(doc, "hostile"):
        t = doc[i]
        lemma = t.lemma_.lower()
        if lemma in hostile or (t.i + 1 < len(doc) and f"{lemma} {doc[t.i + 1].lemma_.lower()}" in hostile):
            found.append(t)
    return found


def _blame_words(doc: Doc, triggers: set[int]) -> list[Token]:
    """'concluded that ETA were responsible', 'said the militia was responsible for the attack':
    someone named as responsible for a harm (not a pronoun: "we are responsible" claims it; not
    for a duty: "responsible for security")."""
    found: list[Token] = []
    for t in (doc[i] for i in cue_positions(doc, "blame") if doc[i].dep_ in ("acomp", "attr")):
        subject = next((ch for ch in t.head.children if ch.dep_ == "nsubj"), None)
        fors = [o for p in t.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"]
        duties = [o for o in fors if o.i not in triggers]
        if subject is not None and subject.pos_ != "PRON" and not duties:
            found.append(t)
    return found


def accusations_in_speech(doc: Doc, candidates: Sequence[Candidate]) -> list[Candidate]:
    """'asserting that the U.S. has been seeking a regime change': the speaker accuses the
    content's subject, though no accusation verb is used."""
    report = cue("report") | cue("saying")
    taken = {t.i for c in candidates for t in c.tokens}
    made: list[Candidate] = []
    for word in [*_hostile_words(doc), *_blame_words(doc, taken)]:
        node = word
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                break
            if head.lemma_.lower() in report and node.dep_ == "ccomp":
                accused = next((ch for ch in node.children if ch.dep_ in SUBJECT_DEPS), None)
                speaker = subject_of(head)
                if accused is not None and accused.lower_ in SELF_PRONOUNS:
                    break  # "the military government says it foiled a coup attempt": of itself, no accusation
                if accused is not None and speaker is not None and head.i not in taken:
                    c = Candidate(head, head.i, head.i + 1, ACCUSATION_SENSE, "ACCUSE", "allege", [])
                    c.actor_token, c.recipient_token, c.fixed_roles = speaker, accused, True
                    made.append(c)
                    taken.add(head.i)
                break
            node = head
    return made


NAME_DEPS = frozenset({"oprd", "xcomp", "attr"})
SLUR_SENSE = Sense(NAME_GIVEN, "V", "ACCUSE", "disapprove", (), False, False, False, False, 0.7)
PRAISE_SENSE = Sense(NAME_GIVEN, "V", "SUPPORT", None, ("diplomatic",), False, False, False, False, 0.7)


def names_given(doc: Doc, candidates: Sequence[Candidate]) -> list[Candidate]:
    """"After the sentencing, Stirling called Orozco a predator", "Petro called the attack 'a crime
    against the people of Cauca'": giving someone or their act a name that condemns is an accusation
    (PLOVER ACCUSE); "Police called the mechanic a hero" is support. A verb of naming (``naming`` in
    ``lexicon/event_cues.tsv``) with an object and a name for it (``slur``, ``praise_name``); a name
    that is an event word ("called the explosion an attack") names the event, and is not coded here."""
    taken = {t.i for c in candidates for t in c.tokens}
    made: list[Candidate] = []
    naming = cue("naming")
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in naming or verb.i in taken:
            continue
        named = next((ch for ch in verb.children if ch.dep_ in ("dobj", "obj")), None)
        name = next((ch for ch in verb.children if ch.dep_ in NAME_DEPS and ch.pos_ in ("NOUN", "PROPN")), None)
        if named is None or name is None or name.i in taken or subject_of(verb) is None:
            continue
        lemma = name.lemma_.lower()
        sense = SLUR_SENSE if lemma in cue("slur") else PRAISE_SENSE if lemma in cue("praise_name") else None
        if sense is None:
            continue
        made.append(Candidate(verb, verb.i, verb.i + 1, sense, sense.type, sense.mode, list(sense.contexts)))
        taken.add(verb.i)
    return made


SELF_PRONOUNS = frozenset({"it", "we", "i"})


DEMAND_SENSE = Sense("must", "V", "REQUEST", None, (), False, False, False, False, 0.6)


def demands_in_speech(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """'X said that Y must do Z': X demands Z of Y (PLOVER REQUEST), whatever Z is."""
    saying = cue("report") | cue("saying")
    obligation = cue("obligation")
    at = {t.i: c for c in candidates for t in c.tokens}
    out = list(candidates)
    for i in cue_positions(doc, "obligation"):
        token = doc[i]
        if token.lower_ not in obligation or token.dep_ != "aux":
            continue
        content = token.head
        said_by = _verb_of_saying(content, saying) if content.dep_ in ("ccomp", "acl", "relcl") else None
        if said_by is None:
            continue
        speaker = subject_of(said_by)
        obliged = next((ch for ch in content.children if ch.dep_ in SUBJECT_DEPS), None)
        if speaker is None or content.i in at and at[content.i].type == "REQUEST":
            continue
        demand = Candidate(content, content.i, content.i + 1, DEMAND_SENSE, "REQUEST", None, [])
        inner = [c for c in out if content.left_edge.i <= c.token.i <= content.right_edge.i]
        demand.absorbed = inner
        if inner:
            demand.mode = MODE_OF_CONTENT.get(("REQUEST", inner[0].type))
            for c in inner:
                demand.contexts.extend(x for x in c.contexts if x not in demand.contexts)
        demand.actor_token, demand.recipient_token, demand.fixed_roles = speaker, obliged, True
        out = [c for c in out if c not in inner]
        out.append(demand)
    return out


def _verb_of_saying(content: Token, saying: frozenset[str]) -> Token | None:
    """The verb a demand is said with: the head of its clause ("said that Iraq must"), or the verb
    whose object is a word of saying the clause belongs to ("issued a reminder that Iraq must",
    "delivered a message that the army must")."""
    head = content.head
    if content.dep_ == "relcl":
        return _told_to_addressee(content)
    if head.lemma_.lower() in saying:
        return head
    if head.pos_ == "NOUN" and head.lemma_.lower() in cue("saying_noun") and head.dep_ in ("dobj", "obj"):
        return head.head
    return None


def _told_to_addressee(clause: Token) -> Token | None:
    """"Issued a reminder to the rebels that they must disarm": the parser hangs the "that" clause
    on the addressee as if it were a relative clause; one with a subject of its own is what was
    said, when the verb whose "to" names the addressee has a word of saying as its object."""
    addressee = clause.head
    to = addressee.head
    if addressee.dep_ != "pobj" or to.lower_ != "to" or not any(ch.dep_ == "nsubj" for ch in clause.children):
        return None
    verb = to.head
    said = any(ch.dep_ in ("dobj", "obj") and ch.lemma_.lower() in cue("saying_noun") for ch in verb.children)
    return verb if said else None


THREAT_SENSE = Sense("would", "V", "THREATEN", None, (), False, False, False, False, 0.6)
THREATENED_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "SANCTION", "MOBILIZE"})
WILL_AUX = frozenset({"would", "will", "'ll", "wo"})


def threats_in_speech(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """'X said the coalition would attack police stations if the offensive did not stop': a
    force or pressure promised on a condition is a threat by the speaker (PLOVER THREATEN), made
    whatever follows; the act it promises is hypothetical and told inside it."""
    saying = cue("report") | cue("saying")
    taken = {t.i for c in candidates for t in c.tokens}
    out = list(candidates)
    for c in candidates:
        content = _promised_on_a_condition(c)
        if content is None or content.head.lemma_.lower() not in saying or content.head.i in taken:
            continue
        speaker = subject_of(content.head)
        if speaker is None:
            continue
        said = content.head
        threat = Candidate(said, said.i, said.i + 1, THREAT_SENSE, "THREATEN", None, absorbed=[c])
        threat.contexts = list(c.contexts)
        target = next((ch for t in c.tokens for ch in t.children if ch.dep_ in ("dobj", "obj")), None)
        threat.actor_token, threat.recipient_token, threat.fixed_roles = speaker, target, True
        taken.add(content.head.i)
        out = [x for x in out if x is not c]
        out.append(threat)
    return out


def _promised_on_a_condition(c: Candidate) -> Token | None:
    """The reported clause of a coercive act told with "would"/"will" and an "if"/"unless" clause."""
    if c.type not in THREATENED_TYPES and not _legal_action(c):
        return None
    return next((v for v in (_promising_clause(t) for t in c.tokens) if v is not None), None)


def _legal_action(c: Candidate) -> bool:
    """"The governor said the state would sue if access was not granted by Monday": a suit or
    prosecution promised on a condition is pressure like force (not "would investigate if ...")."""
    return c.type == "ACCUSE" and c.mode == "allege" and "legal" in c.contexts


def _promising_clause(token: Token) -> Token | None:
    verb, chain = token, [token]
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "obj", "oprd"):
        verb = verb.head  # "would hold nationwide protests", "would call another, 36-hour strike"
        chain.append(verb)
    while verb.dep_ == "xcomp":
        verb = verb.head  # "would not hesitate to strike"
        chain.append(verb)
    if verb.pos_ != "VERB" or verb.dep_ != "ccomp":
        return None
    if not any(ch.dep_ == "aux" and ch.lower_ in WILL_AUX for ch in verb.children):
        return None
    conditions = [ch for v in chain for ch in v.children if ch.dep_ == "advcl"]
    if not any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for ch in conditions for g in ch.children):
        return None
    return verb


def orders_given(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """'The dispatcher told Hiller to put the gun down', 'police told residents to stay indoors':
    telling someone to do something is a demand (PLOVER REQUEST), whatever is asked."""
    at = {t.i: c for c in candidates for t in c.tokens}
    out = list(candidates)
    for i in cue_positions(doc, "directive"):
        verb = doc[i]
        told = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
        content = next((ch for ch in verb.children if ch.dep_ == "xcomp" and _to_infinitive(ch)), None)
        speaker = subject_of(verb)
        if told is None or content is None or speaker is None or verb.i in at:
            continue
        demand = Candidate(verb, verb.i, verb.i + 1, DEMAND_SENSE, "REQUEST", None, [])
        demand.absorbed = [c for c in out if content.left_edge.i <= c.token.i <= content.right_edge.i]
        demand.actor_token, demand.recipient_token, demand.fixed_roles = speaker, told, True
        out = [c for c in out if c not in demand.absorbed]
        out.append(demand)
    return out


def _to_infinitive(verb: Token) -> bool:
    return any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children)


# --- events told inside speech ----------------------------------------------------------------


def _report_frame(token: Token) -> tuple[Token, Token] | None:
    """The verb of saying whose content holds the trigger, and the content's top token."""
    report = cue("report")
    node = token
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            return None
        if (partner := coordinated_partner(node)) is not None:
            node = partner  # "threatened to attack the town and seized two villages": no content of it
            continue
        if head.lemma_.lower() in report and node.i == token.i and _speakers_participle(token, head):
            return None  # "the Commission said, blaming police": the speaker blames
        if head.lemma_.lower() in report and node.dep_ in ("ccomp", "xcomp", "parataxis", "advcl"):
            return head, node
        if head.lemma_.lower() in report and node.dep_ in ("dobj", "obj") and node.i == token.i:
            return head, node
        node = head
    return None


def _speakers_participle(token: Token, verb: Token) -> bool:
    """"A student was shot dead, the Kenya National Commission on Human Rights said, blaming police",
    "the ministry said, accusing the rebels of ...": a participle with no subject of its own after a
    verb of saying tells what the speaker did in saying it, not what was said."""
    return (token.dep_ == "advcl" and token.tag_ == "VBG" and token.i > verb.i
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children))


def _quote_of(c: Candidate, quotes: Sequence[Quote]) -> Quote | None:
    """The quote whose content holds the trigger (not when the cue verb carries the event:
    in "X announced a strike" the strike is X's own act, not X's report of it)."""
    carrier = light_verb(c.token) if c.token.pos_ in ("NOUN", "PROPN") else None
    verb = clause_verb(c.token)
    teller = coordinated_partner(verb)  # "threatened to attack and seized"
    for q in quotes:
        if carrier is not None and q.cue_start == carrier.idx:
            continue
        if teller is not None and q.cue_start == teller.idx:
            continue
        if q.start <= c.token.idx < q.end:
            return q
    return None


def _speaker_token(doc: Doc, quote: Quote) -> Token | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    return span.root if span is not None else None


FIRST_PERSON = frozenset({"i", "we"})


QUOTE_MARKS = frozenset({'"', "”", "“", "''"})


def _stands_for_speaker(pronoun: Token, speaker: Token, quoted: bool) -> bool:
    """In reported speech a subject pronoun may be the speaker ("Syria says it will ..."), but "it"
    and "they" are not one person ("the minister said they had bombed the town"); inside quotation
    marks only "I" and "we" are ('"He murdered the deputy," the prosecutor said')."""
    word = pronoun.lower_
    if quoted or word in FIRST_PERSON:
        return word in FIRST_PERSON
    return word in SPEAKER_PRONOUNS and (word in SINGLE_PERSON) == _one_person(speaker)


SINGLE_PERSON = frozenset({"he", "she"})


def _one_person(speaker: Token) -> bool:
    """'Smith', 'the minister', 'a spokesman': one person, not a state, group or office."""
    if speaker.ent_type_:
        return speaker.ent_type_ == "PERSON"
    return speaker.tag_ in ("NN", "NNP") and speaker.lower_ in _person_titles()


@cache
def _person_titles() -> frozenset[str]:
    return frozenset(title for title, _sector in lexicon_rows("actor_titles.tsv") if " " not in title)


def _ends_in_a_quotation_mark(doc: Doc, quote: Quote) -> bool:
    """A quote the detector read as indirect because its opening mark is a paragraph earlier."""
    after = doc_text(doc)[quote.end : quote.end + 3]
    return '"' in after or "”" in after


def _closes_a_quotation(content: Token, verb: Token) -> bool:
    """'... three other people," Stirling said': a quotation mark between the content and the verb
    of saying (the quote detector may miss a quote opened in an earlier paragraph)."""
    low, high = sorted((content.i, verb.i))
    return any(t.text in QUOTE_MARKS for t in content.doc[low:high])


def apply_speech(c: Candidate, quotes: Sequence[Quote], index: ActorIndex) -> None:
    """Reported speech: the speaker is who reports the event (``reported_by``), and the actor
    may only come from inside the content, except a pronoun that stands for the speaker."""
    quote = _quote_of(c, quotes)
    speaker: Token | None
    if quote is not None:
        speaker = _speaker_token(c.token.doc, quote)
        reported_by = quote.speaker or quote.speaker_text
        content = (quote.start, quote.end)
        quoted = quote.direct or _ends_in_a_quotation_mark(c.token.doc, quote)
    else:
        frame = _report_frame(c.token)
        if frame is None:
            return
        verb, top = frame
        speaker = subject_of(verb) or prep_object(verb, frozenset({"by"}))
        reported_by = None
        content = (top.left_edge.idx, top.right_edge.idx + len(top.right_edge.text))
        quoted = _closes_a_quotation(top, verb)
    actor = c.actor_token
    named_speaker = speaker is not None and speaker.pos_ != "PRON"
    if actor is not None and speaker is not None and named_speaker and _stands_for_speaker(actor, speaker, quoted):
        c.actor_token = speaker  # "Syria says it is willing to ...": the pronoun is the speaker
        return
    if reported_by is None and speaker is not None:
        arg = argument(speaker, index)
        reported_by = arg.actor.name if arg.actor else arg.text
    c.reported_by = reported_by
    if speaker is not None and _authority_tells_its_own_act(c, speaker, index):
        c.actor_token = speaker  # "the prosecutor said an investigation has been opened"
        return
    if _claims_own_act(c):
        return  # "the army claimed to have hit three gunmen": the army hit them
    c.report_content = content


def _claims_own_act(c: Candidate) -> bool:
    """"The army claimed to have hit three gunmen", "rebels claim to have downed a helicopter":
    a verb of saying whose content is its own to-infinitive tells the sayer's own act (the
    infinitive has no subject of its own, so the sayer is who did it)."""
    verb = c.token if c.token.pos_ == "VERB" else light_verb(c.token)
    actor = c.actor_token
    if verb is None or actor is None or verb.dep_ != "xcomp" or not _to_infinitive(verb):
        return False
    return actor.dep_ == "nsubj" and actor.head.i == verb.head.i


def _agentless_passive(token: Token) -> bool:
    """"Two men were arrested", "an investigation has been opened": the act told in the passive,
    with no "by" naming who did it."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    if token.pos_ not in ("VERB", "AUX") and token.dep_ != "nsubjpass":
        return False
    deps = {c.dep_ for c in verb.children}
    return bool(deps & {"nsubjpass", "auxpass"}) and "agent" not in deps


OWN_ACT_TYPES = frozenset({"ACCUSE", "MOBILIZE"})
OWN_COERCION_LEMMAS = frozenset({"arrest", "detain", "detention", "curfew", "raid", "custody"})
AUTHORITY_SECTORS = frozenset({"GOV", "COP", "JUD", "MIL", "LEG", "SPY"})
# Who makes arrests and raids in person: a minister or a prosecutor who says "14 soldiers have been
# arrested" tells of the security forces' act, not of their own (a ministry or the police still do)
FORCE_SECTORS = frozenset({"COP", "MIL", "SPY"})


def _authority_tells_its_own_act(c: Candidate, speaker: Token, index: ActorIndex) -> bool:
    """"France's counter-terrorism prosecutor, Remy Heitz, said an investigation has been opened",
    "local authorities said security has been enhanced", "police said two men were arrested": an
    official who tells an act of the law or of security with no one named as its agent tells their
    own office's act (never an attack: "police said a man was shot" names no shooter)."""
    if c.actor_token is not None or c.fixed_roles:
        return False
    if c.type not in OWN_ACT_TYPES and not (c.type == "COERCE" and c.token.lemma_.lower() in OWN_COERCION_LEMMAS):
        return False
    if not _agentless_passive(c.token):
        return False
    actor = argument(speaker, index).actor
    if actor is None or actor.kind == "state":
        return False
    person = actor.kind == "person"
    forceful = c.type == "COERCE" and c.token.lemma_.lower() != "curfew"
    return actor.sector in (FORCE_SECTORS if forceful and person else AUTHORITY_SECTORS)
