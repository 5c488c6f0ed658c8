"""The schema this version expects, read from its own migrations, compared with what a file holds."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

# Tables SQLite itself may add (ANALYZE statistics); not part of the product's schema.
_SQLITE_OWN = ("sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4", "sqlite_sequence")
_SCHEMA_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master"


@dataclass(frozen=True)
class SchemaObject:
    kind: str  # table, index, trigger, view
    name: str
    table: str
    sql: str | None


class _Memory:
    """A plain sqlite3 connection that migration steps can run on."""

    def __init__(self) -> None:
        self.connection = sqlite3.connect(":memory:")

    def execute_sql(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)


_expected: dict[tuple[Any, ...], dict[str, SchemaObject]] = {}


def expected() -> dict[str, SchemaObject]:
    """Every object a database made by this version has, by name: its migrations run on an empty memory database."""
    from salestui.db import migrations

    steps = tuple(migrations.MIGRATIONS)
    if steps not in _expected:
        memory = _Memory()
        for step in steps:
            step(memory)
        _expected.clear()
        _expected[steps] = read(memory.connection)
        memory.connection.close()
    return _expected[steps]


def read(connection: Any) -> dict[str, SchemaObject]:
    """The objects in a database's schema by name (a sqlite3 connection or anything with `execute`)."""
    rows = connection.execute(_SCHEMA_SQL).fetchall()
    return {name: SchemaObject(kind, name, table, sql) for kind, name, table, sql in rows if name not in _SQLITE_OWN}


@dataclass(frozen=True)
class SchemaDifference:
    what: str  # missing, extra, changed
    found: SchemaObject | None
    wanted: SchemaObject | None

    @property
    def name(self) -> str:
        return (self.found or self.wanted).name  # type: ignore[union-attr]

    @property
    def kind(self) -> str:
        return (self.found or self.wanted).kind  # type: ignore[union-attr]


def differences(
    actual: dict[str, SchemaObject], wanted: dict[str, SchemaObject] | None = None
) -> list[SchemaDifference]:
    """What differs from the expected schema (or `wanted`), in name order."""
    wanted = expected() if wanted is None else wanted
    found: list[SchemaDifference] = []
    for name in sorted(set(wanted) | set(actual)):
        have, want = actual.get(name), wanted.get(name)
        if have is None:
            found.append(SchemaDifference("missing", None, want))
        elif want is None:
            found.append(SchemaDifference("extra", have, None))
        elif (have.kind, have.table, _squeeze(have.sql)) != (want.kind, want.table, _squeeze(want.sql)):
            found.append(SchemaDifference("changed", have, want))
    return found


def trigger_differences(connection: Any) -> list[SchemaDifference]:
    """Only the triggers: cheap enough to check at the start of every write."""
    rows = connection.execute(_SCHEMA_SQL + " WHERE type = 'trigger'").fetchall()
    actual = {name: SchemaObject(kind, name, table, sql) for kind, name, table, sql in rows}
    return differences(actual, {name: item for name, item in expected().items() if item.kind == "trigger"})


def describe(item: SchemaDifference) -> str:
    """One line naming the object and what is wrong with it."""
    from salestui.i18n import _

    known = item.found or item.wanted
    on = known.table if known and known.table != item.name else ""
    name = f"{item.name} ({_('on {table}').format(table=on)})" if on else item.name
    if item.what == "missing":
        text = _("schema: {kind} {name} is missing (dropped outside the app)")
    elif item.what == "extra":
        text = _("schema: {kind} {name} is not SalesTUI's (added outside the app)")
    else:
        text = _("schema: {kind} {name} differs from SalesTUI's (changed outside the app)")
    return text.format(kind=_(item.kind), name=name)


def _squeeze(sql: str | None) -> str | None:
    return None if sql is None else " ".join(sql.split())
