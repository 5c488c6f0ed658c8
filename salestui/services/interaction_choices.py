"""The kinds and directions an interaction may have: a module of its own, so the command line can offer them
without loading the timeline service."""

from __future__ import annotations

KINDS = ("call", "email", "meeting", "visit", "im", "note", "complaint", "feedback")
DIRECTIONS = ("in", "out", "none")
