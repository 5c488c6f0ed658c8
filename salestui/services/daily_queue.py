"""The daily queue: what a rep (or, for a manager, the team) has to do — overdue, today and the next 7 days.

Four sources feed it, each item saying which (services/queue_views.py):
- open follow-ups, at their queue time (a snoozed one at the time it was put off to);
- open promises in force of the rep's customers: ours to keep, and the customer's, to check they were kept;
- agreed deals' delivery dates and delivered deals' payment dates (whole days: due all that day);
- suggestions: customers past their contact cadence (the customer's own, else their tier's) counted from the last
  real contact (call, e-mail, meeting, visit, IM — never a note), with no open follow-up; logging a real contact
  or planning a follow-up takes the suggestion away.
Each group is ordered by due time, then priority (high first).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from salestui.clock import from_utc_text
from salestui.db.connection import database
from salestui.db.models import FollowUp
from salestui.db.queries import CONTACT_KINDS_SQL, FOLLOW_UP_ROW
from salestui.i18n import _
from salestui.services import cadence_defaults, recurrence, reps
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.queue_views import CADENCE, DEAL, FOLLOW_UP, PROMISE, DailyQueue, LastContact, QueueItem

HORIZON_DAYS = 7  # "upcoming": the days after today the queue looks ahead
_PRIORITY_RANK = {"high": 0, "normal": 1, "low": 2}
_PRIORITY_SQL = "CASE f.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END"


def queue(context: Context, logins: Iterable[str] | None = None, limit: int | None = 200) -> DailyQueue:
    """The queue of the reps `logins` (None: the current rep; empty: the whole team), at most `limit` per group.

    Another rep's queue, or the team's, is for a manager or admin only (ValidationError otherwise)."""
    rep_ids, shown_logins = _reps(context, logins)
    now = context.clock.now()
    local_now = context.clock.local(now)
    today = local_now.date()
    end_of_today = datetime.combine(today + timedelta(days=1), time(), tzinfo=local_now.tzinfo)
    horizon = end_of_today + timedelta(days=HORIZON_DAYS)
    items = [
        *_follow_ups(rep_ids, now, end_of_today, horizon, limit),
        *_promises(rep_ids, now, horizon, limit),
        *_deals(rep_ids, today, today + timedelta(days=HORIZON_DAYS + 1), context, limit),
    ]
    groups: dict[str, list[QueueItem]] = {"overdue": [], "today": [], "upcoming": []}
    for item in items:
        group = "overdue" if item.overdue else "today" if item.due < end_of_today else "upcoming"
        groups[group].append(item)
    ordered = {name: _first(sorted(found, key=_order), limit) for name, found in groups.items()}
    suggested = _cadence(rep_ids, now, limit)
    shown = [*ordered["overdue"], *ordered["today"], *ordered["upcoming"], *suggested]
    contacts = last_contacts({item.customer_id for item in shown})

    def told(found: list[QueueItem]) -> tuple[QueueItem, ...]:
        return tuple(_with_contact(item, contacts.get(item.customer_id)) for item in found)

    return DailyQueue(
        told(ordered["overdue"]), told(ordered["today"]), told(ordered["upcoming"]), told(suggested), shown_logins
    )


def reading_as(path: Path, login: str | None) -> Context:
    """A context that reads as `login` (default: the OS login); it signs nothing, so it needs no key."""
    from salestui.clock import Clock

    login = login or reps.os_login()
    row = database.execute_sql("SELECT id FROM rep WHERE login = ?", (login,)).fetchone()
    if row is None:
        raise ValidationError({"user": _("no such rep: {logins}").format(logins=login)})
    return Context(path=path, clock=Clock(), rep_id=row[0], rep_login=login)


def can_see_team(context: Context) -> bool:
    return reps.leads_team(context.rep_id)


def rep_logins() -> list[str]:
    """Every rep's login, in order: the team view's filter."""
    return [row[0] for row in database.execute_sql("SELECT login FROM rep ORDER BY login").fetchall()]


def _reps(context: Context, logins: Iterable[str] | None) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """(rep ids to read, None for all; logins shown) for `logins`; ValidationError naming an unknown login."""
    if logins is None:
        return (context.rep_id,), (context.rep_login,)
    wanted = tuple(dict.fromkeys(logins))
    if wanted != (context.rep_login,) and not can_see_team(context):
        raise ValidationError({"user": _("only a manager or admin may see another rep's queue or the team's")})
    if not wanted:
        return None, ()
    found = dict(
        database.execute_sql(
            f"SELECT login, id FROM rep WHERE login IN ({', '.join('?' * len(wanted))})", wanted
        ).fetchall()
    )
    unknown = [login for login in wanted if login not in found]
    if unknown:
        raise ValidationError({"user": _("no such rep: {logins}").format(logins=", ".join(unknown))})
    return tuple(found[login] for login in wanted), wanted


def _rep_filter(column: str, rep_ids: tuple[str, ...] | None) -> tuple[str, tuple[str, ...]]:
    if rep_ids is None:
        return "", ()
    return f" AND {column} IN ({', '.join('?' * len(rep_ids))})", rep_ids


def _first(found: list[QueueItem], limit: int | None) -> list[QueueItem]:
    return found if limit is None else found[:limit]


def _order(item: QueueItem) -> tuple[datetime, int, str]:
    return item.due, _PRIORITY_RANK.get(item.priority, 1), item.id


def _follow_ups(
    rep_ids: tuple[str, ...] | None, now: datetime, end_of_today: datetime, horizon: datetime, limit: int | None
) -> list[QueueItem]:
    """Open follow-ups due before `horizon`: each group read on its own, so `limit` bounds the work."""
    stamp = _stamp
    of_reps, params = _rep_filter("f.rep_id", rep_ids)
    tail = (
        f"WHERE f.status = 'open' AND c.merged_into_id IS NULL{of_reps} AND f.queue_at >= ? AND f.queue_at < ? "
        f"ORDER BY f.queue_at, {_PRIORITY_SQL}, f.id" + ("" if limit is None else f" LIMIT {int(limit)}")
    )
    found: list[QueueItem] = []
    for start, end in (("", stamp(now)), (stamp(now), stamp(end_of_today)), (stamp(end_of_today), stamp(horizon))):
        for view in FOLLOW_UP_ROW.views(FollowUpView, tail, (*params, start, end)):
            view = _user_rule(view)
            found.append(
                QueueItem(
                    FOLLOW_UP,
                    view.id,
                    view.customer_id,
                    view.customer_name,
                    view.kind,
                    view.title,
                    view.queue_at,
                    view.priority,
                    view.rep_login,
                    view.queue_at < now,
                    None,
                    view,
                )
            )
    return found


def _stamp(moment: datetime) -> str:
    """A time as the database stores it (UTC text that sorts)."""
    return str(FollowUp.queue_at.db_value(moment))


def _user_rule(view: FollowUpView) -> FollowUpView:
    return replace(view, rrule=recurrence.rule_text(view.rrule)) if view.rrule else view


# Open promise versions in force: amended by no other version, with no outcome recorded.
_OPEN_PROMISES = (
    "SELECT p.id, p.customer_id, c.name, p.side, p.kind, p.what, p.due_at, COALESCE(r.login, '') "
    "FROM promise p JOIN customer c ON c.id = p.customer_id LEFT JOIN rep r ON r.id = c.owner_id "
    "WHERE c.merged_into_id IS NULL AND p.due_at < ?{of_reps} "
    "AND NOT EXISTS (SELECT 1 FROM promise a WHERE a.customer_id = p.customer_id AND a.amends_id = p.id) "
    "AND NOT EXISTS (SELECT 1 FROM promise_outcome o WHERE o.promise_id = p.id) "
    "ORDER BY p.due_at, p.id{limit}"
)


def _promises(rep_ids: tuple[str, ...] | None, now: datetime, horizon: datetime, limit: int | None) -> list[QueueItem]:
    of_reps, params = _rep_filter("c.owner_id", rep_ids)
    sql = _OPEN_PROMISES.format(of_reps=of_reps, limit="" if limit is None else f" LIMIT {3 * int(limit)}")
    found = []
    for promise_id, customer_id, name, side, _kind, what, due_text, login in database.execute_sql(
        sql, (_stamp(horizon), *params)
    ).fetchall():
        due = from_utc_text(due_text)
        priority = "high" if side == "us" else "normal"
        found.append(
            QueueItem(PROMISE, promise_id, customer_id, name, side, what, due, priority, login, due < now, None)
        )
    return found


def _deals(
    rep_ids: tuple[str, ...] | None, today: date, horizon: date, context: Context, limit: int | None
) -> list[QueueItem]:
    """Agreed deals to deliver and delivered deals to be paid, on days before `horizon`."""
    of_reps, params = _rep_filter("d.rep_id", rep_ids)
    sql = (
        "SELECT d.id, d.customer_id, c.name, d.title, r.login, d.stage, "
        "CASE d.stage WHEN 'agreed' THEN d.delivery_date ELSE d.payment_due_date END AS day "
        "FROM deal d JOIN customer c ON c.id = d.customer_id JOIN rep r ON r.id = d.rep_id "
        f"WHERE c.merged_into_id IS NULL{of_reps} AND ((d.stage = 'agreed' AND d.delivery_date != '') OR "
        "(d.stage = 'delivered' AND d.payment_due_date != '')) AND day < ? ORDER BY day, d.id"
        + ("" if limit is None else f" LIMIT {3 * int(limit)}")
    )
    zone = context.clock.local(context.clock.now()).tzinfo
    found = []
    for deal_id, customer_id, name, title, login, stage, day_text in database.execute_sql(
        sql, (*params, horizon.isoformat())
    ).fetchall():
        day = date.fromisoformat(day_text)
        due = datetime.combine(day, time(), tzinfo=zone)
        kind = "delivery" if stage == "agreed" else "payment"
        found.append(QueueItem(DEAL, deal_id, customer_id, name, kind, title, due, "high", login, day < today, None))
    return found


def _cadence(rep_ids: tuple[str, ...] | None, now: datetime, limit: int | None) -> list[QueueItem]:
    """Customers past their cadence with nothing planned, longest past first."""
    of_reps, params = _rep_filter("c.owner_id", rep_ids)
    cadence = cadence_defaults.days_sql()
    since = "COALESCE(c.last_contact_at, c.created_at)"
    due = f"strftime('%Y-%m-%dT%H:%M:%f', {since}, '+' || {cadence} || ' days') || '000Z'"
    sql = (
        f"SELECT c.id, c.name, COALESCE(r.login, ''), {cadence}, {due} AS due, {since} FROM customer c "
        "LEFT JOIN rep r ON r.id = c.owner_id "
        f"WHERE c.owner_id IS NOT NULL AND c.status != 'lost' AND c.merged_into_id IS NULL{of_reps} AND due < ? "
        "AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.customer_id = c.id AND f.status = 'open') "
        "ORDER BY due, c.id" + ("" if limit is None else f" LIMIT {int(limit)}")
    )
    found = []
    for customer_id, name, login, days, due_text, since_text in database.execute_sql(
        sql, (*params, _stamp(now))
    ).fetchall():
        quiet = (now - from_utc_text(since_text)).days
        title = _("no contact for {quiet} d (cadence: every {days} d)").format(quiet=quiet, days=days)
        found.append(
            QueueItem(
                CADENCE, customer_id, customer_id, name, "", title, from_utc_text(due_text), "normal", login, True, None
            )
        )
    return found


def last_contacts(customer_ids: Iterable[str]) -> dict[str, LastContact]:
    """Each customer's newest real contact in force (customers never contacted are left out)."""
    ids = sorted(customer_ids)
    found: dict[str, LastContact] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows: list[Any] = database.execute_sql(
            "SELECT i.customer_id, i.kind, i.occurred_at, i.summary FROM customer c JOIN interaction i "
            "ON i.customer_id = c.id AND i.occurred_at = c.last_contact_at "
            f"WHERE c.id IN ({', '.join('?' * len(chunk))}) AND i.kind IN {CONTACT_KINDS_SQL} "
            "AND NOT EXISTS (SELECT 1 FROM interaction a WHERE a.customer_id = i.customer_id AND a.amends_id = i.id) "
            "ORDER BY i.id",
            chunk,
        ).fetchall()
        for customer_id, kind, at, summary in rows:
            found[customer_id] = LastContact(kind, from_utc_text(at), summary)
    return found


def _with_contact(item: QueueItem, contact: LastContact | None) -> QueueItem:
    return replace(item, last_contact=contact) if contact is not None else item
