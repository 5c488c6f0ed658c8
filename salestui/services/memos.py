"""A deal's written confirmation: memo versions as sent, the customer's reply, and the objection window.

A memo version is stored when it is first sent, text and Markdown byte for byte with their SHA-256, and never
changes. Sending again while the terms are unchanged re-sends the version in force; once a term or a line changed
after it (a "terms_changed" deal event written after the memo), the next send makes a new version. The window
for objections ends at the end of the N-th calendar day after the version in force was first sent, in the
customer's time zone; silence until then makes the deal "deemed confirmed", which is not the same as an
acknowledgement the customer actually sent.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from salestui.clock import Clock, from_utc_text
from salestui.db.connection import database
from salestui.db.deal_models import Deal, DealEvent, DealLine, Memo
from salestui.db.models import ContactPerson, Customer
from salestui.i18n import _
from salestui.services import anchors, ledger, settings
from salestui.services.context import Context
from salestui.services.deal_views import Confirmation, MemoView
from salestui.services.errors import NotFound, ValidationError
from salestui.services.memo_text import MemoData, MemoLine, memo_text
from salestui.services.spec import clean
from salestui.services.specs import DEAL_EVENT, DEAL_STAGES

NONE = Confirmation("none", None, None, None, None, False)
FORMATS = ("text", "md")
_AGREED = DEAL_STAGES.index("agreed")


def language(deal_language: str, customer_language: str) -> str:
    """The language a deal's memo is written in: the deal's own, else the customer's, else the company's."""
    return deal_language or customer_language or str(settings.value("memo.language"))


def zone_of(customer_zone: str, fallback: tzinfo) -> tzinfo:
    """The customer's time zone, else the company's, else `fallback` (the clock's)."""
    name = customer_zone or str(settings.value("company.time_zone") or "")
    return ZoneInfo(name) if name else fallback


def window_end(sent_at: datetime, days: int, zone: tzinfo) -> datetime:
    """The end of the `days`-th calendar day after `sent_at`, in `zone`: the first instant of the day after."""
    local_day = sent_at.astimezone(zone).date()
    return datetime.combine(local_day + timedelta(days=days + 1), time(0), tzinfo=zone)


# --- reading --------------------------------------------------------------------------------------------------


def _zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone.tzname(None) or "UTC")


def memo_data(deal_id: str, now: datetime, zone: tzinfo, version: int, anchor: tuple[int, str]) -> MemoData:
    """What the memo of `deal_id` says if written `now` as `version`, carrying the ledger head `anchor`."""
    deal = Deal.get_or_none(Deal.id == deal_id)
    if deal is None:
        raise NotFound(deal_id)
    customer = Customer.get_by_id(deal.customer_id)
    zone = zone_of(customer.time_zone, zone)
    contact = ContactPerson.get_or_none(ContactPerson.id == deal.agreed_contact_id) if deal.agreed_contact_id else None
    lines = (
        DealLine.select().where((DealLine.deal == deal_id) & (DealLine.status == "active")).order_by(DealLine.position)
    )
    days = deal.objection_days or int(settings.value("memo.objection_days"))
    return MemoData(
        deal_id=deal.id,
        version=version,
        written_on=now.astimezone(zone).date(),
        company_name=str(settings.value("company.name") or ""),
        company_address=str(settings.value("company.address") or ""),
        customer_name=customer.name,
        customer_company=customer.company,
        contact_name=contact.name if contact else "",
        title=deal.title,
        currency=deal.currency,
        lines=tuple(MemoLine(line.item, line.quantity_milli, line.unit, line.unit_price) for line in lines),
        agreed_at=deal.agreed_at.astimezone(zone) if deal.agreed_at else None,
        agreed_via=deal.agreed_via,
        delivery_date=deal.delivery_date,
        delivery_place=deal.delivery_place,
        payment_due_date=deal.payment_due_date,
        payment_terms=deal.payment_terms,
        warranty=deal.warranty,
        other_terms=deal.other_terms,
        objection_days=days,
        reply_by=window_end(now, days, zone).date() - timedelta(days=1),
        zone_name=_zone_name(zone),
        anchor_seq=anchor[0],
        anchor_hash=anchor[1],
    )


def deal_language(deal_id: str) -> str:
    row = database.execute_sql(
        "SELECT d.memo_language, c.language FROM deal d JOIN customer c ON c.id = d.customer_id WHERE d.id = ?",
        (deal_id,),
    ).fetchone()
    if row is None:
        raise NotFound(deal_id)
    return language(row[0], row[1])


def _checked_language(given: str | None, deal_id: str) -> str:
    chosen = given or deal_language(deal_id)
    if chosen not in ("en", "zh_CN"):
        raise ValidationError({"language": _("one of: {choices}").format(choices="en, zh_CN")})
    return chosen


def render(
    deal_id: str, now: datetime, language: str | None = None, fmt: str = "text", zone: tzinfo | None = None
) -> str:
    """The memo as it would be sent now: the stored bytes of the version in force if sending would re-send it,
    else the next version (the terms changed, or another language) with today's ledger head."""
    if fmt not in FORMATS:
        raise ValidationError({"format": _("one of: {choices}").format(choices=", ".join(FORMATS))})
    chosen = _checked_language(language, deal_id)
    state = _states([deal_id], now, zone)[deal_id]
    if state.version is not None and not state.stale:
        current = versions(deal_id)[-1]
        if current.version == state.version and current.language == chosen:
            return current.markdown if fmt == "md" else current.text  # sending now re-sends these very bytes
    version = (state.version or 0) + 1 if state.version is not None else 1
    if state.version is not None:
        last = database.execute_sql("SELECT MAX(version) FROM memo WHERE deal_id = ?", (deal_id,)).fetchone()[0]
        version = (last or 0) + 1
    data = memo_data(deal_id, now, zone or Clock().zone, version, ledger.head())
    return memo_text(data, chosen, fmt)


def memo_row(
    deal_id: str,
    now: datetime,
    zone: tzinfo,
    language: str,
    anchor: tuple[int, str],
    rep_id: str,
    version: int,
    memo_id: str | None = None,
) -> dict[str, Any]:
    """A new Memo row (stored values) for `deal_id`: both forms of the text and their SHA-256."""
    data = memo_data(deal_id, now, zone, version, anchor)
    text, markdown = memo_text(data, language, "text"), memo_text(data, language, "md")
    return Memo.stored(
        {
            "id": memo_id or uuid.uuid4().hex,
            "deal_id": deal_id,
            "version": version,
            "language": language,
            "text": text,
            "markdown": markdown,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "markdown_sha256": hashlib.sha256(markdown.encode("utf-8")).hexdigest(),
            "anchor_seq": anchor[0],
            "anchor_hash": anchor[1],
            "objection_days": data.objection_days,
            "rep_id": rep_id,
            "created_at": now,
        }
    )


def versions(deal_id: str) -> tuple[MemoView, ...]:
    rows = database.execute_sql(
        "SELECT m.id, m.deal_id, m.version, m.language, m.text, m.markdown, m.text_sha256, m.markdown_sha256, "
        "m.anchor_seq, m.anchor_hash, m.objection_days, m.created_at, COALESCE(r.login, '') FROM memo m "
        "LEFT JOIN rep r ON r.id = m.rep_id WHERE m.deal_id = ? ORDER BY m.version",
        (deal_id,),
    ).fetchall()
    names = ("id", "deal_id", "version", "language", "text", "markdown", "text_sha256", "markdown_sha256")
    return tuple(
        MemoView(
            **dict(zip(names, row[:8], strict=True)),
            anchor_seq=row[8],
            anchor_hash=row[9],
            objection_days=row[10],
            created_at=from_utc_text(row[11]),
            rep_login=row[12],
        )
        for row in rows
    )


# --- the confirmation state -----------------------------------------------------------------------------------


@dataclass
class _Facts:
    memos: dict[str, tuple[int, int, str]]  # memo id -> (version, objection days, hlc)
    in_force: str | None = None  # the memo id last sent
    first_sent: dict[str, datetime] | None = None
    reply: tuple[str, datetime] | None = None  # the newest reply to the memo in force: (kind, when)
    last_change: str = ""  # the hlc of the newest terms_changed event


def confirmation(deal_id: str, now: datetime, zone: tzinfo | None = None) -> Confirmation:
    return confirmations([deal_id], now, zone)[deal_id]


def confirmations(deal_ids: Sequence[str], now: datetime, zone: tzinfo | None = None) -> dict[str, Confirmation]:
    """The confirmation state of each deal, read with two queries whatever the number of deals. Windows are
    counted in each customer's zone, else the company's, else `zone` (default: this machine's)."""
    return _states(deal_ids, now, zone)


def _states(deal_ids: Sequence[str], now: datetime, zone: tzinfo | None = None) -> dict[str, Confirmation]:
    import json

    ids = json.dumps(list(deal_ids))
    facts: dict[str, _Facts] = {deal_id: _Facts({}) for deal_id in deal_ids}
    for memo_id, deal_id, version, days, hlc in database.execute_sql(
        "SELECT id, deal_id, version, objection_days, hlc FROM memo WHERE deal_id IN (SELECT value FROM json_each(?))",
        (ids,),
    ):
        facts[deal_id].memos[memo_id] = (version, days, hlc)
    zones: dict[str, str] = {}
    for deal_id, kind, memo_id, occurred, hlc, customer_zone in database.execute_sql(
        "SELECT e.deal_id, e.kind, e.memo_id, e.occurred_at, e.hlc, c.time_zone FROM deal_event e "
        "JOIN customer c ON c.id = e.customer_id WHERE e.deal_id IN (SELECT value FROM json_each(?)) "
        "AND e.kind IN ('memo_sent', 'acknowledged', 'objected', 'terms_changed') ORDER BY e.hlc",
        (ids,),
    ):
        fact = facts[deal_id]
        zones[deal_id] = customer_zone
        at = from_utc_text(occurred)
        if kind == "terms_changed":
            fact.last_change = hlc
        elif kind == "memo_sent":
            if memo_id != fact.in_force:
                fact.reply = None
            fact.in_force = memo_id
            fact.first_sent = fact.first_sent or {}
            fact.first_sent.setdefault(memo_id, at)
        elif memo_id == fact.in_force:
            fact.reply = (kind, at)
    # The company's zone is read once for the whole batch, and only if a deal has a memo sent (a deals list would
    # otherwise pay a settings query per deal); a deal with no memo sent has no window to count.
    company = zone_of("", zone or Clock().zone) if zones else UTC
    return {
        deal_id: _state(fact, now, ZoneInfo(zones[deal_id]) if zones.get(deal_id) else company)
        for deal_id, fact in facts.items()
    }


def _state(fact: _Facts, now: datetime, zone: tzinfo) -> Confirmation:
    if fact.in_force is None or fact.first_sent is None:
        return NONE
    version, days, memo_hlc = fact.memos[fact.in_force]
    sent = fact.first_sent[fact.in_force]
    ends = window_end(sent, days, zone)
    stale = fact.last_change > memo_hlc
    if fact.reply is not None:
        kind, at = fact.reply
        return Confirmation(kind, version, sent, ends, at, stale)
    return Confirmation("deemed" if now >= ends else "sent", version, sent, ends, None, stale)


# --- writing --------------------------------------------------------------------------------------------------


def _reply_values(raw: dict[str, Any], now: datetime, text_required: bool) -> dict[str, Any]:
    values, errors = clean(DEAL_EVENT, {"kind": "memo_sent", **raw}, now=now)
    if text_required and not values.get("text"):
        errors["text"] = _("say what the customer disputes")
    if errors:
        raise ValidationError(errors)
    return values


def send(context: Context, deal_id: str, raw: dict[str, Any], language: str | None = None) -> MemoView:
    """Record that the memo was sent (when, by which channel, to whom); a new version if none was sent yet or the
    terms changed since the one in force. The ledger head the memo carries is written to the anchors file."""
    now = context.clock.now()
    values = _reply_values({name: value for name, value in raw.items() if name != "text"}, now, False)
    deal = Deal.get_or_none(Deal.id == deal_id)
    if deal is None:
        raise NotFound(deal_id)
    if deal.stage == "lost" or DEAL_STAGES.index(deal.stage) < _AGREED or deal.agreed_at is None:
        raise ValidationError({"stage": _("a memo confirms an agreed deal: move the deal to agreed first")})
    chosen = _checked_language(language, deal_id)
    state = confirmation(deal_id, now, context.clock.zone)
    memo_id = None
    if state.version is not None and not state.stale:
        current = versions(deal_id)[-1]
        memo_id = current.id if current.version == state.version and current.language == chosen else None
    anchor: tuple[int, str] | None = None
    if memo_id is None:
        try:
            written = anchors.append(context.path, now)
            anchor = (written.seq, written.hash)
        except OSError:
            anchor = ledger.head()  # the memo itself still carries the head outside the file
    with context.write() as writer:
        if anchor is not None:
            last = database.execute_sql("SELECT MAX(version) FROM memo WHERE deal_id = ?", (deal_id,)).fetchone()[0]
            number = (last or 0) + 1
            row = memo_row(deal_id, now, context.clock.zone, chosen, anchor, context.rep_id, number)
            writer.put(Memo, row, "create")
            memo_id = row["id"]
        _put_event(writer, deal, "memo_sent", now, {**values, "memo_id": memo_id})
    return next(memo for memo in versions(deal_id) if memo.id == memo_id)


def acknowledge(context: Context, deal_id: str, raw: dict[str, Any]) -> Confirmation:
    """The customer confirmed the memo in force (when, how, their reply pasted in)."""
    return _reply(context, deal_id, raw, "acknowledged")


def object_to(context: Context, deal_id: str, raw: dict[str, Any]) -> Confirmation:
    """The customer disputes the memo in force (what they dispute is required)."""
    return _reply(context, deal_id, raw, "objected")


def _reply(context: Context, deal_id: str, raw: dict[str, Any], kind: str) -> Confirmation:
    now = context.clock.now()
    values = _reply_values(raw, now, kind == "objected")
    deal = Deal.get_or_none(Deal.id == deal_id)
    if deal is None:
        raise NotFound(deal_id)
    state = confirmation(deal_id, now, context.clock.zone)
    if state.version is None:
        raise ValidationError({"memo": _("no memo has been sent for this deal yet")})
    memo_id = next(memo.id for memo in versions(deal_id) if memo.version == state.version)
    with context.write() as writer:
        _put_event(writer, deal, kind, now, {**values, "memo_id": memo_id})
    return confirmation(deal_id, now, context.clock.zone)


def _put_event(writer: Any, deal: Deal, kind: str, now: datetime, values: dict[str, Any]) -> None:
    row = {
        "id": uuid.uuid4().hex,
        "deal_id": deal.id,
        "customer_id": deal.customer_id,
        "rep_id": writer.rep_id,
        "kind": kind,
        "from_stage": "",
        "to_stage": "",
        "memo_id": values.get("memo_id"),
        "occurred_at": values.get("occurred_at") or now,
        "channel": values.get("channel", ""),
        "counterpart": values.get("counterpart", ""),
        "text": values.get("text", ""),
        "created_at": now,
    }
    writer.put(DealEvent, DealEvent.stored(row), "create")
