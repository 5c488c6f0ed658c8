"""Deterministic, realistic demo data written in bulk through the ledger (so `verify` passes)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from salestui.db.models import ContactPerson, Customer, Interaction, Rep, RepKey
from salestui.db.queries import CONTACT_KINDS
from salestui.demo import history_words, people, words
from salestui.demo.deals import DealMaker
from salestui.demo.follow_ups import make_follow_ups
from salestui.demo.people import CustomerDraft
from salestui.demo.plan import DemoPlan, fill
from salestui.services import contacts, keys, reps
from salestui.services.context import Context
from salestui.services.customers import DEFAULTS, derived_columns
from salestui.services.ledger import LedgerWriter

CHUNK = 1000  # customers per transaction: memory stays flat at any size
HISTORY_DAYS = 730
INTERACTIONS_PER_CUSTOMER = 10
KIND_WEIGHTS = {"call": 30, "im": 28, "email": 14, "meeting": 6, "visit": 5, "note": 8, "complaint": 4, "feedback": 5}
DIRECTIONS = {
    "call": ("out", "out", "in"),
    "im": ("in", "out"),
    "email": ("out", "in"),
    "meeting": ("none",),
    "visit": ("out",),
    "note": ("none",),
    "complaint": ("in",),
    "feedback": ("in",),
}
# HLC text keeps 5 counter digits; tick the wall time well before a busy batch would need a sixth.
HLC_COUNTER_LIMIT = 50_000
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoStats:
    """What `generate` made."""

    reps: int
    customers: int
    contact_persons: int
    interactions: int
    follow_ups: int
    deals: int
    promises: int
    events: int
    first_rep_login: str


def generate(
    context: Context,
    customers: int = 1000,
    seed: int = 1,
    interactions: int | None = None,
    progress: ProgressCallback | None = None,
) -> DemoStats:
    """Write `customers` customers with reps, contacts, ~`interactions` interactions and follow-ups."""
    now = context.clock.now()
    plan = DemoPlan(random.Random(seed), now, context.clock.local(now).utcoffset() or timedelta())
    per_customer = INTERACTIONS_PER_CUSTOMER if interactions is None else interactions / max(customers, 1)
    events = 0
    # Demo managers need an admin's co-signature beside a signed-in admin (the first reps of an empty book do not).
    cosigners = (context.rep_id,) if context.rep_id else ()
    with context.write(bulk=True, cosigners=cosigners) as writer:
        _prepare(writer, plan)
        make_reps(context, writer, plan, seed)
        events += len(writer.events)
    with context.write(bulk=True) as writer:  # by the manager, whose key is in force once the reps are in
        _prepare(writer, plan)
        make_settings(writer, plan)
        events += len(writer.events)
    deal_rng = random.Random(seed * 7919 + 1)  # deals draw from a stream of their own: customers stay as they were
    for start in range(0, customers, CHUNK):
        size = min(CHUNK, customers - start)
        with context.write(bulk=True) as writer:
            _prepare(writer, plan)
            deals = DealMaker(writer, plan, deal_rng)
            make_customer_batch(writer, plan, size, round(per_customer * size), deals)
            events += len(writer.events)
            writer.flush()  # the contact persons' rows must be in before their search index is
            contacts.index(plan.new_contact_ids)
            plan.new_contact_ids.clear()
            written = writer.seq
            deals.write_memos(context.clock.zone)  # a memo is written from its deal's rows, now in
            events += writer.seq - written
        if progress is not None:
            progress(start + size, customers)
    counts = plan.counts
    return DemoStats(
        counts["rep"],
        counts["customer"],
        counts["contact_person"],
        counts["interaction"],
        counts["follow_up"],
        counts["deal"],
        counts["promise"],
        events,
        words.REPS[0][0],
    )


def _prepare(writer: LedgerWriter, plan: DemoPlan) -> None:
    """Seeded event ids, and a clock tick per transaction so HLC counters stay small at any size."""
    writer.new_event_id = plan.new_id
    _tick(writer)


def _tick(writer: LedgerWriter) -> None:
    """Move the writer's wall time 1 ms past its last stamp (a frozen clock would otherwise only count up)."""
    writer.now_ms = max(writer.now_ms, writer.hlc.wall_ms + 1)


def make_reps(context: Context, writer: LedgerWriter, plan: DemoPlan, seed: int) -> None:
    """The demo team, each with a signing key saved in the context's key folder; an existing login is reused.

    Demo keys are derived from the seed, so the same seed makes the same ledger; anyone can derive them,
    which is why a demo database must never hold real records.
    """
    existing = {rep.login: rep.id for rep in Rep.select(Rep.id, Rep.login)}
    created = plan.now - timedelta(days=HISTORY_DAYS + 30)
    for login, name, role in words.REPS:
        if login in existing:
            plan.rep_ids[login] = existing[login]
            if existing[login] not in context.keyring:
                context.keyring[existing[login]] = reps.signing_key(context, login)
            continue
        rep_id = plan.new_id()
        row = {"id": rep_id, "login": login, "name": name, "role": role, "created_at": created, "updated_at": created}
        writer.put(Rep, Rep.stored(row), "create", rep_id=rep_id)
        key = keys.generate(hashlib.sha256(f"salestui demo key {seed} {login}".encode()).digest())
        keys.save(key, context.keys_folder, f"{login} (demo)")
        context.keyring[rep_id] = key
        writer.put(
            RepKey,
            RepKey.stored(
                {
                    "id": key.key_id,
                    "rep_id": rep_id,
                    "public_key": key.public_key,
                    "status": "active",
                    "created_at": created,
                    "revoked_at": None,
                    "reason": "",
                }
            ),
            "create",
            rep_id=rep_id,
        )
        plan.rep_ids[login] = rep_id
        plan.counts["rep"] += 1


# The demo company, as its memos name it.
COMPANY = {
    "company.name": "明远贸易（宁波）有限公司",
    "company.address": "浙江省宁波市江北区长兴路 88 号",
    "company.time_zone": "Asia/Shanghai",
}


def make_settings(writer: LedgerWriter, plan: DemoPlan) -> None:
    """The company's name, address and time zone, set by the demo's manager (only a manager or admin may)."""
    from salestui.db.models import Setting
    from salestui.services.settings import setting_id, stored_json

    if Setting.select().exists():
        return
    manager = plan.rep_ids[next(login for login, _name, role in words.REPS if role == "manager")]
    created = plan.now - timedelta(days=HISTORY_DAYS + 29)
    for key, value in COMPANY.items():
        row = {"id": setting_id(key), "key": key, "value": stored_json(value), "updated_at": created}
        writer.put(Setting, Setting.stored(row), "create", rep_id=manager)


def make_customer_batch(writer: LedgerWriter, plan: DemoPlan, size: int, interactions: int, deals: DealMaker) -> None:
    """`size` customers, sharing `interactions` between them by a skewed weight (a few get hundreds)."""
    rng = plan.rng
    drafts = [people.draft_customer(plan.rng) for _ in range(size)]
    total = sum(draft.weight for draft in drafts) or 1.0
    for draft in drafts:
        share = interactions * draft.weight / total
        draft.interactions = int(share) + (rng.random() < share - int(share))
    sellers = [plan.rep_ids[login] for login, _name, role in words.REPS if role == "rep"]
    manager = plan.rep_ids[next(login for login, _name, role in words.REPS if role == "manager")]
    for draft in drafts:
        if writer.hlc.counter >= HLC_COUNTER_LIMIT:
            _tick(writer)
        if rng.random() >= 0.08:
            draft.owner_id = rng.choices([*sellers, manager], [*[10] * len(sellers), 3])[0]
        make_customer(writer, plan, draft, sellers, deals)


def make_customer(
    writer: LedgerWriter, plan: DemoPlan, draft: CustomerDraft, sellers: list[str], deals: DealMaker
) -> None:
    """One customer with its contact persons, interaction history and follow-ups."""
    rng = plan.rng
    draft.chinese = rng.random() < 0.78
    values = people.customer_values(plan.rng, plan.names, draft)
    created = _created_at(plan, draft)
    end = _last_contact_goal(plan, draft)
    if end < created:
        created = end - timedelta(days=rng.uniform(1, 30))
    customer_id = plan.new_id()
    history = make_interactions(plan, draft, customer_id, created, end, sellers)
    last = max((row["occurred_at"] for row in history if row["kind"] in CONTACT_KINDS), default=None)
    row = {
        **DEFAULTS,
        **values,
        "id": customer_id,
        "owner_id": draft.owner_id,
        "created_at": created,
        "updated_at": created,
        "language": "zh_CN" if draft.chinese else "en",
        **derived_columns(values),
    }
    stored = Customer.stored(row)
    stored["last_contact_at"] = last
    author = draft.owner_id or sellers[0]
    writer.put(Customer, stored, "create", rep_id=author)
    plan.counts["customer"] += 1
    contact_persons = make_contact_persons(writer, plan, draft, customer_id, created, values, author)
    for interaction in history:
        writer.put(Interaction, interaction, "create", rep_id=interaction["rep_id"])
    plan.counts["interaction"] += len(history)
    deals.make(draft, customer_id, author, contact_persons, history, values["currency"])
    if draft.owner_id is not None and draft.status != "lost":
        make_follow_ups(writer, plan, draft, customer_id, created)


def _created_at(plan: DemoPlan, draft: CustomerDraft) -> datetime:
    if draft.status == "lead":
        return plan.days_ago(0.5, 120)
    return plan.days_ago(60, HISTORY_DAYS)


def _last_contact_goal(plan: DemoPlan, draft: CustomerDraft) -> datetime:
    """When the newest interaction should be: recent for active customers, long ago for dormant and lost."""
    rng = plan.rng
    if draft.status == "active":
        gap = rng.expovariate(1 / {"vip": 6, "regular": 14, "potential": 20}[draft.tier])
        return plan.now - timedelta(days=min(gap, 120), hours=rng.uniform(0, 6))
    if draft.status == "dormant":
        return plan.days_ago(50, 300)
    if draft.status == "lost":
        return plan.days_ago(90, 600)
    return plan.days_ago(0.2, 40)


def make_contact_persons(
    writer: LedgerWriter,
    plan: DemoPlan,
    draft: CustomerDraft,
    customer_id: str,
    created: datetime,
    values: dict[str, Any],
    author: str,
) -> list[tuple[str, str]]:
    """One to three people at a company customer (the first is the primary); sometimes one for a person with an
    employer. Returns (id, name) of each."""
    rng = plan.rng
    if values["kind"] == "company":
        count = rng.choice((1, 1, 2, 2, 3))
    else:
        count = 1 if values["company"] and rng.random() < 0.3 else 0
    made: list[tuple[str, str]] = []
    for _ in range(count):
        person = people.person_name(rng, plan.names, draft.chinese)
        row = {
            "id": plan.new_id(),
            "customer_id": customer_id,
            "name": person,
            "title": rng.choice(words.CHINESE_TITLES if draft.chinese else words.ENGLISH_TITLES),
            "phone": people.phone_number(rng, draft.country),
            "email": people.email_address(rng, draft.chinese, person, ""),
            "im_handle": people.wechat_or_handle(rng, draft.chinese, person),
            "note": "",
            "created_at": created,
            "updated_at": created,
            "is_primary": 0 if made else 1,
        }
        writer.put(ContactPerson, ContactPerson.stored(row), "create", rep_id=author)
        plan.new_contact_ids.append(str(row["id"]))
        plan.counts["contact_person"] += 1
        made.append((str(row["id"]), person))
    return made


def make_interactions(
    plan: DemoPlan, draft: CustomerDraft, customer_id: str, start: datetime, end: datetime, sellers: list[str]
) -> list[dict[str, Any]]:
    """The customer's history between `start` and `end` (stored rows, oldest first), the last one at `end`."""
    rng = plan.rng
    count = draft.interactions
    if count == 0:
        return []
    span = max((end - start).total_seconds(), 60.0)
    moments = sorted(start + timedelta(seconds=span * rng.random()) for _ in range(count - 1))
    moments.append(end)
    language = 0 if draft.chinese else 1
    kinds = rng.choices(tuple(KIND_WEIGHTS), tuple(KIND_WEIGHTS.values()), k=count)
    usual_rep = draft.owner_id or rng.choice(sellers)
    rows = []
    for moment, kind in zip(moments, kinds, strict=True):
        occurred = plan.office_time(moment)
        templates = history_words.SUMMARIES[kind][language]
        template = rng.choice(templates)
        detailed = rng.random() < 0.25
        row = {
            "id": plan.new_id(),
            "customer_id": customer_id,
            "rep_id": usual_rep if rng.random() < 0.92 else rng.choice(sellers),
            "kind": kind,
            "direction": rng.choice(DIRECTIONS[kind]),
            "occurred_at": occurred,
            "summary": fill(plan, template, draft, occurred),
            "body": _body(plan, templates, template, draft, occurred) if detailed else "",
            "outcome": rng.choice(history_words.OUTCOMES[language]) if detailed else "",
            "next_step": rng.choice(history_words.NEXT_STEPS[language]) if rng.random() < 0.3 else "",
            "amends_id": None,
            "created_at": min(occurred + timedelta(minutes=rng.randint(1, 90)), plan.now),
        }
        rows.append(Interaction.stored(row))
    return rows


def _body(plan: DemoPlan, templates: tuple[str, ...], summary: str, draft: CustomerDraft, moment: datetime) -> str:
    """A note of a line or two more about the same kind of contact."""
    others = [template for template in templates if template != summary]
    picked = plan.rng.sample(others, k=min(len(others), plan.rng.choice((1, 2))))
    return "\n".join(fill(plan, template, draft, moment) for template in picked)
