"""Translated labels for the coded choices the forms offer; the stored values stay English codes."""

from __future__ import annotations

from salestui.i18n import _

REPEAT_RULES = {"none": "", "daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY", "monthly": "FREQ=MONTHLY"}
SNOOZE_PRESETS = {"hour": "+1h", "tomorrow": "tomorrow 09:00", "three_days": "+3d", "week": "+1w"}
CUSTOM = "custom"


def customer_kinds() -> list[tuple[str, str]]:
    return [(_("Person"), "person"), (_("Company"), "company")]


def tiers() -> list[tuple[str, str]]:
    return [(_("VIP"), "vip"), (_("Regular"), "regular"), (_("Potential"), "potential")]


def statuses() -> list[tuple[str, str]]:
    return [(_("Lead"), "lead"), (_("Active"), "active"), (_("Dormant"), "dormant"), (_("Lost"), "lost")]


def interaction_kinds() -> list[tuple[str, str]]:
    return [
        (_("Call"), "call"),
        (_("E-mail"), "email"),
        (_("Meeting"), "meeting"),
        (_("Visit"), "visit"),
        (_("Instant message"), "im"),
        (_("Note"), "note"),
        (_("Complaint"), "complaint"),
        (_("Feedback"), "feedback"),
    ]


def directions() -> list[tuple[str, str]]:
    return [
        (_("Outgoing (we contacted them)"), "out"),
        (_("Incoming (they contacted us)"), "in"),
        (_("No direction"), "none"),
    ]


def priorities() -> list[tuple[str, str]]:
    return [(_("High"), "high"), (_("Normal"), "normal"), (_("Low"), "low")]


def repeats() -> list[tuple[str, str]]:
    return [
        (_("Does not repeat"), "none"),
        (_("Every day"), "daily"),
        (_("Every week"), "weekly"),
        (_("Every month"), "monthly"),
    ]


def snooze_presets() -> list[tuple[str, str]]:
    return [
        (_("1 hour"), "hour"),
        (_("Tomorrow 09:00"), "tomorrow"),
        (_("In 3 days"), "three_days"),
        (_("Next week"), "week"),
        (_("Custom time (type below)"), CUSTOM),
    ]
