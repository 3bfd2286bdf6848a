"""eventwire.clean: boilerplate lines out, captions aside, narrative kept (each rule has a case here)."""

from __future__ import annotations

import pytest

from eventwire.clean import clean_text, is_boilerplate, is_caption, normalize

BOILERPLATE = [
    # rules that were there before ingest
    "Share this article",
    "Advertisement",
    "Read more: Talks stall over grain exports",
    "Related: Five things to know about the vote",
    "Copyright 2025 Example Media",
    # news-site furniture under and between paragraphs (added with the ingest readers)
    "You may also like...",
    "Recommended for you",
    "Most read in world news",
    "More from Example News:",
    "Related post: How the ceasefire was negotiated",
    "More:",
    "Also:",
    "DON'T MISS",
    "Trending now",
    "Tags",
    "Filed under: Politics | Elections",
    "Like this story? Share it with a friend!",
    "Have a tip? Our reporter can be reached by email.",
    "Comments",
    "12 comments",
    "Tell us what you think...",
    "Leave a comment",
    "View 48 comments",
    "Get the day's top headlines in your inbox every morning.",
    "Follow the Daily Example on Facebook and Twitter.",
    "Follow her on Twitter @someone.",
    "Reading time: 3 minutes",
    "4 min read",
    "Updated at 1:23 p.m.",
    "Last updated 09:45 GMT",
    "(Reporting by A. Writer; Editing by B. Editor)",
    "Reporting by A. Writer in Lagos; additional reporting by C. Writer; editing by D. Editor",
    "Additional reporting by E. Writer",
    "Agency writers F. One and G. Two contributed to this report.",
    "H. Three contributed reporting from Nairobi.",
    "This copy is for your personal, non-commercial use only.",
    "Order Reprints",
]

NARRATIVE = [
    "Police said more than 40 people were arrested after the march.",
    "Most of the victims were women and children, officials said.",
    "Most viewed the ruling as a victory for the opposition.",
    "More from the minister's speech was released on Friday.",
    "More than 200 people attended the funeral on Sunday.",
    "Comments made by the minister drew criticism from the opposition.",
    "Tags found on the recovered drones pointed to a foreign supplier.",
    "Follow-up talks are expected in Geneva next week.",
    "The army said it would follow the ceasefire terms on the border.",
    "Reporting by local media suggested the toll could rise.",
    "Updated figures from the health ministry put the toll at 31.",
    "Related talks between the two delegations broke down on Friday.",
    "Several journalists contributed to the investigation, which took a year.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    assert is_boilerplate(line)
    cleaned = clean_text(f"The council met on Monday.\n{line}\nIt approved the budget.")
    assert cleaned.text == "The council met on Monday.\nIt approved the budget."
    assert cleaned.removed == [line]


@pytest.mark.parametrize("line", NARRATIVE)
def test_narrative_lines_are_kept(line: str) -> None:
    assert not is_boilerplate(line)
    assert not is_caption(line)
    assert clean_text(line).text == line


def test_captions_are_moved_aside() -> None:
    cleaned = clean_text("Troops entered the town at dawn.\nPhoto: Soldiers on patrol near the bridge.")
    assert cleaned.text == "Troops entered the town at dawn."
    assert cleaned.captions == ["Photo: Soldiers on patrol near the bridge."]


def test_normalize_spaces_invisible_characters_and_blank_lines() -> None:
    assert normalize("A\u00a0b\u200b c\r\n\r\n\r\n\r\nd  ") == "A b c\n\nd"
