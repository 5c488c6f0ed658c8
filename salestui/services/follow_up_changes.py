"""Changing an open follow-up: done with its outcome on the timeline, reschedule, reassign, edit, edit the series.

Each is one ledgered write, checked before the transaction. Only the follow-up's owner, a manager or an admin may
change it (followups.open_row). A reassigned follow-up's row names its new owner, but the event is the current
rep's (LedgerWriter.put signs as the writer), so the new owner's key is not needed; their queue reads it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from salestui.db.models import FollowUp, Rep
from salestui.i18n import _
from salestui.services import followups, recurrence, reps, templates, timeline
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.spec import clean
from salestui.services.specs import FOLLOW_UP
from salestui.services.views import InteractionView

NEXT_PREFIX = "next."  # the planned next follow-up's errors are named 'next.title', 'next.due_at'
NOTE = "note"  # what a follow-up without a kind becomes on the timeline
EDITABLE = ("title", "kind", "due_at", "priority", "rrule")


@dataclass(frozen=True)
class Completed:
    """What marking a follow-up done wrote: the contact on the timeline and the next follow-up, if any (the
    series' next occurrence, or the one planned with it)."""

    interaction: InteractionView
    next: FollowUpView | None


def interaction_kind(follow_up_kind: str) -> str:
    """The kind of interaction a follow-up of this kind is logged as (a call is a call; no kind is a note)."""
    return follow_up_kind or NOTE


def complete(
    context: Context,
    follow_up_id: str,
    outcome: str,
    fields: dict[str, Any] | None = None,
    next_follow_up: dict[str, Any] | None = None,
) -> Completed:
    """Mark a follow-up done and log its outcome as an interaction through its kind's template (`fields`: the
    template's own fields), with `next_follow_up` (title, kind, due_at…) planned in the same transaction; a
    recurring one's next occurrence comes from its series instead. All of it lands, or nothing does.

    The outcome is the interaction's summary (its first line; the whole text, if longer, is its details).
    ValidationError names each bad field: 'outcome', a template field's key, 'next.title'…"""
    current = followups.get(follow_up_id)  # NotFound
    followups.open_row(context, follow_up_id)  # done already, or not yours: refused before anything is checked
    now = context.clock.now()
    values, errors = clean(FOLLOW_UP, {"outcome": outcome}, partial=True)
    text = values.get("outcome", "")
    if "outcome" not in errors and not text:
        errors["outcome"] = _("required")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    raw: dict[str, Any] = {
        **(fields or {}),
        "kind": interaction_kind(current.kind),
        "summary": lines[0] if lines else "",
        "occurred_at": now,
    }
    if len(lines) > 1:
        raw["body"] = text
    contact, own, contact_errors = templates.validate(raw, now)
    for name, message in contact_errors.items():
        errors.setdefault("outcome" if name in ("summary", "body") else name, message)
    planned: dict[str, Any] | None = None
    if next_follow_up is not None:
        if current.rrule:
            errors[f"{NEXT_PREFIX}due_at"] = _("a recurring follow-up schedules its next occurrence itself")
        else:
            try:
                planned = followups.checked(context, {"kind": current.kind, **next_follow_up})
            except ValidationError as error:
                errors.update({f"{NEXT_PREFIX}{name}": message for name, message in error.errors.items()})
    if errors:
        raise ValidationError(errors)
    with context.write() as writer:
        interaction_id = timeline.put_new(context, writer, current.customer_id, contact, own)
        next_id = followups.mark_done(context, writer, follow_up_id, text)
        if planned is not None:
            next_id = str(followups.put_new(context, writer, current.customer_id, planned)["id"])
    return Completed(timeline.get(interaction_id), followups.get(next_id) if next_id else None)


def reschedule(context: Context, follow_up_id: str, due_at: datetime) -> FollowUpView:
    """Move a follow-up to a new due time; a snooze ends (the queue sorts it by the new time)."""
    return edit(context, follow_up_id, {"due_at": due_at})


def edit_series(context: Context, follow_up_id: str, rule: str) -> FollowUpView:
    """Give an open follow-up a new recurrence rule ('' ends the series with this one); the series starts again
    from its due time, so the next occurrences follow the new rule."""
    return edit(context, follow_up_id, {"rrule": rule})


def edit(context: Context, follow_up_id: str, raw: dict[str, Any]) -> FollowUpView:
    """Change an open follow-up's title, kind, due time, priority or repeat rule (the fields `raw` holds).

    A new due time ends a snooze. A changed rule starts the series again from the due time; a rescheduled
    occurrence of an unchanged series keeps the series' own dates for the ones after it."""
    unknown = [name for name in raw if name not in EDITABLE]
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, _("not a field you can change here")))
    current = followups.get(follow_up_id)  # NotFound
    followups.open_row(context, follow_up_id)
    values, errors = clean(FOLLOW_UP, raw, partial=True)
    due = values.get("due_at", current.due_at)
    rule = values.get("rrule", current.rrule)
    if "rrule" in values and "due_at" not in errors and "rrule" not in errors and rule:
        problem = recurrence.problem(rule, due, context.clock.zone)
        if problem:
            errors["rrule"] = problem
    if errors:
        raise ValidationError(errors)
    with context.write() as writer:
        row = followups.open_row(context, follow_up_id)
        changes = {name: value for name, value in values.items() if name != "rrule"}
        if "due_at" in values:
            changes.update(queue_at=due, snoozed_until=None)
        if "rrule" in values and rule != recurrence.rule_text(row["rrule"]):
            changes["rrule"] = recurrence.stored_rule(rule, due, context.clock.zone)
        stored = FollowUp.stored(changes)
        if any(row.get(column) != value for column, value in stored.items()):
            row.update(stored)
            row.update(FollowUp.stored({"updated_at": context.clock.now()}))
            writer.put(FollowUp, row, "update")
    return followups.get(follow_up_id)


def reassign(context: Context, follow_up_id: str, login: str) -> FollowUpView:
    """Give an open follow-up to the rep `login`: ledgered as the current rep's act, in the new owner's queue at
    once. ValidationError naming 'login' for an unknown rep or the present owner, 'rep' if it is not yours."""
    current = followups.get(follow_up_id)  # NotFound
    followups.open_row(context, follow_up_id)
    target = Rep.get_or_none(Rep.login == login.strip())
    if target is None:
        problem = reps.UnknownRep(login.strip(), [view.login for view in reps.all_reps()])
        raise ValidationError({"login": str(problem)})
    if current.rep_login == target.login:
        raise ValidationError({"login": _("this follow-up is already {login}'s").format(login=target.login)})
    with context.write() as writer:
        row = followups.open_row(context, follow_up_id)
        row.update(FollowUp.stored({"rep_id": target.id, "updated_at": context.clock.now()}))
        writer.put(FollowUp, row, "update")
    return followups.get(follow_up_id)


def rep_choices(context: Context) -> list[tuple[str, str]]:
    """Whom a follow-up can be reassigned to: (login — name, login) of every rep, the current one first."""
    every = reps.all_reps()
    every.sort(key=lambda rep: (rep.id != context.rep_id, rep.login))
    named = [(rep, rep.name and rep.name != rep.login) for rep in every]
    return [(f"{rep.login} — {rep.name}" if has_name else rep.login, rep.login) for rep, has_name in named]
