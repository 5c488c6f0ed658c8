"""The customer form: a new customer, or changes to an existing one."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, TextArea

from salestui.i18n import _
from salestui.services import customers
from salestui.services.context import Context
from salestui.services.customer_fields import CURRENCIES, format_money
from salestui.services.views import CustomerDetail
from salestui.ui.forms import choices
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading

LINE_FIELDS = (
    "name",
    "company",
    "phone",
    "email",
    "im_handle",
    "region",
    "industry",
    "source",
    "owner_login",
    "credit_limit",
    "payment_terms",
    "tags",
    "cadence_days",
)
CHOICE_FIELDS = ("kind", "tier", "status", "currency")
AREA_FIELDS = ("address", "needs", "preferences")
FIELD_NAMES = LINE_FIELDS + CHOICE_FIELDS + AREA_FIELDS


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

    def choice(self, name: str, options: list[tuple[str, str]]) -> Select[str]:
        value = self.initial[name]
        if value not in {code for _label, code in options}:
            options = [*options, (value, value)]
        return Select(options, value=value, allow_blank=False)

    def area(self, name: str) -> TextArea:
        return TextArea(self.initial[name], soft_wrap=True)

    def compose_fields(self) -> ComposeResult:
        currencies = [(code, code) for code in CURRENCIES]
        yield self.field("name", _("Name"), Input(self.initial["name"], placeholder=_("person or company name")))
        yield self.field("kind", _("Kind"), self.choice("kind", choices.customer_kinds()))
        yield self.field("company", _("Company"), Input(self.initial["company"]))
        yield self.field("phone", _("Phone"), Input(self.initial["phone"], placeholder="138 0013 8000"))
        yield self.field("email", _("E-mail"), Input(self.initial["email"]))
        yield self.field("im_handle", _("WeChat / IM"), Input(self.initial["im_handle"]))
        yield self.field("tier", _("Tier"), self.choice("tier", choices.tiers()))
        yield self.field("status", _("Status"), self.choice("status", choices.statuses()))
        yield self.field("region", _("Region"), Input(self.initial["region"]))
        yield self.field("industry", _("Industry"), Input(self.initial["industry"]))
        yield self.field("source", _("Source"), Input(self.initial["source"], placeholder=_("referral, fair, web…")))
        yield self.field(
            "owner_login", _("Owner (login)"), Input(self.initial["owner_login"], placeholder=_("blank = public pool"))
        )
        currency = self.choice("currency", currencies)
        currency.add_class("form-narrow")
        amount = Input(self.initial["credit_limit"], placeholder="12,000.50")
        yield self.field("credit_limit", _("Credit limit"), amount, ("currency", currency))
        yield self.field(
            "payment_terms",
            _("Payment terms"),
            Input(self.initial["payment_terms"], placeholder=_("e.g. 30 days after delivery")),
        )
        yield self.field("tags", _("Tags"), Input(self.initial["tags"], placeholder=_("comma separated")))
        yield self.field(
            "cadence_days",
            _("Contact every"),
            Input(self.initial["cadence_days"], placeholder=_("days; blank = by tier")),
        )
        yield self.field("address", _("Address"), self.area("address"))
        yield self.field("needs", _("Needs"), self.area("needs"))
        yield self.field("preferences", _("Preferences"), self.area("preferences"))

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
