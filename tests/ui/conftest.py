"""UI fixtures: the app on the seeded database, waiting for workers without sleeping, the screen as text."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from salestui.services import customers
from salestui.services.context import Context
from salestui.ui.app import SalesApp, make_app
from salestui.ui.main_screen import MainScreen
from tests.conftest import Seeded

WIDE = (120, 40)
SMALL = (80, 24)


def build_app(context: Context) -> SalesApp:
    """The app as the CLI builds it, minus the debounce delays and the blinking cursor (tests wait, not sleep)."""
    return make_app(context, search_delay=0, highlight_delay=0, blink_cursor=False)


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


async def show_timeline(pilot: Pilot[Any]) -> None:
    """At 80x24 one pane shows at a time: move to the Timeline."""
    await settle(pilot)
    await pilot.press("tab")
    await settle(pilot)


def screen_text(app: SalesApp) -> str:
    """What the terminal shows, as plain text."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


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
