"""The customer form: a new customer, or changes to an existing one."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from salestui.i18n import _
from salestui.services import customers
from salestui.services.app_views import CustomerDetail
from salestui.services.context import Context
from salestui.services.errors import Conflict
from salestui.services.spec import Choice, format_money
from salestui.services.specs import CUSTOMER
from salestui.ui.forms import conflict
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import control, form_order, label

FIELD_NAMES = form_order(CUSTOMER)
BESIDE = {"credit_limit": "currency"}  # the currency's Select sits beside the amount it is read in


def placeholders() -> dict[str, str]:
    """Examples shown in empty inputs, in the current language."""
    return {
        "name": _("person or company name"),
        "phone": "138 0013 8000",
        "source": _("referral, fair, web…"),
        "owner_login": _("blank = public pool"),
        "credit_limit": "12,000.50",
        "payment_terms": _("e.g. 30 days after delivery"),
        "tags": _("comma separated"),
        "cadence_days": _("days; blank = by tier"),
        "time_zone": _("e.g. Asia/Shanghai; blank = the company's"),
    }


def amount_text(minor: int, currency: str) -> str:
    """A credit limit as the user types it ('12,000.50'); blank for none."""
    return format_money(minor, currency).rsplit(" ", 1)[0] if minor else ""


def initial_texts(customer: CustomerDetail | None, rep_login: str) -> dict[str, str]:
    """What each field shows when the form opens: a new customer's defaults, or the customer as stored."""
    if customer is None:
        defaults = {name: str(customers.DEFAULTS.get(name) or "") for name in FIELD_NAMES}
        return {**defaults, "credit_limit": "", "owner_login": rep_login}
    texts = {name: str(getattr(customer, name) or "") for name in FIELD_NAMES}
    texts["credit_limit"] = amount_text(customer.credit_limit, customer.currency)
    texts["owner_login"] = customer.owner_login or ""
    return texts


def shown_text(name: str, text: str) -> str:
    """A field's text as the user reads it: a choice's label rather than its code."""
    field = CUSTOMER[name]
    if isinstance(field, Choice):
        return next((label for label, code in field.options() if code == text), text)
    return text


def set_text(widget: Widget, text: str) -> None:
    """Put `text` in a form control (the inverse of fields.control_text)."""
    if isinstance(widget, Input):
        widget.value = text
    elif isinstance(widget, TextArea):
        widget.text = text
    elif isinstance(widget, Select):
        widget.value = text
    else:
        raise TypeError(f"a {type(widget).__name__} holds no text")


class CustomerForm(FormScreen[CustomerDetail | None]):
    """Add a customer (`customer` None) or edit one, saving only the fields that changed.

    An edit saves only onto the version it opened; if another rep saved the customer meanwhile, both versions are
    shown field by field (ConflictScreen) and what the user chooses is saved onto theirs.
    """

    def __init__(self, context: Context, customer: CustomerDetail | None) -> None:
        super().__init__(context)
        self.customer = customer
        self.initial = initial_texts(customer, context.rep_login)
        self.version = customer.version if customer is not None else None

    def title_content(self) -> Content:
        if self.customer is None:
            return heading(_("New customer"))
        return heading(_("Edit customer: {name}"), name=self.customer.name)

    def control_for(self, name: str, hints: dict[str, str]) -> Widget:
        return control(CUSTOMER, name, self.initial[name], hints.get(name, ""))

    def compose_fields(self) -> ComposeResult:
        hints = placeholders()
        beside = set(BESIDE.values())
        for name in FIELD_NAMES:
            if name in beside:
                continue
            extra: list[tuple[str, Widget]] = []
            if name in BESIDE:
                other = self.control_for(BESIDE[name], hints)
                other.add_class("form-narrow")
                extra.append((BESIDE[name], other))
            yield self.field(name, label(CUSTOMER, name), self.control_for(name, hints), *extra)

    def changed_texts(self) -> dict[str, str]:
        """The fields the user changed; an amount travels with its currency so it is read in the right one."""
        current = self.texts(FIELD_NAMES)
        changed = {name: text for name, text in current.items() if text != self.initial[name]}
        if "credit_limit" in changed or "currency" in changed:
            changed["credit_limit"] = current["credit_limit"]
            changed["currency"] = current["currency"]
        return changed

    def build_save(self) -> Callable[[], CustomerDetail]:
        if self.customer is None:
            return partial(customers.create, self.context, self.texts(FIELD_NAMES))
        changed = self.changed_texts()
        if not changed:
            return partial(customers.detail, self.customer.id)
        return partial(customers.update, self.context, self.customer.id, changed, opened_version=self.version)

    @on(FormScreen.Failed)
    def met_another_save(self, message: FormScreen.Failed) -> None:
        """Another rep saved this customer after the form opened: show both versions, then save what is chosen."""
        error = message.error
        if not isinstance(error, Conflict):
            return
        message.prevent_default()  # not the base form's "Not saved" notice
        self.set_saving(False)
        theirs: CustomerDetail = error.theirs
        theirs_texts = initial_texts(theirs, self.context.rep_login)
        labels = {name: label(CUSTOMER, name) for name in FIELD_NAMES}
        fields = conflict.differing(
            FIELD_NAMES, labels, self.initial, theirs_texts, self.texts(FIELD_NAMES), shown_text
        )

        def resolved(values: dict[str, str] | None) -> None:
            if values is None:
                return  # back to the form: saving again shows their version again
            self.rebase(theirs, theirs_texts, values)
            self.action_submit()

        if not fields:  # they saved what this form holds: nothing of theirs to lose
            resolved({})
            return
        self.app.push_screen(conflict.ConflictScreen(theirs.name, fields), resolved)

    def rebase(self, theirs: CustomerDetail, theirs_texts: dict[str, str], values: dict[str, str]) -> None:
        """Take their version as the one the form opened on, and `values` (field name to text) into the fields."""
        self.customer, self.version, self.initial = theirs, theirs.version, theirs_texts
        for name, text in values.items():
            set_text(self.control(name), text)
