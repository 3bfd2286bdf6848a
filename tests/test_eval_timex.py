"""``eval timex``: TimeML reading, TempEval-3 scoring and the quality floor on TimeBank."""

from __future__ import annotations

from datetime import date

from conftest import shared_path
from eventwire.eval.metrics import match_spans, prf
from eventwire.eval.timex import Scores, Span, evaluate, read_tml

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>x1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-05" functionInDocument="CREATION_TIME">03/05/01</TIMEX3></DCT>
<TEXT>
Sales <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-03-04">yesterday</TIMEX3> at A&amp;B
for <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml_offsets_and_dct(tmp_path):
    path = tmp_path / "x1.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_tml(path)
    assert document.dct == date(2001, 3, 5)
    assert [(document.text[g.start : g.end], g.type, g.value) for g in document.gold] == [
        ("yesterday", "DATE", "2001-03-04"),
        ("two weeks", "DURATION", "P2W"),
    ]
    assert "A&B" in document.text and "<" not in document.text


def test_scores_strict_relaxed_value():
    gold = [Span(0, 9, "DATE", "2001-03-04"), Span(20, 29, "DURATION", "P2W"), Span(40, 45, "DATE", "2001")]
    predicted = [Span(0, 9, "DATE", "2001-03-04"), Span(16, 29, "DURATION", "P3W"), Span(60, 65, "DATE", "2002")]
    scores = Scores()
    scores.add(gold, predicted)
    metrics = scores.metrics()
    assert (scores.strict, scores.relaxed, scores.type_correct, scores.value_correct) == (1, 2, 2, 1)
    assert metrics["strict_f1"] == round(1 / 3, 4)
    assert metrics["relaxed_f1"] == round(2 / 3, 4)
    assert metrics["value_accuracy"] == 0.5


def test_metrics_helpers():
    assert match_spans([(0, 5), (10, 12)], [(3, 11), (0, 2)]) == [(0, 1), (1, 0)]
    assert prf(0, 0, 0, 3) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_quality_floor_on_timebank():
    data = shared_path("data", "tempeval3", "TimeBank")
    metrics = evaluate(data, limit=40)
    assert metrics["n"] > 250 and metrics["n_articles"] == 40
    # Measured on this slice: strict 0.930, relaxed 0.954, type 0.910, value 0.841, value accuracy 0.882.
    floors = {"strict_f1": 0.91, "relaxed_f1": 0.93, "type_f1": 0.89, "value_f1": 0.82, "value_accuracy": 0.86}
    for name, floor in floors.items():
        assert metrics[name] >= floor, (name, metrics[name])
    # The gain over dateparser alone stays visible.
    assert metrics["baseline"]["value_f1"] < metrics["value_f1"] - 0.2
    assert metrics["stage_share_of_spacy"] < 0.1
