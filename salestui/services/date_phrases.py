"""Date phrases as people type them ("tomorrow 3pm", "next monday 10:00", "明天下午3点", "+3d") and when they mean.

Pure functions, no database. Every phrase is read as local wall-clock time in `zone`; an ambiguous or unknown
phrase raises `UnclearDate`, whose message asks the question, and is never silently guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from salestui.services.errors import ValidationError


@dataclass(frozen=True)
class When:
    """What a date phrase means."""

    at: datetime  # aware, in `zone`
    has_time: bool  # False: only a day was given (`at` is then 09:00 local)
    start: int  # the span of the phrase in the text searched
    end: int
    phrase: str  # the words as typed


class UnclearDate(ValidationError):
    """An ambiguous or unknown date phrase; the message asks the question (e.g. '03/04: 3 April or 4 March?')."""

    def __init__(self, message: str) -> None:
        super().__init__({"when": message})


def parse(phrase: str, now: datetime, zone: tzinfo) -> When:
    """What `phrase` means when the whole text is a date phrase; UnclearDate if it is not one or is ambiguous."""
    raise UnclearDate(phrase)


def find(text: str, now: datetime, zone: tzinfo) -> When | None:
    """The first date phrase inside a longer line, None if there is none; UnclearDate if it is ambiguous."""
    return None
