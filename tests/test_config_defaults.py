"""The config file's [follow-ups] and [memos] sections: cadence days by tier, snooze times, the objection window."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from salestui import config
from salestui.services import alerts, cadence_defaults, settings
from tests.conftest import Seeded, run


def problems(path: Path, text: str) -> list[str]:
    path.write_text(text, "utf-8")
    with pytest.raises(config.ConfigError) as refused:
        config.load(path)
    return [problem.removeprefix(str(path)) for problem in refused.value.problems]


def no_contact(seeded: Seeded) -> dict[str, str]:
    return {alert.customer_name: alert.reason for alert in alerts.alerts(seeded.context) if alert.kind == "no_contact"}


def test_the_built_in_defaults(context) -> None:
    assert cadence_defaults.tier_days() == {"vip": 14, "regular": 30, "potential": 45}
    assert cadence_defaults.snooze_times() == {"morning": time(9, 0), "evening": time(19, 0)}
    assert settings.value("memo.objection_days") == 3


def test_cadence_days_by_tier_change_which_customers_are_due_a_contact(seeded: Seeded, no_user_config: Path) -> None:
    before = no_contact(seeded)
    assert "张伟" not in before and before["李娜"] == "no contact for 45 d (limit 30 d for regular)"
    no_user_config.write_text("[follow-ups.cadence]\nvip = 2\nregular = 60\n", "utf-8")
    config.load()
    assert cadence_defaults.tier_days() == {"vip": 2, "regular": 60, "potential": 45}  # potential kept
    after = no_contact(seeded)
    assert after["张伟"] == "no contact for 3 d (limit 2 d for vip)" and "李娜" not in after


def test_snooze_times(no_user_config: Path) -> None:
    no_user_config.write_text('[follow-ups.snooze]\nmorning = "8:30"\n', "utf-8")
    config.load()
    assert cadence_defaults.snooze_times() == {"morning": time(8, 30), "evening": time(19, 0)}


def test_the_objection_window_the_database_has_not_set_comes_from_the_config_file(
    seeded: Seeded, no_user_config: Path
) -> None:
    no_user_config.write_text("[memos]\nobjection_days = 7\n", "utf-8")
    config.load()
    assert settings.value("memo.objection_days") == 7
    listed = {view.key: view for view in settings.listing()}["memo.objection_days"]
    assert listed.value == 7 and not listed.is_set
    settings.set_value(seeded.context, "memo.objection_days", "5")  # the team's own setting wins
    assert settings.value("memo.objection_days") == 5


def test_each_problem_names_its_line(tmp_path: Path) -> None:
    text = (
        "[follow-ups]\n"
        "cadance = 3\n"  # 2
        "[follow-ups.cadence]\n"
        "vip = 0\n"  # 4
        'regular = "30"\n'  # 5
        "gold = 10\n"  # 6
        "potential = 365\n"  # 7: fine
        "[follow-ups.snooze]\n"
        'morning = "9am"\n'  # 9
        'evening = "24:00"\n'  # 10
        'noon = "12:00"\n'  # 11
        "[memos]\n"
        "objection_days = 31\n"  # 13
        "window = 3\n"  # 14
    )
    assert problems(tmp_path / "config.toml", text) == [
        ":2: follow-ups.cadance: unknown setting (use cadence, snooze)",
        ":4: follow-ups.cadence.vip: a whole number of days from 1 to 365",
        ":5: follow-ups.cadence.regular: a whole number of days from 1 to 365",
        ":6: follow-ups.cadence.gold: no such tier (tiers: vip, regular, potential)",
        ':9: follow-ups.snooze.morning: a time of day as HH:MM, from "00:00" to "23:59"',
        ':10: follow-ups.snooze.evening: a time of day as HH:MM, from "00:00" to "23:59"',
        ":11: follow-ups.snooze.noon: unknown setting (use morning, evening)",
        ":13: memos.objection_days: a whole number of days from 1 to 30",
        ":14: memos.window: unknown setting (use objection_days)",
    ]
    assert cadence_defaults.tier_days()["potential"] == 45  # nothing of a refused file is put in force


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"follow-ups" = 3\n', ":1: follow-ups: must be a table with cadence and/or snooze"),
        ("[follow-ups]\ncadence = 14\n", ":2: follow-ups.cadence: must be a table of days by tier, e.g. vip = 14"),
        ('[follow-ups]\nsnooze = "09:00"\n', ':2: follow-ups.snooze: must be a table of times, e.g. morning = "09:00"'),
        ("memos = [3]\n", ":1: memos: must be a table, e.g. objection_days = 3"),
        ("[memos]\nobjection_days = true\n", ":2: memos.objection_days: a whole number of days from 1 to 30"),
    ],
)
def test_sections_of_the_wrong_shape(tmp_path: Path, text: str, expected: str) -> None:
    assert problems(tmp_path / "config.toml", text) == [expected]


def test_config_check_reports_them_and_a_quick_command_refuses_them(capsys, no_user_config: Path, book: Path) -> None:
    no_user_config.write_text("[follow-ups.cadence]\nvip = 500\n", "utf-8")
    code, _out, err = run(capsys, "config", "check")
    assert code == 2 and err == f"{no_user_config}:2: follow-ups.cadence.vip: a whole number of days from 1 to 365\n"
    code, _out, err = run(capsys, "log", "张伟", "--kind", "note", "--summary", "x", "--db", str(book))
    assert code == 2 and "follow-ups.cadence.vip" in err


def test_the_deal_commands_read_the_objection_window_from_the_config_file(
    capsys, seeded: Seeded, no_user_config: Path
) -> None:
    from salestui.services import deals
    from salestui.services.session import close

    deal = deals.create(
        seeded.context,
        seeded.customer_ids["张伟"],
        {"title": "Capacitors", "stage": "agreed", "agreed_via": "phone"},
        [{"item": "Capacitor", "quantity_milli": "10", "unit": "box", "unit_price": "10.00"}],
    )
    path = str(seeded.context.path)
    close()
    no_user_config.write_text("[memos]\nobjection_days = 7\n", "utf-8")
    code, out, err = run(capsys, "deal", "memo", deal.id, "--db", path, "--lang", "en")
    assert code == 0, err
    assert "please reply within 7 days" in out
