"""No raw control byte, from the database or from the arguments, reaches the terminal on stdout or stderr."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from salestui.cli_output import safe_json
from salestui.text import one_line, visible
from tests.conftest import run
from tests.tampering import tamper

ESC = "\x1b[2J\x1b]0;owned\x07"
NOT_UTF8 = os.fsdecode(b"caf\xe9")  # how Python hands over bytes that are not UTF-8: a lone surrogate
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def assert_safe(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text).group())
    text.encode("utf-8")  # strict: printing it can never raise


@pytest.mark.parametrize("text", ["\ud800", "a\udcffb", "\udfff"])
def test_visible_replaces_lone_surrogates(text: str) -> None:
    shown = visible(text)
    assert "\ufffd" in shown and not RAW.search(shown)
    shown.encode("utf-8")
    assert one_line(text) == shown


def test_safe_json_escapes_lone_surrogates() -> None:
    text = safe_json({"path": NOT_UTF8})
    assert text == '{"path": "caf\\udce9"}'
    assert json.loads(text) == {"path": NOT_UTF8}


@pytest.mark.parametrize(
    "command",
    [["customers"], ["verify"], ["log", "张伟", "--kind", "call", "--summary", "x"], ["demo", "--customers", "5"]],
)
def test_a_path_with_escapes_and_bad_bytes_prints_safely(capsys, tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / f"{ESC}{NOT_UTF8}"
    folder.mkdir()
    path = folder / "notes.db"
    path.write_text("not a database\n", encoding="utf-8")
    code, out, err = run(capsys, *command, "--db", str(path))
    assert code == 2 and "not an SQLite database" in err
    assert "\u241b[2J" in err and "\ufffd" in err
    assert_safe(out)
    assert_safe(err)


def test_a_missing_path_with_bad_bytes_prints_safely(capsys, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "customers", "--db", str(tmp_path / f"{NOT_UTF8}{ESC}.db"))
    assert code == 2 and "no database at" in err
    assert_safe(err)


@pytest.mark.parametrize(
    "argv",
    [
        ["customers", f"stray{ESC}"],
        ["customers", "--limit", f"1{ESC}"],
        ["log", "张伟", "--kind", f"fax{ESC}", "--summary", "x"],
        [f"--{NOT_UTF8}"],
        ["customers", "--lang", f"x{ESC}"],
    ],
)
def test_argument_errors_echo_arguments_safely(capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and "usage: salestui" in err
    assert_safe(out)
    assert_safe(err)


def test_log_refuses_a_summary_with_bytes_that_are_not_utf8(capsys, book: Path) -> None:
    code, _out, err = run(capsys, "log", "张伟", "--kind", "call", "--summary", f"ok {NOT_UTF8}", "--db", str(book))
    assert code == 2 and "summary:" in err
    assert_safe(err)


def test_tampered_columns_print_safely(capsys, book: Path) -> None:
    tamper(book, "UPDATE customer SET id = ? WHERE name = '张伟'", (f"bad{ESC}id",))
    tamper(book, "UPDATE ledger SET hash = ? WHERE seq = (SELECT MAX(seq) FROM ledger)", (f"h{ESC}",))
    for command in (["customers"], ["customers", "--json"], ["verify"], ["verify", "--json"]):
        _code, out, err = run(capsys, *command, "--db", str(book))
        assert out
        assert_safe(out)
        assert_safe(err)
    _code, out, _err = run(capsys, "customers", "--db", str(book))
    assert "bad\u241b[2J" in out
