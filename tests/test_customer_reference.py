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
