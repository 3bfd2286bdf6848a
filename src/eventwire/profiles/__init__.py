"""Export profiles in the layouts researchers' tools read unchanged: ACLED (``acled``), GDELT 2.0
events (``gdelt``) and POLECAT (``polecat``). ``export.py`` writes them in each format."""
