"""Quotes stage: quotation marks, attributions and speaker resolution (text in, quotes out)."""

from __future__ import annotations

import json

import pytest

from conftest import shared_path
from eventwire.extract.context import Context
from eventwire.extract.quotes import extract_quotes, find_quoted_spans
from eventwire.model import Actor, Article, Mention, Quote, content_hash


def run(nlp, text: str, actors: list[Actor] | None = None) -> list[Quote]:
    article = Article(text=text)
    return extract_quotes(nlp(article.analysis_text()), Context(article=article, actors=actors or []))


def only(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def inner(text: str) -> list[str]:
    return [" ".join(text[a:b] for a, b in s.segments) for s in find_quoted_spans(text)]


# --- quotation marks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we are ready” on Monday.", ["we are ready"]),
        ('He said "we are ready" and "we will talk" later.', ["we are ready", "we will talk"]),
        ("The slogan ‘build the wall’ returned.", ["build the wall"]),
        ("The slogan 'build the wall' returned.", ["build the wall"]),
        ("Clinton’s aides don’t agree.", []),  # apostrophes are not quotes
        ("“He told me ‘never again’ twice,” she said.", ["He told me ‘never again’ twice"]),  # nested
        ("“First paragraph goes on\n\n“and ends here.”", ["First paragraph goes on and ends here."]),
        ("''We are ready,'' he said. He didn't 'make plans' then.", ["We are ready", "make plans"]),  # ''
        ("He said «nous sommes prêts» hier.", ["nous sommes prêts"]),
    ],
)
def test_quotation_marks_are_paired(text: str, expected: list[str]) -> None:
    assert inner(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "“", "”", '"', "“a “b “c", "a” b” c”", "'''", "“unclosed\n\nnext", "‘x’’’y‘", '"\n"\n"', "«»„“"],
)
def test_odd_marks_never_raise(nlp, text: str) -> None:
    find_quoted_spans(text)
    run(nlp, text)


def test_unclosed_quote_is_dropped_not_extended() -> None:
    assert inner("He said “we are ready.\n\nThe talks begin on Monday.") == []


# --- direct quotes -----------------------------------------------------------------------------------


def test_direct_quote_with_named_speaker(nlp) -> None:
    quote = only(run(nlp, "“We are prepared to negotiate,” Daniel Okafor said on Friday."), "prepared")
    assert quote.direct
    assert quote.speaker == "Daniel Okafor"
    assert quote.speaker_kind == "named"
    assert quote.cue == "said"


def test_interrupted_quote_is_one_quote(nlp) -> None:
    text = "Daniel Okafor spoke on Friday. “If they want the grain,” he added, “we can ship it in May.”"
    quote = only(run(nlp, text), "If they want the grain")
    assert "we can ship it in May" in quote.text
    assert quote.speaker == "Daniel Okafor"
    assert quote.speaker_kind == "pronoun"


def test_partial_quote_inside_sentence(nlp) -> None:
    text = (
        "Daniel Okafor gave a long interview. He stressed the need to “sit down soon, with the "
        "figures on the table,” hinting at a deal."
    )
    quote = only([q for q in run(nlp, text) if q.direct], "sit down soon")
    assert quote.speaker == "Daniel Okafor"
    assert quote.speaker_text == "He"


def test_short_name_resolves_to_longer_name_seen_before(nlp) -> None:
    text = "Daniel Okafor spoke on Friday.\n\n“The embargo will fail,” Okafor said."
    assert only(run(nlp, text), "embargo").speaker == "Daniel Okafor"


def test_quote_across_paragraphs_keeps_its_speaker(nlp) -> None:
    text = (
        "Senator Maria Lopez spoke to reporters.\n\n"
        "“We will not give up on this fight, not now and not ever,” Lopez said.\n\n"
        "“The families who lost their homes deserve an answer from the bank.”"
    )
    quote = only(run(nlp, text), "We will not give up")
    assert "deserve an answer" in quote.text  # one speaker's paragraphs are one attribution
    assert quote.speaker == "Maria Lopez"


def test_colon_introduces_quote(nlp) -> None:
    text = "Governor Sarah Klein said:\n\n“We are staying in this race until the very last vote.”"
    assert only(run(nlp, text), "last vote").speaker == "Sarah Klein"


def test_any_verb_after_a_comma_closed_quote_attributes_it(nlp) -> None:
    text = "Maria Lopez listened.\n\n“That plan will never pass the council,” Lopez fired back with a grin."
    quote = only(run(nlp, text), "never pass")
    assert quote.speaker == "Maria Lopez"
    assert quote.cue == "fired"


def test_cue_of_the_previous_sentence_is_not_reused(nlp) -> None:
    text = (
        "Sarah Klein spoke later. ''The tariffs were never the goal,'' Ms. Klein said. "
        "''The goal was a fair deal for the farmers.''"
    )
    quotes = [q for q in run(nlp, text) if q.direct]
    assert len(quotes) == 1  # “A,” she said. “B.” is one attribution
    assert "fair deal" in quotes[0].text
    assert quotes[0].speaker_text == "Ms. Klein"


def test_titles_of_works_are_not_quotes(nlp) -> None:
    assert [q for q in run(nlp, "Okafor appeared on “The Night Desk with Sam Ortiz” on Monday.") if q.direct] == []
    text = "Critics read her memoir, “Open Water: How a Small Town Rebuilt Its Harbor,” he said."
    assert [q for q in run(nlp, text) if q.direct] == []


def test_short_scare_quote_near_an_unrelated_cue_is_not_a_quote(nlp) -> None:
    text = "The app switched on its “quiet hours” mode, and officials said the service was working."
    assert [q for q in run(nlp, text) if q.direct] == []


def test_scare_quotes_without_speaker_are_not_quotes(nlp) -> None:
    assert run(nlp, "The so-called “deal” was signed in Geneva.") == []


# --- indirect quotes ----------------------------------------------------------------------------------


def test_said_that_clause(nlp) -> None:
    quote = only(run(nlp, "Okafor said that the talks would start in January."), "talks")
    assert not quote.direct
    assert quote.text == "that the talks would start in January"
    assert quote.speaker_text == "Okafor"


def test_confirmed_that_with_title(nlp) -> None:
    text = "Governor Sarah Klein confirmed that the bridge would reopen next week."
    quote = only(run(nlp, text), "bridge")
    assert quote.speaker == "Sarah Klein"
    assert quote.cue == "confirmed"


def test_according_to_anonymous_officials(nlp) -> None:
    quote = only(run(nlp, "According to officials, the convoy was hit near the border."), "convoy")
    assert quote.speaker_text == "officials"
    assert quote.speaker_kind == "anonymous"
    assert quote.speaker is None  # never guessed
    assert quote.cue == "According to"


def test_anonymous_source_is_typed_not_guessed(nlp) -> None:
    text = "Daniel Okafor left early. A senior official said the meeting had gone badly."
    quote = only(run(nlp, text), "meeting")
    assert quote.speaker_kind == "anonymous"
    assert quote.speaker is None


def test_organization_speaker(nlp) -> None:
    quote = only(run(nlp, "The Pentagon said the strike killed five people."), "strike")
    assert quote.speaker_kind == "organization"
    assert quote.speaker == "Pentagon"


def test_ministry_denied_the_report(nlp) -> None:
    quote = only(run(nlp, "The ministry denied the report on Tuesday."), "report")
    assert quote.speaker_kind == "organization"
    assert quote.cue == "denied"


def test_title_resolves_to_the_titled_person(nlp) -> None:
    text = "President Sarah Klein met the envoys.\n\nThe president said the embargo would continue."
    quote = only(run(nlp, text), "embargo")
    assert quote.speaker_kind == "title"
    assert quote.speaker == "Sarah Klein"


def test_parenthetical_attribution(nlp) -> None:
    quote = only(run(nlp, "The economy, Lopez argued, is rigged against families."), "economy")
    assert "rigged" in quote.text
    assert quote.cue == "argued"


def test_as_clause_attribution(nlp) -> None:
    quote = only(run(nlp, "As Klein noted, the farmers will judge the deal by its prices."), "farmers")
    assert quote.speaker_text == "Klein"
    assert quote.cue == "noted"


def test_object_content(nlp) -> None:
    quote = only(run(nlp, "Senator Maria Lopez endorsed Daniel Okafor on Wednesday."), "Okafor")
    assert quote.text.startswith("Daniel Okafor")
    assert quote.speaker == "Maria Lopez"


def test_headline_attributions(nlp) -> None:
    text = (
        "Lopez: Raising The Port Fees Would Hurt Every Farmer In The Valley\n"
        "Klein Says She Would Veto The Budget Over School Funding\n"
        "Update: the vote was delayed until Friday evening.\n"
    )
    quotes = run(nlp, text)
    assert only(quotes, "Port Fees").speaker_text == "Lopez"
    says = only(quotes, "Veto")
    assert (says.speaker_text, says.cue) == ("Klein", "Says")
    assert not [q for q in quotes if "vote" in q.text]  # a label is not a speaker


# --- actors and records -------------------------------------------------------------------------------


def test_speaker_links_to_actor(nlp) -> None:
    text = "Daniel Okafor spoke on Friday. He said the talks would start soon."
    actor = Actor(name="Daniel Okafor", kind="person", mentions=[Mention("Daniel Okafor", 0, 13)])
    quote = only(run(nlp, text, [actor]), "talks")
    assert (quote.speaker, quote.speaker_id) == ("Daniel Okafor", actor.id)


def test_quote_ids_are_content_hashes(nlp) -> None:
    article = Article(text="Okafor said that the talks would start in January.")
    quotes = extract_quotes(nlp(article.analysis_text()), Context(article=article))
    assert [q.id for q in quotes] == [content_hash(article.id, str(q.start), str(q.end)) for q in quotes]
    assert all(article.text[q.start : q.end] == q.text for q in quotes if not q.direct)


# --- the seed article -----------------------------------------------------------------------------


def test_seed_quotes_found_with_their_speaker(nlp) -> None:
    folder = shared_path("seed")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["quotes"]
    text = next(folder.glob("*.txt")).read_text(encoding="utf-8")
    quotes = run(nlp, text)
    for want in expected:
        words = set(want["text"].lower().split())
        hits = [
            q
            for q in quotes
            if q.direct == want["direct"]
            and len(words & set(q.text.lower().split())) >= 0.5 * max(len(words), len(q.text.split()))
            and q.speaker == want["speaker"]
        ]
        assert hits, want


def test_a_negated_cue_quotes_nothing(nlp) -> None:
    from eventwire.extract.context import Context
    from eventwire.extract.quotes import extract_quotes
    from eventwire.model import Article

    text = "Port officials did not say which ships were turned away. The mayor said the harbour would reopen."
    quotes = extract_quotes(nlp(text), Context(article=Article(text=text)))
    assert [q.text for q in quotes] == ["the harbour would reopen"]


# --- frames added for PolNeAR's indirect attributions ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "cue"),
    [
        ("Okafor told reporters that the talks would resume.", "that the talks would resume", "Okafor", "told"),
        ("Lopez has argued that the levy hurts small farmers.", "that the levy hurts small farmers", "Lopez", "argued"),
        ("Okafor, who said the deal was dead, left the room.", "the deal was dead", "Okafor", "said"),
        # the subject of the host clause speaks for a cue inside a prepositional phrase
        ("After saying he was nervous, the man asked about the tariffs.", "he was nervous", "the man", "saying"),
        # a participle speaks for the people it describes
        (
            "The crowd included residents saying the ship had sunk near the port.",
            "the ship had sunk near the port",
            "residents",
            "saying",
        ),
        # spaCy lemmatizes "hoping" as "hop"
        (
            "Lopez is hoping the levy will be dropped before the harvest.",
            "the levy will be dropped before the harvest",
            "Lopez",
            "hoping",
        ),
        (
            "The mayor discussed the closure of the harbour with the traders.",
            "the closure of the harbour",
            "The mayor",
            "discussed",
        ),
    ],
)
def test_verb_frames(nlp, text: str, content: str, speaker_text: str, cue: str) -> None:
    quote = only(run(nlp, text), content)
    assert (quote.text, quote.speaker_text, quote.cue, quote.direct) == (content, speaker_text, cue, False)


def test_a_trailing_concessive_clause_is_not_content(nlp) -> None:
    text = "Okafor said the port would reopen next week, though traders doubted the schedule."
    assert only(run(nlp, text), "port").text == "the port would reopen next week"
    text = "Okafor said the port would reopen because the strike had ended."
    assert only(run(nlp, text), "port").text == "the port would reopen because the strike had ended"


def test_one_word_object_is_content(nlp) -> None:
    quote = only(run(nlp, "The senator endorsed Okafor."), "Okafor")
    assert (quote.text, quote.cue) == ("Okafor", "endorsed")


def test_passive_cue_speaks_through_its_agent(nlp) -> None:
    quote = only(run(nlp, "Okafor was endorsed by the farmers union on Monday."), "Okafor")
    assert (quote.text, quote.speaker_text, quote.cue) == ("Okafor", "the farmers union", "endorsed")


def test_preposition_frame_wins_over_the_object(nlp) -> None:
    quote = only(run(nlp, "Lopez criticized Klein for her handling of the strike."), "handling")
    assert quote.text == "her handling of the strike"
    quote = only(run(nlp, "Klein accused Okafor of lying about the budget."), "lying")
    assert (quote.text, quote.speaker_text) == ("lying about the budget", "Klein")


def test_quotes_around_their_attribution_sentence_are_one_quote(nlp) -> None:
    text = (
        "“The levy is not my favourite by any means,” Lopez, a former mayor, told the council on Tuesday, "
        "when the budget came up for a vote. “But it may be the only way to keep the port open.”"
    )
    quote = only([q for q in run(nlp, text) if q.direct], "favourite")
    assert "keep the port open" in quote.text
    assert quote.speaker_text == "Lopez"


def test_semicolon_separates_a_clause_from_the_cue(nlp) -> None:
    text = "Okafor was not part of the swap; Lopez insists she does not know where he is."
    assert [q.text for q in run(nlp, text)] == ["she does not know where he is"]


def test_a_quotation_inside_a_report_shares_its_cue(nlp) -> None:
    text = "Lopez said the levy was “a tax on every farmer in the valley” and would be repealed."
    quotes = run(nlp, text)
    direct = only([q for q in quotes if q.direct], "every farmer")
    report = only([q for q in quotes if not q.direct], "levy")
    assert (direct.cue_start, direct.speaker_text) == (report.cue_start, "Lopez")


def test_object_apposition_is_not_content(nlp) -> None:
    quote = only(run(nlp, "Lopez railed against the levy, a tax on imported grain."), "levy")
    assert quote.text == "the levy"


@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "cue"),
    [
        ("Klein's claim that the port was closed angered the traders.", "that the port was closed", "Klein's", "claim"),
        (
            "Lopez made the argument that the levy hurts small farmers.",
            "that the levy hurts small farmers",
            "Lopez",
            "argument",
        ),
        # the parser hangs the clause on "statement": the verb stays the cue
        (
            "Lopez said in a statement that the levy would be dropped.",
            "that the levy would be dropped",
            "Lopez",
            "said",
        ),
        (
            "The mayor is confident that the harbour will reopen.",
            "that the harbour will reopen",
            "The mayor",
            "confident",
        ),
        ("Klein has been critical of the port authority.", "the port authority", "Klein", "critical"),
    ],
)
def test_nominal_and_adjectival_cues(nlp, text: str, content: str, speaker_text: str, cue: str) -> None:
    quote = only(run(nlp, text), content)
    assert (quote.text, quote.speaker_text, quote.cue, quote.direct) == (content, speaker_text, cue, False)


def test_a_nominal_cue_without_holder_quotes_nothing(nlp) -> None:
    assert run(nlp, "The claim that the port was closed spread quickly among the traders.") == []


def test_a_document_is_not_the_speaker_of_its_participle(nlp) -> None:
    quotes = run(nlp, "The council issued a statement calling for calm.")
    assert all(q.speaker_text != "a statement" for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "Lopez did not mention the strike.",
        "Klein is not critical of the port authority.",
        "Lopez did not make the argument that the levy hurts small farmers.",
        "Lopez did not say in a statement that the levy would be dropped.",
    ],
)
def test_negated_frames_quote_nothing(nlp, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    ["The Pentagon declined to comment.", "A spokesman refused to say where the ship was heading."],
)
def test_a_refusal_to_speak_quotes_nothing(nlp, text):
    assert run(nlp, text) == []
