"""The company's own settings (its name and address on memos, the memo rules): one ledgered record per key.

The keys, what each accepts and its default are `specs.SETTING`; a value is stored as canonical JSON. Each key's
record id is derived from the key, so two replicas that set the same key write the same record. A value set in the
database wins; where none is set, the rep's config file may give the default ([memos] objection_days, put in force
with `use_defaults`), and else the spec's default holds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from salestui.db.models import Rep, Setting
from salestui.db.queries import SETTING_ROW
from salestui.i18n import _
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.spec import clean
from salestui.services.specs import SETTING, SETTING_ROLES

_config_defaults: dict[str, Any] = {}  # key -> default from the config file (checked against the spec there)


@dataclass(frozen=True)
class SettingView:
    """One setting as listed: its value (the default when never set) and when it was last set."""

    key: str
    label: str  # in the current language
    value: Any  # text or an integer; None when neither set nor defaulted
    is_set: bool
    updated_at: datetime | None


def setting_id(key: str) -> str:
    """The record id of a key's setting: the same on every replica."""
    return hashlib.sha256(f"setting:{key}".encode()).hexdigest()[:32]


def stored_json(value: Any) -> str:
    """A setting's value as its row stores it (canonical JSON)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _stored() -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in SETTING_ROW.dicts()}


def _value(row: dict[str, Any]) -> Any:
    try:
        return json.loads(row["value"])
    except ValueError:  # altered outside the app (verify names it): shown as stored
        return row["value"]


def listing() -> list[SettingView]:
    """Every setting the spec declares, in its order, with its value or default."""
    stored = _stored()
    views = []
    for key, field_spec in SETTING.fields.items():
        row = stored.get(key)
        views.append(
            SettingView(
                key=key,
                label=_(field_spec.label),
                value=_value(row) if row else _default(key),
                is_set=row is not None,
                updated_at=row["updated_at"] if row else None,
            )
        )
    return views


def value(key: str) -> Any:
    """The setting's value, its default if never set (None if it has none)."""
    if key not in SETTING.fields:
        raise KeyError(key)
    row = SETTING_ROW.dicts("WHERE s.key = ?", (key,))
    return _value(row[0]) if row else _default(key)


def use_defaults(defaults: dict[str, Any]) -> None:
    """Defaults from the config file, for keys the database has no value for ({} for the spec's own)."""
    unknown = [key for key in defaults if key not in SETTING.fields]
    if unknown:
        raise KeyError(", ".join(unknown))
    _config_defaults.clear()
    _config_defaults.update(defaults)


def _default(key: str) -> Any:
    """A setting's default: the config file's, else the spec's; None for one without (an empty text is none)."""
    default = _config_defaults.get(key, SETTING[key].default)
    return None if default == "" else default


def set_value(context: Context, key: str, raw: Any) -> SettingView:
    """Set one setting; ValidationError naming the key says what it accepts. Setting the same value writes nothing."""
    if key not in SETTING.fields:
        raise ValidationError({key: _("unknown setting; the settings are: {keys}").format(keys=", ".join(SETTING))})
    values, errors = clean(SETTING, {key: raw}, partial=True)
    if errors:
        raise ValidationError(errors)
    stored = stored_json(values[key])
    with context.write() as writer:
        rep = Rep.get_or_none(Rep.id == context.rep_id)
        if rep is None or rep.role not in SETTING_ROLES:
            raise ValidationError(
                {key: _("only a manager or an admin may change the company's settings; sign in as one with --user")}
            )
        current = Setting.get_or_none(Setting.key == key)
        if current is not None and current.value == stored:
            return _view(key)
        row = {
            "id": current.id if current else setting_id(key),
            "key": key,
            "value": stored,
            "updated_at": context.clock.now(),
        }
        writer.put(Setting, Setting.stored(row), "create" if current is None else "update")
    return _view(key)


def _view(key: str) -> SettingView:
    return next(view for view in listing() if view.key == key)
