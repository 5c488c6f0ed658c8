"""Changing a database file the way a dishonest insider with the sqlite3 shell would."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def tamper(path: Path | str, sql: str, params: tuple = (), rows: int | None = 1) -> None:
    """Run `sql` past the append-only triggers (dropped, then put back exactly as they were), and commit."""
    connection = sqlite3.connect(path)
    try:
        guards = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_no\\_%' ESCAPE '\\'"
        ).fetchall()
        for name, _sql in guards:
            connection.execute(f"DROP TRIGGER {name}")
        changed = connection.execute(sql, params).rowcount
        for _name, guard_sql in guards:
            connection.execute(guard_sql)
        connection.commit()
    finally:
        connection.close()
    if rows is not None:
        assert changed == rows, f"{sql!r} changed {changed} rows, not {rows}"


def tamper_script(path: Path | str, script: str) -> None:
    """Run several statements (a trigger body may hold semicolons) past the append-only triggers."""
    connection = sqlite3.connect(path)
    try:
        guards = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_no\\_%' ESCAPE '\\'"
        ).fetchall()
        connection.executescript("".join(f"DROP TRIGGER {name};" for name, _sql in guards) + script)
        connection.executescript(";".join(sql for _name, sql in guards))
        connection.commit()
    finally:
        connection.close()
