"""What quick capture knows between key presses: how the line was read, which fields the user set, whom they chose.

Plain Python over the service's `Understood`, so the rules (a field the user set is theirs; an unclear time is
asked about, never guessed) are kept in one place and the screen only shows them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from salestui.i18n import _
from salestui.services import date_phrases
from salestui.services.quick_capture import Understood

FIXABLE = ("kind", "when", "title")  # the fields tab reaches, which the user may set instead of the line


def typed_when(text: str, now: datetime, zone: tzinfo) -> date_phrases.When:
    """What the When field's text means, read as a date phrase; UnclearDate asks about anything unclear."""
    if not text.strip():
        raise date_phrases.UnclearDate(_("say when, e.g. tomorrow 3pm or 明天下午3点"))
    return date_phrases.parse(text, now, zone)


@dataclass
class CaptureState:
    understood: Understood | None = None  # the reading of the line as it is now
    fixed: set[str] = field(default_factory=set)  # fields the user set, which the line no longer fills
    filled: dict[str, str] = field(default_factory=dict)  # what the line last put in each field it fills
    picked: str | None = None  # the chosen customer's id

    def read(self, understood: Understood | None) -> dict[str, str]:
        """Take a new reading of the line; the values for the fields the user has not set."""
        self.understood = understood
        if understood is None:
            return {}
        ids = [row.id for row in understood.customers]
        if self.picked not in ids:
            self.picked = ids[0] if len(ids) == 1 else None
        values = {
            "kind": understood.kind,
            "when": understood.when.phrase.strip() if understood.when else "",
            "title": understood.title,
        }
        fill = {name: value for name, value in values.items() if name not in self.fixed}
        self.filled.update(fill)
        return fill

    def edited(self, name: str, text: str) -> None:
        """Field `name` now holds `text`; unless that is what the line put there, the user set it."""
        if text != self.filled.get(name):
            self.fixed.add(name)

    def moment(self, texts: Mapping[str, str], now: datetime, zone: tzinfo) -> tuple[datetime, bool] | None:
        """When the follow-up falls due and whether a time of day was given; None while that is not known."""
        if "when" in self.fixed:
            try:
                when = typed_when(texts["when"], now, zone)
            except date_phrases.UnclearDate:
                return None
            return when.at, when.has_time
        if self.understood is not None and self.understood.when is not None:
            return self.understood.when.at, self.understood.when.has_time
        return None

    def problems(self, texts: Mapping[str, str], now: datetime, zone: tzinfo) -> dict[str, str]:
        """What must be fixed before saving, by field: the line's problems less those of the fields the user
        set, plus what is wrong with those ({} before the line is read)."""
        if self.understood is None:
            return {}
        found = {name: text for name, text in self.understood.problems.items() if name not in self.fixed}
        if self.picked is not None:
            found.pop("customer", None)
        elif "customer" not in found:
            found["customer"] = _("pick a customer")
        if "when" in self.fixed:
            try:
                typed_when(texts["when"], now, zone)
            except date_phrases.UnclearDate as unclear:
                found["when"] = unclear.message
        if "title" in self.fixed and not texts["title"].strip():
            found["title"] = _("say what to do")
        return found

    def changes(self, texts: Mapping[str, str], now: datetime, zone: tzinfo) -> dict[str, Any]:
        """The user's fixes, as quick_capture.save takes them (call once `problems` is empty)."""
        found: dict[str, Any] = {}
        if "kind" in self.fixed:
            found["kind"] = texts["kind"]
        if "title" in self.fixed:
            found["title"] = texts["title"].strip()
        if "when" in self.fixed:
            found["due_at"] = typed_when(texts["when"], now, zone).at
        return found
