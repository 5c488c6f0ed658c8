"""Frame timing for the benchmark: a probe on the app's display, the bare floor app, timed key sessions."""

from __future__ import annotations

import asyncio
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

SIZE = (120, 40)
SETTLE = 0.25  # seconds between measured key presses, so each starts from an idle app
KEY_REPEAT = 1 / 30  # a held key at a typical terminal repeat rate


class FrameProbe:
    """Wraps `app._display` so every frame is rendered to terminal text and offered to `on_frame`."""

    def __init__(self, app) -> None:
        self.on_frame: Callable[[str, float], None] | None = None
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            text = renderable.render_segments(app.console) if hasattr(renderable, "render_segments") else ""
            if self.on_frame is not None:
                self.on_frame(text, time.perf_counter())

        app._display = display

    async def until(self, predicate: Callable[[str], bool], timeout: float = 30.0) -> float:
        """The time of the first frame from now on for which `predicate(frame text)` holds."""
        done = asyncio.get_running_loop().create_future()

        def check(text: str, at: float) -> None:
            if not done.done() and predicate(text):
                done.set_result(at)

        self.on_frame = check
        try:
            return await asyncio.wait_for(done, timeout)
        finally:
            self.on_frame = None


def send_key(app, key: str) -> None:
    """Deliver a key the way the terminal driver does."""
    from textual import events

    event = events.Key(key, None)
    event.set_sender(app)
    app._driver.send_message(event)


def bare_app():
    """The floor: a Textual app with one Static and a minimal focusable cursor widget."""
    from rich.text import Text
    from textual.app import App
    from textual.widget import Widget
    from textual.widgets import Static

    class Cursor(Widget, can_focus=True):
        BINDINGS = [("down", "down"), ("pagedown", "page")]

        def __init__(self) -> None:
            super().__init__()
            self.position = 0

        def render(self) -> Text:
            return Text(f"cursor <{self.position}>")

        def action_down(self) -> None:
            self.position += 1
            self.refresh()

        def action_page(self) -> None:
            self.position += SIZE[1] - 4
            self.refresh()

    class Bare(App):
        def compose(self):
            yield Static("bare app ready", markup=False)
            yield Cursor()

    return Bare(), Cursor


class Target:
    """What to start and press: the SalesTUI app on the database, or the bare floor app."""

    def __init__(self, context=None) -> None:
        self.context = context

    def make(self):
        if self.context is None:
            self.app, cursor_class = bare_app()
            self.widget = lambda: self.app.query_one(cursor_class)
        else:
            from salestui.ui.app import make_app
            from salestui.ui.panes.customer_list import CustomerList

            self.app = make_app(self.context)
            self.widget = lambda: self.app.query_one(CustomerList)
        return self.app

    def ready(self, text: str) -> bool:
        """The first screen shows its data (the first customer row, or the bare app's text)."""
        if self.context is None:
            return "bare app ready" in text
        try:
            widget = self.widget()
        except Exception:  # not mounted yet
            return False
        row = widget.row_at(0) if widget.total else None
        return row is not None and row.name[:1] in text

    def position(self) -> int:
        widget = self.widget()
        return widget.position if self.context is None else widget.cursor

    def home(self) -> None:
        """Put the cursor back on the first row (the bare app's counter runs on forever)."""
        if self.context is not None:
            self.widget().action_first()

    def room(self, key: str) -> int:
        """How many presses of `key` still move the cursor."""
        if self.context is None:
            return 1 << 30
        widget = self.widget()
        step = 1 if key == "down" else max(widget.visible_rows - 1, 1)
        return max((widget.total or 0) - 1 - widget.cursor, 0) // step

    def shows(self, expected: int, text: str) -> bool:
        """The frame paints the cursor at `expected` with its row loaded."""
        if self.context is None:
            return f"<{expected}>" in text
        widget = self.widget()
        return widget.cursor == expected and widget.row_at(expected) is not None and "\u25b6" in text


async def session(target: Target, presses: int, held: int) -> dict[str, list[float]]:
    """Start the app, then time single key presses, page downs and a held key, each to its frame."""
    found: dict[str, list[float]] = {"startup": [], "down": [], "pagedown": [], "held": []}
    start = time.perf_counter()
    app = target.make()
    probe = FrameProbe(app)
    first = asyncio.ensure_future(probe.until(target.ready))
    async with app.run_test(size=SIZE) as pilot:
        found["startup"].append((await first - start) * 1000)
        if not presses:
            return found
        target.widget().focus()
        for key in ("down", "pagedown"):
            target.home()
            await pilot.pause(SETTLE)
            for _press in range(min(presses, target.room(key))):
                before = target.position()

                def moved(text: str, before: int = before) -> bool:
                    return target.position() != before and target.shows(target.position(), text)

                waiting = asyncio.ensure_future(probe.until(moved))
                sent = time.perf_counter()
                send_key(app, key)
                found[key].append((await waiting - sent) * 1000)
                await pilot.pause(SETTLE)
        target.home()
        await pilot.pause(SETTLE)
        sent_at: list[float] = []
        origin = target.position()

        def on_frame(text: str, at: float) -> None:
            moved = target.position() - origin
            while len(found["held"]) < min(moved, len(sent_at)) and target.shows(target.position(), text):
                found["held"].append((at - sent_at[len(found["held"])]) * 1000)

        probe.on_frame = on_frame
        for _press in range(min(held, target.room("down"))):
            sent_at.append(time.perf_counter())
            send_key(app, "down")
            await asyncio.sleep(KEY_REPEAT)
        await pilot.pause(SETTLE)
        probe.on_frame = None
    return found


def type_text(app, text: str) -> None:
    """Deliver printable characters the way the terminal driver does, each as its own key event."""
    from textual import events
    from textual.keys import _character_to_key

    for character in text:
        event = events.Key(_character_to_key(character), character)
        event.set_sender(app)
        app._driver.send_message(event)


async def filter_session(context, query: str, runs: int) -> list[float]:
    """`/`, the query and Enter, as typed quickly: the ms from `/` until a frame shows the matches' first page.

    Between runs the filter is cleared (untimed) and the app left to settle.
    """
    target = Target(context)
    app = target.make()
    probe = FrameProbe(app)
    first = asyncio.ensure_future(probe.until(target.ready))
    found: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await first
        from salestui.ui.panes.customers import SearchInput

        widget = target.widget()
        search = app.screen.query_one(SearchInput)
        widget.focus()
        for _run in range(runs):
            await app.workers.wait_for_complete()  # the last filter's timeline and counts: each run starts idle
            await pilot.pause(SETTLE)

            def shows_matches(text: str) -> bool:
                if widget.filter_text != query or widget.total is None or query not in text:
                    return False
                row = widget.row_at(0) if widget.total else None
                return widget.total == 0 or (row is not None and row.name[:1] in text)

            waiting = asyncio.ensure_future(probe.until(shows_matches))
            sent = time.perf_counter()
            send_key(app, "slash")
            while not search.has_focus:  # keys typed before the focus moves may reach the list (issue 7, 4)
                await asyncio.sleep(0)
            type_text(app, query)
            send_key(app, "enter")
            found.append((await waiting - sent) * 1000)
            await pilot.pause(SETTLE)
            search.value = ""
            widget.load("")
            await probe.until(lambda text: widget.filter_text == "" and widget.row_at(0) is not None)
            widget.focus()
    return found


async def rss_child_session(path: Path | None, login: str | None) -> None:
    """Open the app (or the bare app), paint the first frame and scroll ten pages."""
    target = Target(None)
    if path:
        from salestui.services.session import open_context

        target = Target(open_context(path, login))
    app = target.make()
    probe = FrameProbe(app)
    first = asyncio.ensure_future(probe.until(target.ready))
    async with app.run_test(size=SIZE) as pilot:
        await first
        target.widget().focus()
        for _page in range(10):
            await pilot.press("pagedown")
        await pilot.pause(SETTLE)


def peak_rss_self_mb() -> float:
    """This process's peak resident set: VmHWM on Linux (ru_maxrss there also counts the parent's memory
    when a big process starts a small one, since the peak is carried across fork and exec), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
