"""Reading deals: a deal in full, deals lists with totals and confirmation states, a deal's events; and the
event rows and change texts the deals service writes."""

from __future__ import annotations

import uuid
from datetime import datetime, tzinfo
from typing import Any

from salestui.clock import from_utc_text
from salestui.db.connection import database
from salestui.db.deal_models import Deal, Memo
from salestui.db.queries import DEAL_EVENT_ROW, DEAL_LINE_ROW, DEAL_ROW
from salestui.i18n import _
from salestui.services import memos, settings
from salestui.services.deal_money import deal_total
from salestui.services.deal_views import DealDetail, DealEventView, DealLineView, DealRow
from salestui.services.errors import NotFound, ValidationError
from salestui.services.spec import Choice, When
from salestui.services.specs import DEAL


def has_memo(deal_id: str) -> bool:
    return Memo.select().where(Memo.deal == deal_id).exists()


def event_row(deal: dict[str, Any], kind: str, now: datetime, rep_id: str, **values: Any) -> dict[str, Any]:
    """A DealEvent row for `deal` (a stored row) happening now."""
    return {
        "id": uuid.uuid4().hex,
        "deal_id": deal["id"],
        "customer_id": deal["customer_id"],
        "rep_id": rep_id,
        "kind": kind,
        "from_stage": values.get("from_stage", ""),
        "to_stage": values.get("to_stage", ""),
        "memo_id": values.get("memo_id"),
        "occurred_at": values.get("occurred_at", now),
        "channel": values.get("channel", ""),
        "counterpart": values.get("counterpart", ""),
        "text": values.get("text", ""),
        "created_at": now,
    }


def describe_changes(old: dict[str, Any], changed: dict[str, Any], zone: tzinfo) -> str:
    """'Delivery date: 2026-12-01 → 2026-12-05', one line per changed term, from stored values told as a user
    reads them: a choice by its label, a time in `zone` with its offset, the contact person by name."""
    lines = []
    for name, value in changed.items():
        if name in DEAL.fields:
            label = _(DEAL[name].label)
            lines.append(f"{label}: {_shown(name, old[name], zone)} → {_shown(name, value, zone)}")
    return "\n".join(lines)


def _shown(name: str, value: Any, zone: tzinfo) -> str:
    if value in (None, ""):
        return "—"
    field_spec = DEAL[name]
    if isinstance(field_spec, Choice):
        return _(field_spec.values.get(value, str(value)))
    if isinstance(field_spec, When):
        return from_utc_text(str(value)).astimezone(zone).isoformat(sep=" ", timespec="minutes")
    if name == "agreed_contact_id":
        return _contact_name(str(value)) or str(value)
    return str(value)


def detail(deal_id: str, now: datetime, zone: tzinfo | None = None) -> DealDetail:
    found = DEAL_ROW.dicts("WHERE d.id = ?", (deal_id,))
    if not found:
        raise NotFound(deal_id)
    row = found[0]
    deal = Deal.get_by_id(deal_id)
    lines = tuple(
        DEAL_LINE_ROW.views(DealLineView, "WHERE l.deal_id = ? AND l.status = 'active' ORDER BY l.position", (deal_id,))
    )
    default_days = settings.value("memo.objection_days")
    return DealDetail(
        id=deal.id,
        customer_id=deal.customer_id,
        customer_name=row["customer_name"],
        rep_login=_rep_login(row["rep_id"]),
        title=deal.title,
        currency=deal.currency,
        stage=deal.stage,
        lost_reason=deal.lost_reason,
        agreed_at=deal.agreed_at,
        agreed_via=deal.agreed_via,
        agreed_contact_id=deal.agreed_contact_id,
        agreed_contact_name=_contact_name(deal.agreed_contact_id),
        interaction_id=deal.interaction_id,
        delivery_date=deal.delivery_date,
        delivery_place=deal.delivery_place,
        payment_due_date=deal.payment_due_date,
        payment_terms=deal.payment_terms,
        warranty=deal.warranty,
        other_terms=deal.other_terms,
        objection_days=deal.objection_days or int(default_days),
        objection_days_set=deal.objection_days,
        memo_language=memos.deal_language(deal_id),
        lines=lines,
        total=deal_total((line.quantity_milli, line.unit_price) for line in lines),
        confirmation=memos.confirmation(deal_id, now, zone),
        memos=memos.versions(deal_id),
        events=events(deal_id),
        created_at=deal.created_at,
        updated_at=deal.updated_at,
        memo_language_set=deal.memo_language,
    )


def listing(
    now: datetime, customer_id: str | None, stage: str | None, limit: int, zone: tzinfo | None = None
) -> list[DealRow]:
    where, params = [], []
    if customer_id is not None:
        where.append("d.customer_id = ?")
        params.append(customer_id)
    if stage is not None:
        where.append("d.stage = ?")
        params.append(stage)
    tail = ("WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.created_at DESC, d.id DESC LIMIT ?"
    rows = DEAL_ROW.dicts(tail, (*params, limit))
    states = memos.confirmations([row["id"] for row in rows], now, zone)
    listed = []
    for row in rows:
        confirmation = states[row["id"]]
        listed.append(
            DealRow(
                id=row["id"],
                customer_id=row["customer_id"],
                customer_name=row["customer_name"],
                title=row["title"],
                stage=row["stage"],
                currency=row["currency"],
                total=row["total"],
                agreed_at=row["agreed_at"],
                confirmation=confirmation.state,
                memo_version=confirmation.version,
                updated_at=row["updated_at"],
            )
        )
    return listed


def events(deal_id: str) -> tuple[DealEventView, ...]:
    return tuple(DEAL_EVENT_ROW.views(DealEventView, "WHERE e.deal_id = ? ORDER BY e.occurred_at, e.hlc", (deal_id,)))


def own_memo_language(deal_id: str) -> str:
    """The memo language the deal itself sets ('' when it follows its customer's)."""
    row = database.execute_sql("SELECT memo_language FROM deal WHERE id = ?", (deal_id,)).fetchone()
    return str(row[0]) if row else ""


def _rep_login(rep_id: str) -> str:
    row = database.execute_sql("SELECT login FROM rep WHERE id = ?", (rep_id,)).fetchone()
    return str(row[0]) if row else ""


def _contact_name(contact_id: str | None) -> str:
    if not contact_id:
        return ""
    row = database.execute_sql("SELECT name FROM contact_person WHERE id = ?", (contact_id,)).fetchone()
    return str(row[0]) if row else ""


class NoSuchDeal(ValidationError):
    """No deal has that id or id prefix (a command that shows one exits 1 for it, not 2)."""


def resolve(reference: str) -> str:
    """A deal's id from its id or an unambiguous prefix of at least 6 characters; NoSuchDeal if no deal's id starts
    so, ValidationError if what was given cannot be an id prefix or starts several."""
    from salestui.services.customer_lookup import ID_PREFIX_MIN

    text = reference.strip().casefold()
    if Deal.select().where(Deal.id == text).exists():
        return text
    if len(text) < ID_PREFIX_MIN or not all(char in "0123456789abcdef" for char in text):
        raise ValidationError(
            {
                "deal": _("no deal {ref!r} (give its id or its first {count}+ characters)").format(
                    ref=reference, count=ID_PREFIX_MIN
                )
            }
        )
    found = [
        row[0]
        for row in database.execute_sql("SELECT id FROM deal WHERE id >= ? AND id < ? LIMIT 2", (text, text + "g"))
    ]
    if not found:
        raise NoSuchDeal({"deal": _("no deal {ref!r}").format(ref=reference)})
    if len(found) > 1:
        raise ValidationError(
            {"deal": _("{ref!r} starts more than one deal's id: give more of it").format(ref=reference)}
        )
    return str(found[0])
