"""Demo deals and promises: deals in every stage and confirmation state, promises kept, broken and open on both
sides, and amended interactions — drawn from a random stream of their own, so the customers stay as they were."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from salestui.db.deal_models import Deal, DealEvent, DealLine, Memo, Promise, PromiseOutcome
from salestui.db.models import Interaction
from salestui.demo.people import CustomerDraft
from salestui.demo.plan import DemoPlan
from salestui.services.ledger import LedgerWriter
from salestui.services.memos import memo_row

# The share of customers of each status that have deals, and how many.
DEAL_SHARE = {"active": 0.4, "dormant": 0.2, "lost": 0.15, "lead": 0.05}
STAGE_WEIGHTS = {"lead": 8, "quoted": 14, "agreed": 30, "delivered": 14, "paid": 12, "closed": 12, "lost": 10}
FORWARD = ("lead", "quoted", "agreed", "delivered", "paid", "closed")
# What happened to the memo of an agreed deal (each state the deal list can show).
MEMO_STATES = {"unsent": 12, "waiting": 14, "acknowledged": 30, "deemed": 26, "objected": 8, "reversioned": 10}
CHANNELS = ("phone", "visit", "meeting", "im", "email")
UNITS = (("件", "箱", "个", "吨", "套"), ("pcs", "boxes", "units", "kg", "sets"))
PLACES = (
    ("买方仓库", "宁波港", "工厂自提", "上海浦东仓"),
    ("buyer's warehouse", "port of Ningbo", "ex works", "Rotterdam"),
)
TERMS = (
    ("货到付款", "发货后 30 天内付款", "预付 30%，余款发货前付清", "月结 60 天"),
    ("payment on delivery", "30 days after delivery", "30% in advance, the rest before shipping", "net 60"),
)
WARRANTY = (
    ("一年质保", "质保 6 个月", "三包"),
    ("12 months", "6 months parts and labour", "replacement of faulty units"),
)
TITLES = (
    ("{product} 订单", "{product} 补货", "{product} 年度采购"),
    ("{product} order", "{product} restock", "{product} yearly supply"),
)
AMENDED = (
    ("更正：数量应为 {qty}，不是上次记的数", "更正：通话对象是采购部，不是财务"),
    ("Correction: the quantity was {qty}, not as first noted", "Correction: spoke with purchasing, not accounts"),
)
PROMISES = {
    ("customer", "payment"): (
        ("月底前付清货款", "本周五前付定金"),
        ("pay the invoice by month end", "pay the deposit by Friday"),
    ),
    ("us", "delivery"): (
        ("按约定日期送货", "下周发出样品"),
        ("deliver on the agreed date", "ship the samples next week"),
    ),
    ("us", "service"): (("安排工程师上门调试",), ("send an engineer to set it up",)),
    ("customer", "other"): (("提供下季度用量预测",), ("send next quarter's forecast",)),
}

REPLIES = (("收到，确认无误。", "确认，请按时发货。"), ("Received, all correct.", "Confirmed, please ship on time."))
NEW_VERSION_REPLIES = (("已确认新版本。", "好的，按新的来。"), ("Confirmed, thanks.", "Fine with the new version."))
DISPUTES = (("单价不对，应为上次报的价", "数量少了一箱"), ("the unit price is not what we agreed", "one box short"))
CHANGES = (("交货日期推迟", "客户要求改期交货"), ("delivery moved later", "new delivery date at their request"))


@dataclass(frozen=True)
class MemoPlan:
    """A memo to write for an agreed deal once its rows are in: what became of it, and when."""

    deal_id: str
    customer_id: str
    rep_id: str
    state: str
    sent_at: datetime
    answered_at: datetime | None
    counterpart: str
    chinese: bool


@dataclass
class DealMaker:
    """Writes one customer's deals, promises and amended entries; `memos` collects what to send afterwards."""

    writer: LedgerWriter
    plan: DemoPlan
    rng: random.Random
    memos: list[MemoPlan] = field(default_factory=list)

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def make(
        self,
        draft: CustomerDraft,
        customer_id: str,
        rep_id: str,
        contacts: list[tuple[str, str]],
        history: list[dict[str, Any]],
        currency: str,
    ) -> None:
        rng = self.rng
        if rng.random() < 0.06 and history:
            self._amend(rng.choice(history), draft)
        if rng.random() >= DEAL_SHARE.get(draft.status, 0.0):
            return
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            self._deal(draft, customer_id, rep_id, contacts, currency)

    def _put(self, model: Any, row: dict[str, Any], rep_id: str) -> None:
        self.writer.put(model, model.stored(row), "create", rep_id=rep_id)
        self.plan.counts[model.ENTITY] += 1

    def _deal(
        self, draft: CustomerDraft, customer_id: str, rep_id: str, contacts: list[tuple[str, str]], currency: str
    ) -> None:
        rng, now = self.rng, self.plan.now
        language = 0 if draft.chinese else 1
        stage = rng.choices(tuple(STAGE_WEIGHTS), tuple(STAGE_WEIGHTS.values()))[0]
        memo_state = rng.choices(tuple(MEMO_STATES), tuple(MEMO_STATES.values()))[0]
        # A memo still inside its window was sent days ago, so its deal was agreed recently.
        recent = memo_state == "waiting" or stage in ("lead", "quoted")
        created = now - timedelta(days=rng.uniform(3, 20) if recent else rng.uniform(25, 400))
        agreed = created + (now - created) * rng.uniform(0.1, 0.3)
        product = rng.choice(draft.products) if draft.products else "-"
        deal_id = self.new_id()
        minor = 1 if currency == "JPY" else 100
        reached = FORWARD.index(stage) if stage != "lost" else rng.choice((0, 1, 2))  # the last stage it got to
        is_agreed = reached >= 2
        contact = rng.choice(contacts) if contacts else None
        row = {
            "id": deal_id,
            "customer_id": customer_id,
            "rep_id": rep_id,
            "title": rng.choice(TITLES[language]).format(product=product),
            "currency": currency,
            "stage": stage,
            "lost_reason": (("价格没谈拢", "客户选了别家"), ("price too high", "went with a competitor"))[language][
                rng.randrange(2)
            ]
            if stage == "lost"
            else "",
            "agreed_at": agreed if is_agreed else None,
            "agreed_via": rng.choice(CHANNELS) if is_agreed else "",
            "agreed_contact_id": contact[0] if is_agreed and contact else None,
            "interaction_id": None,
            "delivery_date": self._delivery_day(agreed, rng.randint(7, 40), stage) if is_agreed else "",
            "delivery_place": rng.choice(PLACES[language]) if is_agreed else "",
            "payment_due_date": "",
            "payment_terms": rng.choice(TERMS[language]),
            "warranty": rng.choice(WARRANTY[language]) if rng.random() < 0.6 else "",
            "other_terms": "",
            "objection_days": None if rng.random() < 0.8 else rng.choice((5, 7, 10)),
            "memo_language": "",
            "created_at": created,
            "updated_at": agreed if is_agreed else created,
        }
        self._put(Deal, row, rep_id)
        for position in range(1, rng.choice((1, 2, 3, 3, 4)) + 1):
            quantity = rng.choice((1, 2, 5, 10, 20, 50, 100, 200, 500)) * 1000 + rng.choice((0, 0, 0, 500, 250))
            line = {
                "id": self.new_id(),
                "deal_id": deal_id,
                "position": position,
                "item": rng.choice(draft.products) if draft.products else product,
                "quantity_milli": quantity,
                "unit": rng.choice(UNITS[language]),
                "unit_price": rng.randint(2, 4800) * minor + (rng.choice((0, 50, 80)) if minor > 1 else 0),
                "status": "active",
                "created_at": created,
                "updated_at": created,
            }
            self._put(DealLine, line, rep_id)
        self._event(deal_id, customer_id, rep_id, "created", "", "lead", created)
        for index, at in enumerate(self._stage_times(reached, created, agreed), start=1):
            self._event(deal_id, customer_id, rep_id, "stage", FORWARD[index - 1], FORWARD[index], at)
        if stage == "lost":
            lost_at = agreed + (now - agreed) * rng.uniform(0.5, 0.95)
            self._event(
                deal_id, customer_id, rep_id, "stage", FORWARD[reached], "lost", lost_at, str(row["lost_reason"])
            )
        if is_agreed:
            self._promises(draft, customer_id, rep_id, deal_id, agreed)
            if memo_state != "unsent":
                self._memo(deal_id, customer_id, rep_id, memo_state, agreed, contact, draft.chinese)

    def write_memos(self, zone: tzinfo) -> None:
        """The memos planned so far, once their deals' rows are in the database (call after writer.flush()); a
        memo is written from those rows, and a re-versioned deal's rows change, so these writes go straight in."""
        self.writer.bulk = False
        try:
            for memo in self.memos:
                self._write_memo(memo, zone)
        finally:
            self.writer.bulk = True
        self.memos.clear()

    def _write_memo(self, plan: MemoPlan, zone: tzinfo) -> None:
        rng, writer = self.rng, self.writer
        language = "zh_CN" if plan.chinese else "en"
        channel = rng.choice(("im", "im", "email")) if plan.chinese else rng.choice(("email", "email", "im"))
        first = self._memo_version(plan, plan.sent_at, language, zone, 1)
        self._memo_event(plan, "memo_sent", first, plan.sent_at, channel, plan.counterpart, "")
        if plan.state == "reversioned" and plan.answered_at is not None:
            words = (
                ("交货日期改为下周三", "数量改为 1,200"),
                ("delivery moved to next Wednesday", "quantity now 1,200"),
            )
            change = rng.choice(words[0 if plan.chinese else 1])
            changed_at = plan.answered_at
            deal = Deal.get_by_id(plan.deal_id).stored_row()
            moved = self._delivery_day(Deal.get_by_id(plan.deal_id).agreed_at, rng.randint(30, 50), deal["stage"])
            writer.put(
                Deal,
                {**deal, "delivery_date": moved, **Deal.stored({"updated_at": changed_at})},
                "update",
                rep_id=plan.rep_id,
            )
            change = f"{change} ({deal['delivery_date']} → {moved})"
            self._event(plan.deal_id, plan.customer_id, plan.rep_id, "terms_changed", "", "", changed_at, change)
            second_at = min(changed_at + timedelta(hours=rng.uniform(1, 6)), self.plan.now - timedelta(minutes=2))
            second = self._memo_version(plan, second_at, language, zone, 2)
            self._memo_event(plan, "memo_sent", second, second_at, channel, plan.counterpart, "")
            reply = (("已确认新版本。", "好的，按新的来。"), ("Confirmed, thanks.", "Fine with the new version."))
            answered = min(second_at + timedelta(hours=rng.uniform(1, 20)), self.plan.now - timedelta(minutes=1))
            self._memo_event(
                plan,
                "acknowledged",
                second,
                answered,
                channel,
                plan.counterpart,
                rng.choice(reply[0 if plan.chinese else 1]),
            )
        elif plan.state == "acknowledged" and plan.answered_at is not None:
            reply = (
                ("收到，确认无误。", "确认，请按时发货。"),
                ("Received, all correct.", "Confirmed, please ship on time."),
            )
            text = rng.choice(reply[0 if plan.chinese else 1])
            self._memo_event(plan, "acknowledged", first, plan.answered_at, channel, plan.counterpart, text)
        elif plan.state == "objected" and plan.answered_at is not None:
            dispute = (
                ("单价不对，应为上次报的价", "数量少了一箱"),
                ("the unit price is not what we agreed", "one box short"),
            )
            text = rng.choice(dispute[0 if plan.chinese else 1])
            self._memo_event(plan, "objected", first, plan.answered_at, channel, plan.counterpart, text)

    def _memo_version(self, plan: MemoPlan, at: datetime, language: str, zone: tzinfo, version: int) -> str:
        anchor = (self.writer.seq, self.writer.prev_hash)  # the head as this transaction stands
        row = memo_row(plan.deal_id, at, zone, language, anchor, plan.rep_id, version, self.new_id())
        self.writer.put(Memo, row, "create", rep_id=plan.rep_id)
        self.plan.counts["memo"] += 1
        return str(row["id"])

    def _memo_event(
        self, plan: MemoPlan, kind: str, memo_id: str, at: datetime, channel: str, counterpart: str, text: str
    ) -> None:
        row = {
            "id": self.new_id(),
            "deal_id": plan.deal_id,
            "customer_id": plan.customer_id,
            "rep_id": plan.rep_id,
            "kind": kind,
            "from_stage": "",
            "to_stage": "",
            "memo_id": memo_id,
            "occurred_at": at,
            "channel": channel,
            "counterpart": counterpart,
            "text": text,
            "created_at": at,
        }
        self._put(DealEvent, row, plan.rep_id)

    def _stage_times(self, reached: int, created: datetime, agreed: datetime) -> list[datetime]:
        """When the deal moved to each stage after lead, up to FORWARD[reached]: agreed exactly at `agreed`."""
        rng, now = self.rng, self.plan.now
        before = sorted(created + (agreed - created) * rng.random() for _ in range(min(reached, 1)))
        after = sorted(agreed + (now - agreed) * rng.uniform(0.1, 0.9) for _ in range(max(reached - 2, 0)))
        return [*before, agreed, *after][:reached]

    def _memo(
        self,
        deal_id: str,
        customer_id: str,
        rep_id: str,
        state: str,
        agreed: datetime,
        contact: tuple[str, str] | None,
        chinese: bool,
    ) -> None:
        rng, now = self.rng, self.plan.now
        sent = agreed + timedelta(hours=rng.uniform(1, 20))
        if state == "waiting":
            sent = now - timedelta(days=rng.uniform(0.2, 1.5))
        answered = None
        if state in ("acknowledged", "objected", "reversioned"):
            answered = min(sent + timedelta(hours=rng.uniform(2, 48)), now - timedelta(minutes=5))
        self.memos.append(
            MemoPlan(deal_id, customer_id, rep_id, state, sent, answered, contact[1] if contact else "", chinese)
        )

    def _event(
        self,
        deal_id: str,
        customer_id: str,
        rep_id: str,
        kind: str,
        from_stage: str,
        to_stage: str,
        at: datetime,
        text: str = "",
    ) -> None:
        row = {
            "id": self.new_id(),
            "deal_id": deal_id,
            "customer_id": customer_id,
            "rep_id": rep_id,
            "kind": kind,
            "from_stage": from_stage,
            "to_stage": to_stage,
            "memo_id": None,
            "occurred_at": at,
            "channel": "",
            "counterpart": "",
            "text": text,
            "created_at": at,
        }
        self._put(DealEvent, row, rep_id)

    def _promises(self, draft: CustomerDraft, customer_id: str, rep_id: str, deal_id: str, agreed: datetime) -> None:
        rng, now = self.rng, self.plan.now
        language = 0 if draft.chinese else 1
        for (side, kind), texts in PROMISES.items():
            if rng.random() < (0.3 if kind in ("service", "other") else 0.85):
                due = agreed + timedelta(days=rng.randint(5, 45), hours=rng.randint(0, 8))
                promise_id = self.new_id()
                row = {
                    "id": promise_id,
                    "customer_id": customer_id,
                    "rep_id": rep_id,
                    "side": side,
                    "kind": kind,
                    "what": rng.choice(texts[language]),
                    "due_at": due,
                    "deal_id": deal_id,
                    "interaction_id": None,
                    "amends_id": None,
                    "created_at": agreed,
                }
                self._put(Promise, row, rep_id)
                if due < now:
                    kept = rng.random() < (0.75 if side == "customer" else 0.9)
                    at = min(due + timedelta(days=rng.uniform(-3, 4 if kept else 10)), now - timedelta(minutes=1))
                    outcome = {
                        "id": self.new_id(),
                        "promise_id": promise_id,
                        "status": "kept" if kept else "broken",
                        "note": ""
                        if kept
                        else (("逾期未付", "晚了一周"), ("overdue", "a week late"))[language][rng.randrange(2)],
                        "rep_id": rep_id,
                        "occurred_at": max(at, agreed),
                        "created_at": max(at, agreed),
                    }
                    self._put(PromiseOutcome, outcome, rep_id)

    def _delivery_day(self, agreed: datetime, days: int, stage: str) -> str:
        """`days` after the agreement; a deal still waiting to be delivered is due about now (a few days either
        side), as a live book's would be, rather than months overdue."""
        day = (agreed + timedelta(days=days)).date()
        now = self.plan.now
        if stage == "agreed" and day < (now - timedelta(days=3)).date():
            day = (now + timedelta(days=days % 12 - 2)).date()
        return day.isoformat()

    def _amend(self, original: dict[str, Any], draft: CustomerDraft) -> None:
        """A correction of an earlier entry: a new interaction that points at it (the original stays)."""
        rng = self.rng
        language = 0 if draft.chinese else 1
        created = Interaction._meta.columns["created_at"].python_value(original["created_at"])
        amendment = {
            **original,
            "id": self.new_id(),
            "summary": rng.choice(AMENDED[language]).format(qty=rng.choice((120, 240, 360, 1200))),
            "body": "",
            "amends_id": original["id"],
            "created_at": Interaction.stored(
                {"created_at": min(created + timedelta(hours=rng.uniform(1, 30)), self.plan.now)}
            )["created_at"],
        }
        self.writer.put(Interaction, amendment, "create", rep_id=original["rep_id"])
        self.plan.counts["interaction"] += 1
