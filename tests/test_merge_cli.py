"""`salestui customers merge`: the preview, asking first, --yes, --keep, --json, and its exit codes."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from salestui.services.session import close
from tests.conftest import Seeded, run
from tests.merge_book import Pair, make_pair


@pytest.fixture
def pair_book(seeded: Seeded, db_path: Path) -> Pair:
    made = make_pair(seeded)
    close()
    return made


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def merged_into(path: Path, customer_id: str) -> str | None:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT merged_into_id FROM customer WHERE id = ?", (customer_id,)).fetchone()[0]
    finally:
        connection.close()


def test_without_yes_off_a_terminal_it_prints_the_preview_and_exits_2(capsys, pair_book: Pair, db_path: Path) -> None:
    code, out, err = run(capsys, "customers", "merge", pair_book.survivor, pair_book.merged, "--db", str(db_path))
    assert code == 2 and "--yes" in err
    assert "Merge 张伟" in out and "138 0013 8001" in out and "zw@huaxin.example" in out
    assert "interactions 3" in out and "deal events 2" in out
    assert merged_into(db_path, pair_book.merged) is None


def test_yes_merges_and_verify_passes(capsys, pair_book: Pair, db_path: Path) -> None:
    code, out, err = run(
        capsys, "customers", "merge", pair_book.survivor, pair_book.merged, "--keep", "phone=merged", "--yes",
        "--db", str(db_path),
    )  # fmt: skip
    assert code == 0, err
    assert "Merged 张伟 into 张伟" in out and "records moved" in out
    assert merged_into(db_path, pair_book.merged) == pair_book.survivor
    code, out, _err = run(capsys, "customers", "--search", "138 0013 8001", "--json", "--db", str(db_path))
    assert [row["id"] for row in json.loads(out)] == [pair_book.survivor]  # the phone it kept
    code, out, _err = run(capsys, "verify", "--db", str(db_path))
    assert code == 0, out


def test_json_holds_the_preview_and_the_merge(capsys, pair_book: Pair, db_path: Path) -> None:
    args = ("customers", "merge", pair_book.survivor[:8], pair_book.merged[:8], "--json", "--db", str(db_path))
    code, out, _err = run(capsys, *args)
    assert code == 2 and json.loads(out)["merge_id"] is None
    code, out, _err = run(capsys, *args, "--yes")
    record = json.loads(out)
    assert code == 0 and record["merge_id"]
    assert record["survivor"]["id"] == pair_book.survivor and record["merged"]["id"] == pair_book.merged
    assert {field["field"]: field["kept"] for field in record["fields"]}["email"] == "merged"
    assert record["moves"]["promise_outcome"] == 2


@pytest.mark.parametrize(("answer", "code"), [("y", 0), ("n", 2)])
def test_on_a_terminal_it_asks(capsys, monkeypatch, pair_book: Pair, db_path: Path, answer: str, code: int) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda: answer)
    got, _out, err = run(capsys, "customers", "merge", pair_book.survivor, pair_book.merged, "--db", str(db_path))
    assert got == code and "[y/N]" in err
    assert merged_into(db_path, pair_book.merged) == (pair_book.survivor if code == 0 else None)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--keep", "phone"), "--keep takes FIELD=merged"),
        (("--keep", "colour=merged"), "colour: unknown field"),
        (("--keep", "phone=both"), "choose survivor or merged"),
    ],
)
def test_bad_keeps_exit_2(capsys, pair_book: Pair, db_path: Path, extra: tuple[str, ...], message: str) -> None:
    code, _out, err = run(
        capsys, "customers", "merge", pair_book.survivor, pair_book.merged, "--yes", *extra, "--db", str(db_path)
    )
    assert code == 2 and message in err
    assert merged_into(db_path, pair_book.merged) is None


def test_refusals_exit_2_naming_why(capsys, pair_book: Pair, db_path: Path) -> None:
    base = ("--yes", "--db", str(db_path))
    code, _out, err = run(capsys, "customers", "merge", pair_book.survivor, pair_book.survivor, *base)
    assert code == 2 and "cannot be merged into itself" in err
    assert run(capsys, "customers", "merge", pair_book.survivor, pair_book.merged, *base)[0] == 0
    code, _out, err = run(capsys, "customers", "merge", pair_book.survivor, pair_book.merged, *base)
    assert code == 2 and "merged: 张伟 was merged into 张伟 already" in err
    code, _out, err = run(capsys, "customers", "merge", pair_book.merged, "李娜", *base)
    assert code == 2 and "merge into 张伟 instead" in err
    code, _out, err = run(capsys, "customers", "merge", "Nobody Here", "李娜", *base)
    assert code == 2 and "no customer matches" in err
