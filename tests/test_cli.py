"""The command line: every command's happy path, its exit-2 cases, and no Textual outside the TUI."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import types
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len

from salestui import cli, cli_customers, i18n
from salestui.services import customers, ledger, timeline
from salestui.services.session import close
from salestui.services.specs import INTERACTION
from tests.conftest import Seeded, run
from tests.tampering import tamper

NOT_A_DATABASE = b"name,phone\n\xe5\xbc\xa0\xe4\xbc\x9f,138 0013 8000\n" * 20


def interaction_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT COUNT(*) FROM interaction").fetchone()[0]


def ledger_length(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT COUNT(*) FROM ledger").fetchone()[0]


@pytest.mark.parametrize("command", [[], ["demo"], ["customers"], ["log"], ["verify"]])
def test_help_exits_0_for_every_command(capsys, command: list[str]) -> None:
    code, out, _err = run(capsys, *command, "--help")
    assert code == 0
    assert out.startswith("usage: salestui") and "--db PATH" in out and "--lang" in out


def test_customers_table_is_aligned_and_shows_names_literally(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "customers", "--db", str(book))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 + 6
    assert "Wang [bold]Fang[/]" in out and "张伟" in out and "华信贸易有限公司" in out
    phone_column = cell_len(lines[0][: lines[0].index("phone")])
    for line in lines[2:]:
        phone = next(
            text for text in ("138 0013", "139 5741", "+44 20", "137 2200", "130 0000", "186 2000") if text in line
        )
        assert cell_len(line[: line.index(phone)]) == phone_column, line
    assert "alice" in lines[2]


def test_customers_json_has_every_field(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "customers", "--json", "--db", str(book))
    assert code == 0
    assert "张伟" in out  # not \u-escaped
    records = json.loads(out)
    assert [record["name"] for record in records][:2] == ["Acme Trading Ltd", "陈杰"]
    zhang = next(record for record in records if record["name"] == "张伟")
    assert set(zhang) == {"id", "name", "company", "phone", "owner", "tier", "last_contact_at"}
    assert zhang["owner"] == "alice" and zhang["tier"] == "vip"
    assert zhang["last_contact_at"] == "2026-11-23T01:30:00Z"  # three days before the frozen 09:30 Shanghai
    assert next(record for record in records if record["name"] == "王芳")["last_contact_at"] is None


def test_customers_search_and_limit(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "customers", "--db", str(book), "--search", "zw", "--json")
    assert code == 0 and [record["name"] for record in json.loads(out)] == ["张伟"]
    code, out, _err = run(capsys, "customers", "--db", str(book), "--limit", "2", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, out, err = run(capsys, "customers", "--db", str(book), "--search", "nobody-like-this")
    assert code == 0 and out == "" and "No customers match" in err


def test_customers_stream_in_keyset_pages(capsys, book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    real_page_after = customers.page_after

    def page_after(query, after, limit):
        sizes.append(limit)
        return real_page_after(query, after, limit)

    monkeypatch.setattr(cli_customers, "PAGE", 2)
    monkeypatch.setattr(customers, "page_after", page_after)
    code, out, _err = run(capsys, "customers", "--db", str(book), "--json")
    names = [record["name"] for record in json.loads(out)]
    assert code == 0 and len(names) == 6 == len(set(names))
    assert sizes == [2, 2, 2, 2]
    sizes.clear()
    code, out, _err = run(capsys, "customers", "--db", str(book), "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 2 + 3 and sizes == [2, 1]


def test_global_options_work_before_and_after_the_command(capsys, book: Path) -> None:
    after = run(capsys, "customers", "--json", "--db", str(book))
    before = run(capsys, "--db", str(book), "customers", "--json")
    assert after == before and after[0] == 0 and len(json.loads(after[1])) == 6
    code, _out, _err = run(capsys, "--lang", "zh_CN", "customers", "--db", str(book))
    assert code == 0 and i18n.current_language() == "zh_CN"
    i18n.set_language("en")
    code, _out, _err = run(capsys, "--db", str(book), "verify", "--lang", "zh_CN")
    assert code == 0 and i18n.current_language() == "zh_CN"


def test_only_the_lang_option_sets_the_language(capsys, book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, _out, err = run(capsys, "log", "zh_CN", "--kind", "call", "--summary", "x", "--db", str(book))
    assert code == 2 and "no customer matches 'zh_CN'" in err
    assert i18n.current_language() == "en"


def test_bad_usage_exits_2(capsys, book: Path) -> None:
    assert run(capsys, "customers", "--db", str(book), "--limit", "0")[0] == 2
    assert run(capsys, "--lang", "fr", "customers")[0] == 2
    assert run(capsys, "nonsense")[0] == 2
    code, _out, err = run(capsys, "--demo", "customers")
    assert code == 2 and "--demo" in err


def test_a_missing_database_is_not_created(capsys, tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for command in (["customers"], ["verify"], ["log", "张伟", "--kind", "call", "--summary", "x"]):
        code, _out, err = run(capsys, *command, "--db", str(missing))
        assert code == 2 and "no database at" in err
    assert not missing.exists()
    code, _out, err = run(capsys, "customers")  # the default path (SALESTUI_DB) is missing too
    assert code == 2 and "default-missing.db" in err


@pytest.mark.parametrize(
    "command",
    [["customers"], ["verify"], ["log", "张伟", "--kind", "call", "--summary", "x"], ["demo", "--customers", "5"], []],
)
def test_a_non_sqlite_file_is_refused_and_left_untouched(capsys, tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(NOT_A_DATABASE)
    code, _out, err = run(capsys, *command, "--db", str(path))
    assert code == 2 and "not an SQLite database" in err
    assert path.read_bytes() == NOT_A_DATABASE
    assert sorted(item.name for item in tmp_path.iterdir()) == ["notes.csv"]


def test_a_damaged_database_is_refused_and_left_untouched(capsys, book: Path) -> None:
    damaged = bytearray(book.read_bytes())
    damaged[16:18] = b"\x00\x03"  # an impossible page size
    book.write_bytes(bytes(damaged))
    code, _out, err = run(capsys, "verify", "--db", str(book))
    assert code == 2 and str(book) in err
    assert book.read_bytes() == bytes(damaged)


def test_a_newer_schema_exits_2(capsys, book: Path) -> None:
    with sqlite3.connect(book) as connection:
        connection.execute("INSERT INTO schema_version(version, applied_at) VALUES (999, 'later')")
    connection.close()
    code, _out, err = run(capsys, "customers", "--db", str(book))
    assert code == 2 and "newer than this SalesTUI" in err


def test_log_records_an_interaction(capsys, book: Path) -> None:
    code, out, _err = run(
        capsys,
        "log",
        "张伟",
        "--kind",
        "call",
        "--summary",
        "Asked for a 2027 price",
        "--db",
        str(book),
        "--user",
        "alice",
    )
    assert code == 0 and "Logged" in out and "张伟" in out and "Asked for a 2027 price" in out
    code, out, _err = run(capsys, "reps", "add", "bob", "--db", str(book))
    assert code == 0 and "Added rep bob" in out
    code, out, _err = run(
        capsys,
        "log",
        "13800138000",
        "--kind",
        "complaint",
        "--summary",
        "Box damaged",
        "--field",
        "severity=medium",
        "--at",
        "-2h",
        "--json",
        "--db",
        str(book),
        "--user",
        "bob",
    )
    assert code == 0
    record = json.loads(out)
    assert record["customer_name"] == "张伟" and record["kind"] == "complaint" and record["direction"] == "in"
    assert record["rep"] == "bob"
    occurred = datetime.fromisoformat(record["occurred_at"].replace("Z", "+00:00"))
    assert abs(occurred - (datetime.now(UTC) - timedelta(hours=2))) < timedelta(minutes=2)
    cli.main(["verify", "--db", str(book)])  # reopen the database to read the timeline
    from salestui.db.database import open_database

    open_database(book)
    newest = timeline.page(record["customer_id"], limit=10)
    assert {"Asked for a 2027 price", "Box damaged"} <= {item.summary for item in newest}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--kind", "fax", "--summary", "x"], "invalid choice: 'fax'"),
        (["--kind", "call", "--summary", "x", "--at", "the day after never"], "cannot read"),
        (["--kind", "call", "--summary", "x", "--at", "+2d"], "occurred_at: in the future"),
        (["--kind", "call", "--summary", "bell\x07"], "summary: control character at position 5"),
        (["--kind", "call", "--summary", "x", "--user", "bad login!"], "login:"),
    ],
)
def test_log_refuses_bad_input_and_writes_nothing(capsys, book: Path, extra: list[str], message: str) -> None:
    before = ledger_length(book)
    code, _out, err = run(capsys, "log", "张伟", "--db", str(book), "--user", "newcomer", *extra)
    assert code == 2 and message in err
    assert ledger_length(book) == before  # not even the rep "newcomer" was added


def test_log_names_the_choices_for_an_unknown_kind(capsys, book: Path) -> None:
    _code, _out, err = run(capsys, "log", "张伟", "--db", str(book), "--kind", "fax", "--summary", "x")
    assert all(kind in err for kind in INTERACTION.choice("kind").codes)


def test_log_refuses_an_ambiguous_or_unknown_customer(capsys, seeded: Seeded, db_path: Path) -> None:
    customers.create(seeded.context, {"name": "李娜", "phone": "139 0000 1111"})
    close()
    code, _out, err = run(capsys, "log", "李娜", "--kind", "call", "--summary", "x", "--db", str(db_path))
    assert code == 2 and "ambiguous" in err and "use the id" in err
    code, _out, err = run(capsys, "log", "Nobody Here", "--kind", "call", "--summary", "x", "--db", str(db_path))
    assert code == 2 and "no customer matches" in err
    assert interaction_count(db_path) == 5


def test_verify_passes_then_names_tampering(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "verify", "--db", str(book))
    assert code == 0 and "OK" in out
    code, out, _err = run(capsys, "verify", "--json", "--db", str(book))
    report = json.loads(out)
    assert report["ok"] is True and report["problems"] == [] and report["head_seq"] == report["events_checked"]
    with sqlite3.connect(book) as connection:
        target = connection.execute("SELECT id FROM interaction ORDER BY rowid LIMIT 1").fetchone()[0]
    connection.close()
    tamper(book, "UPDATE interaction SET summary = 'Agreed 5 units' WHERE id = ?", (target,))
    tamper(
        book,
        "UPDATE ledger SET data = replace(data, 'Send samples', 'Send nothing') WHERE entity = 'follow_up'",
        rows=None,
    )
    code, out, _err = run(capsys, "verify", "--db", str(book))
    assert code == 1
    assert f"interaction {target}" in out and "data was changed" in out and "Problems found: " in out
    code, out, _err = run(capsys, "verify", "--db", str(book), "--json")
    assert code == 1 and json.loads(out)["ok"] is False


def test_verify_prints_the_head_anchor(capsys, book: Path) -> None:
    from salestui.db.database import open_database

    open_database(book)
    seq, head_hash = ledger.head()
    close()
    code, out, _err = run(capsys, "verify", "--db", str(book))
    assert code == 0 and f"event {seq}, hash {head_hash}" in out


def test_demo_command_makes_a_database_that_verifies(capsys, tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    code, out, _err = run(capsys, "demo", "--db", str(path), "--customers", "30", "--seed", "3")
    assert code == 0 and "Made 30 customers" in out and "--user lihua" in out
    assert run(capsys, "verify", "--db", str(path))[0] == 0
    code, _out, err = run(capsys, "demo", "--db", str(path), "--customers", "5")
    assert code == 2 and "already holds customers" in err
    code, _out, err = run(capsys, "demo", "--customers", "5")
    assert code == 2 and "--db" in err


class FakeApp:
    """Stands in for the Textual app: records what the CLI opened it on."""

    opened: list[FakeApp] = []

    def __init__(self, context) -> None:
        self.context = context
        self.return_code: int | None = None
        self.customers = customers.count()
        FakeApp.opened.append(self)

    def run(self) -> None:
        self.return_code = 0


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> type[FakeApp]:
    module = types.ModuleType("salestui.ui.app")
    module.make_app = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "salestui.ui.app", module)
    FakeApp.opened.clear()
    return FakeApp


def test_no_command_opens_the_app_on_the_database(capsys, book: Path, fake_app: type[FakeApp]) -> None:
    code, _out, _err = run(capsys, "--db", str(book), "--user", "alice")
    assert code == 0
    (app,) = fake_app.opened
    assert app.context.path == book and app.context.rep_login == "alice" and app.customers == 6


def test_the_app_adds_an_unknown_login_only_after_asking(
    capsys, book: Path, fake_app: type[FakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = ledger_length(book)
    code, _out, err = run(capsys, "--db", str(book), "--user", "bob")  # no terminal to ask on: refused
    assert code == 2 and "no rep has the login 'bob'" in err and "alice" in err
    assert not fake_app.opened and ledger_length(book) == before
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda: next(answers))
    code, _out, err = run(capsys, "--db", str(book), "--user", "bob")
    assert code == 2 and "Add bob as a new rep" in err and not fake_app.opened
    code, _out, err = run(capsys, "--db", str(book), "--user", "bob")
    assert code == 0 and fake_app.opened[0].context.rep_login == "bob"
    assert ledger_length(book) == before + 2  # the rep and their key


def test_demo_flag_opens_the_app_on_a_fresh_temporary_demo(
    capsys, tmp_path: Path, fake_app: type[FakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    code, _out, err = run(capsys, "--demo")
    assert code == 0
    (app,) = fake_app.opened
    assert app.context.path.parent.parent == tmp_path and app.context.path.parent.name.startswith("salestui-demo-")
    assert str(app.context.path) in err
    assert app.context.rep_login == "lihua" and app.customers == cli.DEMO_CUSTOMERS


def test_commands_other_than_the_app_do_not_import_textual(book: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from salestui.cli import main\n"
        f"db = {str(book)!r}\n"
        f"assert main(['demo', '--db', {str(tmp_path / 'demo.db')!r}, '--customers', '5']) == 0\n"
        "assert main(['customers', '--db', db]) == 0\n"
        "assert main(['log', '张伟', '--kind', 'note', '--summary', 'ok', '--db', db]) == 0\n"
        "assert main(['verify', '--db', db]) == 0\n"
        "assert main(['log', '--help']) == 0\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] == 'textual')\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_reps_commands(capsys, tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    code, _out, err = run(capsys, "reps", "add", "bad login!", "--db", str(path))
    assert code == 2 and "login:" in err and not path.exists()
    code, out, _err = run(capsys, "reps", "add", "alice", "--name", "Alice Wu", "--db", str(path))
    assert code == 0 and "Added rep alice (admin)" in out
    code, out, _err = run(capsys, "reps", "add", "bob", "--role", "manager", "--db", str(path), "--user", "alice")
    assert code == 0 and "Added rep bob (manager)" in out
    code, _out, err = run(capsys, "reps", "add", "carol", "--role", "admin", "--db", str(path), "--user", "bob")
    assert code == 2 and "only an admin can give the role admin" in err
    code, out, _err = run(capsys, "reps", "--json", "--db", str(path))
    listed = {row["login"]: row for row in json.loads(out)}
    assert listed["alice"]["role"] == "admin" and listed["alice"]["name"] == "Alice Wu" and listed["bob"]["key_here"]
    code, out, _err = run(capsys, "reps", "rotate", "--db", str(path), "--user", "bob")
    assert code == 0 and "New signing key" in out
    code, out, _err = run(capsys, "reps", "revoke", "bob", "--reason", "left", "--db", str(path), "--user", "alice")
    assert code == 0 and "Revoked 1 key(s) of bob" in out
    code, _out, err = run(capsys, "log", "x", "--kind", "note", "--summary", "y", "--db", str(path), "--user", "bob")
    assert code == 2
    code, out, _err = run(capsys, "anchor", "--db", str(path))
    assert code == 0 and "Anchored event" in out
    code, out, _err = run(capsys, "verify", "--head", "--json", "--db", str(path))
    head = json.loads(out)
    code, out, _err = run(capsys, "verify", "--expect", f"{head['head_seq']}:{head['head_hash']}", "--db", str(path))
    assert code == 0 and "OK" in out and "anchors: 2" in out  # the day's first write, and `anchor`
    code, _out, err = run(capsys, "verify", "--expect", "12:zz", "--db", str(path))
    assert code == 2 and "SEQ:HASH" in err


def test_the_app_asks_before_creating_a_database_at_a_missing_path(
    capsys, tmp_path: Path, fake_app: type[FakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    typo = tmp_path / "Documnets" / "book.db"
    code, _out, err = run(capsys, "--db", str(typo), "--user", "alice")  # no terminal to ask on: refused
    assert code == 2 and str(typo) in err and "terminal" in err
    assert not typo.parent.exists() and not fake_app.opened
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["", "y"])
    monkeypatch.setattr("builtins.input", lambda: next(answers))
    code, _out, err = run(capsys, "--db", str(typo), "--user", "alice")
    assert code == 2 and str(typo) in err and str(typo.parent) in err and "does not exist" in err
    assert not typo.parent.exists() and not fake_app.opened
    code, _out, err = run(capsys, "--db", str(typo), "--user", "alice")
    assert code == 0 and typo.exists() and fake_app.opened[0].context.path == typo
