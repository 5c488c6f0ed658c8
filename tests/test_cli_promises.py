"""`salestui promises`, `salestui promise add|settle|amend` and `salestui amend`: output, JSON and exit codes."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from salestui import i18n
from tests.conftest import run


def rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def add(capsys, book: Path, *extra: str) -> dict:
    code, out, err = run(
        capsys,
        "promise",
        "add",
        "张伟",
        "--side",
        "customer",
        "--kind",
        "payment",
        "--what",
        "Pay the deposit",
        "--due",
        "2026-11-30 17:00",
        "--json",
        "--db",
        str(book),
        *extra,
    )
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("command", [["promises"], ["promise"], ["promise", "add"], ["promise", "settle"], ["amend"]])
def test_help_exits_0(capsys, command: list[str]) -> None:
    code, out, _err = run(capsys, *command, "--help")
    assert code == 0 and out.startswith("usage: salestui")


def test_add_then_list_as_json(capsys, book: Path) -> None:
    made = add(capsys, book)
    assert (made["side"], made["kind"], made["what"], made["status"], made["customer"]) == (
        "customer",
        "payment",
        "Pay the deposit",
        "open",
        "张伟",
    )
    local = datetime(2026, 11, 30, 17, 0).astimezone()  # 17:00 in the machine's own zone
    assert made["due"] == local.astimezone(UTC).isoformat().replace("+00:00", "Z")
    code, out, _err = run(capsys, "promises", "--json", "--db", str(book))
    assert code == 0
    listed = json.loads(out)
    assert [item["id"] for item in listed] == [made["id"]]
    assert set(listed[0]) >= {
        "id",
        "customer_id",
        "customer",
        "side",
        "kind",
        "what",
        "due",
        "status",
        "deal_id",
        "interaction_id",
        "amends_id",
    }
    code, out, _err = run(capsys, "verify", "--db", str(book))
    assert code == 0, out


def test_settle_by_id_prefix_and_the_open_filter(capsys, book: Path) -> None:
    made = add(capsys, book)
    code, out, err = run(capsys, "promise", "settle", made["id"][:8], "kept", "--json", "--db", str(book))
    assert code == 0, err
    assert json.loads(out)["status"] == "kept"
    code, out, _err = run(capsys, "promises", "--open", "--json", "--db", str(book))
    assert (code, json.loads(out)) == (0, [])
    code, out, _err = run(capsys, "promises", "--customer", "张伟", "--db", str(book))
    assert code == 0 and "Pay the deposit" in out and "kept" in out and made["id"][:8] in out
    code, out, _err = run(capsys, "promises", "--customer", "李娜", "--json", "--db", str(book))
    assert (code, json.loads(out)) == (0, [])


def test_cancelling_without_a_note_exits_2_and_writes_nothing(capsys, book: Path) -> None:
    made = add(capsys, book)
    before = rows(book, "ledger")
    code, _out, err = run(capsys, "promise", "settle", made["id"], "cancelled", "--db", str(book))
    assert code == 2 and err.startswith("note: ")
    assert rows(book, "ledger") == before
    code, out, _err = run(
        capsys, "promise", "settle", made["id"], "cancelled", "--note", "order withdrawn", "--db", str(book)
    )
    assert code == 0 and "cancelled" in out


def test_unknown_promise_exits_1_and_bad_input_exits_2(capsys, book: Path) -> None:
    code, _out, err = run(capsys, "promise", "settle", "abcdef12", "kept", "--db", str(book))
    assert code == 1 and "no promise matches 'abcdef12'" in err
    code, _out, err = run(capsys, "promise", "settle", "x", "maybe", "--db", str(book))
    assert code == 2 and "invalid choice" in err
    before = rows(book, "promise")
    code, _out, err = run(
        capsys, "promise", "add", "张伟", "--side", "us", "--what", "Ship", "--due", "someday", "--db", str(book)
    )
    assert code == 2 and err.startswith("due_at: --due:")
    code, _out, err = run(
        capsys, "promise", "add", "Nobody", "--side", "us", "--what", "Ship", "--due", "+1d", "--db", str(book)
    )
    assert code == 2 and err.startswith("customer: no customer matches")
    code, _out, err = run(
        capsys, "promise", "add", "张伟", "--side", "us", "--what", "Ship", "--due", "+1d", "--deal", "d" * 32,
        "--db", str(book),
    )  # fmt: skip
    assert code == 2 and err.startswith("deal_id: ")
    assert rows(book, "promise") == before
    code, _out, err = run(capsys, "promise", "--db", str(book))
    assert code == 2 and "promise add" in err


def test_amend_a_promise_keeps_the_original(capsys, book: Path) -> None:
    made = add(capsys, book)
    code, out, err = run(
        capsys, "promise", "amend", made["id"], "--what", "Pay the 30% deposit", "--json", "--db", str(book)
    )
    assert code == 0, err
    fixed = json.loads(out)
    assert (fixed["amends_id"], fixed["what"], fixed["due"]) == (made["id"], "Pay the 30% deposit", made["due"])
    assert rows(book, "promise") == 2
    code, out, _err = run(capsys, "promises", "--json", "--db", str(book))
    assert [item["id"] for item in json.loads(out)] == [fixed["id"]]
    code, _out, err = run(capsys, "promise", "amend", made["id"], "--what", "again", "--db", str(book))
    assert code == 2 and err.startswith("promise: already amended")


def test_amend_an_interaction_from_the_shell(capsys, book: Path) -> None:
    with sqlite3.connect(book) as connection:
        original = connection.execute("SELECT id FROM interaction WHERE summary LIKE 'Agreed 500%'").fetchone()[0]
    code, out, err = run(capsys, "amend", original[:10], "--summary", "Agreed 50 units", "--json", "--db", str(book))
    assert code == 0, err
    made = json.loads(out)
    assert (made["amends_id"], made["summary"]) == (original, "Agreed 50 units")
    code, _out, err = run(capsys, "amend", original, "--summary", "Agreed 5 units", "--db", str(book))
    assert code == 2 and err.startswith("interaction: already amended")
    code, _out, err = run(capsys, "amend", made["id"], "--db", str(book))
    assert code == 2 and "nothing changed" in err
    code, _out, err = run(capsys, "amend", "fedcba98", "--summary", "x", "--db", str(book))
    assert code == 1 and "no interaction matches" in err
    code, out, _err = run(capsys, "verify", "--db", str(book))
    assert code == 0, out


def test_the_table_speaks_chinese(capsys, book: Path) -> None:
    add(capsys, book)
    code, out, _err = run(capsys, "promises", "--lang", "zh_CN", "--db", str(book))
    assert code == 0
    assert i18n._catalog("zh_CN")["customer"] in out.splitlines()[0]
    assert "Pay the deposit" in out
