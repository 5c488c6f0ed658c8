"""Running a callback once input has paused (search typing, cursor moves)."""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget


class Debounce:
    """Call `callback` `delay` seconds after the last `schedule()` (at once when `delay` <= 0)."""

    def __init__(self, widget: Widget, delay: float, callback: Callable[[], object]) -> None:
        self.widget = widget
        self.delay = delay
        self.callback = callback
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def schedule(self) -> None:
        self.cancel()
        if self.delay <= 0:
            self.callback()
        else:
            self._timer = self.widget.set_timer(self.delay, self.fire)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def fire(self) -> None:
        """Run the callback now (a pending call is dropped)."""
        self.cancel()
        self.callback()
