"""Two OS processes writing to one database at once: nothing lost, nothing locked, the chain intact."""

from __future__ import annotations

import multiprocessing
import traceback
from pathlib import Path

from salestui.clock import HLC
from salestui.db.connection import database
from salestui.services import customers, reps, verify
from salestui.services.session import close, open_context

WRITES_PER_PROCESS = 100


def write_many(path: str, login: str, shared_customer: str, start, results) -> None:
    """Run in a spawned process: wait for the start signal, then alternate customers and interactions."""
    try:
        from salestui.services import customers as customer_service
        from salestui.services import timeline
        from salestui.services.session import close as close_context
        from salestui.services.session import open_context as open_in_child

        context = open_in_child(path, login)
        start.wait(timeout=60)
        for number in range(WRITES_PER_PROCESS):
            if number % 2:
                timeline.append(context, shared_customer, {"kind": "call", "summary": f"{login} call {number}"})
            else:
                customer_service.create(context, {"name": f"{login} customer {number}"})
        close_context()
        results.put((login, "ok"))
    except BaseException:  # noqa: BLE001 - everything goes back to the parent
        results.put((login, traceback.format_exc()))


def test_two_processes_write_at_once(tmp_path: Path):
    path = tmp_path / "shared.db"
    setup = open_context(path, "setup")
    shared = customers.create(setup, {"name": "Shared customer"}).id
    for login in ("p1", "p2"):
        reps.add(setup, login)
    close()

    spawn = multiprocessing.get_context("spawn")
    start = spawn.Event()
    results = spawn.Queue()
    workers = [
        spawn.Process(target=write_many, args=(str(path), login, shared, start, results)) for login in ("p1", "p2")
    ]
    for worker in workers:
        worker.start()
    start.set()
    outcomes = dict(results.get(timeout=120) for _worker in workers)
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    assert outcomes == {"p1": "ok", "p2": "ok"}, outcomes

    open_context(path, "setup")
    try:
        half = WRITES_PER_PROCESS // 2
        for login in ("p1", "p2"):
            made = database.execute_sql("SELECT COUNT(*) FROM customer WHERE name LIKE ?", (f"{login} customer %",))
            assert made.fetchone()[0] == half
            logged = database.execute_sql("SELECT COUNT(*) FROM interaction WHERE summary LIKE ?", (f"{login} call %",))
            assert logged.fetchone()[0] == half
        # setup, p1, p2 reps and their keys; the shared customer; 200 rows written by the workers.
        expected_events = 2 * 3 + 1 + 2 * WRITES_PER_PROCESS
        seqs = [row[0] for row in database.execute_sql("SELECT seq FROM ledger ORDER BY seq")]
        assert seqs == list(range(1, expected_events + 1))
        stamps = [HLC.parse(row[0]) for row in database.execute_sql("SELECT hlc FROM ledger ORDER BY seq")]
        assert all(a < b for a, b in zip(stamps, stamps[1:], strict=False))
        writers = [
            row[0]
            for row in database.execute_sql("SELECT r.login FROM ledger l JOIN rep r ON r.id = l.rep ORDER BY l.seq")
        ]
        spans = {login: (writers.index(login), len(writers) - 1 - writers[::-1].index(login)) for login in ("p1", "p2")}
        assert spans["p1"][0] < spans["p2"][1] and spans["p2"][0] < spans["p1"][1], "the writers never overlapped"
        report = verify.verify()
        assert report.ok, report.problems
        assert report.rows_checked == expected_events
        newest = database.execute_sql("SELECT MAX(occurred_at) FROM interaction").fetchone()[0]
        assert customers.detail(shared).last_contact_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ") == newest
    finally:
        close()
