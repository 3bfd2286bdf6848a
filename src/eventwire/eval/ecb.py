"""``eventwire eval ecb``: cross-document event coreference on ECB+.

Two scores:

* ``doc_bcubed_f1``: documents clustered into their seminal events. Gold clusters are
  topic x sub-corpus (``*ecb.xml`` vs ``*ecbplus.xml``): each topic holds two different
  events of the same kind, so the clustering must separate "an earthquake in A" from
  "an earthquake in B", not only earthquakes from elections.
* ``mention_conll_f1``: the gold ACTION_* mentions clustered into events (CoNLL F1 = mean of
  MUC, B-cubed and CEAF-e F1). Gold event clusters come from CROSS_DOC_COREF (and
  INTRA_DOC_COREF chains); an ACTION mention in neither is a singleton. When the corpus
  ships ``ECBplus_coreference_sentences.csv``, only mentions in those sentences are scored,
  as the ECB+ README recommends (the other sentences were not annotated exhaustively).

Why these features: documents are clustered on TF-IDF of content lemmas plus named
entities and numbers. Entities, years and counts are what tell the two same-kind events of
a topic apart, and a bag of lemmas is robust across sources where the event extractor's
typed records (one or two events per article) would be too sparse to compare. Mentions are
clustered inside each predicted document cluster by the lemma of their head, with inflections,
nominalizations and close synonyms folded to one key ("death"/"died"/"dead",
"quake"/"earthquake"; lexicon/event_coref_keys.tsv).
"""

from __future__ import annotations

import csv
import math
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import squareform
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire import nlp as nlp_module
from eventwire.extract.lexicon.events import event_word_keys

SELECTED_SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
_FILE_NAME = re.compile(r"^(?P<topic>\d+)_(?P<number>\d+)(?P<sub>ecbplus|ecb)\.xml$")
_URL_SENTENCE = re.compile(r"^(https?:|www\.)", re.IGNORECASE)
_NUMBERISH = re.compile(r"^\d[\d,.]*$")

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "CARDINAL",
                           "PRODUCT", "WORK_OF_ART", "LAW", "QUANTITY", "MONEY"})
ENTITY_WEIGHT = 2  # entities count double: they name who and where, which lemmas cannot
DOC_DISTANCE_THRESHOLD = 0.80  # cosine distance for average-linkage merging (chosen on topics 1-22)


# -- reading the corpus -------------------------------------------------------------------------

@dataclass(slots=True)
class EcbMention:
    """One gold ACTION_* mention: its tokens (indexes into the document) and gold cluster."""

    doc: str
    m_id: str
    tag: str
    token_indexes: tuple[int, ...]
    sentence: int
    gold: str


@dataclass(slots=True)
class EcbDocument:
    """One ECB+ document: tokens with their sentence numbers, the gold mentions."""

    name: str
    topic: str
    subcorpus: str  # "ecb" or "ecbplus"
    words: list[str]
    sentences: list[int]  # sentence number of each word
    mentions: list[EcbMention] = field(default_factory=list)

    @property
    def gold_cluster(self) -> str:
        return f"{self.topic}_{self.subcorpus}"


def find_corpus_files(data: Path) -> list[Path]:
    """Every ``<topic>_<n>ecb.xml`` / ``ecbplus.xml`` under ``data``, in a stable order."""
    files = [p for p in data.rglob("*.xml") if _FILE_NAME.match(p.name)]
    return sorted(files, key=_file_sort_key)


def _file_sort_key(path: Path) -> tuple[int, int, str]:
    match = _FILE_NAME.match(path.name)
    assert match is not None
    return int(match["topic"]), int(match["number"]), match["sub"]


def read_selected_sentences(data: Path) -> dict[str, set[int]] | None:
    """Document name (without .xml) -> selected sentence numbers, when the corpus ships the list."""
    candidates = [data / SELECTED_SENTENCES_FILE, data.parent / SELECTED_SENTENCES_FILE,
                  *data.rglob(SELECTED_SENTENCES_FILE)]
    path = next((c for c in candidates if c.is_file()), None)
    if path is None:
        return None
    selected: dict[str, set[int]] = defaultdict(set)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return dict(selected)


def read_document(path: Path) -> EcbDocument:
    """Parse one CAT/CROMER XML file into words and gold ACTION_* mentions."""
    match = _FILE_NAME.match(path.name)
    if match is None:
        raise ValueError(f"not an ECB+ document name: {path.name}")
    root = ET.parse(path).getroot()
    words: list[str] = []
    sentences: list[int] = []
    index_of_tid: dict[str, int] = {}
    for token in root.iter("token"):
        index_of_tid[token.get("t_id", "")] = len(words)
        words.append(token.text or "")
        sentences.append(int(token.get("sentence", "0")))
    name = path.name[: -len(".xml")]
    anchored = _anchored_markables(root, index_of_tid)
    gold_of = _gold_clusters(root, name)
    mentions = [
        EcbMention(doc=name, m_id=m_id, tag=tag, token_indexes=indexes, sentence=sentences[indexes[0]],
                   gold=gold_of.get(m_id, f"singleton:{name}:{m_id}"))
        for m_id, (tag, indexes) in anchored.items()
        if tag.startswith("ACTION_")
    ]
    return EcbDocument(name=name, topic=match["topic"], subcorpus=match["sub"], words=words,
                       sentences=sentences, mentions=mentions)


def _anchored_markables(root: ET.Element, index_of_tid: dict[str, int]) -> dict[str, tuple[str, tuple[int, ...]]]:
    markables = root.find("Markables")
    found: dict[str, tuple[str, tuple[int, ...]]] = {}
    if markables is None:
        return found
    for markable in markables:
        indexes = tuple(sorted(index_of_tid[a.get("t_id", "")] for a in markable.iter("token_anchor")
                               if a.get("t_id", "") in index_of_tid))
        if indexes:
            found[markable.get("m_id", "")] = (markable.tag, indexes)
    return found


def _gold_clusters(root: ET.Element, doc_name: str) -> dict[str, str]:
    """m_id -> gold cluster id: the CROSS_DOC_COREF instance, else the INTRA_DOC_COREF chain."""
    gold: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is None:
        return gold
    for relation in relations:
        if relation.tag == "CROSS_DOC_COREF":
            cluster = f"cross:{relation.get('note', '')}"
        elif relation.tag == "INTRA_DOC_COREF":
            cluster = f"intra:{doc_name}:{relation.get('r_id', '')}"
        else:
            continue
        for source in relation.iter("source"):
            gold.setdefault(source.get("m_id", ""), cluster)
    return gold


def read_corpus(data: Path, limit: int | None = None, topics: Iterable[int] | None = None) -> list[EcbDocument]:
    """The documents under ``data`` (in topic order), optionally only some topics; ``limit``
    keeps the first N documents."""
    files = find_corpus_files(data)
    if topics is not None:
        wanted = {str(t) for t in topics}
        files = [f for f in files if f.name.split("_", 1)[0] in wanted]
    if limit is not None:
        files = files[:limit]
    return [read_document(p) for p in files]


# -- document text and features -------------------------------------------------------------------

def body_sentence_numbers(document: EcbDocument) -> list[int]:
    """Sentence numbers that hold the story (the ecbplus files start with the page URL)."""
    numbers = sorted(set(document.sentences))
    first_words = {n: document.words[document.sentences.index(n)] for n in numbers}
    return [n for n in numbers if not _URL_SENTENCE.match(first_words[n])]


def to_spacy_doc(nlp: Language, document: EcbDocument) -> Doc:
    """A spaCy Doc over the gold tokens (one token per gold token, gold sentence breaks)."""
    sent_starts: list[bool | int | None] = [
        i == 0 or document.sentences[i] != document.sentences[i - 1] for i in range(len(document.words))
    ]
    words = [w if w.strip() else "_" for w in document.words]
    return Doc(nlp.vocab, words=words, sent_starts=sent_starts)


def parse_documents(nlp: Language, documents: Sequence[EcbDocument]) -> list[Doc]:
    """Run the pipeline's components over the gold-tokenized documents, batched."""
    docs = (to_spacy_doc(nlp, d) for d in documents)
    return list(nlp.pipe(docs, batch_size=32))


def document_features(document: EcbDocument, doc: Doc) -> Counter[str]:
    """Bag of weighted features: content lemmas, named entities, numbers (story sentences only)."""
    body = set(body_sentence_numbers(document))
    features: Counter[str] = Counter()  # counts may be fractional weights
    for token in doc:
        if document.sentences[token.i] not in body or token.is_stop or token.is_punct:
            continue
        if token.pos_ in CONTENT_POS or _NUMBERISH.match(token.text):
            features[f"w:{token.lemma_.lower()}"] += 1
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and document.sentences[ent.start] in body:
            features[f"e:{ent.text.lower()}"] += ENTITY_WEIGHT
    return features


def tfidf_matrix(bags: Sequence[Counter[str]]) -> np.ndarray:
    """Rows L2-normalized sublinear TF-IDF; features seen in one document only are dropped."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n > 1))}
    n_docs = len(bags)
    matrix = np.zeros((n_docs, len(vocabulary)), dtype=np.float32)
    for row, bag in enumerate(bags):
        for feature, count in bag.items():
            column = vocabulary.get(feature)
            if column is not None:
                matrix[row, column] = (1.0 + math.log(count)) * math.log((1 + n_docs) / (1 + df[feature]))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def cluster_documents(matrix: np.ndarray, threshold: float = DOC_DISTANCE_THRESHOLD) -> list[int]:
    """Average-linkage agglomerative clustering on cosine distance, cut at ``threshold``."""
    n = matrix.shape[0]
    if n < 2:
        return [1] * n
    distance = np.clip(1.0 - matrix @ matrix.T, 0.0, 2.0).astype(np.float64)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return [int(label) for label in fcluster(tree, t=threshold, criterion="distance")]


# -- mention clustering -----------------------------------------------------------------------------

def normalize_event_word(word: str) -> str:
    """Fold inflections spaCy leaves (title-case PROPN heads, -ing nouns, plurals) and synonyms."""
    keys = event_word_keys()
    if word in keys:
        return keys[word]
    for candidate in (_strip_gerund(word), _strip_plural(word)):
        if candidate != word:
            return keys.get(candidate, candidate)
    return word


def _strip_gerund(word: str) -> str:
    """'shooting' -> 'shoot', 'stabbing' -> 'stab'; short words like 'ring' stay."""
    if not word.endswith("ing") or len(word) < 6:
        return word
    stem = word[:-3]
    if stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]
    return stem


def _strip_plural(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-1]  # dies -> die (bodies -> bodie misses body: rare for event heads)
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def mention_head(doc: Doc, mention: EcbMention) -> Token:
    """The syntactic head of the mention (its first content token when it is discontinuous)."""
    span = doc[mention.token_indexes[0]: mention.token_indexes[-1] + 1]
    if len(mention.token_indexes) == len(span):
        return span.root
    return next((doc[i] for i in mention.token_indexes if not doc[i].is_stop), doc[mention.token_indexes[0]])


def mention_key(doc: Doc, mention: EcbMention) -> str:
    """What a mention is clustered on: its head's normalized lemma. (Keeping verbs of saying
    apart per document was tried and lost 1.2 points: the corpus links one statement across
    its reports.)"""
    return normalize_event_word(mention_head(doc, mention).lemma_.lower())


def cluster_mentions(documents: Sequence[EcbDocument], docs: Sequence[Doc],
                     doc_labels: Sequence[int]) -> dict[tuple[str, str], str]:
    """(doc name, m_id) -> predicted cluster: same event key inside the same document cluster."""
    predicted: dict[tuple[str, str], str] = {}
    for document, doc, label in zip(documents, docs, doc_labels, strict=True):
        for mention in document.mentions:
            predicted[(document.name, mention.m_id)] = f"{label}:{mention_key(doc, mention)}"
    return predicted


# -- metrics -------------------------------------------------------------------------------------------

def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def bcubed(gold: dict[Hashable, Hashable], predicted: dict[Hashable, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over the items both labelings share."""
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    gold_sets = {label: set(members) for label, members in _group(gold, items).items()}
    pred_sets = {label: set(members) for label, members in _group(predicted, items).items()}
    precision = recall = 0.0
    for item in items:
        g, p = gold_sets[gold[item]], pred_sets[predicted[item]]
        overlap = len(g & p)
        precision += overlap / len(p)
        recall += overlap / len(g)
    precision, recall = precision / len(items), recall / len(items)
    return precision, recall, _f1(precision, recall)


def _group(labels: dict[Hashable, Hashable], items: Iterable[Hashable]) -> dict[Hashable, list[Hashable]]:
    grouped: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item in items:
        grouped[labels[item]].append(item)
    return grouped


def muc(gold: dict[Hashable, Hashable], predicted: dict[Hashable, Hashable]) -> tuple[float, float, float]:
    """MUC link-based precision, recall, F1."""
    recall = _muc_side(gold, predicted)
    precision = _muc_side(predicted, gold)
    return precision, recall, _f1(precision, recall)


def _muc_side(key: dict[Hashable, Hashable], response: dict[Hashable, Hashable]) -> float:
    numerator = denominator = 0
    for members in _group(key, key).values():
        partitions = {response.get(m, ("unmatched", m)) for m in members}
        numerator += len(members) - len(partitions)
        denominator += len(members) - 1
    return numerator / denominator if denominator else 0.0


def ceafe(gold: dict[Hashable, Hashable], predicted: dict[Hashable, Hashable]) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4 similarity), optimal alignment solved per connected component."""
    gold_clusters = [set(m) for m in _group(gold, gold).values()]
    pred_clusters = [set(m) for m in _group(predicted, predicted).values()]
    pred_of_item = {item: j for j, members in enumerate(pred_clusters) for item in members}
    total = 0.0
    for gold_ids, pred_ids in _components(gold_clusters, pred_of_item):
        scores = np.zeros((len(gold_ids), len(pred_ids)))
        for a, gi in enumerate(gold_ids):
            for b, pj in enumerate(pred_ids):
                g, p = gold_clusters[gi], pred_clusters[pj]
                scores[a, b] = 2 * len(g & p) / (len(g) + len(p))
        rows, cols = linear_sum_assignment(-scores)
        total += float(scores[rows, cols].sum())
    precision = total / len(pred_clusters) if pred_clusters else 0.0
    recall = total / len(gold_clusters) if gold_clusters else 0.0
    return precision, recall, _f1(precision, recall)


def _components(
    gold_clusters: list[set[Hashable]], pred_of_item: dict[Hashable, int]
) -> list[tuple[list[int], list[int]]]:
    """Groups of gold and predicted clusters connected by shared items (union-find)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for gi, members in enumerate(gold_clusters):
        find(("g", gi))
        for item in members:
            if item in pred_of_item:
                parent[find(("p", pred_of_item[item]))] = find(("g", gi))
    grouped: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, index = node
        grouped[find(node)][0 if side == "g" else 1].append(index)
    return [(sorted(g), sorted(p)) for g, p in grouped.values() if g and p]


# -- the task --------------------------------------------------------------------------------------------

def scored_mentions(documents: Sequence[EcbDocument], selected: dict[str, set[int]] | None) -> list[EcbMention]:
    """The gold mentions to score: those in the selected sentences when the list exists."""
    mentions = [m for d in documents for m in d.mentions]
    if selected is None:
        return mentions
    return [m for m in mentions if m.sentence in selected.get(m.doc, set())]


def evaluate(data: Path, limit: int | None = None, *, topics: Iterable[int] | None = None) -> dict[str, float | int]:
    """Cluster the ECB+ documents and their gold event mentions; score both against gold.
    ``topics`` restricts the run to some topics (e.g. a dev/test split)."""
    started = time.perf_counter()
    data = Path(data)
    documents = read_corpus(data, limit, topics)
    if not documents:
        raise FileNotFoundError(f"no ECB+ documents (<topic>_<n>ecb.xml / ecbplus.xml) under {data}")
    nlp = nlp_module.load()
    docs = parse_documents(nlp, documents)
    matrix = tfidf_matrix([document_features(d, doc) for d, doc in zip(documents, docs, strict=True)])
    doc_labels = cluster_documents(matrix)
    doc_gold: dict[Hashable, Hashable] = {d.name: d.gold_cluster for d in documents}
    doc_pred: dict[Hashable, Hashable] = {d.name: label for d, label in zip(documents, doc_labels, strict=True)}
    _, _, doc_f1 = bcubed(doc_gold, doc_pred)

    mentions = scored_mentions(documents, read_selected_sentences(data))
    predicted_all = cluster_mentions(documents, docs, doc_labels)
    mention_gold: dict[Hashable, Hashable] = {(m.doc, m.m_id): m.gold for m in mentions}
    mention_pred: dict[Hashable, Hashable] = {key: predicted_all[key] for key in mention_gold}  # type: ignore[index]
    muc_f1 = muc(mention_gold, mention_pred)[2]
    b3_f1 = bcubed(mention_gold, mention_pred)[2]
    ceafe_f1 = ceafe(mention_gold, mention_pred)[2]
    seconds = time.perf_counter() - started
    return {
        "doc_bcubed_f1": round(doc_f1, 4),
        "mention_conll_f1": round((muc_f1 + b3_f1 + ceafe_f1) / 3, 4),
        "muc_f1": round(muc_f1, 4),
        "bcubed_f1": round(b3_f1, 4),
        "ceafe_f1": round(ceafe_f1, 4),
        "n": len(documents),
        "n_mentions": len(mentions),
        "n_doc_clusters": len(set(doc_labels)),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(documents) / seconds, 2) if seconds else 0.0,
    }
