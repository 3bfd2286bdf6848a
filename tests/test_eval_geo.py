"""`eval geo`: Gritta-style XML reading (both toponym layouts, offset repair) and quality floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from eventwire.eval import geo

GRITTA_PHRASE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <url>https://example.ca/news/1</url>
    <text>Police in Toronto said the road to Ottawa was closed.</text>
    <toponyms>
      <toponym>
        <phrase>Toronto</phrase><start>10</start><end>17</end>
        <gaztag geonameid="6167865"><name>Toronto</name><lat>43.70011</lat><lon>-79.4163</lon></gaztag>
      </toponym>
      <toponym>
        <phrase>Ottawa</phrase><start>36</start><end>42</end>
        <gaztag geonameid="6094817"><name>Ottawa</name><lat>45.41117</lat><lon>-75.69812</lon></gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>
"""

GWN_STYLE = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <link>http://example.com/a</link>
    <text>Residents of Lyon welcomed French officials.</text>
    <toponyms>
      <toponym>
        <extractedName>Lyon</extractedName><start>13</start><end>17</end>
        <geonamesID>2996944</geonamesID><latitude>45.74846</latitude><longitude>4.84671</longitude>
      </toponym>
      <toponym>
        <extractedName>Residents</extractedName><start>0</start><end>9</end>
      </toponym>
    </toponyms>
  </article>
</articles>
"""


def test_reads_phrase_layout_and_repairs_shifted_offsets(tmp_path: Path):
    path = tmp_path / "corpus.xml"
    path.write_text(GRITTA_PHRASE, encoding="utf-8")
    [article] = geo.read_articles(path)
    toronto, ottawa = article.toponyms
    assert article.text[toronto.start:toronto.end] == "Toronto"
    assert (ottawa.start, ottawa.end) == (35, 41)  # gold said 36:42, one character off
    assert article.repairs == 1
    assert toronto.geonameid == "6167865" and toronto.latitude == pytest.approx(43.70011)
    assert article.url == "https://example.ca/news/1"


def test_reads_latitude_longitude_layout_and_skips_unscored(tmp_path: Path):
    path = tmp_path / "gwn.xml"
    path.write_text(GWN_STYLE, encoding="utf-8")
    [article] = geo.read_articles(path)
    lyon, residents = article.toponyms
    assert lyon.scored and lyon.geonameid == "2996944"
    assert not residents.scored


def test_evaluate_on_a_folder(tmp_path: Path):
    (tmp_path / "a.xml").write_text(GRITTA_PHRASE, encoding="utf-8")
    (tmp_path / "b.xml").write_text(GWN_STYLE, encoding="utf-8")
    result = geo.evaluate(tmp_path)
    assert result["n"] == 3 and result["articles"] == 2
    assert result["offset_repairs"] == 1
    assert result["acc161_gold"] == 1.0 and result["miss_rate"] == 0.0
    assert result["ner_recall"] >= 0.6  # depends on the spaCy model; resolution is what is pinned here
    for key in ("ner_precision", "ner_f1", "acc161", "median_km", "mean_km", "median_km_gold",
                "seconds", "articles_per_second"):
        assert key in result


# Floors sit a little below the figures measured on these slices (see the lead's report).
@pytest.mark.parametrize(
    ("name", "limit", "floors"),
    [
        # measured: ner_precision .918, ner_recall .813, ner_f1 .862, acc161 .918, acc161_gold .927
        ("GWN.xml", 25, {"ner_precision": 0.90, "ner_recall": 0.79, "ner_f1": 0.85, "acc161": 0.91,
                         "acc161_gold": 0.92}),
        # measured: ner_precision .857, ner_recall .940, ner_f1 .896, acc161 .972, acc161_gold .974
        ("TR-News.xml", 25, {"ner_precision": 0.83, "ner_recall": 0.91, "ner_f1": 0.87, "acc161": 0.96,
                             "acc161_gold": 0.96}),
    ],
)
def test_quality_floor(name: str, limit: int, floors: dict[str, float]):
    result = geo.evaluate(shared_path("data", "geo", name), limit=limit)
    for metric, floor in floors.items():
        assert result[metric] >= floor, (metric, result[metric], floor)
    assert result["miss_rate"] <= 0.02
