"""Choices the forms offer that are not record fields (repeat rules, snooze presets); a record's own choices
come from its field spec (salestui/services/specs.py)."""

from __future__ import annotations

from salestui.i18n import _

REPEAT_RULES = {"none": "", "daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY", "monthly": "FREQ=MONTHLY"}
SNOOZE_PRESETS = {"hour": "+1h", "tomorrow": "tomorrow 09:00", "three_days": "+3d", "week": "+1w"}
CUSTOM = "custom"


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
