"""A checker written from docs/ledger.md alone (sqlite3, hashlib, json, cryptography) agrees with verify."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tampering import tamper
from tests.test_demo import make_demo

# The whole checker: the chain, the key registry and every signed commit, in at most 40 lines.
CHECKER = """
import hashlib, json, sqlite3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

def check(path):
    db = sqlite3.connect(path)
    sha = lambda text: hashlib.sha256(text.encode("utf-8")).hexdigest()
    canon = lambda obj: json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    commits = {}
    for seq, rep, key_id, signature in db.execute("SELECT seq, rep, key_id, signature FROM ledger_signature"):
        commits.setdefault(seq, {})[rep] = (key_id, signature)
    keys, authors, prev, expected = {}, set(), "0" * 64, 1
    names = ["seq", "event_id", "hlc", "device", "rep", "entity", "entity_id", "op"]
    for row in db.execute(f"SELECT {', '.join(names)}, data, data_hash, prev_hash, hash FROM ledger ORDER BY seq"):
        header, (data, data_hash, prev_hash, event_hash) = dict(zip(names, row[:8])), row[8:]
        assert header["seq"] == expected and prev_hash == prev, f"chain broken at event {expected}"
        assert sha(data) == data_hash, f"event {expected}: data changed"
        assert sha(prev + "\\n" + canon(header) + "\\n" + data_hash) == event_hash, f"event {expected}: bad hash"
        record = json.loads(data)
        if header["entity"] == "rep_key" and header["op"] == "create":
            keys[record["id"]] = (record["rep_id"], record["public_key"])
        authors.add(header["rep"])
        signers = commits.pop(header["seq"], {})
        for rep, (key_id, signature) in signers.items():
            assert keys[key_id][0] == rep, f"event {expected}: {rep} signed with another rep's key"
            message = f"salestui-commit-v1\\n{expected}\\n{event_hash}\\n{rep}\\n{key_id}".encode("ascii")
            public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys[key_id][1]))
            public.verify(bytes.fromhex(signature), message)  # raises InvalidSignature
        if signers:
            assert authors <= set(signers), f"events up to {expected} are not signed by {authors - set(signers)}"
            authors = set()
        prev, expected = event_hash, expected + 1
    assert not authors and not commits, "unsigned events at the end, or commits for missing events"
    return expected - 1, prev
"""


def checker():
    namespace: dict = {}
    exec(CHECKER, namespace)  # noqa: S102 - the checker is kept as text to count its lines
    return namespace["check"]


def test_the_checker_is_short() -> None:
    assert len(CHECKER.strip().splitlines()) <= 40


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os

    from salestui.clock import FrozenClock
    from salestui.services.session import close
    from tests.conftest import FROZEN_NOW, SHANGHAI

    folder = tmp_path_factory.mktemp("independent")
    os.environ["SALESTUI_KEYS"] = str(folder / "keys")
    try:
        make_demo(folder / "demo.db", FrozenClock(FROZEN_NOW, zone=SHANGHAI), customers=150)
    finally:
        close()
        del os.environ["SALESTUI_KEYS"]
    return folder / "demo.db"


def test_an_independent_checker_verifies_a_demo_database(demo_path: Path) -> None:
    from salestui.db.database import open_database
    from salestui.services import ledger
    from salestui.services.session import close
    from salestui.services.verify import verify

    head = checker()(demo_path)
    open_database(demo_path, read_only=True)
    try:
        report = verify(demo_path)
        assert report.ok, report.problems
        assert head == ledger.head() == (report.head_seq, report.head_hash)
    finally:
        close()


def test_the_independent_checker_catches_an_edit(demo_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_path.read_bytes())
    tamper(copy, "UPDATE ledger SET data = replace(data, '\"hlc\"', '\"HLC\"') WHERE seq = 40")
    with pytest.raises(AssertionError, match="event 40: data changed"):
        checker()(copy)
