"""Finding a customer by what someone typed: a blank reference is refused, never matched to empty columns."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest

from salestui import cli
from salestui.services import customers
from salestui.services.errors import ValidationError
from salestui.services.session import close
from tests.conftest import Seeded


@pytest.mark.parametrize("reference", ["", "   ", "\t", "\u3000"])
def test_a_blank_reference_is_refused(seeded: Seeded, reference: str) -> None:
    assert customers.detail(seeded.customer_ids["王芳"]).company == ""  # a customer with an empty company exists
    with pytest.raises(ValidationError) as caught:
        customers.resolve(reference)
    assert caught.value.errors == {"customer": "give an id, name or phone"}


def test_resolve_never_matches_empty_columns(seeded: Seeded) -> None:
    customers.create(seeded.context, {"name": "No Phone", "company": "", "phone": ""})
    for reference in ("", " ", "''"):
        with pytest.raises(ValidationError):
            customers.resolve(reference)


def test_resolve_reads_the_reference_as_stored_text(seeded: Seeded) -> None:
    made = customers.create(seeded.context, {"name": "José Díaz"})
    assert customers.resolve(unicodedata.normalize("NFD", " José Díaz ")).id == made.id
    assert customers.resolve("华信贸易有限公司").name == "张伟"


@pytest.mark.parametrize("reference", ["", "   "])
def test_log_with_a_blank_customer_is_refused_and_writes_nothing(
    capsys, seeded: Seeded, db_path: Path, reference: str
) -> None:
    close()
    connection = sqlite3.connect(db_path)
    before = connection.execute("SELECT COUNT(*) FROM ledger").fetchone()[0]
    code = cli.main(["log", reference, "--kind", "call", "--summary", "x", "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 2 and "customer: give an id, name or phone" in err
    assert connection.execute("SELECT COUNT(*) FROM ledger").fetchone()[0] == before
    connection.close()


def _ids_from(monkeypatch: pytest.MonkeyPatch, prefix: str) -> None:
    """New records get ids that all start with `prefix` (then a counter), so prefixes can be ambiguous."""
    import itertools
    import uuid

    counter = itertools.count(1)

    class Fixed:
        def __init__(self) -> None:
            self.hex = f"{prefix}{next(counter):0{32 - len(prefix)}x}"

    monkeypatch.setattr(uuid, "uuid4", Fixed)


def test_ambiguous_names_suggest_id_prefixes_that_work(
    capsys, seeded: Seeded, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = customers.create(seeded.context, {"name": "段阳", "company": "阳光电器", "phone": "137 1111 2222"})
    second = customers.create(seeded.context, {"name": "段阳", "phone": "186 3333 4444"})
    with pytest.raises(ValidationError) as caught:
        customers.resolve("段阳")
    message = caught.value.errors["customer"]
    assert "段阳 · 阳光电器 · 137 1111 2222" in message and "段阳 · 186 3333 4444" in message
    assert f"({first.id[:8]})" in message and f"({second.id[:8]})" in message
    assert customers.resolve(first.id[:8]).id == first.id
    assert customers.resolve(second.id[:6].upper()).id == second.id
    with pytest.raises(ValidationError):
        customers.resolve(first.id[:5])  # too short to be taken as an id
    close()
    code = cli.main(["log", first.id[:8], "--kind", "call", "--summary", "rang", "--db", str(db_path)])
    assert code == 0, capsys.readouterr().err
    assert "段阳" in capsys.readouterr().out


def test_an_ambiguous_id_prefix_is_refused(seeded: Seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    _ids_from(monkeypatch, "abcdef")
    one = customers.create(seeded.context, {"name": "One"})
    two = customers.create(seeded.context, {"name": "Two"})
    assert one.id[:6] == two.id[:6] == "abcdef"
    with pytest.raises(ValidationError) as caught:
        customers.resolve("abcdef")
    message = caught.value.errors["customer"]
    suggested = message.split("Two (")[1].split(")")[0]
    assert "is ambiguous" in message and len(suggested) > 8 and f"One ({suggested}" not in message
    assert customers.resolve(suggested).id == two.id


def test_a_too_short_id_prefix_says_how_long_one_must_be(seeded: Seeded) -> None:
    short = seeded.customer_ids["张伟"][:5]
    with pytest.raises(ValidationError) as caught:
        customers.resolve(short)
    assert caught.value.errors == {
        "customer": f"no customer matches {short!r} (an id prefix needs at least 6 characters)"
    }
    assert customers.resolve(seeded.customer_ids["张伟"][:8]).name == "张伟"
