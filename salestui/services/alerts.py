"""Early warnings for the current rep (first cut: overdue follow-ups and contact gaps)."""

from __future__ import annotations

from salestui.db.models import Customer
from salestui.db.queries import CONTACT_DUE
from salestui.i18n import _
from salestui.services import cadence_defaults, followups
from salestui.services.app_views import AlertView, FollowUpQueue
from salestui.services.context import Context


def alerts(context: Context, queue: FollowUpQueue | None = None, limit: int = 200) -> list[AlertView]:
    """Overdue follow-ups (oldest first), then the longest contact gaps, `limit` of each; `queue` if already read."""
    now = context.clock.now()
    if queue is None:
        queue = followups.queue(context, limit=limit)
    found: list[AlertView] = []
    for item in queue.overdue[:limit]:
        days = (now - item.queue_at).days
        found.append(
            AlertView(
                kind="overdue_follow_up",
                severity="high" if days >= 7 else "medium",
                customer_id=item.customer_id,
                customer_name=item.customer_name,
                reason=_("follow-up \u201c{title}\u201d overdue by {days} d").format(title=item.title, days=days),
                since=item.queue_at,
                follow_up=item,
            )
        )
    stamp = Customer.last_contact_at.db_value
    gap_days = cadence_defaults.tier_days()  # by tier, as the config file sets them; cadence_days overrides
    tail = (
        "WHERE c.owner_id = ? AND c.status != 'lost' AND c.merged_into_id IS NULL AND "
        "COALESCE(c.last_contact_at, c.created_at) < "
        f"strftime('%Y-%m-%dT%H:%M:%f', ?, '-' || {cadence_defaults.days_sql()} || ' days') || '000Z' "
        "ORDER BY COALESCE(c.last_contact_at, c.created_at) LIMIT ?"
    )
    params = (context.rep_id, stamp(now), limit)
    for due in CONTACT_DUE.dicts(tail, params):
        since, tier = due["since"], due["tier"]
        days = (now - since).days
        limit_days = due["cadence_days"] or gap_days[tier]
        if due["never"]:
            reason = _("never contacted; added {days} d ago (limit {limit} d)")
        else:
            reason = _("no contact for {days} d (limit {limit} d for {tier})")
        found.append(
            AlertView(
                kind="no_contact",
                severity="high" if days >= 2 * limit_days else "medium",
                customer_id=due["id"],
                customer_name=due["name"],
                reason=reason.format(days=days, limit=limit_days, tier=_(tier)),
                since=since,
            )
        )
    return found
