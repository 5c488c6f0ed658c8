"""`salestui today`: the queue as a table and as JSON, for the signed-in rep, another rep, or the team."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from salestui.clock import Clock
from tests.conftest import FROZEN_NOW, SHANGHAI, run


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's clock reads the seeded book's frozen time, in Shanghai."""
    monkeypatch.setattr(Clock, "now", lambda self: FROZEN_NOW)
    monkeypatch.setattr(Clock, "local", lambda self, moment: moment.astimezone(SHANGHAI))


def test_json_lists_the_reps_queue_in_order(capsys, book: Path) -> None:
    code, out, err = run(capsys, "today", "--json", "--db", str(book))
    assert code == 0, err
    items = json.loads(out)
    assert [(item["group"], item["title"]) for item in items] == [
        ("overdue", "Confirm delivery date"),
        ("today", "Call about 2027 prices"),
        ("upcoming", "Send samples"),
    ]
    first = items[0]
    assert {"id", "customer_id", "customer", "due", "kind", "title", "overdue"} <= set(first)
    assert (first["customer"], first["due"], first["overdue"], first["rep"]) == (
        "张伟",
        "2026-11-23T01:30:00Z",
        True,
        "alice",
    )
    assert first["last_contact"]["kind"] == "im"


def test_table_shows_groups_with_due_times_and_last_contact(capsys, book: Path) -> None:
    code, out, err = run(capsys, "today", "--db", str(book))
    assert code == 0, err
    assert out.splitlines()[0] == "Overdue (1)"
    assert "2026-11-23 09:30 · 3 d overdue" in out
    assert "Today (1)" in out and "2026-11-26 11:30 · in 2 h" in out
    assert "Upcoming (7 days) (1)" in out and "Send samples" in out
    assert "IM 2026-11-23: WeChat: confirmed" in out


def test_an_unknown_user_a_rep_with_nothing_due_and_a_suggestion(capsys, book: Path) -> None:
    code, out, err = run(capsys, "today", "--db", str(book), "--user", "nobody")
    assert (code, out) == (2, "") and "no such rep: nobody" in err
    assert run(capsys, "reps", "add", "bob", "--db", str(book))[0] == 0
    code, out, err = run(capsys, "today", "--db", str(book), "--user", "bob")
    assert (code, out) == (0, "") and "Nothing due" in err
    with sqlite3.connect(book) as connection:  # 李娜's call is planned no more; her last e-mail was 45 days ago
        connection.execute("DELETE FROM follow_up WHERE title = 'Call about 2027 prices'")
    code, out, err = run(capsys, "today", "--db", str(book))
    assert "Get in touch (suggested) (1)" in out and "李娜" in out and "no contact for 45 d" in out


def test_team_view_needs_a_manager(capsys, book: Path) -> None:
    code, out, err = run(capsys, "reps", "add", "bob", "--db", str(book))
    assert code == 0, err
    code, out, err = run(capsys, "today", "--team", "--db", str(book), "--user", "bob")
    assert code == 2 and "only a manager or admin" in err
    code, out, err = run(capsys, "today", "--team", "--json", "--db", str(book))  # alice is the admin
    assert code == 0, err
    assert {item["rep"] for item in json.loads(out)} == {"alice"}


def test_the_file_is_not_changed(capsys, book: Path) -> None:
    before = book.read_bytes()
    assert run(capsys, "today", "--db", str(book))[0] == 0
    assert book.read_bytes() == before


def test_limit_must_be_a_positive_number(capsys, book: Path) -> None:
    code, _out, err = run(capsys, "today", "--limit", "0", "--db", str(book))
    assert code == 2 and "at least 1" in err
