"""The memo preview: the written confirmation exactly as it is (or would be) sent, as plain text, with keys to copy
it (OSC 52, so it works over SSH), save it to a file, record it as sent, switch language and format, and record
the customer's acknowledgement or objection.

The text is memos.render's: while the version in force is current (and in the language shown) that version's stored
bytes, exactly what was sent; otherwise the next version as it would be sent now.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static
from textual.worker import Worker, WorkerState

from salestui.i18n import N_, _
from salestui.services import deals, memos
from salestui.services.context import Context
from salestui.services.deal_views import DealDetail, MemoView
from salestui.text import one_line, visible
from salestui.ui import registry
from salestui.ui.deal.history import LANGUAGES
from salestui.ui.deal.memo_forms import ReplyForm, SaveMemoForm, SendMemoForm, memo_file_name
from salestui.ui.deal.words import confirmation_text
from salestui.ui.registry import Scope

FORMAT_NAMES = {"text": N_("plain text"), "md": N_("Markdown")}
KEYS_SHOWN = ("memo.copy", "memo.write", "memo.send", "memo.language", "memo.format", "memo.acknowledge")
MORE_KEYS = ("memo.object", "memo.close")


def keys_line(app: App[Any], command_ids: tuple[str, ...]) -> str:
    """'c Copy · w Save to file · …' for the commands named, with the keys in effect."""
    return " · ".join(
        f"{registry.key_text(app, registry.command(command_id))} {_(registry.command(command_id).description)}"
        for command_id in command_ids
    )


class MemoScreen(Screen[bool]):
    """The memo of one deal; closes with True if anything was recorded (so the deal screen reads again)."""

    BINDINGS = registry.bindings(Scope.MEMO)

    def __init__(self, context: Context, deal_id: str, language: str | None = None) -> None:
        super().__init__(classes="memo-screen")
        self.context = context
        self.deal_id = deal_id
        self.language = language
        self.fmt = "text"
        self.deal: DealDetail | None = None
        self.memo_text = ""
        self.version = 0
        self.recorded = False

    def compose(self) -> ComposeResult:
        yield Static("", id="memo-title")
        with VerticalScroll(id="memo-body"):
            yield Static(Content(_("Reading the memo…")), id="memo-text")
        yield Label(
            keys_line(self.app, KEYS_SHOWN) + "\n" + keys_line(self.app, MORE_KEYS), id="memo-keys", markup=False
        )

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, group="memo", exclusive=True)
    def load(self) -> None:
        now = self.context.clock.now()
        deal = deals.get(self.deal_id, now)
        language = self.language or deal.memo_language
        in_force = next((memo for memo in deal.memos if memo.version == deal.confirmation.version), None)
        sent = in_force is not None and not deal.confirmation.stale and in_force.language == language
        # render gives the stored bytes of the version in force when sending would re-send it, else the next one
        text = memos.render(self.deal_id, now, language, self.fmt, self.context.clock.zone)
        version = in_force.version if sent and in_force else max((memo.version for memo in deal.memos), default=0) + 1
        self.app.call_from_thread(self.show, deal, language, text, version, sent)

    def show(self, deal: DealDetail, language: str, text: str, version: int, sent: bool) -> None:
        self.deal, self.language, self.memo_text, self.version = deal, language, text, version
        state = _("as sent") if sent else _("not sent yet")
        title = Content.assemble(
            (one_line(deal.title), "bold"),
            f" · {LANGUAGES.get(language, language)} · {_(FORMAT_NAMES[self.fmt])} · ",
            (_("version {version}, {state}").format(version=version, state=state), "bold"),
            "\n",
            (_("Confirmation") + ": ", "dim"),
            confirmation_text(deal.confirmation),
        )
        self.query_one("#memo-title", Static).update(title)
        self.query_one("#memo-text", Static).update(Content(visible(text)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            text = _("Could not make the memo: {error}").format(error=event.worker.error)
            self.notify(visible(text), severity="error", markup=False)

    # The keys ---------------------------------------------------------------------------------------------

    def action_copy(self) -> None:
        if self.deal is None:
            return
        self.app.copy_to_clipboard(self.memo_text)
        self.notify(_("Memo copied to the clipboard."), markup=False)

    def action_write(self) -> None:
        if self.deal is None:
            return
        name = memo_file_name(self.deal, self.version, self.language or "en", self.fmt)

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(visible(_("Memo saved to {path}").format(path=path)), markup=False)

        self.app.push_screen(SaveMemoForm(self.context, self.memo_text, name), saved)

    def action_send(self) -> None:
        if self.deal is None:
            return

        def sent(memo: MemoView | None) -> None:
            if memo is not None:
                self.recorded = True
                self.notify(_("Memo version {version} recorded as sent.").format(version=memo.version), markup=False)
                self.load()

        self.app.push_screen(SendMemoForm(self.context, self.deal, self.language or "en"), sent)

    def action_language(self) -> None:
        self.language = "en" if self.language == "zh_CN" else "zh_CN"
        self.load()

    def action_format(self) -> None:
        self.fmt = "text" if self.fmt == "md" else "md"
        self.load()

    def _reply(self, objection: bool) -> None:
        if self.deal is None:
            return

        def answered(result: object) -> None:
            if result is not None:
                self.recorded = True
                self.notify(_("Objection recorded.") if objection else _("Acknowledgement recorded."), markup=False)
                self.load()

        self.app.push_screen(ReplyForm(self.context, self.deal, objection), answered)

    def action_acknowledge(self) -> None:
        self._reply(objection=False)

    def action_object(self) -> None:
        self._reply(objection=True)

    def action_close(self) -> None:
        self.dismiss(self.recorded)
