"""UI fixtures: the app on the seeded database, waiting for workers without sleeping, the screen as text."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from salestui.services import customers
from salestui.services.context import Context
from salestui.ui.app import SalesApp, make_app
from salestui.ui.main_screen import MainScreen
from tests.conftest import Seeded

AppT = TypeVar("AppT", bound=App[Any])
WIDE = (120, 40)
SMALL = (80, 24)


def build_app(context: Context) -> SalesApp:
    """The app as the CLI builds it, minus the debounce delays and the blinking cursor (tests wait, not sleep)."""
    return record_notes(make_app(context, search_delay=0, highlight_delay=0, blink_cursor=False))


def busy(app: SalesApp) -> bool:
    """A worker still running, or a message still queued anywhere in the app."""
    if not all(worker.is_finished for worker in app.workers):
        return True
    nodes = [app, *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True))]
    return any(node.message_queue_size for node in nodes)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for workers and the messages they post (which may start more workers) until all is quiet."""
    app = pilot.app
    quiet = 0
    for _round in range(500):
        await pilot.pause()
        if busy(app):
            quiet = 0
            await app.workers.wait_for_complete()
        else:
            quiet += 1
            if quiet == 3:
                return
    raise AssertionError("the app never settled: workers or messages kept coming")


# Rich's SVG puts each run of text in a <text> element at x = column × 12.2 px, clipped to its line.
SVG_TEXT = re.compile(r'<text[^>]*\bx="([\d.]+)"[^>]*clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', re.S)
SVG_CELL_WIDTH = 12.2


async def show_timeline(pilot: Pilot[Any]) -> None:
    """At 80x24 one pane shows at a time: move to the Timeline."""
    await settle(pilot)
    await pilot.press("tab")
    await settle(pilot)


def screen_text(app: SalesApp) -> str:
    """What the terminal shows, as plain text (read back from Textual's public SVG screenshot)."""
    lines: dict[int, str] = {}
    for x, number, text in SVG_TEXT.findall(app.export_screenshot()):
        line = lines.get(int(number), "")
        line += " " * (round(float(x) / SVG_CELL_WIDTH) - cell_len(line))
        lines[int(number)] = line + html.unescape(text).replace("\xa0", " ")
    return "\n".join(lines.get(number, "").rstrip() for number in range(app.size[1])) + "\n"


@dataclass(frozen=True)
class Note:
    """A notification the app showed."""

    message: str
    severity: str


_notes: WeakKeyDictionary[App[Any], list[Note]] = WeakKeyDictionary()


def record_notes(app: AppT) -> AppT:
    """Keep every notification `app` shows (widgets notify through the app), for `notes`."""
    shown: list[Note] = []
    real_notify = app.notify

    def notify(message: str, *, title: str = "", severity: Any = "information", timeout: Any = None, markup=True):
        shown.append(Note(str(message), severity))
        real_notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = notify  # type: ignore[method-assign]
    _notes[app] = shown
    return app


def notes(app: App[Any]) -> list[Note]:
    """The notifications `app` showed, oldest first."""
    return _notes[app]


@pytest.fixture
def app(seeded: Seeded) -> SalesApp:
    return build_app(seeded.context)


@pytest.fixture
def crowded(seeded: Seeded) -> Seeded:
    """The seeded book plus 150 more customers, so the list spans more than one page of 100."""
    for number in range(150):
        customers.create(seeded.context, {"name": f"Test Customer {number:03d}", "phone": f"139 0000 {number:04d}"})
    return seeded


def main(app: SalesApp) -> MainScreen:
    """The main screen, under whatever modal is open."""
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def rendered_text(renderable: object, width: int = 200) -> str:
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def first_entry_text(screen: MainScreen) -> str:
    page = screen.timeline.query(".timeline-page").first(Static)
    content = page.content
    assert isinstance(content, Content)
    return content.plain
