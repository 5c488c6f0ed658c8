"""Quick capture's rules between key presses (fields the user set stay theirs, a choice survives a new reading while
it still matches) and how it words a time, without the screen."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from salestui import i18n
from salestui.services import quick_capture
from salestui.services.context import Context
from salestui.ui.capture_state import CaptureState
from salestui.ui.capture_words import when_text
from tests.conftest import FROZEN_NOW, SHANGHAI, Seeded

NOW = FROZEN_NOW  # Thu 2026-11-26 09:30 in Shanghai


def local(moment: datetime) -> datetime:
    return moment.astimezone(SHANGHAI)


@pytest.mark.parametrize(
    ("moment", "has_time", "text"),
    [
        (NOW + timedelta(minutes=20), True, "Thu 2026-11-26 09:50 · today 09:50 (in 20 min)"),
        (NOW + timedelta(hours=5), True, "Thu 2026-11-26 14:30 · today 14:30 (in 5 h)"),
        (datetime(2026, 11, 27, 9, tzinfo=SHANGHAI), False, "Fri 2026-11-27 09:00 · tomorrow 09:00"
         " · no time given, so 09:00"),
        (datetime(2026, 11, 30, 10, tzinfo=SHANGHAI), True, "Mon 2026-11-30 10:00 · Mon 10:00 (in 4 d)"),
        (datetime(2027, 3, 4, 10, tzinfo=SHANGHAI), True, "Thu 2027-03-04 10:00 · in 98 d"),
        (NOW - timedelta(days=1), True, "Wed 2026-11-25 09:30 · yesterday 09:30"
         " · in the past: it will be overdue at once"),
    ],
)  # fmt: skip
def test_when_text_gives_the_date_and_how_far_off_it_is(moment: datetime, has_time: bool, text: str) -> None:
    assert when_text(moment, has_time, NOW, local) == text


def test_when_text_in_chinese() -> None:
    i18n.set_language("zh_CN")
    shown = when_text(datetime(2026, 11, 28, 15, tzinfo=SHANGHAI), True, NOW, local)
    assert shown == "周六 2026-11-28 15:00 · 周六 15:00（2 天后）"


def texts(**values: str) -> dict[str, str]:
    return {"kind": "", "when": "", "title": "", **values}


def test_a_field_the_user_set_is_no_longer_filled_from_the_line(seeded: Seeded) -> None:
    context = seeded.context
    state = CaptureState(filled=texts())
    first = quick_capture.understand(context, "call 张伟 tomorrow 3pm about the quote")
    assert state.read(first) == {"kind": "call", "when": "tomorrow 3pm", "title": "The quote"}
    state.edited("kind", "call")  # a Select telling of the value the line gave it
    state.edited("title", "Revised quote")
    assert state.fixed == {"title"}
    again = quick_capture.understand(context, "visit 张伟 tomorrow 3pm about prices")
    assert state.read(again) == {"kind": "visit", "when": "tomorrow 3pm"}
    assert state.changes(texts(kind="visit", title=" Revised quote "), NOW, SHANGHAI) == {"title": "Revised quote"}


def test_a_chosen_customer_stays_chosen_while_the_line_still_matches_them(seeded: Seeded) -> None:
    context: Context = seeded.context
    state = CaptureState()
    several = quick_capture.understand(context, "email wang tomorrow 10:00 re samples")
    state.read(several)
    assert state.picked is None
    assert set(state.problems(texts(), NOW, SHANGHAI)) == {"customer"}
    state.picked = seeded.customer_ids["王芳"]
    assert state.problems(texts(), NOW, SHANGHAI) == {}
    state.read(replace(several, text=several.text + " and prices"))
    assert state.picked == seeded.customer_ids["王芳"]
    state.read(quick_capture.understand(context, "email 张伟 tomorrow 10:00 re samples"))
    assert state.picked == seeded.customer_ids["张伟"]  # the only match


def test_a_when_the_user_typed_is_read_and_asked_about(seeded: Seeded) -> None:
    state = CaptureState()
    state.read(quick_capture.understand(seeded.context, "call 张伟 tomorrow 3pm about the quote"))
    state.edited("when", "03/04")
    assert "03/04" in state.problems(texts(when="03/04"), NOW, SHANGHAI)["when"]
    assert state.moment(texts(when="03/04"), NOW, SHANGHAI) is None
    assert state.changes(texts(when="周五 10点"), NOW, SHANGHAI) == {
        "due_at": datetime(2026, 11, 27, 10, tzinfo=SHANGHAI)
    }
    state.edited("when", "")
    assert "when" in state.problems(texts(), NOW, SHANGHAI)
