"""Evaluation of the events stage: gold readers, metrics and quality floors (plover, acled, wikievents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from eventwire.eval import acled, plover, wikievents
from eventwire.model import Event, Evidence

HERE = Path(__file__).parent
ACLED_SAMPLE = HERE / "data" / "acled_sample.tsv"


# --- plover -----------------------------------------------------------------------------------


def test_gsr_reader_strips_trailing_commas_skips_documents_and_renames_old_types(tmp_path: Path):
    path = tmp_path / "gsr.txt"
    path.write_text(
        """[
        {"id": "D", "event": "DOCUMENT", "eventText": "notes",},
        {"id": "1", "event": "FIGHT", "text": "Rebels attacked the town.",
         "source": [{"actorText": "Rebels", "code": "REB"},], "target": ""},
        ]""",
        encoding="utf-8",
    )
    gold = plover.read_gsr(path)
    assert len(gold) == 1
    assert gold[0].types == ["ASSAULT"]
    assert gold[0].sources == ["Rebels"] and gold[0].targets == []


def test_petrarch_reader_maps_cameo_codes_to_plover(tmp_path: Path):
    path = tmp_path / "PETR.UnitTest.records.xml"
    path.write_text(
        """<Validation><Sentences>
        <Sentence date="19950101" id="A"><EventCoding sourcecode="X" targetcode="Y" eventcode="1823"></EventCoding>
        <Text>X killed Y.</Text></Sentence>
        <Sentence date="19950101" id="B"><EventCoding noevents="True"></EventCoding><Text>Nothing.</Text></Sentence>
        </Sentences></Validation>""",
        encoding="utf-8",
    )
    gold = plover.read_gold(path)
    assert [(g.types, g.date, g.sources) for g in gold] == [(["ASSAULT"], "1995-01-01", None)]


def test_cameo_prefix_lookup():
    assert plover.plover_type_of_cameo("0841") == "RETREAT"
    assert plover.plover_type_of_cameo("1712") == "ASSAULT"
    assert plover.plover_type_of_cameo("036") == "AGREE"
    assert plover.plover_type_of_cameo("999") is None


def test_macro_f1_counts_missing_predictions_against_recall():
    assert plover.macro_f1([("AGREE", "AGREE"), ("ASSAULT", "ASSAULT")]) == 1.0
    assert plover.macro_f1([("AGREE", "NONE"), ("ASSAULT", "ASSAULT")]) == 0.5


def _event_at(sentence: str, trigger: str, type_: str, confidence: float) -> Event:
    start = sentence.index(trigger)
    evidence = Evidence(sentence, 0, len(sentence), trigger_start=start, trigger_end=start + len(trigger))
    return Event(type=type_, trigger=trigger, evidence=[evidence], confidence=confidence)


def test_the_scored_event_is_the_one_the_sentence_leads_with_not_the_most_confident():
    sentence = "The union called off its strike on Friday, a week after police fired on its pickets."
    called_off = _event_at(sentence, "called off", "RETREAT", 0.5)
    fired = _event_at(sentence, "fired", "ASSAULT", 0.9)
    assert plover.main_event([fired, called_off]) is called_off
    assert plover.best_event([fired, called_off]) is fired
    assert plover.main_event([]) is None


def test_plover_quality_floor():
    data = shared_path("data", "plover-gsr", "PLOVER_GSR_CAMEO.txt")
    result = plover.evaluate(data, limit=160)
    assert result["n"] == 160
    # measured on this slice, scoring the event each sentence leads with: type_accuracy 0.86,
    # type_macro_f1 0.88, source_f1 0.87, target_f1 0.46 (the most confident event: 0.84)
    assert result["type_accuracy"] >= 0.84
    assert result["type_macro_f1"] >= 0.86
    assert result["source_f1"] >= 0.82
    assert result["target_f1"] >= 0.44
    assert result["articles_per_second"] > 0


# --- acled ------------------------------------------------------------------------------------


def test_acled_reader_skips_the_header_and_unknown_labels(tmp_path: Path):
    path = tmp_path / "a.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tA text.\tATTACK\n2\tAnother.\tNOT_A_LABEL\n", encoding="utf-8")
    assert [(s.id, s.label) for s in acled.read_snippets(path)] == [("1", "ATTACK")]


def test_acled_sample_covers_most_labels():
    labels = {s.label for s in acled.read_snippets(ACLED_SAMPLE)}
    assert len(labels) >= 28
    assert labels <= acled.LABELS


def test_f1_scores():
    scores = acled.f1_scores(["A", "A", "B"], ["A", "B", "B"])
    assert scores["accuracy"] == round(2 / 3, 4)
    assert 0 < scores["macro_f1"] < 1 and 0 < scores["weighted_f1"] < 1


def test_acled_quality_floor():
    result = acled.evaluate(ACLED_SAMPLE)
    assert result["n"] == 59
    # measured 1.0 on this sample (written alongside the rules, so optimistic); held-out is lower
    assert result["weighted_f1"] >= 0.92
    assert result["macro_f1"] >= 0.92
    assert result["accuracy"] >= 0.92


# Snippet sets written for this project before their output was seen (every label, varied styles).
# Set A's errors were studied to fix the rules, so A is in-sample; set B (written with A) was never
# studied while fixing. Sets C-I are later development sets (their errors were studied too); set J
# was written last and scored once, after the last fix: B and J are the held-out estimates.
ACLED_BLIND_A = HERE / "data" / "acled_blind_a.tsv"
ACLED_BLIND_B = HERE / "data" / "acled_blind_b.tsv"
ACLED_BLIND_J = HERE / "data" / "acled_blind_j.tsv"
ACLED_DEV_SETS = [HERE / "data" / f"acled_blind_{name}.tsv" for name in "cdefghi"]


@pytest.mark.parametrize(
    ("path", "n", "floor"),
    [
        # with the trained layer (scripts/train_acled.py): A and the sample and development sets are
        # in its training data (words only); B and J are not, and stay the held-out estimates
        (ACLED_BLIND_A, 90, 0.95),  # measured 1.0 (rules alone 0.989; in-sample: its errors drove the fixes)
        (ACLED_BLIND_B, 90, 0.93),  # measured 0.954 / 0.954 / 0.956 (rules alone 0.873 / 0.873 / 0.878)
        (ACLED_BLIND_J, 60, 0.85),  # measured 0.873 / 0.873 / 0.883 (rules alone 0.822 / 0.822 / 0.817)
    ],
)
def test_acled_blind_set_floors(path: Path, n: int, floor: float):
    result = acled.evaluate(path)
    assert result["n"] == n
    low = {key: result[key] for key in ("weighted_f1", "macro_f1", "accuracy") if result[key] < floor}
    assert not low, f"{path.name} below {floor}: {low}"


def test_acled_development_sets_floor(tmp_path: Path):
    rows = [line for path in ACLED_DEV_SETS for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    combined = tmp_path / "dev.tsv"
    combined.write_text("id\tEventSnippet\tSubType\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = acled.evaluate(combined)
    assert result["n"] == 420
    # measured 0.99 on all three metrics (in-sample)
    assert result["weighted_f1"] >= 0.95
    assert result["macro_f1"] >= 0.95
    assert result["accuracy"] >= 0.95


# --- wikievents -------------------------------------------------------------------------------


def test_wikievents_kairos_mapping():
    assert wikievents.plover_type("Conflict.Attack.DetonateExplode") == "ASSAULT"
    assert wikievents.plover_type("Justice.ArrestJailDetain.Unspecified") == "COERCE"
    assert wikievents.plover_type("Contact.Contact.Meet") == "CONSULT"
    assert wikievents.plover_type("Contact.Contact.Broadcast") is None
    assert wikievents.plover_type("Movement.Transportation.Unspecified") is None


def test_wikievents_document_keeps_token_offsets(tmp_path: Path):
    record = {
        "sentences": [[[["Bombs", 0, 5], ["hit", 6, 9], ["Kabul", 10, 15]], "Bombs hit Kabul"]],
        "event_mentions": [
            {
                "event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2},
                "arguments": [{"role": "Place", "text": "Kabul"}, {"role": "Instrument", "text": "Bombs"}],
            }
        ],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [doc] = wikievents.read_documents(tmp_path)
    event = doc.events[0]
    assert doc.text[event.start : event.end] == "hit"
    assert event.arguments == [("place", "kabul")]


def test_wikievents_quality_floor():
    data = shared_path("data", "wikievents", "dev.jsonl")
    result = wikievents.evaluate(data, limit=6)
    assert result["n"] == 6
    # measured on this slice: trigger_f1 0.656, type_f1 0.604, argument_f1 0.235 (session 7)
    assert result["trigger_f1"] >= 0.62
    assert result["type_f1"] >= 0.57
    assert result["argument_f1"] >= 0.20
