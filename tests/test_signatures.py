"""Signed commits and anchors: each attack an insider with the sqlite3 shell can make is named by verify."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from salestui.db.connection import DatabaseError
from salestui.db.queries import LAST_REAL_CONTACT
from salestui.services import anchors, customers, keys, ledger, reps, timeline
from salestui.services.context import Context
from salestui.services.errors import SigningError, ValidationError
from salestui.services.session import close, open_context
from salestui.services.verify import verify
from tests.conftest import Seeded
from tests.tampering import tamper, tamper_script


def rows(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def rechain(path: Path, start: int) -> None:
    """Recompute every event's hashes from `start` to the head with plain hashlib, as the algorithm is public."""

    def sha(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    prev = rows(path, "SELECT hash FROM ledger WHERE seq = ?", (start - 1,))[0][0] if start > 1 else "0" * 64
    fields = ledger.HEADER_FIELDS
    for values in rows(path, f"SELECT {', '.join(fields)}, data FROM ledger WHERE seq >= ? ORDER BY seq", (start,)):
        header = dict(zip(fields, values[:8], strict=True))
        data_hash = sha(values[8])
        new_hash = sha(
            prev
            + "\n"
            + json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            + "\n"
            + data_hash
        )
        tamper(
            path,
            "UPDATE ledger SET data_hash = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (data_hash, prev, new_hash, header["seq"]),
        )
        prev = new_hash


def problems_with(text: str) -> list[str]:
    return [problem for problem in verify().problems if text in problem]


@pytest.fixture
def book(seeded: Seeded) -> Seeded:
    assert verify().ok, verify().problems
    return seeded


def test_every_write_is_one_signed_commit(book: Seeded) -> None:
    report = verify()
    assert report.ok and report.signatures_checked == report.events_checked - 1  # the first commit: rep and key
    ((seq, rep, key_id, signature),) = rows(
        book.context.path, "SELECT * FROM ledger_signature ORDER BY seq DESC LIMIT 1"
    )
    head_seq, head_hash = ledger.head()
    assert (seq, rep) == (head_seq, book.context.rep_id)
    public = rows(book.context.path, "SELECT public_key FROM rep_key WHERE id = ?", (key_id,))[0][0]
    assert keys.signature_valid(public, keys.commit_message(seq, head_hash, rep, key_id), signature)


def test_private_keys_stay_out_of_the_database_and_are_private(book: Seeded, keys_folder: Path) -> None:
    ((key_id, public),) = rows(book.context.path, "SELECT id, public_key FROM rep_key")
    path = keys.key_path(keys_folder, key_id)
    assert path.stat().st_mode & 0o777 == 0o600 and keys_folder.stat().st_mode & 0o777 == 0o700
    private_pem = path.read_bytes()
    assert b"PRIVATE KEY" in private_pem
    assert private_pem.split(b"-----")[2].strip() not in book.context.path.read_bytes()
    assert key_id == keys.fingerprint(public)


def test_a_key_file_others_can_read_is_refused(book: Seeded, keys_folder: Path, clock) -> None:
    ((key_id,),) = rows(book.context.path, "SELECT id FROM rep_key")
    close()
    keys.key_path(keys_folder, key_id).chmod(0o644)
    with pytest.raises(keys.KeyFileError, match="can be read by others"):
        open_context(book.context.path, "alice", clock)


def test_writing_as_another_rep_without_their_key_is_refused(book: Seeded, clock, tmp_path: Path) -> None:
    reps.add(book.context, "wangfang")
    close()
    before = rows(book.context.path, "SELECT COUNT(*) FROM ledger")
    with pytest.raises(SigningError, match="you cannot write as wangfang: their signing key is not yours"):
        open_context(book.context.path, "wangfang", clock, keys_folder=tmp_path / "someone-else")
    assert rows(book.context.path, "SELECT COUNT(*) FROM ledger") == before


def test_a_context_without_the_authors_key_writes_nothing(book: Seeded) -> None:
    before = ledger.head()
    book.context.keyring.clear()
    with pytest.raises(SigningError, match="you cannot write as alice"):
        timeline.append(book.context, book.customer_ids["张伟"], {"kind": "call", "summary": "unsigned"})
    assert ledger.head() == before


@pytest.mark.parametrize(
    "login", ["wangfang\n", "wang fang", "ｗａｎｇｆａｎｇ", "wang\u200bfang", "", "-lead", "a" * 65]
)
def test_logins_are_strict(context: Context, login: str) -> None:
    with pytest.raises(ValidationError) as caught:
        reps.add(context, login)
    assert list(caught.value.errors) == ["login"]


@pytest.mark.parametrize("look_alike", ["WangFang", "wang.fang", "wang_fang", "wangfang", "wangf4ng"])
def test_look_alike_logins_are_refused(context: Context, look_alike: str) -> None:
    reps.add(context, "wangfang")
    if look_alike in ("wangfang", "wangf4ng"):
        if look_alike == "wangf4ng":
            assert reps.add(context, look_alike).login == look_alike  # a different name, not a look-alike
            return
        with pytest.raises(ValidationError, match="already exists"):
            reps.add(context, look_alike)
        return
    with pytest.raises(ValidationError, match="looks too much like the existing rep 'wangfang'"):
        reps.add(context, look_alike)


def test_an_unknown_login_is_refused_with_the_list_of_reps(book: Seeded, clock) -> None:
    close()
    with pytest.raises(reps.UnknownRep, match="no rep has the login 'wangfnag'; reps: alice"):
        open_context(book.context.path, "wangfnag", clock)
    assert [rep.login for rep in reps.all_reps()] == ["alice"]


def test_the_first_login_is_the_admin_and_roles_need_an_admin(context: Context) -> None:
    assert reps.all_reps()[0].role == "admin"
    bob = reps.add(context, "bob")
    assert bob.role == "rep"
    bob_context = Context(path=context.path, clock=context.clock, device=context.device)
    reps.sign_in(bob_context, "bob")
    with pytest.raises(ValidationError, match="only an admin can give the role manager"):
        reps.add(bob_context, "carol", role="manager")
    assert reps.add(context, "carol", role="manager").role == "manager"  # alice, the admin, co-signs
    assert verify().ok, verify().problems


def test_rotating_a_key_revokes_the_old_one(book: Seeded, keys_folder: Path) -> None:
    context = book.context
    old = context.keyring[context.rep_id]
    new = reps.rotate(context)
    assert new.key_id != old.key_id
    timeline.append(context, book.customer_ids["张伟"], {"kind": "call", "summary": "after rotation"})
    assert verify().ok, verify().problems
    statuses = dict(rows(context.path, "SELECT id, status FROM rep_key"))
    assert statuses == {old.key_id: "revoked", new.key_id: "active"}
    # A commit signed with the revoked key is named.
    context.keyring[context.rep_id] = old
    timeline.append(context, book.customer_ids["张伟"], {"kind": "call", "summary": "with the old key"})
    assert problems_with("with a key not in force")


def test_a_revoked_rep_cannot_write_until_an_admin_gives_a_new_key(book: Seeded, clock, tmp_path: Path) -> None:
    admin = book.context
    reps.add(admin, "bob")
    assert reps.revoke(admin, "bob", "laptop stolen") == 1
    close()
    with pytest.raises(SigningError, match="you cannot write as bob"):
        open_context(admin.path, "bob", clock)
    admin = open_context(admin.path, "alice", clock)
    reps.rotate(admin, "bob")  # the new key lands in the admin's folder, to be handed to bob
    close()
    bob = open_context(admin.path, "bob", clock)
    customers.create(bob, {"name": "Bob's new lead"})
    assert verify().ok, verify().problems


def test_deleting_the_newest_event_and_its_row_is_named(book: Seeded) -> None:
    path = book.context.path
    seq, interaction_id = rows(
        path, "SELECT seq, entity_id FROM ledger WHERE entity = 'interaction' ORDER BY seq DESC LIMIT 1"
    )[0]
    anchor = anchors.append(path, book.context.clock.now())
    timeline.append(book.context, book.customer_ids["李娜"], {"kind": "call", "summary": "the last word"})
    head, _hash = ledger.head()
    new_id = rows(path, "SELECT entity_id FROM ledger WHERE seq = ?", (head,))[0][0]
    tamper_script(
        path,
        f"DELETE FROM ledger WHERE seq = {head}; DELETE FROM interaction WHERE id = '{new_id}'; "
        f"DELETE FROM ledger_signature WHERE seq = {head}; UPDATE customer SET last_contact_at = "
        f"{LAST_REAL_CONTACT.replace('c.id', 'customer.id')}",
    )
    assert verify().ok  # the anchor was taken before the last write: the cut is beyond what it knows
    tamper_script(
        path,
        f"DELETE FROM ledger WHERE seq >= {seq}; DELETE FROM ledger_signature WHERE seq >= {seq}; "
        f"DELETE FROM interaction WHERE id = '{interaction_id}'; UPDATE customer SET last_contact_at = "
        f"{LAST_REAL_CONTACT.replace('c.id', 'customer.id')}",
    )
    report = verify()
    assert not report.ok
    assert any(f"but the anchor of {anchor.day} says {anchor.seq}" in problem for problem in report.problems)


def test_deleting_everything_is_not_ok(book: Seeded) -> None:
    tables = ("ledger_signature", "ledger", "follow_up", "interaction", "contact_person", "customer", "rep_key", "rep")
    tamper_script(book.context.path, "; ".join(f"DELETE FROM {table}" for table in tables))
    report = verify()
    assert report.events_checked == 0
    assert any("the ledger is empty" in problem for problem in report.problems)


def test_rechaining_after_an_edit_breaks_every_signature_after_it(book: Seeded) -> None:
    path = book.context.path
    anchor = anchors.append(path, book.context.clock.now())
    interaction_id, seq = rows(
        path, "SELECT entity_id, seq FROM ledger WHERE entity = 'interaction' ORDER BY seq LIMIT 1"
    )[0]
    data = rows(path, "SELECT data FROM ledger WHERE seq = ?", (seq,))[0][0]
    tamper(path, "UPDATE ledger SET data = ? WHERE seq = ?", (data.replace("500 units", "50 units"), seq))
    tamper(
        path,
        "UPDATE interaction SET summary = replace(summary, '500 units', '50 units') WHERE id = ?",
        (interaction_id,),
    )
    tamper(
        path,
        "UPDATE interaction SET row_hash = ? WHERE id = ?",
        (hashlib.sha256(data.replace("500 units", "50 units").encode()).hexdigest(), interaction_id),
    )
    rechain(path, seq)
    report = verify()
    assert any("does not verify" in problem for problem in report.problems)
    assert any(
        f"the anchor of {anchor.day} says event {anchor.seq:,} had hash" in problem and "re-written" in problem
        for problem in report.problems
    )
    assert not any("data was changed" in problem or "prev_hash" in problem for problem in report.problems)


def test_a_forged_backdated_interaction_is_unsigned(book: Seeded) -> None:
    path = book.context.path
    head_seq, head_hash = ledger.head()
    row = {
        "id": "f" * 32,
        "hlc": f"{1_700_000_000_000:013d}.00000.{book.context.device}",
        "customer_id": book.customer_ids["张伟"],
        "rep_id": book.context.rep_id,
        "kind": "call",
        "direction": "out",
        "occurred_at": "2026-10-01T02:00:00.000000Z",
        "summary": "Customer waived the fee",
        "body": "",
        "outcome": "",
        "next_step": "",
        "amends_id": None,
        "created_at": "2026-10-01T02:00:00.000000Z",
    }
    data = ledger.canonical(row)
    header = {
        "seq": head_seq + 1,
        "event_id": "e" * 32,
        "hlc": row["hlc"],
        "device": book.context.device,
        "rep": book.context.rep_id,
        "entity": "interaction",
        "entity_id": row["id"],
        "op": "create",
    }
    data_hash = ledger.digest(data)
    tamper(
        path,
        "INSERT INTO ledger VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (*header.values(), data, data_hash, head_hash, ledger.event_hash(head_hash, header, data_hash)),
    )
    columns = ", ".join(row)
    tamper(
        path,
        f"INSERT INTO interaction ({columns}, row_hash) VALUES ({', '.join('?' * len(row))}, ?)",
        (*row.values(), data_hash),
    )
    report = verify()
    assert (
        f"ledger events {head_seq + 1}–{head_seq + 1} (written as alice) have no signed commit (added outside "
        "the app)" in report.problems
    )
    assert any("goes back before the event before it" in problem for problem in report.problems)


def test_signing_a_forgery_with_your_own_key_does_not_make_it_anothers(book: Seeded) -> None:
    """Mallory, a rep with a key of her own, writes as alice and signs; verify says alice did not sign."""
    mallory = reps.add(book.context, "mallory")
    mallory_context = Context(path=book.context.path, clock=book.context.clock, device=book.context.device)
    reps.sign_in(mallory_context, "mallory")
    mallory_context.keyring[book.context.rep_id] = mallory_context.keyring[mallory.id]  # her key, as alice's
    mallory_context.rep_id = book.context.rep_id
    timeline.append(mallory_context, book.customer_ids["张伟"], {"kind": "call", "summary": "alice agreed to 0%"})
    assert problems_with("signed as alice with a key that is not theirs")
    assert problems_with("written as alice but not signed by them")


def test_a_key_registered_for_another_rep_is_named(book: Seeded) -> None:
    mallory = reps.add(book.context, "mallory")
    mallory_context = Context(path=book.context.path, clock=book.context.clock, device=book.context.device)
    reps.sign_in(mallory_context, "mallory")
    key = keys.generate()
    with mallory_context.write() as writer:
        reps._put_key(writer, book.context.rep_id, key, book.context.clock.now(), mallory.id)
    assert problems_with("a key of alice was changed by mallory, who is neither alice nor an admin")


def test_making_yourself_admin_is_named(book: Seeded) -> None:
    from salestui.db.models import Rep

    mallory = reps.add(book.context, "mallory")
    mallory_context = Context(path=book.context.path, clock=book.context.clock, device=book.context.device)
    reps.sign_in(mallory_context, "mallory")
    with mallory_context.write() as writer:
        row = Rep.get_by_id(mallory.id).stored_row()
        writer.put(Rep, {**row, "role": "admin"}, "update")
    assert problems_with("mallory's record was changed without an admin's signature")


def test_a_trigger_that_swallows_records_is_named_and_blocks_writes(book: Seeded, capsys) -> None:
    path = book.context.path
    tamper_script(
        path,
        "CREATE TRIGGER quiet BEFORE INSERT ON interaction WHEN NEW.summary LIKE '%refund%' "
        "BEGIN SELECT RAISE(IGNORE); END",
    )
    assert problems_with("schema: trigger quiet (on interaction) is not SalesTUI's (added outside the app)")
    before = ledger.head()
    with pytest.raises(DatabaseError, match="nothing was written: schema: trigger quiet"):
        timeline.append(book.context, book.customer_ids["张伟"], {"kind": "call", "summary": "promised a refund"})
    assert ledger.head() == before


def test_a_dropped_search_trigger_and_the_customers_it_hid_are_named(book: Seeded) -> None:
    path = book.context.path
    ((trigger_sql,),) = rows(path, "SELECT sql FROM sqlite_master WHERE name = 'customer_fts_insert'")
    tamper_script(path, "DROP TRIGGER customer_fts_insert")
    assert problems_with("schema: trigger customer_fts_insert (on customer) is missing")
    with pytest.raises(DatabaseError, match="nothing was written"):
        customers.create(book.context, {"name": "Hidden Customer Ltd"})  # it would never reach the search index
    tamper_script(path, trigger_sql)
    assert verify().ok
    tamper_script(path, "DROP TABLE customer_short_fts")
    assert problems_with("schema: table customer_short_fts is missing")


def test_a_customer_missing_from_the_search_index_is_named(book: Seeded) -> None:
    path = book.context.path
    customer_id = book.customer_ids["李娜"]
    ((rowid,),) = rows(path, "SELECT rowid FROM customer WHERE id = ?", (customer_id,))
    tamper_script(
        path,
        f"INSERT INTO customer_fts(customer_fts, rowid, search_text) SELECT 'delete', rowid, "
        f"search_text FROM customer WHERE rowid = {rowid}",
    )
    assert problems_with(f"customer {customer_id}: missing from the search index customer_fts")


def test_anchors_file_is_checked_line_by_line(book: Seeded) -> None:
    path = anchors.anchors_path(book.context.path)
    first = anchors.append(book.context.path, book.context.clock.now())
    with path.open("a") as out:
        out.write("12 not-a-hash 2026-11-26T01:30:00Z\n")
        out.write(f"1 {first.hash} 2026-11-27T01:30:00Z\n")
    report = verify()
    assert "anchors file line 3: not 'seq hash utc-time'" in report.problems
    assert "anchors file line 4: goes back before the line above it (the file was edited)" in report.problems
    assert any("the anchor of 2026-11-27 says event 1 had hash" in problem for problem in report.problems)


def test_the_app_anchors_at_most_once_a_day(book: Seeded, clock) -> None:
    path = anchors.anchors_path(book.context.path)
    lines = path.read_text().splitlines()
    assert len(lines) == 1  # the seeded writes all happened on one day
    from datetime import timedelta

    clock.advance(timedelta(days=1))
    timeline.append(book.context, book.customer_ids["张伟"], {"kind": "call", "summary": "next day"})
    timeline.append(book.context, book.customer_ids["张伟"], {"kind": "call", "summary": "same day"})
    lines = path.read_text().splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"{ledger.head()[0] - 1} ")
    assert anchors.anchor_text().startswith("Record reference: SalesTUI ledger event ")


def test_expected_anchor(book: Seeded) -> None:
    seq, head_hash = ledger.head()
    assert verify(expect=(seq, head_hash)).ok
    assert problems_with("") == []
    report = verify(expect=(seq, "0" * 64))
    assert any("the expected anchor says event" in problem for problem in report.problems)
    report = verify(expect=(seq + 5, head_hash))
    assert any(
        f"the ledger ends at event {seq:,} but the expected anchor says {seq + 5:,}" in problem
        for problem in report.problems
    )


def test_invalid_utf8_planted_in_a_row_or_event_is_named(book: Seeded) -> None:
    path = book.context.path
    customer_id = book.customer_ids["王芳"]
    tamper(path, "UPDATE customer SET company = CAST(X'41FF1B5B3331' AS TEXT) WHERE id = ?", (customer_id,))
    ((seq,),) = rows(path, "SELECT seq FROM ledger WHERE entity = 'interaction' LIMIT 1")
    tamper(path, "UPDATE ledger SET data = CAST(X'7BFF7D' AS TEXT) WHERE seq = ?", (seq,))
    report = verify()
    assert any(customer_id in problem and "not UTF-8" in problem for problem in report.problems)
    assert any(f"ledger event {seq} " in problem and "not UTF-8" in problem for problem in report.problems)


def test_a_database_from_before_signing_is_upgraded_and_its_reps_claim_keys(
    tmp_path: Path, clock, monkeypatch, keys_folder: Path
) -> None:
    from salestui.db import migrations
    from salestui.db.connection import device_id, write_transaction
    from salestui.db.database import open_database
    from salestui.db.models import Rep

    path = tmp_path / "old.db"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 1)
    open_database(path)
    old = ledger.LedgerWriter(device_id(), "r" * 32, clock.now())
    with write_transaction():
        now = Rep.stored({"created_at": clock.now(), "updated_at": clock.now()})
        old.put(Rep, {"id": "r" * 32, "login": "alice", "name": "Alice", "role": "admin", **now}, "create")
    close()
    monkeypatch.undo()
    monkeypatch.setenv("SALESTUI_KEYS", str(keys_folder))
    context = open_context(path, "alice", clock)
    assert list(tmp_path.glob("old.db.v1-*.bak"))
    report = verify()
    assert report.ok, report.problems
    assert report.notes == ("ledger events 1–1 were written before commits were signed",)
    customers.create(context, {"name": "After the upgrade"})
    assert verify().ok
    assert os.path.exists(keys.key_path(keys_folder, rows(path, "SELECT id FROM rep_key")[0][0]))


def test_a_new_database_nobody_could_sign_in_to_is_not_left_behind(tmp_path: Path, clock, monkeypatch) -> None:
    target = tmp_path / "new.db"
    with pytest.raises(ValidationError):
        open_context(target, "bad login!", clock)
    assert not target.exists()

    def refuse(*_args, **_kwargs):
        raise keys.KeyFileError("cannot write the key file")

    monkeypatch.setattr(keys, "save", refuse)
    with pytest.raises(keys.KeyFileError):
        open_context(target, "alice", clock)
    assert sorted(item.name for item in tmp_path.iterdir()) == []


def test_the_table_checks_give_the_same_report_in_a_process_of_their_own(book: Seeded) -> None:
    tamper(book.context.path, "UPDATE follow_up SET title = 'Send nothing' WHERE title = 'Send samples'")
    inline, beside = verify(parallel=False), verify(parallel=True)
    assert inline == beside and not inline.ok
    assert any("altered outside the app" in problem for problem in beside.problems)
