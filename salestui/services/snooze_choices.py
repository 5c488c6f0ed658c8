"""What a follow-up can be snoozed until: 1 hour, this evening, tomorrow morning, next week, or a phrase.

Each choice is data (a code, its label, the local time it means at a given moment) so the form lists them and the
tests check them at a fixed clock. Times are the rep's local wall-clock time (`context.clock.zone`):
- this evening is 19:00 today, or 19:00 tomorrow once it is 19:00 or later;
- tomorrow morning is 09:00 tomorrow; next week is Monday 09:00 of next week (a Monday gives the Monday after);
  (19:00 and 09:00 are the defaults: the config file's [follow-ups.snooze] evening and morning change them);
- a custom phrase is read by `date_phrases.parse` ("friday 3pm", "明天下午3点"), whose UnclearDate asks back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil import tz

from salestui.i18n import N_, _
from salestui.services import cadence_defaults
from salestui.services.errors import ValidationError

OTHER = "other"
DEFAULT = "morning"  # what enter picks when the list opens


def _at(day: date, clock: time, zone: tzinfo) -> datetime:
    """`clock` on `day` in `zone` (a time in a DST gap moves forward by the gap)."""
    return tz.resolve_imaginary(datetime.combine(day, clock, tzinfo=zone))


def _in_an_hour(local_now: datetime, zone: tzinfo) -> datetime:
    return local_now + timedelta(hours=1)


def _time_of(part: str) -> time:
    """The time of day 'morning' or 'evening' means now (services/cadence_defaults.py, the config file)."""
    return cadence_defaults.snooze_times()[part]


def _this_evening(local_now: datetime, zone: tzinfo) -> datetime:
    evening = _time_of("evening")
    day = local_now.date() if local_now.time() < evening else local_now.date() + timedelta(days=1)
    return _at(day, evening, zone)


def _tomorrow_morning(local_now: datetime, zone: tzinfo) -> datetime:
    return _at(local_now.date() + timedelta(days=1), _time_of("morning"), zone)


def _next_week(local_now: datetime, zone: tzinfo) -> datetime:
    monday = local_now.date() + timedelta(days=7 - local_now.weekday())
    return _at(monday, _time_of("morning"), zone)


@dataclass(frozen=True)
class SnoozeChoice:
    code: str
    label: str  # untranslated
    moment: Callable[[datetime, tzinfo], datetime] | None  # from local now; None: the user types a phrase


CHOICES = (
    SnoozeChoice("hour", N_("1 hour"), _in_an_hour),
    SnoozeChoice("evening", N_("This evening"), _this_evening),  # the form shows the time each one means
    SnoozeChoice("morning", N_("Tomorrow morning"), _tomorrow_morning),
    SnoozeChoice("next_week", N_("Next week (Monday morning)"), _next_week),
    SnoozeChoice(OTHER, N_("Other…"), None),
)
BY_CODE = {choice.code: choice for choice in CHOICES}


def until(code: str, now: datetime, zone: tzinfo, phrase: str = "") -> datetime:
    """When choice `code` snoozes to, from `now` in `zone` (aware, in `zone`). For OTHER, `phrase` read by
    date_phrases.parse: UnclearDate (a ValidationError whose message asks) if it is unclear."""
    choice = BY_CODE.get(code)
    if choice is None:
        raise ValidationError({"choice": _("one of: {choices}").format(choices=", ".join(BY_CODE))})
    if choice.moment is not None:
        return choice.moment(now.astimezone(zone), zone)
    from salestui.services import date_phrases  # its word tables load only when a phrase is typed

    return date_phrases.parse(phrase, now, zone).at
