"""The deal screen: what was agreed (header), the lines as a grid with a running total, the terms, the deal's own
history and its memo versions; keyboard only, scrolling at 80x24.

ctrl+s saves the lines (deals.save_lines) and then the changed terms (deals.update_terms), each in one transaction;
errors show under the cell or term they are about. Stage moves and the memo open their own screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import contacts, deals
from salestui.services.app_views import ContactPersonView
from salestui.services.context import Context
from salestui.services.deal_views import DealDetail
from salestui.services.errors import ValidationError
from salestui.text import visible
from salestui.ui import registry
from salestui.ui.confirm import discard_question
from salestui.ui.deal.forms import StageForm
from salestui.ui.deal.history import header_content, history_content, memos_content
from salestui.ui.deal.lines import LinesEditor
from salestui.ui.deal.memo_screen import MemoScreen, keys_line
from salestui.ui.deal.terms import TermsEditor
from salestui.ui.forms.fields import error_content
from salestui.ui.registry import Scope

KEYS_SHOWN = ("deal.save", "deal.add-line", "deal.remove-line", "deal.stage", "deal.memo", "deal.close")


@dataclass
class DealLoaded(Message):
    deal: DealDetail
    contacts: tuple[ContactPersonView, ...]
    saved: bool = False  # read again after a save


@dataclass
class DealRefused(Message):
    errors: dict[str, str]
    lines_saved: DealDetail | None = None  # the lines went in (the deal as it now is), the terms were refused


class DealText(Static, can_focus=True):
    """History and memo versions: tab reaches them, so the screen scrolls to them and ↑ ↓ page keys read on."""


class DealScreen(Screen[bool]):
    """One deal, to read and edit; closes with True if anything was written (so the timeline reads again)."""

    BINDINGS = registry.bindings(Scope.DEAL)

    def __init__(self, context: Context, deal_id: str) -> None:
        super().__init__(classes="deal-screen")
        self.context = context
        self.deal_id = deal_id
        self.deal: DealDetail | None = None
        self.written = False
        self.saving = False

    def compose(self) -> ComposeResult:
        yield Static(Content(_("Reading the deal…")), id="deal-header")
        with VerticalScroll(id="deal-body"):
            yield Label(_("Lines"), classes="deal-section", markup=False)
            yield LinesEditor(id="deal-lines")
            yield Label(_("Terms"), classes="deal-section", markup=False)
            yield Label("", id="deal-problems", markup=False)
            yield TermsEditor(self.context, id="deal-terms")
            yield Label(_("History"), classes="deal-section", markup=False)
            yield DealText("", id="deal-history")
            yield Label(_("Memo versions"), classes="deal-section", markup=False)
            yield DealText("", id="deal-memos")
        yield Label(keys_line(self.app, KEYS_SHOWN), id="deal-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#deal-problems", Label).display = False
        self.load()

    @property
    def lines(self) -> LinesEditor:
        return self.query_one(LinesEditor)

    @property
    def terms(self) -> TermsEditor:
        return self.query_one(TermsEditor)

    @work(thread=True, exit_on_error=False, group="deal", exclusive=True)
    def load(self) -> None:
        self.post_message(self._read())

    def _read(self, saved: bool = False) -> DealLoaded:
        """The deal as it is now, with the contact persons of its customer (in a worker)."""
        deal = deals.get(self.deal_id, self.context.clock.now())
        return DealLoaded(deal, contacts.for_customer(deal.customer_id), saved)

    async def on_deal_loaded(self, message: DealLoaded) -> None:
        first = self.deal is None
        self.deal = deal = message.deal
        self.query_one("#deal-header", Static).update(header_content(deal))
        place = self.lines.focused_place()  # the cell with focus is made again: focus its successor
        await self.lines.set_lines(deal.lines, deal.currency)
        if place is not None:
            self.lines.focus_place(*place)
        self.terms.set_deal(deal, message.contacts)
        self.query_one("#deal-history", Static).update(history_content(deal, self.context))
        self.query_one("#deal-memos", Static).update(memos_content(deal, self.context))
        self.query_one("#deal-problems", Label).display = False
        if message.saved:
            self.saving = False
            self.notify(_("Deal saved."), markup=False)
        if first:
            rows = self.lines.rows
            (rows[0].cells()[0] if rows else self.terms.control("agreed_via")).focus()

    @property
    def changed(self) -> bool:
        return self.deal is not None and (self.lines.changed() or self.terms.changed())

    # Saving -------------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.deal is None or self.saving:
            return
        self.query_one("#deal-problems", Label).display = False
        try:
            terms = self.terms.raw_changes()
        except ValidationError as error:
            self.terms.show_errors(error.errors)
            return
        lines = self.lines.raw_lines() if self.lines.changed() else None
        if lines is None and not terms:
            self.notify(_("Nothing to save: nothing was changed."), markup=False)
            return
        self.saving = True
        self.save(lines, terms)

    @work(thread=True, exit_on_error=False, group="deal-save", exclusive=True)
    def save(self, lines: list[dict[str, Any]] | None, terms: dict[str, Any]) -> None:
        saved: DealDetail | None = None
        try:
            if lines is not None:
                saved = deals.save_lines(self.context, self.deal_id, lines)
                self.written = True
            if terms:
                deals.update_terms(self.context, self.deal_id, terms)
                self.written = True
        except ValidationError as error:
            self.post_message(DealRefused(error.errors, saved))
            return
        self.post_message(self._read(saved=True))

    async def on_deal_refused(self, message: DealRefused) -> None:
        self.saving = False
        errors = dict(message.errors)
        if message.lines_saved is not None:  # the lines as saved; the terms keep what was typed
            self.deal = message.lines_saved
            self.query_one("#deal-header", Static).update(header_content(self.deal))
            await self.lines.set_lines(self.deal.lines, self.deal.currency)
        shown_lines = self.lines.show_errors(errors)
        shown_terms = self.terms.show_errors(errors)
        loose = {
            key: text for key, text in errors.items() if not key.startswith("lines") and key not in self.terms.rows
        }
        problems = self.query_one("#deal-problems", Label)
        if loose:
            problems.update(error_content("; ".join(f"{key}: {text}" for key, text in loose.items())))
        problems.display = bool(loose)
        note = _("Lines saved; the terms were not: see what is wrong under them.") if message.lines_saved else ""
        if not (shown_lines or shown_terms or loose):
            note = _("Not saved.")
        self.notify(note or _("Not saved: see what is wrong under the fields."), severity="warning", markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.saving = False
            text = _("Could not read or save the deal: {error}").format(error=event.worker.error)
            self.notify(visible(text), severity="error", markup=False)

    # The other keys --------------------------------------------------------------------------------------------

    async def action_add_line(self) -> None:
        await self.lines.add_line()

    def _unsaved_first(self) -> bool:
        if self.changed:
            key = registry.key_text(self.app, registry.command("deal.save"))
            self.notify(_("Save your changes first ({key}).").format(key=key), severity="warning", markup=False)
            return True
        return False

    def action_stage(self) -> None:
        if self.deal is None or self._unsaved_first():
            return

        def moved(deal: DealDetail | None) -> None:
            if deal is not None:
                self.written = True
                self.load()

        self.app.push_screen(StageForm(self.context, self.deal), moved)

    def action_memo(self) -> None:
        if self.deal is None or self._unsaved_first():
            return

        def closed(recorded: bool | None) -> None:
            if recorded:
                self.written = True
            self.load()

        self.app.push_screen(MemoScreen(self.context, self.deal_id), closed)

    def action_close(self) -> None:
        if not self.changed:
            self.dismiss(self.written)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(self.written)

        self.app.push_screen(discard_question(), answered)
