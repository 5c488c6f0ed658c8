"""The follow-up defaults the config file's [follow-ups] section may change: how many days without a real contact
each tier of customer waits before it is due a call (a customer's own cadence_days overrides), and the times of day
"tomorrow morning" and "this evening" snooze to.

The built-in values are below; `config.load` puts the file's in force with `use`, and every reader asks
`tier_days()` or `snooze_times()` when it needs them, so the config file is the one place they change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from types import MappingProxyType

# Days without a real contact before a customer is due one, by tier.
TIER_DAYS: Mapping[str, int] = MappingProxyType({"vip": 14, "regular": 30, "potential": 45})
# The time of day each snooze preset means, in the rep's own zone.
SNOOZE_TIMES: Mapping[str, time] = MappingProxyType({"morning": time(9, 0), "evening": time(19, 0)})

_tier_days: dict[str, int] = dict(TIER_DAYS)
_snooze_times: dict[str, time] = dict(SNOOZE_TIMES)


def tier_days() -> dict[str, int]:
    """Days without a real contact before a customer of each tier is due one (vip, regular, potential)."""
    return dict(_tier_days)


def snooze_times() -> dict[str, time]:
    """The local time of day of "tomorrow morning" ('morning') and "this evening" ('evening')."""
    return dict(_snooze_times)


def use(tiers: Mapping[str, int] | None = None, snooze: Mapping[str, time] | None = None) -> None:
    """Put checked values in force; a tier or time not given keeps its built-in value."""
    _tier_days.clear()
    _tier_days.update({**TIER_DAYS, **(tiers or {})})
    _snooze_times.clear()
    _snooze_times.update({**SNOOZE_TIMES, **(snooze or {})})


def reset() -> None:
    """The built-in values again."""
    use()


def days_sql() -> str:
    """SQL for the cadence in days of the customer `c` now: its own cadence_days, else its tier's."""
    tiers = tier_days()
    cases = " ".join(f"WHEN '{tier}' THEN {int(days)}" for tier, days in tiers.items())
    return f"COALESCE(c.cadence_days, CASE c.tier {cases} ELSE {max(tiers.values())} END)"
