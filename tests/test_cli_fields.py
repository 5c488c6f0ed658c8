"""`salestui log --field KEY=VALUE`: the kind's template fields from the shell, checked before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salestui.db.database import open_database
from salestui.services import timeline
from salestui.services.session import close
from tests.conftest import run

Capture = pytest.CaptureFixture[str]


def log(capsys: Capture, book: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "log", "张伟", "--db", str(book), "--user", "alice", *args)


def interactions(book: Path, customer_id: str) -> list:
    open_database(book)
    try:
        return timeline.page(customer_id, limit=100)
    finally:
        close()


def test_a_call_with_its_template_fields_is_logged_and_verifies(capsys: Capture, book: Path) -> None:
    code, out, err = log(
        capsys,
        book,
        "--kind",
        "call",
        "--summary",
        "Price call",
        "--field",
        "contact_person=周敏",
        "--field",
        "purpose=the 2027 prices",
        "--field",
        "outcome=accepted +3%",
        "--field",
        "next_step=send the list",
        "--json",
    )
    assert code == 0, err
    record = json.loads(out)
    assert record["fields"]["purpose"] == "the 2027 prices" and len(record["fields"]["contact_person"]) == 32
    assert run(capsys, "verify", "--db", str(book))[0] == 0
    saved = interactions(book, record["customer_id"])[0]
    assert (saved.outcome, saved.next_step, saved.contact_name) == ("accepted +3%", "send the list", "周敏")


def test_the_plain_output_shows_the_fields(capsys: Capture, book: Path) -> None:
    code, out, _err = log(capsys, book, "--kind", "complaint", "--summary", "Box", "--field", "severity=high")
    assert code == 0 and "Severity: High" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--kind", "email", "--field", "purpose=x", "--field", "budget=3"),
            "--field purpose, budget: not a field of the e-mail template (its fields: subject, body)",
        ),
        (("--kind", "complaint"), "severity: required"),
        (("--kind", "feedback", "--field", "score=9"), "score: a whole number from 1 to 5"),
        (("--kind", "call", "--field", "purpose"), "--field: give KEY=VALUE, not 'purpose'"),
        (("--kind", "call", "--field", "purpose=a", "--field", "purpose=b"), "--field purpose: given twice"),
        (("--kind", "call", "--field", "contact_person=Nobody"), "contact_person: not a contact person of this"),
    ],
)
def test_bad_fields_exit_2_naming_them_and_write_nothing(
    capsys: Capture, book: Path, seeded_ids: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    before = len(interactions(book, seeded_ids["张伟"]))
    code, out, err = log(capsys, book, "--summary", "x", *args)
    assert code == 2 and out == ""
    assert message in err, err
    assert len(interactions(book, seeded_ids["张伟"])) == before


def test_an_extra_field_the_config_requires(capsys: Capture, book: Path, no_user_config: Path) -> None:
    no_user_config.write_text(
        '[templates.call]\nextra = [{key = "budget", label = "Budget", type = "number", required = true}]\n', "utf-8"
    )
    code, _out, err = log(capsys, book, "--kind", "call", "--summary", "x")
    assert (code, err) == (2, "budget: required\n")
    code, out, err = log(capsys, book, "--kind", "call", "--summary", "x", "--field", "budget=5000", "--json")
    assert code == 0, err
    assert json.loads(out)["fields"] == {"budget": "5000"}


def test_a_bad_config_stops_log_before_the_database_opens(capsys: Capture, book: Path, no_user_config: Path) -> None:
    no_user_config.write_text("[templates.call]\nrequired = ['budget']\n", "utf-8")
    code, out, err = log(capsys, book, "--kind", "call", "--summary", "x")
    assert code == 2 and out == ""
    assert err.startswith(f"{no_user_config}:2: templates.call.required[1]: 'budget' is not a field")


@pytest.fixture
def seeded_ids(book: Path) -> dict[str, str]:
    open_database(book)
    try:
        from salestui.services import customers

        return {row.name: row.id for row in customers.page_after("", None, 50)}
    finally:
        close()
