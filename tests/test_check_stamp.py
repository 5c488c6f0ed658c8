"""Commands skip the whole-file integrity check while the file is as a passing check left it, and only then."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from salestui.db import check_stamp
from salestui.db import database as database_module
from salestui.services import session as session_module
from salestui.services.session import close, open_context
from tests.conftest import run

PAGE = 4096


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every whole-file check run from now on: 'probe' (its own connection) or 'open' (the command's)."""
    ran: list[str] = []

    def counted(label: str, original: Callable) -> Callable:
        def check(*args: object) -> object:
            ran.append(label)
            return original(*args)

        return check

    probe = counted("probe", database_module.check_integrity)
    monkeypatch.setattr(database_module, "check_integrity", probe)
    monkeypatch.setattr(session_module, "check_integrity", probe)  # the app's background check
    monkeypatch.setattr(database_module, "quick_check", counted("open", database_module.quick_check))
    return ran


def flip_page_type(path: Path) -> None:
    """Overwrite one byte in place, as a failing disk or a stray tool would: the page type of an index's root,
    a page that listing customers never reads, so only the integrity check can notice."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        page = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'rep_login'").fetchone()[0]
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        byte = handle.read(1)
        handle.seek((page - 1) * PAGE)
        handle.write(bytes([byte[0] ^ 0x5A]))


def test_a_read_only_command_checks_once_then_skips_while_nothing_changed(capsys, book: Path, checks) -> None:
    for _run in range(3):
        code, out, _err = run(capsys, "customers", "--db", str(book), "--search", "张伟")
        assert code == 0 and "张伟" in out
    assert checks == ["open"]
    assert check_stamp.unchanged_since_check(book)


def test_a_flipped_byte_makes_the_next_command_check_and_refuse(capsys, book: Path, checks) -> None:
    assert run(capsys, "customers", "--db", str(book))[0] == 0
    assert checks == ["open"]
    flip_page_type(book)  # at once: within the same clock tick as the check, if the machine is fast enough
    code, _out, err = run(capsys, "customers", "--db", str(book))
    assert code == 2 and "failed its integrity check" in err
    assert checks == ["open", "open"]
    code, _out, err = run(capsys, "log", "李娜", "--kind", "note", "--summary", "x", "--db", str(book))
    assert code == 2 and "failed its integrity check" in err
    assert checks == ["open", "open", "probe"]


def test_log_stamps_its_own_write_so_the_next_command_skips_the_check(capsys, book: Path, checks) -> None:
    for number in range(3):
        code, _out, err = run(capsys, "log", "李娜", "--kind", "note", "--summary", f"call {number}", "--db", str(book))
        assert code == 0, err
    assert checks == ["probe"]
    code, out, _err = run(capsys, "customers", "--db", str(book), "--search", "李娜")
    assert code == 0 and "李娜" in out
    assert checks == ["probe"]


def test_a_refused_log_does_not_stamp(capsys, book: Path, checks) -> None:
    assert run(capsys, "customers", "--db", str(book))[0] == 0
    with sqlite3.connect(book) as connection:  # another program writes: the next command must check again
        connection.execute("INSERT INTO meta(key, value) VALUES ('note', 'written by another program')")
    connection.close()
    code, _out, _err = run(capsys, "log", "Nobody", "--kind", "note", "--summary", "x", "--db", str(book))
    assert code == 2 and checks == ["open", "probe"]
    flip_page_type(book)
    code, _out, err = run(capsys, "customers", "--db", str(book))
    assert code == 2 and "failed its integrity check" in err


def test_a_commit_waiting_in_the_wal_counts_as_a_change(capsys, book: Path, checks) -> None:
    other = sqlite3.connect(book)  # held open, so its commits stay in the -wal until it closes
    try:
        other.execute("INSERT INTO meta(key, value) VALUES ('first', '1')")
        other.commit()
        assert book.with_name(book.name + "-wal").stat().st_size > 0
        assert run(capsys, "customers", "--db", str(book))[0] == 0
        assert run(capsys, "customers", "--db", str(book))[0] == 0
        assert checks == ["open"]
        other.execute("INSERT INTO meta(key, value) VALUES ('second', '2')")
        other.commit()
        assert run(capsys, "customers", "--db", str(book))[0] == 0
        assert checks == ["open", "open"]
    finally:
        other.close()


def test_another_file_at_the_same_path_is_checked(capsys, book: Path, checks, tmp_path: Path) -> None:
    assert run(capsys, "customers", "--db", str(book))[0] == 0
    copy = tmp_path / "copy.db"
    copy.write_bytes(book.read_bytes())
    os.replace(copy, book)  # the same bytes, a new file
    assert run(capsys, "customers", "--db", str(book))[0] == 0
    assert checks == ["open", "open"]


def test_a_forged_stamp_never_makes_a_damaged_file_pass_verify(capsys, book: Path, stamps_folder: Path) -> None:
    flip_page_type(book)
    state = check_stamp.read_state(book)
    assert state is not None
    stamps_folder.mkdir(parents=True, exist_ok=True)
    forged = stamps_folder / f"{state.main.device}-{state.main.inode}.json"
    forged.write_text(check_stamp._encode(book, state), encoding="ascii")
    assert check_stamp.unchanged_since_check(book)  # the forgery is taken at its word by the quick commands
    code, out, err = run(capsys, "verify", "--db", str(book))
    assert code != 0 and ("integrity" in out or "damaged" in err), (out, err)


def test_a_stamp_that_cannot_be_written_only_means_the_check_runs(
    capsys, book: Path, checks, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="ascii")
    monkeypatch.setenv("SALESTUI_CACHE", str(blocker))
    for _run in range(2):
        assert run(capsys, "customers", "--db", str(book))[0] == 0
    assert checks == ["open", "open"]


def test_the_apps_background_check_stamps_and_is_skipped_next_time(book: Path, clock, checks) -> None:
    context = open_context(book, "alice", clock, check_in_background=True)
    context.wait_for_integrity()
    close()
    assert checks == ["probe"]
    context = open_context(book, "alice", clock, check_in_background=True)
    context.wait_for_integrity()
    close()
    assert checks == ["probe"]


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the XDG rule is for Linux and the BSDs")
@pytest.mark.parametrize("xdg", [None, "", "/tmp/xdg-cache"])
def test_the_stamps_folder_is_where_platformdirs_puts_the_cache(monkeypatch: pytest.MonkeyPatch, xdg) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv("SALESTUI_CACHE")
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert check_stamp.stamps_folder() == Path(user_cache_dir("salestui", appauthor=False)) / "checked"
