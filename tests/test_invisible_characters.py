"""Zero-width and direction characters are refused in what people type, and shown visibly where already stored."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from salestui import cli
from salestui.cli_output import safe_json
from salestui.services import customers, followups, timeline
from salestui.services.errors import ValidationError
from salestui.services.session import close
from tests.conftest import Seeded


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "Zhang\u200bWei", "invisible character U+200B at position 6"),
        ("company", "\u202eevil Co", "invisible character U+202E at position 1"),
        ("phone", "138\u20600013 8000", "invisible character U+2060 at position 4"),
        ("email", "a@b\u200d.example", "invisible character U+200D at position 4"),
        ("needs", "line one\nline\u2029two", "invisible character U+2029 at position 14"),
        ("name", "\ufeffBOM first", "invisible character U+FEFF at position 1"),
        ("address", "Cairo \u061cstreet", "invisible character U+061C at position 7"),
    ],
)
def test_a_customer_with_invisible_characters_is_refused(seeded: Seeded, field: str, value: str, message: str) -> None:
    raw = {"name": "Someone", field: value}
    with pytest.raises(ValidationError) as caught:
        customers.create(seeded.context, raw)
    assert caught.value.errors == {field: message}


def test_multi_line_fields_still_take_newlines_and_tabs(seeded: Seeded) -> None:
    made = customers.create(seeded.context, {"name": "Multi Line", "needs": "one\ntwo\tthree"})
    assert customers.detail(made.id).needs == "one\ntwo\tthree"


def test_interactions_and_follow_ups_refuse_invisible_characters(seeded: Seeded) -> None:
    context, customer_id = seeded.context, seeded.customer_ids["张伟"]
    with pytest.raises(ValidationError) as caught:
        timeline.append(context, customer_id, {"kind": "call", "summary": "Agreed\u200b 500 units"})
    assert caught.value.errors == {"summary": "invisible character U+200B at position 7"}
    with pytest.raises(ValidationError) as caught:
        timeline.append(context, customer_id, {"kind": "call", "summary": "ok", "body": "a\n\u2066b"})
    assert caught.value.errors == {"body": "invisible character U+2066 at position 3"}
    due = context.clock.now() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        followups.create(context, customer_id, {"title": "Call\u200f back", "due_at": due})
    assert caught.value.errors == {"title": "invisible character U+200F at position 5"}
    with pytest.raises(ValidationError) as caught:
        followups.complete(context, seeded.follow_up_ids["Send samples"], "Sent\u2028today")
    assert caught.value.errors == {"outcome": "invisible character U+2028 at position 5"}


def test_log_refuses_an_invisible_character_in_the_summary(capsys, seeded: Seeded, db_path: Path) -> None:
    close()
    code = cli.main(["log", "张伟", "--kind", "call", "--summary", "price\u202e83 ¥", "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 2 and "summary: invisible character U+202E at position 6" in err
    assert "\u202e" not in err


def test_stored_invisible_characters_are_shown_as_a_mark(capsys, seeded: Seeded, db_path: Path) -> None:
    close()
    with sqlite3.connect(db_path) as connection:  # written by something other than SalesTUI
        connection.execute("UPDATE customer SET company = 'Hua\u200bXin\u202e' WHERE name = '张伟'")
    connection.close()
    assert cli.main(["customers", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Hua\ufffdXin\ufffd" in out and "\u200b" not in out and "\u202e" not in out
    assert cli.main(["customers", "--json", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "\u200b" not in out and "\\u200b" in out
    assert next(record for record in json.loads(out) if record["name"] == "张伟")["company"] == "Hua\u200bXin\u202e"


def test_safe_json_escapes_every_invisible_character() -> None:
    text = safe_json("a\u200bb\u2028c\ufeffd\u061ce\u2064")
    assert text == '"a\\u200bb\\u2028c\\ufeffd\\u061ce\\u2064"'
