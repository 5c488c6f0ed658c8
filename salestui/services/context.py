"""Who is writing, on which replica, at what time: passed to every service call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from salestui.clock import Clock
from salestui.db.connection import DatabaseError, database, write_transaction
from salestui.i18n import _
from salestui.services import keys
from salestui.services.errors import SigningError
from salestui.services.ledger import LedgerWriter, insert_signatures

if TYPE_CHECKING:
    from concurrent.futures import Future  # only the TUI checks in the background


@dataclass
class Context:
    """The current rep, this replica's device id and the clock, for one open database."""

    path: Path
    clock: Clock = field(default_factory=Clock)
    device: str = ""
    rep_id: str = ""
    rep_login: str = ""
    # Where this user's private keys live, and the ones loaded for signing, by rep id.
    keys_folder: Path = field(default_factory=keys.keys_folder)
    keyring: dict[str, keys.SigningKey] = field(default_factory=dict)

    # The integrity check when it runs in the background (the TUI); writes wait for it to pass.
    integrity: Future[None] | None = None

    def wait_for_integrity(self) -> None:
        """Block until the background integrity check is done; DatabaseError if it failed."""
        if self.integrity is not None:
            self.integrity.result()

    @contextmanager
    def write(self, bulk: bool = False, cosigners: tuple[str, ...] = ()) -> Iterator[LedgerWriter]:
        """An IMMEDIATE transaction with a ledger writer, ended by a signed commit; all of it lands or nothing does.

        Every rep an event is written as signs the new head with their key from the keyring; `cosigners`
        (rep ids) sign as well, e.g. the admin who grants a new rep a role.
        """
        self.wait_for_integrity()
        with write_transaction():
            _refuse_foreign_triggers()
            writer = LedgerWriter(self.device, self.rep_id, self.clock.now(), bulk=bulk)
            yield writer
            if bulk:
                writer.flush()
            if writer.seq >= writer.first_seq:
                rekey_written_customers(writer.first_seq)
            self._sign(writer, cosigners)
        if writer.seq >= writer.first_seq:
            from salestui.services import anchors

            anchors.append_daily(self.path, self.clock.now())

    def _sign(self, writer: LedgerWriter, cosigners: tuple[str, ...]) -> None:
        if writer.seq < writer.first_seq:
            return
        signatures = []
        for rep_id in sorted(writer.authors | set(cosigners)):
            key = self.keyring.get(rep_id)
            if key is None:
                row = database.execute_sql("SELECT login FROM rep WHERE id = ?", (rep_id,)).fetchone()
                raise SigningError(
                    _("you cannot write as {login}: their signing key is not yours").format(
                        login=row[0] if row else rep_id
                    )
                )
            message = keys.commit_message(writer.seq, writer.prev_hash, rep_id, key.key_id)
            signatures.append((writer.seq, rep_id, key.key_id, key.sign(message)))
        insert_signatures(signatures)


def rekey_written_customers(first_seq: int) -> None:
    """The search ranking keys of the customers the events from `first_seq` on wrote (db/search_words.py); a write
    of no customer loads no search code (a CLI command starts faster)."""
    written = database.execute_sql(
        "SELECT 1 FROM ledger WHERE seq >= ? AND entity = 'customer' LIMIT 1", (first_seq,)
    ).fetchone()
    if written:
        from salestui.db.search_words import index_written_customers

        index_written_customers(database, first_seq)


def _refuse_foreign_triggers() -> None:
    """Refuse to write while the triggers differ from SalesTUI's own: one could drop or alter what is written."""
    from salestui.db import trigger_digest

    connection = database.connection()
    if trigger_digest.matches(connection):  # exactly SalesTUI's triggers: no need to build the expected schema
        return
    from salestui.db import schema  # only a write that meets other triggers builds the expected schema

    changed = schema.trigger_differences(connection)
    if changed:
        raise DatabaseError(
            _("nothing was written: {problem}. Run `salestui verify`.").format(problem=schema.describe(changed[0]))
        )
