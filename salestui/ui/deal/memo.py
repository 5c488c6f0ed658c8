"""A deal's written confirmation on screen: as it would be sent now, in either language and either format; copy
it (OSC 52 reaches the user's own clipboard over SSH), save it to a file, record that it was sent."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from salestui.i18n import _
from salestui.services import memos
from salestui.services.context import Context
from salestui.services.deal_views import DealDetail, MemoView
from salestui.ui import registry
from salestui.ui.deal.forms import SaveFileForm, SendForm
from salestui.ui.deal.screen import keys_line
from salestui.ui.registry import Scope

LANGUAGES = ("zh_CN", "en")


def file_name(deal: DealDetail, fmt: str) -> str:
    """A safe file name in the current folder: memo-<deal id start>-v<version>.txt or .md."""
    version = (deal.confirmation.version or 0) + (0 if deal.confirmation.version and not deal.confirmation.stale else 1)
    stem = re.sub(r"[^0-9a-f]", "", deal.id)[:12]
    return f"memo-{stem}-v{version}.{'md' if fmt == 'md' else 'txt'}"


class MemoScreen(ModalScreen[bool]):
    """The memo as plain text (never read as markup); it closes with True once something was recorded."""

    BINDINGS: ClassVar[list[BindingType]] = registry.bindings(Scope.MEMO)
    DEFAULT_CSS = """
    MemoScreen { align: center middle; }
    MemoScreen #memo-dialog { width: 100; max-width: 100%; height: 90%; border: round $primary;
        background: $surface; padding: 0 1; }
    MemoScreen #memo-body { height: 1fr; }
    MemoScreen #memo-status { color: $text-muted; }
    MemoScreen #memo-keys { color: $text-muted; height: auto; }
    """

    def __init__(self, context: Context, deal: DealDetail) -> None:
        super().__init__()
        self.context = context
        self.deal = deal
        self.language = deal.memo_language
        self.fmt = "text"
        self.text = ""
        self.recorded = False

    def compose(self) -> ComposeResult:
        with Vertical(id="memo-dialog"):
            yield Label("", id="memo-status", markup=False)
            with VerticalScroll(id="memo-body"):
                yield Static(Content(_("Writing the memo…")), id="memo-text")
            ids = ("memo.copy", "memo.save", "memo.send", "memo.language", "memo.format", "memo.close")
            yield Label(keys_line(self.app, ids), id="memo-keys", markup=False)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, exclusive=True)
    def load(self) -> None:
        text = memos.render(self.deal.id, self.context.clock.now(), self.language, self.fmt, self.context.clock.zone)
        self.app.call_from_thread(self.show, text)

    def show(self, text: str) -> None:
        self.text = text
        self.query_one("#memo-text", Static).update(Content(text))
        language = _("Chinese") if self.language == "zh_CN" else _("English")
        shape = _("Markdown") if self.fmt == "md" else _("plain text")
        self.query_one("#memo-status", Label).update(
            _("{language} · {shape} · as it would be sent now").format(language=language, shape=shape)
        )

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(_("Memo copied to the clipboard"), markup=False)

    def action_save(self) -> None:
        def saved(path: Any) -> None:
            if path is not None:
                self.notify(_("Memo saved to {path}").format(path=path), markup=False)

        self.app.push_screen(SaveFileForm(self.context, self.text, file_name(self.deal, self.fmt)), saved)

    def action_send(self) -> None:
        def sent(memo: Any) -> None:
            if isinstance(memo, MemoView):
                self.recorded = True
                text = _("Memo v{version} recorded as sent; SHA-256 {sha}").format(
                    version=memo.version, sha=memo.text_sha256[:16] + "…"
                )
                self.notify(text, markup=False)
                self.dismiss(True)

        self.app.push_screen(SendForm(self.context, self.deal, self.language), sent)

    def action_language(self) -> None:
        self.language = LANGUAGES[(LANGUAGES.index(self.language) + 1) % 2] if self.language in LANGUAGES else "en"
        self.load()

    def action_format(self) -> None:
        self.fmt = "md" if self.fmt == "text" else "text"
        self.load()

    def action_close(self) -> None:
        self.dismiss(self.recorded)
