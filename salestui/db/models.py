"""Peewee models: UUID text ids, integer money, UTC time text, an HLC on every change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from peewee import CompositeKey, Field, ForeignKeyField, IntegerField, Model, TextField

from salestui.clock import from_utc_text, to_utc_text
from salestui.db.connection import database


class UtcTimeField(Field):
    """An aware datetime stored as fixed-width UTC text (sorts by time, reads well in sqlite3)."""

    field_type = "TEXT"

    def db_value(self, value: datetime | str | None) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return to_utc_text(value)

    def python_value(self, value: str | None) -> datetime | None:
        return None if value is None else from_utc_text(value)


class IdField(TextField):
    """A UUID kept as 32 hex characters; it never changes once given."""


class BaseModel(Model):
    class Meta:
        database = database
        strict_tables = True
        legacy_table_names = False


class Entity(BaseModel):
    """A record that the ledger tracks: its content hash matches its last ledger event."""

    # Columns kept for speed or search, recomputed from other rows and checked by verify,
    # but not part of the hashed record.
    DERIVED: tuple[str, ...] = ()
    # Columns that events written by SalesTUI 0.1 left out of the record (verify accepts that form and
    # recomputes them instead).
    UNHASHED_BEFORE: tuple[str, ...] = ()
    ENTITY: str = ""
    # Columns added after their table was first released, with the value older rows hold: a record leaves such a
    # column out while it holds that value, so the rows and events written before it existed still match.
    ADDED: dict[str, Any] = {}

    id = IdField(primary_key=True)
    hlc = TextField()
    row_hash = TextField()

    @classmethod
    def record_columns(cls) -> list[str]:
        skip = {"row_hash", *cls.DERIVED}
        return [field.column_name for field in cls._meta.sorted_fields if field.column_name not in skip]

    @classmethod
    def record_of(cls, row: dict[str, Any]) -> dict[str, Any]:
        """The hashed record of a stored row: its record columns, less added ones that hold their old value."""
        added = cls.ADDED
        record = {column: row[column] for column in cls.record_columns() if column not in added}
        record.update({column: row[column] for column in added if column in row and row[column] != added[column]})
        return record

    @classmethod
    def stored(cls, values: dict[str, Any]) -> dict[str, Any]:
        """Python values by column name, converted to what the database stores (times as UTC text)."""
        columns = cls._meta.columns
        return {
            column: columns[column].db_value(value) if column in columns else value for column, value in values.items()
        }

    def stored_row(self) -> dict[str, Any]:
        """This row's stored values by column name."""
        return {field.column_name: field.db_value(self.__data__.get(field.name)) for field in self._meta.sorted_fields}


# Enumerated columns (Rep.role, Customer.kind, Interaction.kind, …) hold the codes their field spec offers
# (services/specs.py); the services check them, not SQLite, so a new code needs no table rebuild.


class Rep(Entity):
    ENTITY = "rep"
    login = TextField(unique=True)
    name = TextField()
    role = TextField()
    created_at = UtcTimeField()
    updated_at = UtcTimeField()


class Customer(Entity):
    ENTITY = "customer"
    # last_contact_at follows other rows; the search columns are hashed, so verify need not recompute them.
    DERIVED = ("last_contact_at",)
    UNHASHED_BEFORE = ("sort_key", "search_text", "short_text")
    ADDED = {"language": "", "time_zone": "", "merged_into_id": None}

    kind = TextField()
    name = TextField()
    company = TextField(default="")
    phone = TextField(default="")
    email = TextField(default="")
    im_handle = TextField(default="")
    address = TextField(default="")
    region = TextField(default="")
    industry = TextField(default="")
    source = TextField(default="")
    owner = ForeignKeyField(Rep, null=True, column_name="owner_id", field="id")
    owner_id: str | None  # the stored id, without fetching the rep (peewee's accessor; not in its stubs)
    tier = TextField()
    status = TextField()
    needs = TextField(default="")
    preferences = TextField(default="")
    credit_limit = IntegerField(default=0)  # minor units (fen / cents)
    currency = TextField(default="CNY")
    payment_terms = TextField(default="")
    tags = TextField(default="")
    cadence_days = IntegerField(null=True)
    created_at = UtcTimeField()
    updated_at = UtcTimeField()
    last_contact_at = UtcTimeField(null=True)
    sort_key = TextField()
    search_text = TextField()  # every searchable form, for the FTS5 trigram index (3+ characters)
    short_text = TextField()  # each hanzi, name words, pinyin syllables and initials: for 1-2 character queries
    # Schema v5: the language memos to this customer are written in ('' = the company's memo language), the time
    # zone their objection windows are counted in ('' = the company's), and the customer this one was merged into.
    language = TextField(default="")
    time_zone = TextField(default="")
    merged_into_id = TextField(null=True)

    class Meta:
        indexes = (
            (("sort_key", "id"), False),
            (("owner", "last_contact_at"), False),
        )


class ContactPerson(Entity):
    ENTITY = "contact_person"
    customer = ForeignKeyField(Customer, column_name="customer_id", field="id")
    name = TextField()
    title = TextField(default="")
    phone = TextField(default="")
    email = TextField(default="")
    im_handle = TextField(default="")
    note = TextField(default="")
    created_at = UtcTimeField()
    updated_at = UtcTimeField()
    is_primary = IntegerField(default=0)  # schema v5: 1 for the customer's primary contact person

    ADDED = {"is_primary": 0}


class Interaction(Entity):
    """One contact with a customer; append-only evidence."""

    ENTITY = "interaction"
    customer = ForeignKeyField(Customer, column_name="customer_id", field="id")
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id")
    kind = TextField()
    direction = TextField()
    occurred_at = UtcTimeField()
    summary = TextField()
    body = TextField(default="")
    outcome = TextField(default="")
    next_step = TextField(default="")
    amends = TextField(null=True, column_name="amends_id")
    created_at = UtcTimeField()
    # Schema v5: the template's own fields (services/templates.py), canonical JSON of {key: text}; '' for none.
    fields = TextField(default="")

    ADDED = {"fields": ""}

    class Meta:
        indexes = ((("customer", "occurred_at", "id"), False),)


class FollowUp(Entity):
    ENTITY = "follow_up"
    ADDED = {"kind": ""}
    customer = ForeignKeyField(Customer, column_name="customer_id", field="id")
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id")
    title = TextField()
    kind = TextField(default="")  # '' (none given) or a contact kind: call, email, meeting, visit, im
    due_at = UtcTimeField()
    snoozed_until = UtcTimeField(null=True)
    # The time the queue sorts by: snoozed_until if snoozed, else due_at.
    queue_at = UtcTimeField()
    priority = TextField()
    rrule = TextField(default="")
    status = TextField()
    done_at = UtcTimeField(null=True)
    outcome = TextField(default="")
    created_at = UtcTimeField()
    updated_at = UtcTimeField()

    class Meta:
        indexes = ((("rep", "status", "queue_at"), False), (("customer", "status"), False))


class Setting(Entity):
    ENTITY = "setting"
    key = TextField(unique=True)
    value = TextField()  # canonical JSON
    updated_at = UtcTimeField()


class RepKey(Entity):
    """A rep's Ed25519 public key; the id is the key's fingerprint. The private key never enters the database."""

    ENTITY = "rep_key"
    rep = ForeignKeyField(Rep, column_name="rep_id", field="id")
    public_key = TextField()  # 64 hex digits: the raw 32-byte public key
    status = TextField()  # active, revoked
    created_at = UtcTimeField()
    revoked_at = UtcTimeField(null=True)
    reason = TextField(default="")


class LedgerEvent(BaseModel):
    """One link of the hash chain; never updated except by a redaction event."""

    seq = IntegerField(primary_key=True)
    event_id = TextField(unique=True)
    hlc = TextField()
    device = TextField()
    rep = TextField()
    entity = TextField()
    entity_id = TextField()
    op = TextField()
    data = TextField()
    data_hash = TextField()
    prev_hash = TextField()
    hash = TextField()

    class Meta:
        table_name = "ledger"
        indexes = ((("entity", "entity_id", "seq"), False),)


class LedgerSignature(BaseModel):
    """A signed commit: a rep's signature over the head hash after one write transaction."""

    seq = IntegerField()
    rep = TextField()
    key_id = TextField()
    signature = TextField()  # 128 hex digits

    class Meta:
        table_name = "ledger_signature"
        primary_key = CompositeKey("seq", "rep")


class SchemaVersion(BaseModel):
    version = IntegerField(primary_key=True)
    applied_at = TextField()


class Meta(BaseModel):
    """Facts about this replica that are not synced (its device id)."""

    key = TextField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "meta"
