"""How often each tier of customer should hear from us: the contact cadence a customer without its own
(`customer.cadence_days`) is held to. The config file's [follow-ups] section may change the days per tier."""

from __future__ import annotations

from collections.abc import Mapping

# Days without a real contact (services/daily_queue.py) before a customer is due one, by tier.
DEFAULT_TIER_DAYS = {"vip": 14, "regular": 30, "potential": 45}

_in_force: dict[str, int] = dict(DEFAULT_TIER_DAYS)


def tier_days() -> dict[str, int]:
    """The cadence in days for each tier, as in force now."""
    return dict(_in_force)


def use(days: Mapping[str, int]) -> None:
    """Put a cadence per tier in force (tiers not named keep the default)."""
    _in_force.clear()
    _in_force.update({**DEFAULT_TIER_DAYS, **days})


def reset() -> None:
    use({})
