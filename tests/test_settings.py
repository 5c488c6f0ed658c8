"""The company's settings: declared by a spec, ledgered and signed like every write, listed and set from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salestui.db.connection import database
from salestui.services import settings
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.session import close
from salestui.services.verify import verify
from tests.conftest import run


def ledger_length() -> int:
    return database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()[0]


def test_settings_list_their_defaults_until_set(context: Context) -> None:
    listed = {view.key: (view.value, view.is_set) for view in settings.listing()}
    assert listed == {
        "company.name": (None, False),
        "company.address": (None, False),
        "company.time_zone": (None, False),
        "memo.objection_days": (3, False),
        "memo.language": ("en", False),
    }
    assert settings.value("memo.objection_days") == 3


def test_a_setting_is_a_signed_ledger_event_and_verify_checks_it(context: Context) -> None:
    before = ledger_length()
    view = settings.set_value(context, "company.name", "  华信贸易有限公司 ")
    assert (view.value, view.is_set) == ("华信贸易有限公司", True)
    settings.set_value(context, "memo.objection_days", "5")
    assert settings.value("memo.objection_days") == 5
    assert ledger_length() == before + 2
    event = database.execute_sql("SELECT entity, op, data FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    assert event[:2] == ("setting", "create")
    assert json.loads(event[2])["value"] == "5"  # canonical JSON of the integer
    signed = database.execute_sql("SELECT COUNT(*) FROM ledger_signature WHERE seq = ?", (before + 2,)).fetchone()
    assert signed == (1,)
    settings.set_value(context, "memo.objection_days", 7)
    assert database.execute_sql("SELECT op FROM ledger ORDER BY seq DESC LIMIT 1").fetchone() == ("update",)
    settings.set_value(context, "memo.objection_days", "7")  # the same value writes nothing
    assert ledger_length() == before + 3
    assert verify().ok
    database.execute_sql("UPDATE setting SET value = '30' WHERE key = 'memo.objection_days'")
    assert any("setting" in problem and "altered outside the app" in problem for problem in verify().problems)


def test_the_record_id_follows_from_the_key(context: Context) -> None:
    settings.set_value(context, "memo.language", "zh_CN")
    row = database.execute_sql("SELECT id FROM setting WHERE key = 'memo.language'").fetchone()
    assert row == (settings.setting_id("memo.language"),)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("company.name", "", "required"),
        ("company.name", "x" * 201, "at most 200 characters (got 201)"),
        ("company.name", "A\x1b[31m", "control character at position 2"),
        ("memo.objection_days", "0", "a whole number from 1 to 30"),
        ("memo.objection_days", "1e1", "a whole number from 1 to 30"),
        ("memo.objection_days", "99999999999999999999999", "a whole number from 1 to 30"),
        ("memo.language", "fr", "one of: en, zh_CN"),
        ("memo.colour", "red", "unknown setting; the settings are: company.name, company.address"),
    ],
)
def test_bad_values_are_refused_naming_the_key(context: Context, key: str, value: str, message: str) -> None:
    before = ledger_length()
    with pytest.raises(ValidationError) as caught:
        settings.set_value(context, key, value)
    assert list(caught.value.errors) == [key]
    assert caught.value.errors[key].startswith(message)
    assert ledger_length() == before


def test_the_cli_sets_and_lists_settings(capsys: pytest.CaptureFixture[str], context: Context, db_path: Path) -> None:
    close()
    code, out, _err = run(capsys, "settings", "set", "company.name", "Acme Trading", "--db", str(db_path))
    assert (code, out) == (0, "company.name = Acme Trading\n")
    code, out, _err = run(capsys, "settings", "--db", str(db_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["setting", "value", "what", "it", "is"]
    assert any(line.startswith("company.name") and "Acme Trading" in line for line in lines)
    assert any(line.startswith("memo.objection_days") and "3 (default)" in line for line in lines)
    code, out, _err = run(capsys, "settings", "--json", "--db", str(db_path))
    records = {record["key"]: record for record in json.loads(out)}
    assert records["company.name"]["value"] == "Acme Trading" and records["company.name"]["set"] is True
    assert records["memo.objection_days"] == {
        "key": "memo.objection_days",
        "value": 3,
        "set": False,
        "updated_at": None,
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("memo.objection_days", "31"), "memo.objection_days: a whole number from 1 to 30"),
        (("memo.language", "fr"), "memo.language: one of: en, zh_CN"),
        (("company.name", " "), "company.name: required"),
        (("memo.colour", "red"), "invalid choice: 'memo.colour'"),
    ],
)
def test_the_cli_refuses_bad_input_with_exit_2(
    capsys: pytest.CaptureFixture[str], context: Context, db_path: Path, argv: tuple[str, str], message: str
) -> None:
    close()
    code, out, err = run(capsys, "settings", "set", *argv, "--db", str(db_path))
    assert code == 2 and out == "" and message in err
    assert "Traceback" not in err


def test_the_cli_speaks_chinese(capsys: pytest.CaptureFixture[str], context: Context, db_path: Path) -> None:
    close()
    code, _out, err = run(
        capsys, "--lang", "zh_CN", "settings", "set", "memo.objection_days", "0", "--db", str(db_path)
    )
    assert code == 2 and "memo.objection_days: 从 1 到 30 的整数" in err


def test_a_plain_rep_cannot_change_the_company_s_settings(context: Context, clock) -> None:
    from salestui.services import reps
    from salestui.services.session import open_context

    reps.add(context, "bob")
    close()
    bob = open_context(context.path, "bob", clock)
    before = ledger_length()
    with pytest.raises(ValidationError) as caught:
        settings.set_value(bob, "company.name", "Bob's Trading")
    assert "only a manager or an admin" in caught.value.errors["company.name"]
    assert ledger_length() == before and settings.value("company.name") is None


def test_verify_names_a_setting_a_plain_rep_wrote_around_the_service(context: Context, clock) -> None:
    """A signed write that goes around the service's check is still named: the right is checked in the chain."""
    from salestui.db.models import Setting
    from salestui.services import reps
    from salestui.services.session import open_context

    reps.add(context, "bob")
    close()
    bob = open_context(context.path, "bob", clock)
    row = {
        "id": settings.setting_id("company.name"),
        "key": "company.name",
        "value": '"Bob"',
        "updated_at": clock.now(),
    }
    with bob.write() as writer:
        writer.put(Setting, Setting.stored(row), "create")
    problems = verify().problems
    assert any(
        "the setting company.name was changed by bob, who is neither a manager nor an admin" in p for p in problems
    )
