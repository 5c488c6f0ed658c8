"""The quick commands load only what they use: no Textual, no pinyin tables, no date parser they do not need."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from salestui import cli
from salestui.services import keys

HEAVY = ("textual", "pypinyin", "dateutil", "cryptography.hazmat.primitives.serialization", "multiprocessing")


def modules_loaded_by(book: Path, *argv: str) -> set[str]:
    """The modules a fresh `salestui ARGV --db BOOK` process has loaded when it is done."""
    script = (
        "import json, sys; from salestui.cli import main; code = main(sys.argv[1:]); "
        "print(json.dumps([code, sorted(sys.modules)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *argv, "--db", str(book)], capture_output=True, text=True, check=True
    )
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0, done.stderr
    return set(modules)


def heavy(modules: set[str]) -> list[str]:
    return sorted(name for name in modules if any(name == root or name.startswith(root + ".") for root in HEAVY))


@pytest.mark.parametrize(
    "argv",
    [
        ("customers", "--search", "张伟"),
        ("customers", "--search", "zhang"),
        ("verify", "--head"),
        ("log", "李娜", "--kind", "note", "--summary", "called back"),
    ],
)
def test_a_quick_command_loads_no_heavy_module(book: Path, argv: tuple[str, ...]) -> None:
    assert heavy(modules_loaded_by(book, *argv)) == []


def test_verify_head_does_not_load_the_verifier(book: Path) -> None:
    modules = modules_loaded_by(book, "verify", "--head")
    assert "salestui.services.verify" not in modules and "salestui.services.customers" not in modules


def test_log_at_a_typed_time_loads_the_date_parser_it_needs(book: Path) -> None:
    modules = modules_loaded_by(book, "log", "李娜", "--kind", "call", "--summary", "x", "--at", "2026-11-20 10:00")
    assert "dateutil.parser" in modules


def test_log_builds_neither_the_expected_schema_nor_imports_shutil(book: Path) -> None:
    """The write's trigger check compares a digest; argparse's help formatter measures the terminal itself."""
    modules = modules_loaded_by(book, "log", "李娜", "--kind", "note", "--summary", "called back")
    assert "salestui.db.schema" not in modules and "shutil" not in modules


def test_log_by_id_loads_neither_the_search_index_nor_the_contact_persons(book: Path) -> None:
    customer_id = subprocess.run(
        [sys.executable, "-m", "salestui", "customers", "--search", "李娜", "--json", "--db", str(book)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    modules = modules_loaded_by(book, "log", json.loads(customer_id)[0]["id"], "--kind", "note", "--summary", "x")
    not_needed = {"salestui.db.search", "salestui.services.customers", "salestui.services.contacts"}
    loaded = (not_needed | {"salestui.services.app_views", "concurrent.futures", "salestui.services.when"}) & modules
    assert loaded == set()


@pytest.mark.parametrize("columns", ["50", "132"])
def test_help_wraps_as_argparse_wraps_it(columns: str, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The terminal is measured as argparse's own formatter measures it (shutil.get_terminal_size)."""
    monkeypatch.setenv("COLUMNS", columns)
    assert cli.main(["log", "--help"]) == 0
    ours = capsys.readouterr().out
    monkeypatch.setattr(cli, "TerminalHelpFormatter", argparse.HelpFormatter)
    assert cli.main(["log", "--help"]) == 0
    assert ours == capsys.readouterr().out
    assert "--direction" in ours


def test_every_command_is_known_to_the_quick_parser() -> None:
    parser = cli.build_parser()
    subcommands = next(action for action in parser._actions if action.dest == "command")  # noqa: SLF001
    assert tuple(subcommands.choices) == cli.COMMANDS


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["customers", "--search", "x"], "customers"),
        (["--db", "customers", "log", "x"], "log"),
        (["--db=a.db", "--user", "bo", "--lang", "en", "verify", "--head"], "verify"),
        (["--demo"], None),
        (["--us", "customers", "log"], None),  # an abbreviated option: argparse decides, with every command built
        (["nonsense"], None),
    ],
)
def test_the_command_is_peeked_only_when_plain(argv: list[str], command: str | None) -> None:
    assert cli._peek_command(argv) == command  # noqa: SLF001


def test_a_key_file_save_wrote_is_read_back_and_signs(tmp_path: Path) -> None:
    key = keys.generate(b"\x07" * 32)
    keys.save(key, tmp_path, "alice")
    loaded = keys.load(tmp_path, key.key_id, key.public_key)
    assert loaded is not None and loaded.public_key == key.public_key
    message = keys.commit_message(1, "0" * 64, "rep", key.key_id)
    assert keys.signature_valid(key.public_key, message, loaded.sign(message))


def test_a_key_file_in_another_pem_layout_is_still_read(tmp_path: Path) -> None:
    key = keys.generate(b"\x08" * 32)
    path = keys.save(key, tmp_path, "bob")
    text = path.read_bytes()
    path.write_bytes(text.replace(b"\n", b"\r\n"))  # CRLF line ends, as after a copy through Windows
    loaded = keys.load(tmp_path, key.key_id, key.public_key)
    assert loaded is not None and loaded.public_key == key.public_key


def test_a_damaged_key_file_is_named(tmp_path: Path) -> None:
    key = keys.generate(b"\x09" * 32)
    path = keys.save(key, tmp_path, "carol")
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(line if b"-----" in line or line.startswith(b"#") else b"AAAA\n" for line in lines))
    with pytest.raises(keys.KeyFileError, match="damaged"):
        keys.load(tmp_path, key.key_id, key.public_key)


@pytest.mark.parametrize(
    "text", ["张伟", "Acme Ltd", "e\u0301te\u0301", "👍", "한국어", "ｱｲ", "a\u200bb", "華信貿易有限公司", "Ω≈ç", ""]
)
def test_table_cells_are_measured_as_rich_measures_them(text: str) -> None:
    from rich.cells import cell_len as rich_cell_len
    from rich.cells import set_cell_size as rich_set_cell_size

    from salestui.cli_output import cell_len, set_cell_size

    assert cell_len(text) == rich_cell_len(text)
    for width in range(6):
        assert set_cell_size(text, width) == rich_set_cell_size(text, width)
