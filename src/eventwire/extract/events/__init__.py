"""Events: who did what to whom, when and where, as an analyst records it from one article.

The stage is a sequence of passes, each run once over the article, each reading and writing small
typed records:

1. ``relevance``: is the article about conflict at all (a game report's "beat" is no attack);
2. ``candidates``: trigger words -> ``Candidate`` records (filtered, absorbed, merged per clause);
3. ``roles``, ``arguments``, ``speech``: actor and recipient of each candidate from the tree;
4. ``modality`` and ``counts``: status (negated, hypothetical, future, aggregate, historical);
5. ``anchoring``: date and place by level (clause, sentence, paragraph, dateline, article);
6. ``occurrences``: the mentions of one real-world event -> one ``Event`` with all its evidence.

``stage.extract_events`` runs them in that order. The words they read are in ``extract/lexicon/``
(loaded by ``eventwire.extract.lexicon.events``).
"""

from eventwire.extract.events.arguments import argument_bounds
from eventwire.extract.events.candidate import Candidate
from eventwire.extract.events.candidates import find_candidates
from eventwire.extract.events.stage import extract_events

__all__ = ["Candidate", "argument_bounds", "extract_events", "find_candidates"]
