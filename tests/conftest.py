"""Shared fixtures: a real SQLite file per test, a frozen clock, a signed-in rep, seeded records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from salestui import i18n
from salestui.clock import FrozenClock
from salestui.services import cadence_defaults, customers, followups, templates, timeline
from salestui.services import contacts as contact_persons
from salestui.services.context import Context
from salestui.services.session import close, open_context

SHANGHAI = tz.gettz("Asia/Shanghai")
# 2026-11-26 09:30 in Shanghai: a Thursday morning.
FROZEN_NOW = datetime(2026, 11, 26, 9, 30, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts in English and leaves the language as it found it."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def keys_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its reps' private keys in a folder of its own, never in the user's config folder.

    The OS login reads as alice, the seeded book's rep, so commands without --user sign in as her.
    """
    folder = tmp_path_factory.mktemp("keys")
    monkeypatch.setenv("SALESTUI_KEYS", str(folder))
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "alice")
    return folder


@pytest.fixture(autouse=True)
def stamps_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its integrity-check stamps in a cache folder of its own, never in the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SALESTUI_CACHE", str(folder))
    return folder / "checked"


@pytest.fixture(autouse=True)
def no_user_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test reads a config file of its own (none unless it writes one), and leaves the built-in templates."""
    path = tmp_path_factory.mktemp("config") / "config.toml"
    monkeypatch.setenv("SALESTUI_CONFIG", str(path))
    yield path
    templates.reset()
    cadence_defaults.reset()


@pytest.fixture(autouse=True)
def no_default_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command that forgot --db would look here and find nothing."""
    monkeypatch.setenv("SALESTUI_DB", str(tmp_path / "default-missing.db"))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(FROZEN_NOW, zone=SHANGHAI)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "salestui.db"


@pytest.fixture
def context(db_path: Path, clock: FrozenClock) -> Iterator[Context]:
    yield open_context(db_path, "alice", clock)
    close()


@dataclass
class Seeded:
    context: Context
    customer_ids: dict[str, str]
    follow_up_ids: dict[str, str]


def seed(context: Context) -> Seeded:
    """A small, fixed book of customers with contacts and follow-ups (same content every run)."""
    now = context.clock.now()
    people = [
        {"name": "张伟", "company": "华信贸易有限公司", "phone": "138 0013 8000", "tier": "vip", "status": "active"},
        {"name": "李娜", "company": "宁波海润包装", "phone": "139 5741 2233", "tier": "regular", "status": "active"},
        {
            "name": "Acme Trading Ltd",
            "kind": "company",
            "company": "Acme Trading Ltd",
            "phone": "+44 20 7946 0018",
            "email": "orders@acme.example",
            "tier": "regular",
            "status": "active",
            "address": "12 Harbour Road, Felixstowe IP11 3TW",
            "region": "United Kingdom",
            "industry": "Importer",
            "needs": "Printed cartons, 5,000 a quarter",
            "tags": "export, samples",
            "payment_terms": "30 days after delivery",
            "credit_limit": "50000",
        },
        {"name": "王芳", "company": "", "phone": "137 2200 1188", "tier": "potential", "status": "lead"},
        {
            "name": "Wang [bold]Fang[/]",
            "company": "Markup Test Co",
            "phone": "130 0000 0001",
            "tier": "potential",
            "status": "lead",
        },
        {"name": "陈杰", "company": "深圳启明电子", "phone": "186 2000 3000", "tier": "vip", "status": "active"},
    ]
    ids = {}
    for values in people:
        ids[values["name"]] = customers.create(context, values).id
    contacts = [
        ("张伟", "call", 20, "Agreed 500 units at ¥38.00, delivery by 12-05"),
        ("张伟", "im", 3, "WeChat: confirmed delivery address"),
        ("李娜", "email", 45, "Sent price list for 2027"),
        ("Acme Trading Ltd", "meeting", 10, "Quarterly review; asked for samples"),
        ("陈杰", "complaint", 2, "Late delivery of order #1182"),
    ]
    template_values = {"complaint": {"severity": "high"}}  # what each kind's template requires
    for name, kind, days_ago, summary in contacts:
        raw = {"kind": kind, "summary": summary, "occurred_at": now - timedelta(days=days_ago)}
        timeline.append(context, ids[name], {**raw, **template_values.get(kind, {})})
    follow_ups = {}
    plans = [
        ("张伟", "Confirm delivery date", timedelta(days=-3)),
        ("李娜", "Call about 2027 prices", timedelta(hours=2)),
        ("Acme Trading Ltd", "Send samples", timedelta(days=4)),
    ]
    for name, title, offset in plans:
        follow_ups[title] = followups.create(context, ids[name], {"title": title, "due_at": now + offset}).id
    people_at = [
        ("Acme Trading Ltd", {"name": "John Moore", "title": "Purchasing manager", "phone": "+44 7700 900123"}),
        ("Acme Trading Ltd", {"name": "Mary Chen", "title": "Accounts", "email": "mary@acme.example"}),
        ("张伟", {"name": "周敏", "title": "采购经理", "phone": "135 1234 5678"}),
    ]
    price_list = followups.create(
        context, ids["Acme Trading Ltd"], {"title": "Send the price list", "due_at": now - timedelta(days=2)}
    )
    clock = context.clock
    assert isinstance(clock, FrozenClock)
    clock.moment = now - timedelta(minutes=20)  # done, then edited, a little before now: the timeline has an order
    followups.complete(context, price_list.id, "Sent; they reply by Friday")
    clock.moment = now - timedelta(minutes=10)
    customers.update(context, ids["Acme Trading Ltd"], {"payment_terms": "60 days after delivery"})
    clock.moment = now
    for name, person in people_at:  # last, so the newest event creates a record
        contact_persons.add(context, ids[name], person)
    return Seeded(context, ids, follow_ups)


@pytest.fixture
def seeded(context: Context) -> Seeded:
    return seed(context)


@pytest.fixture
def book(seeded: Seeded, db_path: Path) -> Path:
    """The seeded database, closed so each command opens it itself."""
    close()
    return db_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`salestui ARGV` in this process: (exit code, stdout, stderr)."""
    from salestui import cli

    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
