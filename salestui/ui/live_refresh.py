"""The live team view: what other SalesTUIs write to the same file shows in this one's open panes within a second.

Twice a second a timer asks SQLite's `data_version` on the UI thread's connection (no table is read, so an idle app
stays idle); when another connection has committed, a worker reads the ledger events since the last one seen and the
main screen reads again only the panes those records show, keeping each cursor on its item. Forms and other screens
over the main screen stay as they are; the panes under them are read again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from salestui.i18n import _
from salestui.services import changes
from salestui.services.changes import Changes
from salestui.text import visible
from salestui.ui.command_types import EVERY_PANE, Pane

# Seconds between two looks. Other reps' changes show within this plus a read (a few ms): 0.5 s keeps well inside
# the 2 s promised, and a look costs ~20 µs of CPU, so an idle app stays under 0.1% of a core.
POLL_SECONDS = 0.5

# The panes that show records of each kind besides the timeline (read again only when it shows their customer).
QUEUE = frozenset({Pane.FOLLOW_UPS, Pane.ALERTS})
PANES_OF = {
    "customer": frozenset({Pane.CUSTOMERS}) | QUEUE,  # names, tiers and cadence show in all three
    "interaction": frozenset({Pane.CUSTOMERS}) | QUEUE,  # the list's Seen column, the alerts' last contact
    "customer_merge": EVERY_PANE,
    "rep": frozenset({Pane.CUSTOMERS}),  # the Owner column
    "contact_person": frozenset(),
    "rep_key": frozenset(),
}


def panes_to_read(found: Changes, shown_customer: str | None) -> frozenset[Pane]:
    """The panes that show something `found` wrote; the timeline only if it shows one of the customers written."""
    if found.everything:
        return EVERY_PANE
    panes: frozenset[Pane] = frozenset()
    for entity in found.entities:
        panes |= PANES_OF.get(entity, QUEUE)  # follow-ups, deals, promises: the queue and the alerts
    if shown_customer is not None and shown_customer in found.customer_ids:
        panes |= {Pane.TIMELINE}
    return panes


class LiveRefresh:
    """Watches the database for other connections' commits and has the main screen read again what they wrote:
    `reload` reads the panes given again, `shown_customer` is the id of the customer the timeline shows."""

    def __init__(
        self,
        screen: Screen[Any],
        reload: Callable[[frozenset[Pane]], None],
        shown_customer: Callable[[], str | None],
        interval: float = POLL_SECONDS,
    ) -> None:
        self.screen = screen
        self.reload = reload
        self.shown_customer = shown_customer
        self.interval = interval
        self.version: int | None = None  # data_version as the UI thread's connection last read it
        self.seen = 0  # the newest ledger event whose records are on screen
        self.reading = False
        self.failed = False  # the last read failed (said once, tried again at the next look)
        self.timer: Timer | None = None

    def start(self) -> None:
        """Note where the ledger is now and look every `interval` seconds (call on the UI thread)."""
        self.version = changes.data_version()
        self.seen = changes.head()
        self.timer = self.screen.set_interval(self.interval, self.look, name="live-refresh")

    def look(self) -> None:
        """Start a read if another connection committed since the last look (cheap: no table is read)."""
        if self.reading:
            return  # its changes are looked at when the read running now is done
        try:
            version = changes.data_version()
        except Exception:  # the database is closing with the app; a look never stops the app
            return
        if version == self.version:
            return
        self.version = version
        self.reading = True
        self.screen.run_worker(partial(self._read, self.seen), thread=True, exit_on_error=False, group="live-refresh")

    def _read(self, seq: int) -> None:
        """In a worker: what the events after `seq` wrote, handed to the UI thread."""
        try:
            found = changes.since(seq)
        except Exception as error:  # shown once; the next look tries again
            self._hand_over(self._failed, error)
            return
        self._hand_over(self._apply, found)

    def _hand_over(self, then: Callable[[Any], None], value: Any) -> None:
        try:
            self.screen.app.call_from_thread(then, value)
        except RuntimeError:  # the app closed while the worker read
            pass

    def _failed(self, error: Exception) -> None:
        self.reading = False
        self.version = None  # look again next time
        if not self.failed:
            self.failed = True
            text = _("Could not read other reps' changes: {error}").format(error=error)
            self.screen.notify(visible(text), severity="error", markup=False)

    def _apply(self, found: Changes) -> None:
        self.reading = False
        self.failed = False
        self.seen = max(self.seen, found.head)
        panes = panes_to_read(found, self.shown_customer())
        if panes:
            self.reload(panes)
