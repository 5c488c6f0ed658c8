"""The demo generator: deterministic, realistic, fast enough, and its ledger verifies."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from salestui.clock import HLC, FrozenClock
from salestui.db.connection import database
from salestui.db.database import open_database
from salestui.db.models import ContactPerson, Customer, FollowUp, Interaction
from salestui.demo import generator as demo
from salestui.demo.follow_ups import FIRST_REP_MIN_OVERDUE
from salestui.services import alerts, followups, verify
from salestui.services.context import Context
from salestui.services.session import close, open_context
from salestui.services.spec import clean
from salestui.services.specs import CUSTOMER, INTERACTION

DEVICE = "demo00000001"


def make_demo(path: Path, clock: FrozenClock, customers: int = 200, seed: int = 1, **options) -> demo.DemoStats:
    """A demo database on a replica with a fixed device id, so even the ledger hashes repeat."""
    open_database(path)
    database.execute_sql("INSERT INTO meta(key, value) VALUES ('device_id', ?)", (DEVICE,))
    return demo.generate(Context(path=path, clock=clock, device=DEVICE), customers=customers, seed=seed, **options)


def snapshot() -> dict[str, list]:
    return {
        "names": [row[0] for row in database.execute_sql("SELECT name FROM customer ORDER BY rowid")],
        "hashes": [row[0] for row in database.execute_sql("SELECT hash FROM ledger ORDER BY seq")],
        "summaries": [row[0] for row in database.execute_sql("SELECT summary FROM interaction ORDER BY rowid")],
    }


@pytest.fixture
def demo_db(tmp_path: Path, clock: FrozenClock):
    stats = make_demo(tmp_path / "demo.db", clock)
    yield tmp_path / "demo.db", stats
    close()


def test_same_seed_makes_the_same_data_and_ledger(tmp_path: Path, clock: FrozenClock) -> None:
    first_stats = make_demo(tmp_path / "a.db", clock, customers=120, seed=7)
    first = snapshot()
    close()
    second_stats = make_demo(tmp_path / "b.db", clock, customers=120, seed=7)
    second = snapshot()
    close()
    make_demo(tmp_path / "c.db", clock, customers=120, seed=8)
    other = snapshot()
    close()
    assert first_stats == second_stats
    assert first == second
    assert len(first["hashes"]) == first_stats.events
    assert other["names"] != first["names"]


def test_demo_database_verifies_and_counts_match(demo_db) -> None:
    _path, stats = demo_db
    report = verify.verify()
    assert report.problems == ()
    assert stats.customers == Customer.select().count() == 200
    assert stats.interactions == Interaction.select().count()
    assert stats.contact_persons == ContactPerson.select().count() > 0
    assert stats.follow_ups == FollowUp.select().count()
    assert stats.reps == 6
    assert report.events_checked == stats.events == report.head_seq
    assert 1500 <= stats.interactions <= 2500  # about 10 per customer


def test_chunks_keep_the_chain_and_hlc_in_order(
    tmp_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "CHUNK", 40)
    calls: list[tuple[int, int]] = []
    make_demo(tmp_path / "demo.db", clock, customers=100, progress=lambda done, total: calls.append((done, total)))
    try:
        assert calls == [(40, 100), (80, 100), (100, 100)]
        assert verify.verify().ok
        stamps = [row[0] for row in database.execute_sql("SELECT hlc FROM ledger ORDER BY seq")]
        assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    finally:
        close()


def test_hlc_counters_stay_small_inside_a_busy_batch(
    tmp_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "HLC_COUNTER_LIMIT", 100)
    stats = make_demo(tmp_path / "demo.db", clock, customers=100)
    try:
        stamps = [HLC.parse(row[0]) for row in database.execute_sql("SELECT hlc FROM ledger ORDER BY seq")]
        assert stamps == sorted(stamps)
        busiest = database.execute_sql(
            "SELECT MAX(n) FROM (SELECT customer_id, COUNT(*) AS n FROM (SELECT customer_id FROM interaction "
            "UNION ALL SELECT customer_id FROM follow_up UNION ALL SELECT customer_id FROM contact_person) "
            "GROUP BY customer_id)"
        ).fetchone()[0]
        assert stats.events > 1000
        assert max(stamp.counter for stamp in stamps) <= 100 + busiest + 1
    finally:
        close()


def test_interaction_target_is_shared_with_a_skew(tmp_path: Path, clock: FrozenClock) -> None:
    stats = make_demo(tmp_path / "demo.db", clock, customers=300, interactions=6000)
    try:
        assert 5400 <= stats.interactions <= 6600
        per_customer = [
            row[0]
            for row in database.execute_sql("SELECT COUNT(*) FROM interaction GROUP BY customer_id ORDER BY 1 DESC")
        ]
        assert per_customer[0] >= 100  # a few customers have hundreds of contacts
        assert per_customer[len(per_customer) // 2] < 20
    finally:
        close()


def test_rows_pass_the_services_own_validation(demo_db, clock: FrozenClock) -> None:
    now = clock.now()
    fields = (
        "kind",
        "name",
        "company",
        "phone",
        "email",
        "im_handle",
        "address",
        "region",
        "industry",
        "source",
        "tier",
        "status",
        "needs",
        "preferences",
        "currency",
        "credit_limit",
        "payment_terms",
        "tags",
        "cadence_days",
    )
    for customer in Customer.select():
        _values, errors = clean(CUSTOMER, {name: getattr(customer, name) for name in fields})
        assert errors == {}, (customer.name, errors)
    for interaction in Interaction.select():
        raw = {
            name: getattr(interaction, name)
            for name in ("kind", "direction", "summary", "body", "outcome", "next_step", "occurred_at")
        }
        _values, errors = clean(INTERACTION, raw, now=now)
        assert errors == {}, (interaction.summary, errors)
        assert interaction.occurred_at <= interaction.created_at <= now
    for follow_up in FollowUp.select():
        assert follow_up.queue_at == (follow_up.snoozed_until or follow_up.due_at)
        assert (follow_up.status == "done") == (follow_up.done_at is not None)


def test_data_looks_like_a_real_book(demo_db, clock: FrozenClock) -> None:
    now = clock.now()
    customers = list(Customer.select())
    tiers = Counter(customer.tier for customer in customers)
    assert 5 <= tiers["vip"] <= 40 and tiers["regular"] > tiers["vip"] and tiers["potential"] > tiers["vip"]
    assert {customer.status for customer in customers} == {"lead", "active", "dormant", "lost"}
    assert any(customer.owner_id is None for customer in customers)  # the public pool
    assert any("\u4e00" <= customer.name[0] <= "\u9fff" for customer in customers)
    assert any(customer.name[0].isascii() for customer in customers)
    assert any(customer.phone.startswith("+") for customer in customers)
    assert any(customer.phone[:3] in ("138", "139", "186", "150") for customer in customers)
    assert all(isinstance(customer.credit_limit, int) for customer in customers)
    assert {row[0] for row in database.execute_sql("SELECT DISTINCT kind FROM interaction")} == set(
        INTERACTION.choice("kind").codes
    )
    oldest = database.execute_sql("SELECT MIN(occurred_at) FROM interaction").fetchone()[0]
    assert Interaction.occurred_at.python_value(oldest) < now - timedelta(days=450)
    summaries = [row[0] for row in database.execute_sql("SELECT summary FROM interaction")]
    assert any("微信" in text for text in summaries) and any("WeChat" in text for text in summaries)
    assert all("{" not in text for text in summaries)


def test_first_rep_has_overdue_follow_ups_and_alerts(demo_db, clock: FrozenClock) -> None:
    path, stats = demo_db
    context = open_context(path, stats.first_rep_login, clock)
    queue = followups.queue(context)
    assert len(queue.overdue) >= FIRST_REP_MIN_OVERDUE
    assert queue.today and queue.upcoming
    kinds = Counter(alert.kind for alert in alerts.alerts(context))
    assert kinds["overdue_follow_up"] >= FIRST_REP_MIN_OVERDUE
    assert kinds["no_contact"] >= 1


@pytest.mark.parametrize("login", ["emma.clark", "wangfang", "david.chen", "liujing"])
def test_every_rep_has_each_part_of_the_queue(demo_db, clock: FrozenClock, login: str) -> None:
    path, _stats = demo_db
    queue = followups.queue(open_context(path, login, clock))
    assert queue.overdue and queue.today and queue.upcoming


def test_runs_beside_a_signed_in_rep(context: Context) -> None:
    stats = demo.generate(context, customers=20)
    assert stats.customers == 20
    assert verify.verify().ok
    logins = {row[0] for row in database.execute_sql("SELECT login FROM rep")}
    assert {"alice", "lihua", "zhaomin"} <= logins
