"""The config file's [follow-ups] and [memos] sections: the defaults a rep may set for themself.

    [follow-ups.cadence]      # days without a real contact before a customer is due one, by tier
    vip = 14
    regular = 30
    potential = 45

    [follow-ups.snooze]       # what "tomorrow morning" and "this evening" mean
    morning = "09:00"
    evening = "19:00"

    [memos]
    objection_days = 3        # the objection window where the company has not set one (`salestui settings`)

Each problem is reported with the path of the value it is about, so the config file can name its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import time
from typing import Any

from salestui.i18n import _
from salestui.services import cadence_defaults, settings
from salestui.services.spec import Integer
from salestui.services.specs import SETTING

Path = tuple[str | int, ...]
Problem = tuple[Path, str]
Apply = Callable[[], None]

CADENCE_DAYS = (1, 365)
FOLLOW_UP_SETTINGS = ("cadence", "snooze")
MEMO_SETTINGS = ("objection_days",)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)


def _unknown(settings_found: Mapping[str, Any], known: tuple[str, ...], path: Path) -> list[Problem]:
    return [
        ((*path, name), _("unknown setting (use {settings})").format(settings=", ".join(known)))
        for name in settings_found
        if name not in known
    ]


def _days(value: Any) -> int | None:
    """A whole number of days in CADENCE_DAYS (a TOML integer, not a text or a boolean), else None."""
    low, high = CADENCE_DAYS
    return value if type(value) is int and low <= value <= high else None


def _clock_time(value: Any) -> time | None:
    """'09:00' or '9:30' as a time of day, else None."""
    found = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if found is None or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        return None
    return time(int(found.group(1)), int(found.group(2)))


def follow_ups(section: Any, root: str = "follow-ups") -> tuple[Apply, list[Problem]]:
    """What puts the [follow-ups] section in force, and what is wrong with it."""
    if not isinstance(section, Mapping):
        return (lambda: None), [((root,), _("must be a table with cadence and/or snooze"))]
    problems = _unknown(section, FOLLOW_UP_SETTINGS, (root,))
    tiers: dict[str, int] = {}
    cadence = section.get("cadence", {})
    if not isinstance(cadence, Mapping):
        problems.append(((root, "cadence"), _("must be a table of days by tier, e.g. vip = 14")))
        cadence = {}
    for tier, value in cadence.items():
        if tier not in cadence_defaults.TIER_DAYS:
            names = ", ".join(cadence_defaults.TIER_DAYS)
            problems.append(((root, "cadence", tier), _("no such tier (tiers: {tiers})").format(tiers=names)))
        elif (days := _days(value)) is None:
            message = _("a whole number of days from {minimum} to {maximum}").format(
                minimum=CADENCE_DAYS[0], maximum=CADENCE_DAYS[1]
            )
            problems.append(((root, "cadence", tier), message))
        else:
            tiers[tier] = days
    times: dict[str, time] = {}
    snooze = section.get("snooze", {})
    if not isinstance(snooze, Mapping):
        problems.append(((root, "snooze"), _('must be a table of times, e.g. morning = "09:00"')))
        snooze = {}
    for name, value in snooze.items():
        if name not in cadence_defaults.SNOOZE_TIMES:
            names = ", ".join(cadence_defaults.SNOOZE_TIMES)
            problems.append(((root, "snooze", name), _("unknown setting (use {settings})").format(settings=names)))
        elif (at := _clock_time(value)) is None:
            problems.append(((root, "snooze", name), _('a time of day as HH:MM, from "00:00" to "23:59"')))
        else:
            times[name] = at
    return (lambda: cadence_defaults.use(tiers, times)), problems


def memos(section: Any, root: str = "memos") -> tuple[Apply, list[Problem]]:
    """What puts the [memos] section in force, and what is wrong with it."""
    if not isinstance(section, Mapping):
        return (lambda: None), [((root,), _("must be a table, e.g. objection_days = 3"))]
    problems = _unknown(section, MEMO_SETTINGS, (root,))
    defaults: dict[str, int] = {}
    if "objection_days" in section:
        value = section["objection_days"]
        spec = SETTING["memo.objection_days"]
        assert isinstance(spec, Integer)
        if type(value) is int and spec.minimum <= value <= spec.maximum:
            defaults["memo.objection_days"] = value
        else:
            message = _("a whole number of days from {minimum} to {maximum}").format(
                minimum=spec.minimum, maximum=spec.maximum
            )
            problems.append(((root, "objection_days"), message))
    return (lambda: settings.use_defaults(defaults)), problems
