"""Evaluation: the generated corpus and the scorer (the [eval] extra; never imported at run time)."""
