"""Deals agreed without a contract: lines, terms and stage, every change ledgered and told as a deal event.

Stages only move forward (lead → quoted → agreed → delivered → paid → closed), or to lost with a reason; going
back is an explicit, ledgered reopen. A deal's lines are never deleted: a removed line keeps its row, marked
removed. Once a deal is agreed, every change of a term or a line is also written as a "terms_changed" event,
which is what makes its memo stale (services/memos.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from salestui.db.deal_models import Deal, DealEvent, DealLine
from salestui.db.models import ContactPerson, Interaction
from salestui.i18n import _
from salestui.services import customer_lookup, deal_records
from salestui.services.context import Context
from salestui.services.deal_lines import clean_lines, line_changes
from salestui.services.deal_records import event_row, has_memo
from salestui.services.deal_views import DealDetail, DealEventView, DealRow
from salestui.services.errors import NotFound, ValidationError
from salestui.services.ledger import LedgerWriter
from salestui.services.spec import clean
from salestui.services.specs import DEAL, DEAL_STAGES

AGREED = DEAL_STAGES.index("agreed")
# What update_terms changes: every deal field but the stage (moved by move, reopen) and the currency of priced lines.
TERM_FIELDS = tuple(name for name in DEAL if name not in ("stage", "lost_reason"))


def create(context: Context, customer_id: str, raw: dict[str, Any], lines: Sequence[dict[str, Any]] = ()) -> DealDetail:
    """A new deal for a customer, owned by the current rep, with its lines; at lead unless `stage` says otherwise."""
    now = context.clock.now()
    values, errors = clean(DEAL, raw, now=now)
    stage = values.get("stage", "lead")
    if stage == "lost":
        errors["stage"] = _("a new deal cannot start lost")
    line_values, line_errors = clean_lines(lines, values.get("currency", "CNY"), {})
    errors.update(line_errors)
    if stage in DEAL_STAGES and DEAL_STAGES.index(stage) >= AGREED:
        _agreement(values, values, errors, now)
    _check_links(customer_id, values, errors)
    if errors:
        raise ValidationError(errors)
    deal_id = uuid.uuid4().hex
    with context.write() as writer:
        customer_id = customer_lookup.live_id(customer_id)  # NotFound if none; a merged-away one's survivor
        row = {**values, "id": deal_id, "customer_id": customer_id, "rep_id": context.rep_id}
        row.update(created_at=now, updated_at=now)
        writer.put(Deal, Deal.stored(row), "create")
        for position, line in enumerate(line_values, start=1):
            _put_line(writer, deal_id, position, line, now, "create")
        _event(writer, row, "created", now, to_stage="lead")
        if stage != "lead":
            _event(writer, row, "stage", now, from_stage="lead", to_stage=stage)
    return get(deal_id, now, context.clock.zone)


def update_terms(context: Context, deal_id: str, raw: dict[str, Any]) -> DealDetail:
    """Change some of a deal's terms; after agreement each change is also a "terms_changed" event."""
    now = context.clock.now()
    current = _deal(deal_id)
    errors: dict[str, str] = {
        name: _("change the stage with a stage move") for name in raw if name in ("stage", "lost_reason")
    }
    given = {name: value for name, value in raw.items() if name not in errors}
    values, problems = clean(DEAL, {"currency": current["currency"], **given}, partial=True, now=now)
    errors.update(problems)
    if values.get("currency", current["currency"]) != current["currency"] and _has_lines(deal_id):
        errors["currency"] = _("the lines are priced in {currency}: remove them before changing the currency").format(
            currency=current["currency"]
        )
    values = {name: value for name, value in values.items() if name in given}
    _keep_agreement(current, values, errors)
    _check_links(current["customer_id"], values, errors)
    if errors:
        raise ValidationError(errors)
    stored = Deal.stored(values)
    changed = {name: value for name, value in stored.items() if current[name] != value}
    if not changed:
        return get(deal_id, now, context.clock.zone)
    with context.write() as writer:
        row = {**_deal(deal_id), **changed, "updated_at": Deal.stored({"updated_at": now})["updated_at"]}
        writer.put(Deal, row, "update")
        if _is_agreed(current):
            text = deal_records.describe_changes(current, changed, context.clock.zone)
            _event(writer, row, "terms_changed", now, text=text)
    return get(deal_id, now, context.clock.zone)


def save_lines(context: Context, deal_id: str, lines: Sequence[dict[str, Any]]) -> DealDetail:
    """Set the deal's lines to `lines`, in order: with "id" an existing line, without one a new line; an active
    line left out is marked removed. One transaction; errors are keyed "lines.N.field" (N from 1)."""
    now = context.clock.now()
    current = _deal(deal_id)
    existing = {line.id: line.stored_row() for line in DealLine.select().where(DealLine.deal == deal_id)}
    line_values, errors = clean_lines(lines, current["currency"], existing)
    if errors:
        raise ValidationError(errors)
    kept = {line["id"] for line in line_values if line.get("id")}
    with context.write() as writer:
        changes: list[str] = []
        for position, line in enumerate(line_values, start=1):
            old = existing.get(line.get("id") or "")
            if old is None:
                _put_line(writer, deal_id, position, line, now, "create")
                changes.append(line_changes(None, line, current["currency"]))
                continue
            new = {**old, **DealLine.stored({**line, "position": position, "status": "active"})}
            if any(new[column] != old[column] for column in new):
                new["updated_at"] = DealLine.stored({"updated_at": now})["updated_at"]
                writer.put(DealLine, new, "update")
                changes.append(line_changes(old, new, current["currency"]))
        for line_id, old in existing.items():
            if line_id not in kept and old["status"] == "active":
                removed = {**old, "status": "removed", **DealLine.stored({"updated_at": now})}
                writer.put(DealLine, removed, "update")
                changes.append(line_changes(old, None, current["currency"]))
        changes = [change for change in changes if change]
        if changes:
            row = {**current, **Deal.stored({"updated_at": now})}
            writer.put(Deal, row, "update")
            if _is_agreed(current):
                _event(writer, row, "terms_changed", now, text="\n".join(changes))
    return get(deal_id, now, context.clock.zone)


def move(
    context: Context, deal_id: str, to_stage: str, note: str = "", terms: dict[str, Any] | None = None
) -> DealDetail:
    """Move a deal forward (stages may be skipped) or to lost (`note` the reason). Moving to agreed or beyond sets
    agreed_at (now unless given) and needs agreed_via; `terms` (agreed_via, agreed_at, agreed_contact_id…) may be
    given in the same move."""
    now = context.clock.now()
    current = _deal(deal_id)
    stage = current["stage"]
    given = terms or {}
    errors: dict[str, str] = {
        name: _("the stage move itself says this") for name in given if name in ("stage", "lost_reason")
    }
    given = {name: value for name, value in given.items() if name not in errors}
    values, problems = clean(DEAL, {"currency": current["currency"], **given}, partial=True, now=now)
    values = {name: value for name, value in values.items() if name in given}
    errors.update(problems)
    _keep_agreement(current, values, errors)
    note = note.strip()
    if to_stage == "lost":
        if stage in ("lost", "closed"):
            errors["stage"] = _("a {stage} deal cannot be lost").format(stage=_stage_word(stage))
        if not note:
            errors["lost_reason"] = _("say why the deal was lost")
    elif to_stage not in DEAL_STAGES:
        errors["stage"] = _("one of: {choices}").format(choices=", ".join((*DEAL_STAGES, "lost")))
    elif stage == "lost" or DEAL_STAGES.index(to_stage) <= DEAL_STAGES.index(stage):
        errors["stage"] = _("a deal only moves forward: from {stage} reopen it first").format(stage=_stage_word(stage))
    elif DEAL_STAGES.index(to_stage) >= AGREED and current["agreed_at"] is None:
        _agreement(values, {**current, **values}, errors, now)
    _check_links(current["customer_id"], values, errors)
    if errors:
        raise ValidationError(errors)
    changes = {**Deal.stored(values), "stage": to_stage, "updated_at": Deal.stored({"updated_at": now})["updated_at"]}
    if to_stage == "lost":
        changes["lost_reason"] = note
    with context.write() as writer:
        row = {**_deal(deal_id), **changes}
        writer.put(Deal, row, "update")
        _event(writer, row, "stage", now, from_stage=stage, to_stage=to_stage, text=note)
    return get(deal_id, now, context.clock.zone)


def reopen(context: Context, deal_id: str, to_stage: str, reason: str) -> DealDetail:
    """Take a deal back to an earlier stage (a lost deal to any stage), with the reason; ledgered like any move."""
    now = context.clock.now()
    current = _deal(deal_id)
    stage = current["stage"]
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["text"] = _("say why the deal is reopened")
    if to_stage not in DEAL_STAGES:
        errors["stage"] = _("one of: {choices}").format(choices=", ".join(DEAL_STAGES))
    elif stage != "lost" and DEAL_STAGES.index(to_stage) >= DEAL_STAGES.index(stage):
        errors["stage"] = _("reopening goes back to an earlier stage than {stage}").format(stage=_stage_word(stage))
    elif DEAL_STAGES.index(to_stage) >= AGREED and current["agreed_at"] is None:
        errors["stage"] = _("the deal was never agreed: reopen it at an earlier stage, then move it on")
    if errors:
        raise ValidationError(errors)
    changes = {"stage": to_stage, "lost_reason": "", **Deal.stored({"updated_at": now})}
    with context.write() as writer:
        row = {**_deal(deal_id), **changes}
        writer.put(Deal, row, "update")
        _event(writer, row, "reopened", now, from_stage=stage, to_stage=to_stage, text=reason.strip())
    return get(deal_id, now, context.clock.zone)


def get(deal_id: str, now: datetime, zone: tzinfo | None = None) -> DealDetail:
    """The deal in full; objection windows are counted in the customer's zone, else the company's, else `zone`
    (the user's clock: pass the one its memos are written with; default this machine's)."""
    return deal_records.detail(deal_id, now, zone)


def listing(
    now: datetime,
    customer_id: str | None = None,
    stage: str | None = None,
    limit: int = 500,
    zone: tzinfo | None = None,
) -> list[DealRow]:
    """Deals newest first, with their totals and confirmation state; one customer's or everyone's."""
    return deal_records.listing(now, customer_id, stage, limit, zone)


def events(deal_id: str) -> tuple[DealEventView, ...]:
    return deal_records.events(deal_id)


# --- inside the service --------------------------------------------------------------------------------------


def _deal(deal_id: str) -> dict[str, Any]:
    found = Deal.get_or_none(Deal.id == deal_id)
    if found is None:
        raise NotFound(deal_id)
    return found.stored_row()


def _has_lines(deal_id: str) -> bool:
    return DealLine.select().where((DealLine.deal == deal_id) & (DealLine.status == "active")).exists()


def _is_agreed(row: dict[str, Any]) -> bool:
    """Whether a change of the deal's terms is told as a "terms_changed" event: once it is agreed (or has a memo)."""
    reached = row["stage"] in DEAL_STAGES and DEAL_STAGES.index(row["stage"]) >= AGREED
    return reached or row["agreed_at"] is not None or has_memo(row["id"])


def _keep_agreement(current: dict[str, Any], values: dict[str, Any], errors: dict[str, str]) -> None:
    """An agreed deal keeps when and how it was agreed: either may be corrected, neither cleared (the stage rules
    and the memo rest on them)."""
    if current["agreed_at"] is not None and "agreed_at" in values and values["agreed_at"] is None:
        errors["agreed_at"] = _("an agreed deal keeps when it was agreed: correct it, do not clear it")
    if _is_agreed(current) and current["agreed_via"] and values.get("agreed_via", current["agreed_via"]) == "":
        errors["agreed_via"] = _("an agreed deal keeps how it was agreed: correct it, do not clear it")


def _stage_word(stage: str) -> str:
    return _(DEAL.choice("stage").values.get(stage, stage))


def _agreement(values: dict[str, Any], merged: dict[str, Any], errors: dict[str, str], now: datetime) -> None:
    """An agreed deal says how it was agreed; its agreed_at is now unless given."""
    if not merged.get("agreed_via"):
        errors["agreed_via"] = _("say how the deal was agreed (phone, visit, meeting, IM, e-mail, other)")
    if not merged.get("agreed_at"):
        values["agreed_at"] = now


def _check_links(customer_id: str, values: dict[str, Any], errors: dict[str, str]) -> None:
    """The contact person who agreed and the interaction the deal came out of belong to the deal's customer."""
    contact = values.get("agreed_contact_id")
    if (
        contact
        and not ContactPerson.select()
        .where((ContactPerson.id == contact) & (ContactPerson.customer == customer_id))
        .exists()
    ):
        errors["agreed_contact_id"] = _("no contact person {id!r} at this customer").format(id=contact)
    interaction = values.get("interaction_id")
    if (
        interaction
        and not Interaction.select()
        .where((Interaction.id == interaction) & (Interaction.customer == customer_id))
        .exists()
    ):
        errors["interaction_id"] = _("no interaction {id!r} with this customer").format(id=interaction)


def _put_line(writer: LedgerWriter, deal_id: str, position: int, line: dict[str, Any], now: datetime, op: str) -> None:
    row = {
        **{name: value for name, value in line.items() if name != "id"},
        "id": uuid.uuid4().hex,
        "deal_id": deal_id,
        "position": position,
        "status": "active",
        "created_at": now,
        "updated_at": now,
    }
    writer.put(DealLine, DealLine.stored(row), op)


def _event(writer: LedgerWriter, deal: dict[str, Any], kind: str, now: datetime, **values: Any) -> None:
    row = event_row(deal, kind, now, writer.rep_id, **values)
    writer.put(DealEvent, DealEvent.stored(row), "create")


NoSuchDeal = deal_records.NoSuchDeal


def resolve(reference: str) -> str:
    """A deal's id from its id or an unambiguous prefix (6+ characters); a ValidationError naming `deal` otherwise
    (NoSuchDeal when no deal's id starts so)."""
    return deal_records.resolve(reference)
