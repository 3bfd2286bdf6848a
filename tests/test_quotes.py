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
