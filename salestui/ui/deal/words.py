"""Words for deals: stages, channels, the confirmation state and what happened to a deal, as people read them."""

from __future__ import annotations

from datetime import datetime, timedelta

from salestui.i18n import _
from salestui.services.deal_views import CONFIRMATION_LABELS, Confirmation
from salestui.services.spec import format_money
from salestui.services.specs import DEAL, DEAL_EVENT
from salestui.text import one_line

__all__ = ["channel_phrase", "channel_word", "confirmation_text", "format_money", "stage_word"]


def stage_word(stage: str) -> str:
    """'Agreed', '已达成' (the spec's label for the code)."""
    label = DEAL.choice("stage").values.get(stage)
    return _(label) if label else one_line(stage)


def channel_word(channel: str) -> str:
    """'Phone', 'WeChat / IM'; '' when none was given."""
    if not channel:
        return ""
    label = DEAL_EVENT.choice("channel").values.get(channel)
    return _(label) if label else one_line(channel)


def channel_phrase(channel: str) -> str:
    """How something was done, to follow a verb: 'by phone', 'at a meeting'; '' when no channel was given."""
    phrases = {
        "phone": _("by phone"),
        "visit": _("at a visit"),
        "meeting": _("at a meeting"),
        "im": _("by WeChat / IM"),
        "email": _("by e-mail"),
        "other": _("by other means"),
    }
    return phrases.get(channel, one_line(channel))


def _day(moment: datetime) -> str:
    """The calendar day of `moment` in its own zone (the customer's)."""
    return moment.date().isoformat()


def confirmation_text(confirmation: Confirmation) -> str:
    """The written confirmation in words: 'memo v2 sent 2026-11-20, deemed confirmed 2026-11-23',
    'memo v1 acknowledged 2026-11-21', 'v1 in force, terms changed since: send v2', 'no memo sent yet'.
    Days are the customer's (the window is counted in their time zone)."""
    c = confirmation
    if c.version is None or c.sent_at is None:
        return _("no memo sent yet")
    sent = _day(c.sent_at if c.window_ends_at is None else c.sent_at.astimezone(c.window_ends_at.tzinfo))
    last_day = _day(c.window_ends_at - timedelta(microseconds=1)) if c.window_ends_at is not None else ""
    answered = _day(c.answered_at.astimezone(c.window_ends_at.tzinfo)) if c.answered_at and c.window_ends_at else ""
    if c.state == "acknowledged":
        text = _("memo v{version} sent {sent}, acknowledged {day}").format(version=c.version, sent=sent, day=answered)
    elif c.state == "objected":
        text = _("memo v{version} sent {sent}, objected to {day}").format(version=c.version, sent=sent, day=answered)
    elif c.state == "deemed":
        text = _("memo v{version} sent {sent}, deemed confirmed {day}").format(
            version=c.version, sent=sent, day=last_day
        )
    else:
        text = _("memo v{version} sent {sent}, objections until {day}").format(
            version=c.version, sent=sent, day=last_day
        )
    if c.stale:
        text += " · " + _("v{version} in force, terms changed since: send v{next}").format(
            version=c.version, next=c.version + 1
        )
    return text


def confirmation_word(state: str) -> str:
    """The state alone, for a list column: 'sent, waiting', 'acknowledged', 'deemed confirmed', 'objected', '—'."""
    if state == "none":
        return "—"
    label = CONFIRMATION_LABELS.get(state)
    return _(label) if label else one_line(state)
