"""Events coded from general news: how many asserted events the pipeline finds in articles that are
mostly not about conflict or politics (the Zyte article-extraction benchmark's 181 gold bodies).

    python bench/bench_general_news.py [--data ../shared/data/zyte] [--sample TYPE]

There is no gold here: most of these events are false alarms (sports, markets, gadgets), so a
falling count at an unchanged GSR / ACLED / WikiEvents score is fewer false positives. ``--sample``
prints 20 evidence sentences of one type, to read.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from eventwire.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/zyte"))
    parser.add_argument("--sample", default=None)
    args = parser.parse_args()
    bodies = [row["articleBody"] for row in json.loads((args.data / "ground-truth.json").read_text()).values()]
    pipeline = Pipeline()
    counts: Counter[str] = Counter()
    sentences: list[str] = []
    for body in bodies:
        for event in pipeline(body, published="2019-11-20").events:
            if event.asserted:
                counts[event.type] += 1
                if event.type == args.sample:
                    sentences.append(event.evidence[0].sentence)
    summary = {"articles": len(bodies), "asserted_events": sum(counts.values()), "by_type": dict(counts.most_common())}
    print(json.dumps(summary))
    for sentence in random.Random(1).sample(sentences, min(20, len(sentences))):
        print("-", sentence[:160].replace("\n", " "))


if __name__ == "__main__":
    main()
