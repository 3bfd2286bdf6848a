"""`eventwire eval ecb`: ECB+ reading, clustering, coreference metrics, and the quality floor."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

import numpy as np
import pytest

from conftest import shared_path
from eventwire.eval import ecb

# A tiny document in the CAT/CROMER layout ECB+ uses, written for this test.
SAMPLE_XML = """<Document doc_name="7_1ecbplus.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http://example.org/story</token>
<token t_id="2" sentence="1" number="0">Rebels</token>
<token t_id="3" sentence="1" number="1">attacked</token>
<token t_id="4" sentence="1" number="2">the</token>
<token t_id="5" sentence="1" number="3">town</token>
<token t_id="6" sentence="1" number="4">.</token>
<token t_id="7" sentence="2" number="0">The</token>
<token t_id="8" sentence="2" number="1">attack</token>
<token t_id="9" sentence="2" number="2">killed</token>
<token t_id="10" sentence="2" number="3">five</token>
<token t_id="11" sentence="2" number="4">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="8"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="9"/></ACTION_OCCURRENCE>
<HUMAN_PART_ORG m_id="4"><token_anchor t_id="2"/></HUMAN_PART_ORG>
<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t7_attack" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1" /><source m_id="2" /><target m_id="9" /></CROSS_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture()
def sample_dir(tmp_path: Path) -> Path:
    topic = tmp_path / "ECB+" / "7"
    topic.mkdir(parents=True)
    (topic / "7_1ecbplus.xml").write_text(SAMPLE_XML, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n7,1ecbplus,1\n", encoding="utf-8")
    return tmp_path


def test_reads_tokens_mentions_and_gold_clusters(sample_dir: Path) -> None:
    [document] = ecb.read_corpus(sample_dir)
    assert (document.topic, document.subcorpus, document.gold_cluster) == ("7", "ecbplus", "7_ecbplus")
    assert document.words[1:3] == ["Rebels", "attacked"]
    by_id = {m.m_id: m for m in document.mentions}
    assert set(by_id) == {"1", "2", "3"}  # ACTION_* with tokens only; participants and descriptors skipped
    assert by_id["1"].gold == by_id["2"].gold == "cross:ACT1"
    assert by_id["3"].gold.startswith("singleton:")
    assert ecb.body_sentence_numbers(document) == [1, 2]  # the URL line is not story text


def test_selected_sentences_restrict_the_scored_mentions(sample_dir: Path) -> None:
    documents = ecb.read_corpus(sample_dir)
    selected = ecb.read_selected_sentences(sample_dir)
    assert selected == {"7_1ecbplus": {1}}
    assert [m.m_id for m in ecb.scored_mentions(documents, selected)] == ["1"]
    assert len(ecb.scored_mentions(documents, None)) == 3


def test_mentions_cluster_on_normalized_head_lemma(nlp, sample_dir: Path) -> None:
    documents = ecb.read_corpus(sample_dir)
    docs = ecb.parse_documents(nlp, documents)
    predicted = ecb.cluster_mentions(documents, docs, [1])
    assert predicted[("7_1ecbplus", "1")] == predicted[("7_1ecbplus", "2")]  # attacked ~ attack
    assert predicted[("7_1ecbplus", "3")] != predicted[("7_1ecbplus", "1")]


@pytest.mark.parametrize(("word", "key"), [
    ("earthquake", "quake"), ("quake", "quake"), ("shooting", "shoot"), ("checks", "check"),
    ("dies", "die"), ("death", "die"), ("murder", "kill"), ("crisis", "crisis"), ("ring", "ring"),
])
def test_event_words_fold_to_one_key(word: str, key: str) -> None:
    assert ecb.normalize_event_word(word) == key


def test_documents_cluster_by_cosine_distance() -> None:
    matrix = np.array([[1, 0, 0], [0.95, 0.05, 0], [0, 1, 0], [0, 0.9, 0.1]], dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    labels = ecb.cluster_documents(matrix, threshold=0.5)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


GOLD: dict[Hashable, Hashable] = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
PRED: dict[Hashable, Hashable] = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_muc() -> None:
    assert ecb.muc(GOLD, PRED) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_bcubed() -> None:
    assert ecb.bcubed(GOLD, PRED) == pytest.approx((11 / 15, 11 / 15, 11 / 15))


def test_ceafe() -> None:
    assert ecb.ceafe(GOLD, PRED) == pytest.approx((0.8, 0.8, 0.8))


def test_perfect_clustering_scores_one() -> None:
    for metric in (ecb.muc, ecb.bcubed, ecb.ceafe):
        assert metric(GOLD, GOLD)[2] == pytest.approx(1.0)


def test_quality_floor() -> None:
    data = shared_path("data", "ecbplus")
    result = ecb.evaluate(data, limit=80)
    # measured on this slice (topics 1-3): doc 0.862, conll 0.748, muc 0.761, b3 0.759, ceafe 0.723
    assert result["n"] == 80
    assert result["doc_bcubed_f1"] >= 0.82
    assert result["mention_conll_f1"] >= 0.71
    assert result["muc_f1"] >= 0.72
    assert result["bcubed_f1"] >= 0.72
    assert result["ceafe_f1"] >= 0.68
    assert result["articles_per_second"] > 0
