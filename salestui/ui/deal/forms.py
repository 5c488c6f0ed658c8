"""The forms of a deal: a new deal, its terms, a stage move, a memo sent, the customer's reply, a file to save."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select

from salestui.i18n import _
from salestui.services import contacts, deals, memos
from salestui.services.context import Context
from salestui.services.deal_views import DealDetail
from salestui.services.errors import ValidationError
from salestui.services.specs import DEAL, DEAL_EVENT, DEAL_STAGES
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import control, label, select

# The terms a deal's terms form edits, in order (agreed_contact_id is a Select of the customer's contact persons).
TERMS = (
    "title",
    "agreed_via",
    "agreed_at",
    "agreed_contact_id",
    "delivery_date",
    "delivery_place",
    "payment_due_date",
    "payment_terms",
    "warranty",
    "other_terms",
    "objection_days",
    "memo_language",
)


class NewDealForm(FormScreen[DealDetail | None]):
    """A new deal for one customer: its title and currency; lines and terms follow on the deal screen."""

    def __init__(self, context: Context, customer_id: str, customer_name: str) -> None:
        super().__init__(context)
        self.customer_id = customer_id
        self.customer_name = customer_name

    def title_content(self) -> Content:
        return heading(_("New deal with {name}"), name=self.customer_name)

    def compose_fields(self) -> ComposeResult:
        yield self.field("title", label(DEAL, "title"), Input(placeholder=_("e.g. 500 relays for December")))
        yield self.field("currency", label(DEAL, "currency"), select(DEAL, "currency"))

    def build_save(self) -> Callable[[], DealDetail]:
        raw = {"title": self.text("title"), "currency": self.text("currency")}
        return partial(deals.create, self.context, self.customer_id, raw)


class TermsForm(FormScreen[DealDetail | None]):
    """A deal's terms: how and when it was agreed and with whom, delivery, payment, warranty, the memo's window."""

    def __init__(self, context: Context, deal: DealDetail, people: list[tuple[str, str]]) -> None:
        super().__init__(context)
        self.deal = deal
        self.people = people  # (label, id) of the customer's contact persons

    def title_content(self) -> Content:
        return heading(_("Terms of {title}"), title=self.deal.title)

    def shown(self, name: str) -> str:
        """What field `name` holds when the form opens."""
        deal = self.deal
        if name == "agreed_at":
            return self.local_time_text(deal.agreed_at) if deal.agreed_at else ""
        if name == "objection_days":
            return str(deal.objection_days_set or "")
        if name == "memo_language":
            return _own_language(deal)
        value = getattr(deal, name)
        return "" if value is None else str(value)

    def compose_fields(self) -> ComposeResult:
        for name in TERMS:
            if name == "agreed_contact_id":
                options = [(_("Nobody named"), ""), *self.people]
                widget: Any = Select(options, value=self.deal.agreed_contact_id or "", allow_blank=False)
            elif name == "agreed_at":
                widget = self.time_input(self.shown(name))
            else:
                widget = control(DEAL, name, self.shown(name))
            yield self.field(name, label(DEAL, name), widget)

    def build_save(self) -> Callable[[], DealDetail]:
        """Only the terms that changed since the form opened."""
        changed: dict[str, Any] = {name: self.text(name) for name in TERMS if self.text(name) != self.shown(name)}
        if "agreed_at" in changed:
            changed["agreed_at"] = self.parse_time("agreed_at") if changed["agreed_at"].strip() else None
        return partial(deals.update_terms, self.context, self.deal.id, changed)


def _own_language(deal: DealDetail) -> str:
    """The memo language the deal itself sets ('' when it follows its customer)."""
    from salestui.services.deal_records import own_memo_language

    return own_memo_language(deal.id)


def people_of(customer_id: str) -> list[tuple[str, str]]:
    """(label, id) of the customer's contact persons, for a Select."""
    people = contacts.for_customer(customer_id)
    return [(person.name + (f" · {person.title}" if person.title else ""), person.id) for person in people]


def next_stages(stage: str) -> list[tuple[str, str]]:
    """(label, code) of the stages a deal at `stage` may move to: later ones, lost; or, for lost and closed,
    the stages a reopen goes back to."""
    names = DEAL.choice("stage").values
    if stage in ("lost", "closed"):
        back = DEAL_STAGES if stage == "lost" else DEAL_STAGES[:-1]
        return [(_("Reopen: {stage}").format(stage=_(names[code])), "reopen:" + code) for code in back]
    later = DEAL_STAGES[DEAL_STAGES.index(stage) + 1 :]
    earlier = DEAL_STAGES[: DEAL_STAGES.index(stage)]
    return [
        *((_(names[code]), code) for code in later),
        (_(names["lost"]), "lost"),
        *((_("Reopen: {stage}").format(stage=_(names[code])), "reopen:" + code) for code in earlier),
    ]


class StageForm(FormScreen[DealDetail | None]):
    """Move a deal on, mark it lost (with the reason) or reopen it (with the reason); how it was agreed when it
    reaches agreed for the first time."""

    def __init__(self, context: Context, deal: DealDetail) -> None:
        super().__init__(context)
        self.deal = deal

    def title_content(self) -> Content:
        stage = _(DEAL.choice("stage").values[self.deal.stage])
        return heading(_("Stage of {title}: {stage}"), title=self.deal.title, stage=stage)

    def compose_fields(self) -> ComposeResult:
        options = next_stages(self.deal.stage)
        yield self.field("stage", _("Move to"), Select(options, value=options[0][1], allow_blank=False))
        if self.deal.agreed_at is None:
            yield self.field("agreed_via", label(DEAL, "agreed_via"), select(DEAL, "agreed_via", "phone"))
        yield self.field("text", _("Note (why it was lost or reopened)"), Input())

    def build_save(self) -> Callable[[], DealDetail]:
        target, note = self.text("stage"), self.text("text")
        if target.startswith("reopen:"):
            return partial(deals.reopen, self.context, self.deal.id, target.removeprefix("reopen:"), note)
        terms = {"agreed_via": self.text("agreed_via")} if self.deal.agreed_at is None else None
        return partial(deals.move, self.context, self.deal.id, target, note, terms)

    def error_field(self, name: str) -> str:
        return "text" if name == "lost_reason" else name


class SendForm(FormScreen[Any]):
    """Record that the memo was sent: by which channel, to whom, when."""

    def __init__(self, context: Context, deal: DealDetail, language: str) -> None:
        super().__init__(context)
        self.deal = deal
        self.language = language

    def title_content(self) -> Content:
        return heading(_("Memo sent: {title}"), title=self.deal.title)

    def compose_fields(self) -> ComposeResult:
        yield self.field("channel", label(DEAL_EVENT, "channel"), select(DEAL_EVENT, "channel", "im"))
        who = self.deal.agreed_contact_name
        yield self.field("counterpart", _("To whom"), Input(who, placeholder=_("name, WeChat id or e-mail")))
        yield self.field("occurred_at", _("When"), self.time_input(_("now")))

    def build_save(self) -> Callable[[], Any]:
        raw: dict[str, Any] = {"channel": self.text("channel"), "counterpart": self.text("counterpart")}
        raw["occurred_at"] = self.parse_time("occurred_at")
        return partial(memos.send, self.context, self.deal.id, raw, self.language)


class ReplyForm(FormScreen[Any]):
    """The customer's answer to the memo in force: an acknowledgement (their reply pasted in) or an objection
    (what they dispute)."""

    def __init__(self, context: Context, deal: DealDetail, kind: str) -> None:
        super().__init__(context)
        self.deal = deal
        self.kind = kind

    def title_content(self) -> Content:
        if self.kind == "objected":
            return heading(_("Objection to the memo of {title}"), title=self.deal.title)
        return heading(_("Acknowledgement of the memo of {title}"), title=self.deal.title)

    def compose_fields(self) -> ComposeResult:
        yield self.field("channel", label(DEAL_EVENT, "channel"), select(DEAL_EVENT, "channel", "im"))
        yield self.field("counterpart", _("From whom"), Input(self.deal.agreed_contact_name))
        yield self.field("occurred_at", _("When"), self.time_input(_("now")))
        text = _("What they dispute") if self.kind == "objected" else _("Their reply (pasted in)")
        yield self.field("text", text, control(DEAL_EVENT, "text", ""))

    def build_save(self) -> Callable[[], Any]:
        raw: dict[str, Any] = {name: self.text(name) for name in ("channel", "counterpart", "text")}
        raw["occurred_at"] = self.parse_time("occurred_at")
        record = memos.object_to if self.kind == "objected" else memos.acknowledge
        return partial(record, self.context, self.deal.id, raw)


class SaveFileForm(FormScreen[Path | None]):
    """Where to save the memo: a path (a folder that exists; the file is written whole or not at all)."""

    def __init__(self, context: Context, text: str, suggested: str) -> None:
        super().__init__(context)
        self.memo_text = text
        self.suggested = suggested

    def title_content(self) -> Content:
        return Content(_("Save the memo to a file"))

    def compose_fields(self) -> ComposeResult:
        yield Label(_("The folder must exist; an existing file is replaced."), classes="form-info", markup=False)
        yield self.field("path", _("File"), Input(self.suggested))

    def build_save(self) -> Callable[[], Path]:
        text = self.text("path").strip()
        if not text:
            raise ValidationError({"path": _("required")})
        path = Path(text).expanduser()
        return partial(write_memo_file, path, self.memo_text)


def write_memo_file(path: Path, text: str) -> Path:
    """Write the memo whole or not at all; ValidationError naming the path if it cannot be written."""
    from salestui.services.files import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        message = _("cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)
        raise ValidationError({"path": message}) from None
    return path
