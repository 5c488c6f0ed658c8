"""Choices the forms offer that are not record fields (repeat rules; the snooze choices are in
services/snooze_choices.py); a record's own choices come from its field spec (salestui/services/specs.py)."""

from __future__ import annotations

from salestui.i18n import _

REPEAT_RULES = {"none": "", "daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY", "monthly": "FREQ=MONTHLY"}


def repeats() -> list[tuple[str, str]]:
    return [
        (_("Does not repeat"), "none"),
        (_("Every day"), "daily"),
        (_("Every week"), "weekly"),
        (_("Every month"), "monthly"),
    ]
