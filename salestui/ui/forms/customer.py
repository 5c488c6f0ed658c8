"""The customer form: a new customer, or changes to an existing one."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget

from salestui.i18n import _
from salestui.services import customers
from salestui.services.app_views import CustomerDetail
from salestui.services.context import Context
from salestui.services.spec import format_money
from salestui.services.specs import CUSTOMER
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


class CustomerForm(FormScreen[CustomerDetail | None]):
    """Add a customer (`customer` None) or edit one, saving only the fields that changed."""

    def __init__(self, context: Context, customer: CustomerDetail | None) -> None:
        super().__init__(context)
        self.customer = customer
        self.initial = initial_texts(customer, context.rep_login)

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
        return partial(customers.update, self.context, self.customer.id, changed)
