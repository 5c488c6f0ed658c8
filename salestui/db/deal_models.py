"""The records that stand in for a contract: deals and their lines, memo versions, deal events, promises and
their outcomes, and customer merges (schema v5)."""

from __future__ import annotations

from peewee import ForeignKeyField, IntegerField, TextField

from salestui.db.models import Customer, Entity, Rep, UtcTimeField


class Deal(Entity):
    """An agreement made without a contract: its lines, terms and stage; every change is a ledger event."""

    ENTITY = "deal"
    customer = ForeignKeyField(Customer, column_name="customer_id", field="id", index=False)
    customer_id: str
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id", index=False)  # the rep the deal belongs to
    title = TextField()
    currency = TextField()
    stage = TextField()  # lead, quoted, agreed, delivered, paid, closed, lost
    lost_reason = TextField(default="")
    agreed_at = UtcTimeField(null=True)
    agreed_via = TextField(default="")  # phone, visit, meeting, im, email, other
    agreed_contact_id = TextField(null=True)  # the contact person who agreed on the customer's side
    interaction_id = TextField(null=True)  # the interaction the deal came out of
    delivery_date = TextField(default="")  # YYYY-MM-DD
    delivery_place = TextField(default="")
    payment_due_date = TextField(default="")  # YYYY-MM-DD
    payment_terms = TextField(default="")  # e.g. "30 days after delivery"
    warranty = TextField(default="")
    other_terms = TextField(default="")
    objection_days = IntegerField(null=True)  # None: the company's setting
    memo_language = TextField(default="")  # '' : the customer's language
    created_at = UtcTimeField()
    updated_at = UtcTimeField()

    class Meta:
        indexes = ((("customer", "created_at", "id"), False), (("stage", "updated_at"), False))


class DealLine(Entity):
    """One line of a deal: quantity in thousandths (1.5 kg is 1500), unit price in minor units."""

    ENTITY = "deal_line"
    deal = ForeignKeyField(Deal, column_name="deal_id", field="id", index=False)
    position = IntegerField()
    item = TextField()
    quantity_milli = IntegerField()
    unit = TextField(default="")
    unit_price = IntegerField()
    status = TextField()  # active, removed (a line is never deleted)
    created_at = UtcTimeField()
    updated_at = UtcTimeField()

    class Meta:
        indexes = ((("deal", "position"), False),)


class Memo(Entity):
    """One version of a deal's written confirmation, exactly as sent; append-only evidence."""

    ENTITY = "memo"
    deal = ForeignKeyField(Deal, column_name="deal_id", field="id", index=False)
    version = IntegerField()
    language = TextField()
    text = TextField()  # the plain text as sent
    markdown = TextField()  # the same memo as Markdown
    text_sha256 = TextField()
    markdown_sha256 = TextField()
    anchor_seq = IntegerField()  # the ledger head the memo's reference line carries
    anchor_hash = TextField()
    objection_days = IntegerField()
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id", index=False)
    created_at = UtcTimeField()

    class Meta:
        indexes = ((("deal", "version"), True),)


class DealEvent(Entity):
    """What happened to a deal: stage moves, reopening, changed terms, a memo sent, acknowledged or objected to.
    Append-only evidence; the customer's timeline shows these beside the interactions."""

    ENTITY = "deal_event"
    deal = ForeignKeyField(Deal, column_name="deal_id", field="id", index=False)
    customer = ForeignKeyField(Customer, column_name="customer_id", field="id", index=False)
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id", index=False)
    kind = TextField()  # created, stage, reopened, terms_changed, memo_sent, acknowledged, objected
    from_stage = TextField(default="")
    to_stage = TextField(default="")
    memo_id = TextField(null=True)
    occurred_at = UtcTimeField()
    channel = TextField(default="")  # how a memo was sent or answered
    counterpart = TextField(default="")  # to whom it was sent, or who answered
    text = TextField(default="")  # the reply pasted in, what is disputed, why it was lost or reopened
    created_at = UtcTimeField()

    class Meta:
        indexes = ((("deal", "occurred_at", "id"), False), (("customer", "occurred_at", "id"), False))


class Promise(Entity):
    """A promise made by us or by the customer; append-only (a correction is a new promise that amends it)."""

    ENTITY = "promise"
    customer = ForeignKeyField(Customer, column_name="customer_id", field="id", index=False)
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id", index=False)  # who recorded it
    side = TextField()  # us, customer
    kind = TextField()  # payment, delivery, quality, service, other
    what = TextField()
    due_at = UtcTimeField()
    deal_id = TextField(null=True)
    interaction_id = TextField(null=True)
    amends_id = TextField(null=True)
    created_at = UtcTimeField()

    class Meta:
        indexes = ((("customer", "due_at", "id"), False),)


class PromiseOutcome(Entity):
    """A promise marked kept, broken or cancelled; the newest one is in force. Append-only."""

    ENTITY = "promise_outcome"
    promise = ForeignKeyField(Promise, column_name="promise_id", field="id", index=False)
    status = TextField()  # kept, broken, cancelled
    note = TextField(default="")
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id", index=False)
    occurred_at = UtcTimeField()
    created_at = UtcTimeField()

    class Meta:
        indexes = ((("promise", "created_at"), False),)


class CustomerMerge(Entity):
    """Two customer records found to be one: `merged_id` lives on as a pointer to `survivor_id`. Append-only."""

    ENTITY = "customer_merge"
    survivor_id = TextField()
    merged_id = TextField(unique=True)
    choices = TextField()  # canonical JSON: {field: "survivor" | "merged"}, the value each field kept
    moved = TextField()  # canonical JSON: {table: count} of the records that moved to the survivor
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id", index=False)
    created_at = UtcTimeField()

    class Meta:
        indexes = ((("survivor_id",), False),)
