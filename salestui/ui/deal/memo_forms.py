"""The memo preview's forms: save the memo to a file, record that it was sent, record the customer's reply."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, TextArea

from salestui.i18n import N_, _
from salestui.services import memos
from salestui.services.context import Context
from salestui.services.deal_views import Confirmation, DealDetail, MemoView
from salestui.services.errors import ValidationError
from salestui.services.files import write_atomically
from salestui.services.specs import DEAL_EVENT
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label, select

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def memo_file_name(deal: DealDetail, version: int, language: str, fmt: str) -> str:
    """A file name that is safe everywhere: 'memo-1a2b3c4d-v2-zh_CN.md' (ASCII, no spaces or separators)."""
    name = f"memo-{deal.id[:8]}-v{version}-{language}.{'md' if fmt == 'md' else 'txt'}"
    return _UNSAFE_NAME.sub("-", name)


def write_memo(path_text: str, text: str) -> Path:
    """Write `text` (UTF-8) to a new file at `path_text`; ValidationError naming `path` when it cannot be."""
    if not path_text.strip():
        raise ValidationError({"path": _("required")})
    path = Path(path_text.strip()).expanduser()
    if path.exists():
        raise ValidationError({"path": _("a file of that name is already there: choose another name")})
    try:
        write_atomically(path, text)  # whole or not at all, as `salestui deal memo -o` writes
    except OSError as error:
        raise ValidationError({"path": error.strerror or str(error)}) from None
    return path


class SaveMemoForm(FormScreen[Path | None]):
    """Where to save the memo shown; a file already there is never overwritten."""

    def __init__(self, context: Context, text: str, default_name: str) -> None:
        super().__init__(context)
        self.memo_text = text
        self.default_name = default_name

    def title_content(self) -> Content:
        return Content(_("Save the memo to a file"))

    def compose_fields(self) -> ComposeResult:
        yield Label(_("In the current folder unless the path says otherwise."), classes="form-info", markup=False)
        yield self.field("path", _("File"), Input(self.default_name))

    def build_save(self) -> Callable[[], Path]:
        return partial(write_memo, self.text("path"), self.memo_text)


class _EventForm(FormScreen[Any]):
    """When, by which channel, to or from whom: what sending a memo and each reply record."""

    WHOM = ""

    def __init__(self, context: Context, deal: DealDetail) -> None:
        super().__init__(context)
        self.deal = deal

    def event_fields(self) -> ComposeResult:
        yield self.field("occurred_at", label(DEAL_EVENT, "occurred_at"), self.time_input("now"))
        yield self.field("channel", label(DEAL_EVENT, "channel"), select(DEAL_EVENT, "channel", self.deal.agreed_via))
        yield self.field("counterpart", _(self.WHOM), Input(self.deal.agreed_contact_name))

    def event_raw(self) -> dict[str, Any]:
        return {
            "occurred_at": self.parse_time("occurred_at"),
            "channel": self.text("channel"),
            "counterpart": self.text("counterpart"),
        }


class SendMemoForm(_EventForm):
    """Record that the memo was sent: a new version if the terms changed since the one in force."""

    WHOM = N_("To whom")

    def __init__(self, context: Context, deal: DealDetail, language: str) -> None:
        super().__init__(context, deal)
        self.language = language

    def title_content(self) -> Content:
        return heading(_("Memo sent: {title}"), title=self.deal.title)

    def compose_fields(self) -> ComposeResult:
        yield from self.event_fields()

    def build_save(self) -> Callable[[], MemoView]:
        return partial(memos.send, self.context, self.deal.id, self.event_raw(), self.language)


class ReplyForm(_EventForm):
    """The customer's reply to the memo in force: an acknowledgement (their reply pasted in) or an objection
    (what they dispute, required)."""

    WHOM = N_("From whom")

    def __init__(self, context: Context, deal: DealDetail, objection: bool) -> None:
        super().__init__(context, deal)
        self.objection = objection

    def title_content(self) -> Content:
        if self.objection:
            return heading(_("Objection to the memo: {title}"), title=self.deal.title)
        return heading(_("Memo acknowledged: {title}"), title=self.deal.title)

    def compose_fields(self) -> ComposeResult:
        yield from self.event_fields()
        text = _("What they dispute") + " *" if self.objection else _("Their reply (paste it)")
        yield self.field("text", text, TextArea())

    def build_save(self) -> Callable[[], Confirmation]:
        raw = {**self.event_raw(), "text": self.text("text")}
        call = memos.object_to if self.objection else memos.acknowledge
        return partial(call, self.context, self.deal.id, raw)
