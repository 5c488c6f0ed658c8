"""The deal screen's terms: how and when it was agreed and by whom, delivery, payment, warranty, other terms, the
objection window and the memo's language; saved with deals.update_terms (only the fields that changed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from salestui.i18n import _
from salestui.services.app_views import ContactPersonView
from salestui.services.context import Context
from salestui.services.deal_views import DealDetail
from salestui.services.errors import ValidationError
from salestui.services.specs import DEAL
from salestui.services.when import WhenError, parse_when
from salestui.text import one_line
from salestui.ui.forms.fields import FormField, control_text
from salestui.ui.forms.spec_fields import label, select

TERMS = (
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
DAY_HINT = "YYYY-MM-DD"


def opened_texts(deal: DealDetail, context: Context) -> dict[str, str]:
    """What each term's control holds for `deal` as saved."""
    agreed_at = context.clock.local(deal.agreed_at).strftime("%Y-%m-%d %H:%M") if deal.agreed_at else ""
    return {
        "agreed_via": deal.agreed_via,
        "agreed_at": agreed_at,
        "agreed_contact_id": deal.agreed_contact_id or "",
        "delivery_date": deal.delivery_date,
        "delivery_place": deal.delivery_place,
        "payment_due_date": deal.payment_due_date,
        "payment_terms": deal.payment_terms,
        "warranty": deal.warranty,
        "other_terms": deal.other_terms,
        "objection_days": "" if deal.objection_days_set is None else str(deal.objection_days_set),
        "memo_language": deal.memo_language_set,
    }


class TermsEditor(Vertical):
    """A labelled control per term, each with the line under it for its error."""

    def __init__(self, context: Context, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = context
        self.rows: dict[str, FormField] = {}
        self.opened: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        controls: dict[str, Widget] = {
            "agreed_via": select(DEAL, "agreed_via"),
            "agreed_at": Input(placeholder=_("e.g. 2026-11-20 15:00, -2h, yesterday 10:00")),
            "agreed_contact_id": Select([(_("nobody named"), "")], value="", allow_blank=False),
            "delivery_date": Input(placeholder=DAY_HINT),
            "delivery_place": Input(),
            "payment_due_date": Input(placeholder=DAY_HINT),
            "payment_terms": Input(placeholder=_("e.g. 30 days after delivery")),
            "warranty": Input(),
            "other_terms": TextArea(),
            "objection_days": Input(),
            "memo_language": select(DEAL, "memo_language"),
        }
        for name, control in controls.items():
            control.id = f"term-{name}"
            if isinstance(control, Input | Select | TextArea):
                control.compact = True
            row = FormField(label(DEAL, name), (control,), (name,))
            self.rows[name] = row
            yield row

    def control(self, name: str) -> Widget:
        return self.query_one(f"#term-{name}")

    def text(self, name: str) -> str:
        return control_text(self.control(name))

    def texts(self) -> dict[str, str]:
        return {name: self.text(name) for name in TERMS}

    def set_deal(self, deal: DealDetail, contacts: tuple[ContactPersonView, ...]) -> None:
        """Show `deal`'s terms as saved; the contact persons of its customer are who may have agreed."""
        people = self.query_one("#term-agreed_contact_id", Select)
        options = [(_("nobody named"), "")] + [
            (one_line(person.name + (f" ({person.title})" if person.title else "")), person.id) for person in contacts
        ]
        if deal.agreed_contact_id and all(person.id != deal.agreed_contact_id for person in contacts):
            options.append((one_line(deal.agreed_contact_name) or deal.agreed_contact_id, deal.agreed_contact_id))
        people.set_options(options)
        self.opened = opened_texts(deal, self.context)
        days = self.query_one("#term-objection_days", Input)
        days.placeholder = _("{days} (the company's setting)").format(days=deal.objection_days)
        for name, text in self.opened.items():
            widget = self.control(name)
            if isinstance(widget, Input):
                widget.value = text
            elif isinstance(widget, TextArea):
                widget.load_text(text)
            elif isinstance(widget, Select):
                widget.value = text
            self.rows[name].clear_error()

    def changed(self) -> bool:
        return bool(self.opened) and self.texts() != self.opened

    def raw_changes(self) -> dict[str, Any]:
        """The changed terms as deals.update_terms takes them; ValidationError naming a time that cannot be read."""
        raw: dict[str, Any] = {}
        for name, text in self.texts().items():
            if text == self.opened.get(name, ""):
                continue
            raw[name] = self._agreed_at(text) if name == "agreed_at" else text
        return raw

    def _agreed_at(self, text: str) -> datetime | None:
        if not text.strip():
            return None
        clock = self.context.clock
        try:
            return parse_when(text, clock.now(), clock.zone)
        except WhenError as error:
            raise ValidationError({"agreed_at": str(error)}) from None

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Each term's error under it; the first bad one gets the focus. True if any was a term's."""
        shown = [name for name in TERMS if name in errors]
        for name in shown:
            self.rows[name].show_error([errors[name]])
        if shown:
            self.control(shown[0]).focus()
        return bool(shown)
