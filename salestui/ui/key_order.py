"""Keys and pastes are handed on one at a time, each once the one before it has had its whole effect.

Textual forwards a key to the widget focused when the key is read. A key that widget does not use climbs to its
parents one message queue at a time until the app runs the key's binding, and the focus changes a binding makes
(`Widget.focus`, a newly pushed form choosing its first field) happen later still. So a key read while the one
before it was on its way went to the old focus: Tab then a name typed the name into the field being left, and text
typed right after `/` went to the list instead of the search box.

Here the app holds each key (or paste) until the one before it has climbed to the app, the app has run its binding,
the current screen has done what it had queued (composing and focusing a form it just pushed) and the app has run
the focus changes queued meanwhile. Then the held key goes to whatever is focused.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.dom import DOMNode
from textual.timer import Timer

InputEvent = events.Key | events.Paste

# While keys are held, how often to look at the key under way, and how long a key waits at most for the one before
# it (a widget whose handler never returns must not swallow every later key).
CHECK_SECONDS = 0.05
HOLD_LIMIT_SECONDS = 1.0


class KeyOrder:
    """Hands `deliver` (Textual's own key dispatch) one key or paste at a time, in the order they were read."""

    def __init__(self, app: App[Any], deliver: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self.deliver = deliver
        self.held: deque[InputEvent] = deque()
        self.flight = 0  # the number of the key under way, 0 when none is
        self.sent = 0
        self.watch: Timer | None = None
        self.waited = 0.0

    async def receive(self, event: InputEvent) -> None:
        """A key or paste just read from the terminal: send it now, or after the ones before it."""
        if self.flight or self.held:
            self.held.append(event)
            self._start_watch()
            return
        await self._send(event)

    async def _send(self, event: InputEvent) -> None:
        self.sent += 1
        flight = self.flight = self.sent
        target: DOMNode = self.app.focused or self.app.screen  # where Textual forwards it
        await self.deliver(event)
        if flight == self.flight:
            self._queue_behind(target, flight)

    def _queue_behind(self, node: DOMNode, flight: int) -> None:
        """Run the next step once `node` has handled everything queued for it so far (the key among it)."""
        if not node.call_later(self._handled_by, node, flight):  # closing: nothing more will climb from it
            self.app.call_later(self._handled_by, self.app, flight)

    def _handled_by(self, node: DOMNode, flight: int) -> None:
        """`node` is done with the key, and has passed it to its parent if it did not use it."""
        if flight != self.flight:
            return
        parent = node.parent
        if node is self.app or parent is None:
            # The app ran the key's binding. Let the current screen finish what it had queued (a form it just
            # pushed composes and picks its first field), then the app run the focus changes queued meanwhile.
            try:
                screen = self.app.screen
            except ScreenStackError:  # the app is closing: nothing will take keys any more
                return
            if not screen.call_later(self._screen_settled, flight):
                self._screen_settled(flight)
        else:
            self._queue_behind(parent, flight)

    def _screen_settled(self, flight: int) -> None:
        if flight == self.flight:
            self.app.call_later(self._finish, flight)

    async def _finish(self, flight: int) -> None:
        if flight == self.flight:
            await self._next()

    async def _next(self) -> None:
        """The key under way is done (or given up on): send the next held one, if any."""
        self.flight = 0
        self.waited = 0.0
        if self.held:
            await self._send(self.held.popleft())
        if not self.held and self.watch is not None:
            self.watch.stop()
            self.watch = None

    def _start_watch(self) -> None:
        if self.watch is None:
            self.waited = 0.0
            self.watch = self.app.set_interval(CHECK_SECONDS, self._check)

    async def _check(self) -> None:
        """While keys are held: go on once the key under way has waited too long (its widget is stuck)."""
        self.waited += CHECK_SECONDS
        if not self.flight or self.waited >= HOLD_LIMIT_SECONDS:
            await self._next()
