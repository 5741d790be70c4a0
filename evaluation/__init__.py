"""Scores the source comparison on the labelled stories in ``eval/`` (``invoke evaluate``)."""
