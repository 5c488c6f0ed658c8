"""Promises on both sides (ours and the customer's) and what became of them: kept, broken or cancelled.

Promise and PromiseOutcome rows are append-only. A correction is a new promise whose amends_id names the version it
corrects; the newest version of a chain is the one in force, and only it may be amended. An amended promise is one
promise: it is listed and counted once, as its newest version (side, kind, what and due from there).

Outcomes belong to the chain, not to one version: the newest outcome recorded on any version (by ledger order,
`hlc`) is the promise's status, so correcting the wording of a kept promise leaves it kept. Marking it again
(broken after kept, say) appends another outcome, which then wins; the earlier ones stay. A cancelled promise
needs a note saying why and counts neither as kept nor as broken.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from salestui.db.connection import database
from salestui.db.deal_models import Deal, Promise, PromiseOutcome
from salestui.db.models import Interaction
from salestui.db.promise_queries import OUTCOME_ROW, PROMISE_ROW
from salestui.i18n import _
from salestui.services import amendments, id_prefix
from salestui.services.context import Context
from salestui.services.deal_views import PromiseRecord, PromiseTally, PromiseView
from salestui.services.errors import NotFound, ValidationError
from salestui.services.spec import clean
from salestui.services.specs import PROMISE, PROMISE_OUTCOME

SIDES = PROMISE.choice("side").codes
KINDS = PROMISE.choice("kind").codes
NEXT_OPEN = 3  # open promises a profile lists


def add(context: Context, customer_id: str, raw: dict[str, Any]) -> PromiseView:
    """Record a promise made by us or by the customer; a deal or interaction it names must be that customer's."""
    row = amendments.first_version(context, PROMISE, customer_id, raw)
    with context.write() as writer:
        amendments.require_customer(customer_id)
        _check_links(customer_id, row)
        writer.put(Promise, Promise.stored(row), "create")
    return get(row["id"], context.clock.now())


def amend(context: Context, promise_id: str, raw: dict[str, Any]) -> PromiseView:
    """Correct a promise with a new version that amends it (the fields in `raw` change, the rest carry over);
    the original stays, and its outcomes still count for the chain."""
    now = context.clock.now()
    with context.write() as writer:
        original = Promise.select().where(Promise.id == promise_id).dicts().first()
        if original is None:
            raise NotFound(promise_id)
        customer_id = original["customer"]
        in_force = _in_force_id(customer_id, promise_id)
        if in_force != promise_id:
            amendments.refuse_superseded("promise", in_force)
        values = amendments.corrected(PROMISE, original, raw, now, "promise")
        _check_links(customer_id, values)
        row = amendments.new_version(context, values, customer_id, promise_id, now)
        writer.put(Promise, Promise.stored(row), "create")
    return get(row["id"], now)


def settle(context: Context, promise_id: str, raw: dict[str, Any]) -> PromiseView:
    """Mark a promise kept, broken or cancelled (cancelled needs a note); recorded on the version in force, and
    the newest outcome wins."""
    now = context.clock.now()
    values, errors = clean(PROMISE_OUTCOME, raw, now=now)
    if values.get("status") == "cancelled" and not values.get("note"):
        errors.setdefault("note", _("say why it was cancelled"))
    if errors:
        raise ValidationError(errors)
    with context.write() as writer:
        promise = Promise.select(Promise.customer).where(Promise.id == promise_id).dicts().first()
        if promise is None:
            raise NotFound(promise_id)
        in_force = _in_force_id(promise["customer"], promise_id)
        row = {
            **values,
            "id": uuid.uuid4().hex,
            "promise_id": in_force,
            "rep_id": context.rep_id,
            "created_at": now,
        }
        writer.put(PromiseOutcome, PromiseOutcome.stored(row), "create")
    return get(in_force, now)


def _check_links(customer_id: str, values: dict[str, Any]) -> None:
    """ValidationError unless the deal and interaction a promise names exist and are this customer's."""
    errors = {}
    deal_id = values.get("deal_id")
    if deal_id is not None and not Deal.select().where(Deal.id == deal_id, Deal.customer == customer_id).exists():
        errors["deal_id"] = _("no deal {id} with this customer").format(id=deal_id)
    interaction_id = values.get("interaction_id")
    if (
        interaction_id is not None
        and not Interaction.select()
        .where(Interaction.id == interaction_id, Interaction.customer == customer_id)
        .exists()
    ):
        errors["interaction_id"] = _("no interaction {id} with this customer").format(id=interaction_id)
    if errors:
        raise ValidationError(errors)


# Reading ----------------------------------------------------------------------------------------------------


def resolve(reference: str) -> str:
    """A promise's id from its id or an unambiguous prefix of 6+ hex digits (NotFound, or ValidationError if
    several match)."""
    return id_prefix.resolve("promise", reference, "promise")


def get(promise_id: str, now: datetime | None = None) -> PromiseView:
    """The promise chain `promise_id` belongs to (any of its versions), as its version in force."""
    found = PROMISE_ROW.dicts("WHERE p.id = ?", (promise_id,))
    if not found:
        raise NotFound(promise_id)
    rows, outcomes = _read(found[0]["customer_id"])
    chains = _chains(rows)
    return _view(chains[_root(_parents(rows), promise_id)], outcomes, now)


def for_customer(customer_id: str, open_only: bool = False, now: datetime | None = None) -> tuple[PromiseView, ...]:
    """The customer's promises in force: open ones first by due time, then the settled ones, latest due first."""
    return _ordered(_in_force(customer_id, now), open_only)


def listing(
    customer_id: str | None = None, open_only: bool = False, now: datetime | None = None
) -> tuple[PromiseView, ...]:
    """Every customer's promises in force (or one customer's), ordered as `for_customer`, with `overdue` as of
    `now` and the customer's name: what `salestui promises` prints."""
    return _ordered(_in_force(customer_id, now), open_only)


def tally(customer_id: str) -> tuple[PromiseTally, ...]:
    """The customer's record per side and kind (in the spec's order): kept, broken and open; cancelled promises
    are not counted, and a side and kind with nothing to count is left out."""
    return _tally(_in_force(customer_id, None))


def record(customer_id: str, now: datetime, limit: int = NEXT_OPEN) -> PromiseRecord:
    """What the profile shows: the tallies and the `limit` open promises due soonest."""
    views = _in_force(customer_id, now)
    open_ones = _ordered(views, open_only=True)
    return PromiseRecord(_tally(views), open_ones[:limit], len(open_ones))


def deal_choices(customer_id: str, limit: int = 50) -> tuple[tuple[str, str], ...]:
    """(id, title) of the customer's newest deals, for a promise form's deal field."""
    rows = database.execute_sql(
        "SELECT id, title FROM deal WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        (customer_id, limit),
    )
    return tuple((row[0], row[1]) for row in rows)


def _tally(views: Iterable[PromiseView]) -> tuple[PromiseTally, ...]:
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for view in views:
        if view.status in ("kept", "broken", "open"):
            line = counts.setdefault((view.side, view.kind), {"kept": 0, "broken": 0, "open": 0})
            line[view.status] += 1

    def order(key: tuple[str, str]) -> tuple[int, int]:
        side, kind = key
        return (SIDES.index(side) if side in SIDES else len(SIDES), KINDS.index(kind) if kind in KINDS else len(KINDS))

    return tuple(PromiseTally(side, kind, **counts[(side, kind)]) for side, kind in sorted(counts, key=order))


def _ordered(views: list[PromiseView], open_only: bool) -> tuple[PromiseView, ...]:
    open_ones = sorted((view for view in views if view.status == "open"), key=lambda view: (view.due_at, view.id))
    if open_only:
        return tuple(open_ones)
    settled = sorted(
        (view for view in views if view.status != "open"), key=lambda view: (view.due_at, view.id), reverse=True
    )
    return (*open_ones, *settled)


Row = dict[str, Any]


def _read(customer_id: str | None) -> tuple[list[Row], dict[str, Row]]:
    """The promise versions (of one customer, or of all) and each version's last outcome, by version id."""
    where, params = ("WHERE p.customer_id = ?", (customer_id,)) if customer_id is not None else ("", ())
    outcomes = {outcome["promise_id"]: outcome for outcome in OUTCOME_ROW.dicts(where + " ORDER BY o.hlc", params)}
    return PROMISE_ROW.dicts(where, params), outcomes


def _parents(rows: list[Row]) -> dict[str, str | None]:
    return {row["id"]: row["amends_id"] for row in rows}


def _root(parents: dict[str, str | None], promise_id: str) -> str:
    """The first version of the chain `promise_id` belongs to (a loop could only be planted from outside)."""
    root, seen = promise_id, {promise_id}
    while True:
        parent = parents.get(root)
        if parent is None or parent not in parents or parent in seen:
            return root
        root = parent
        seen.add(root)


def _chains(rows: list[Row]) -> dict[str, list[Row]]:
    """Each chain's versions in ledger order, by the id of its first version."""
    parents = _parents(rows)
    chains: dict[str, list[Row]] = {}
    for row in sorted(rows, key=lambda row: row["hlc"]):
        chains.setdefault(_root(parents, row["id"]), []).append(row)
    return chains


def _in_force_id(customer_id: str, promise_id: str) -> str:
    """The newest version of the chain `promise_id` belongs to."""
    rows = PROMISE_ROW.dicts("WHERE p.customer_id = ?", (customer_id,))
    chain = _chains(rows).get(_root(_parents(rows), promise_id))
    return chain[-1]["id"] if chain else promise_id


def _in_force(customer_id: str | None, now: datetime | None) -> list[PromiseView]:
    """One view per chain (of one customer, or of all)."""
    rows, outcomes = _read(customer_id)
    return [_view(versions, outcomes, now) for versions in _chains(rows).values()]


def _view(versions: list[Row], outcomes: dict[str, Row], now: datetime | None) -> PromiseView:
    """A chain as its newest version, with the newest outcome recorded on any of its versions."""
    settled = [outcomes[row["id"]] for row in versions if row["id"] in outcomes]
    newest = max(settled, key=lambda outcome: outcome["hlc"]) if settled else None
    head = versions[-1]
    status = newest["status"] if newest is not None else "open"
    return PromiseView(
        id=head["id"],
        customer_id=head["customer_id"],
        side=head["side"],
        kind=head["kind"],
        what=head["what"],
        due_at=head["due_at"],
        deal_id=head["deal_id"],
        interaction_id=head["interaction_id"],
        amends_id=head["amends_id"],
        status=status,
        outcome_note=newest["note"] if newest is not None else "",
        outcome_at=newest["occurred_at"] if newest is not None else None,
        rep_login=head["rep_login"],
        created_at=head["created_at"],
        customer_name=head["customer_name"],
        overdue=status == "open" and now is not None and head["due_at"] < now,
    )
