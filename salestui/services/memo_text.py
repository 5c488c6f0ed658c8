"""The written confirmation of a deal agreed without a contract (订单确认函 / order confirmation), as text.

`memo_text` is a pure function of a `MemoData`, in the memo's own language (not the interface's), as plain text
(for WeChat or a mail body: no alignment that a proportional font would break) or Markdown (with a table).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from salestui.i18n import N_, translate
from salestui.services.anchors import anchor_text_in
from salestui.services.chinese_numerals import capital_amount
from salestui.services.deal_money import line_total
from salestui.services.spec import format_money
from salestui.services.spec_values import format_quantity
from salestui.services.specs import CHANNELS


@dataclass(frozen=True)
class MemoLine:
    item: str
    quantity_milli: int
    unit: str
    unit_price: int


@dataclass(frozen=True)
class MemoData:
    """Everything a memo says, read from the deal, its customer and the company's settings."""

    deal_id: str
    version: int
    written_on: date  # the day it is sent, in the customer's time zone
    company_name: str
    company_address: str
    customer_name: str
    customer_company: str
    contact_name: str
    title: str
    currency: str
    lines: tuple[MemoLine, ...]
    agreed_at: datetime | None  # in the customer's time zone
    agreed_via: str
    delivery_date: str
    delivery_place: str
    payment_due_date: str
    payment_terms: str
    warranty: str
    other_terms: str
    objection_days: int
    reply_by: date  # the last day to object, in the customer's time zone
    zone_name: str
    anchor_seq: int
    anchor_hash: str

    @property
    def total(self) -> int:
        return sum(line_total(line.quantity_milli, line.unit_price) for line in self.lines)


TITLE = N_("Order confirmation")
NO_COMPANY = N_("(our company name is not set: salestui settings set company.name NAME)")


def memo_text(data: MemoData, language: str, fmt: str = "text") -> str:
    """The memo in `language` ("en" or "zh_CN") as "text" or "md"; ends with a newline."""

    def t(message: str) -> str:
        return translate(message, language)

    markdown = fmt == "md"

    def money(amount: int) -> str:
        return format_money(amount, data.currency)

    out: list[str] = []
    heading = t(TITLE)
    out += [f"# {heading}" if markdown else heading, ""]
    out.append(
        t(N_("Version {version} · {day} · deal {deal}")).format(
            version=data.version, day=data.written_on.isoformat(), deal=data.deal_id[:12]
        )
    )
    out.append("")
    ours = data.company_name or t(NO_COMPANY)
    if data.company_address:
        ours += f", {' '.join(data.company_address.split())}"
    theirs = data.customer_name
    if data.customer_company and data.customer_company != data.customer_name:
        theirs += f" ({data.customer_company})"
    if data.contact_name:
        theirs += t(N_(", attention {name}")).format(name=data.contact_name)
    out.append(_field(t(N_("From")), ours, markdown))
    out.append(_field(t(N_("To")), theirs, markdown))
    out.append("")
    if data.agreed_at is not None:
        channel = t(CHANNELS.get(data.agreed_via, data.agreed_via)) if data.agreed_via else t(N_("Other"))
        when = data.agreed_at.strftime("%Y-%m-%d %H:%M")
        out.append(
            t(N_("We confirm the order below ({title}), agreed with you on {when} ({zone}) by {channel}.")).format(
                channel=channel.lower() if language == "en" else channel,
                when=when,
                zone=data.zone_name,
                title=data.title,
            )
        )
    else:
        out.append(t(N_("We confirm the order below ({title}).")).format(title=data.title))
    out.append("")
    out += _lines(data, markdown, t, money)
    out.append("")
    total = t(N_("Total: {amount}")).format(amount=money(data.total))
    out.append(f"**{total}**" if markdown else total)
    if language == "zh_CN":
        out.append(t(N_("In words: {words}")).format(words=capital_amount(data.total, data.currency)))
    out.append("")
    terms = _terms(data, t)
    if terms:
        out.append(f"## {t('Terms')}" if markdown else t(N_("Terms")))
        out += [f"- {label}: {value}" for label, value in terms]
        out.append("")
    out.append(
        t(
            N_(
                "If anything here is wrong, please reply within {days} days, by {day}; "
                "otherwise we take it as confirmed."
            )
        ).format(days=data.objection_days, day=data.reply_by.isoformat())
    )
    out.append("")
    reference = anchor_text_in(language, data.anchor_seq, data.anchor_hash)
    out.append(f"`{reference}`" if markdown else reference)
    return "\n".join(out) + "\n"


def _field(label: str, value: str, markdown: bool) -> str:
    return f"**{label}:** {_md(value)}" if markdown else f"{label}: {value}"


def _md(text: str) -> str:
    """User text inside Markdown: characters that would start markup or break a table are escaped."""
    return "".join("\\" + char if char in "\\`*_[]<>|#" else char for char in " ".join(text.split()))


Text = Callable[..., str]


def _lines(data: MemoData, markdown: bool, t: Text, money: Text) -> list[str]:
    rows: list[str] = []
    if markdown:
        header = ["#", t(N_("Item")), t(N_("Quantity")), t(N_("Unit")), t(N_("Unit price")), t(N_("Amount"))]
        rows.append("| " + " | ".join(header) + " |")
        rows.append("|---|---|--:|---|--:|--:|")
    for number, line in enumerate(data.lines, start=1):
        quantity = format_quantity(line.quantity_milli)
        amount = money(line_total(line.quantity_milli, line.unit_price))
        price = money(line.unit_price)
        if markdown:
            cells = [str(number), _md(line.item), quantity, _md(line.unit), price, amount]
            rows.append("| " + " | ".join(cells) + " |")
        else:
            unit = f" {line.unit}" if line.unit else ""
            rows.append(f"{number}. {line.item}: {quantity}{unit} × {price} = {amount}")
    if not data.lines:
        rows.append(t(N_("(no lines)")))
    return rows


def _terms(data: MemoData, t: Text) -> list[tuple[str, str]]:
    terms: list[tuple[str, str]] = []
    delivery = ", ".join(part for part in (data.delivery_date, data.delivery_place) if part)
    if delivery:
        terms.append((t(N_("Delivery")), delivery))
    payment = "; ".join(
        part
        for part in (
            t(N_("due {day}")).format(day=data.payment_due_date) if data.payment_due_date else "",
            data.payment_terms,
        )
        if part
    )
    if payment:
        terms.append((t(N_("Payment")), payment))
    if data.warranty:
        terms.append((t(N_("Warranty")), data.warranty))
    if data.other_terms:
        terms.append((t(N_("Other terms")), " ".join(data.other_terms.split())))
    return terms
