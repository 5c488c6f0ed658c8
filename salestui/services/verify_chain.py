"""Walking the ledger once: hash chain, time order, signed commits and who may register keys and roles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from salestui.db.connection import database
from salestui.i18n import _
from salestui.services import keys, scan
from salestui.services.ledger import GENESIS, HEADER_FIELDS, NotCanonical, stored_event_hash
from salestui.services.specs import SETTING_ROLES

_EVENT_SQL = f"SELECT {', '.join((*HEADER_FIELDS, 'data', 'data_hash', 'prev_hash', 'hash'))} FROM ledger"
# Entities whose rows name the rep who made them: the row's rep_id must be the event's author on create.
_AUTHORED = ("interaction", "follow_up")

AUTHORITY_ENTITIES = ("rep", "rep_key", "setting")


@dataclass
class _Key:
    rep: str
    public_key: str
    registered: int
    revoked: int | None = None


@dataclass
class _State:
    """Reps and keys as the ledger says they were, event by event."""

    roles: dict[str, str] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)
    keys: dict[str, _Key] = field(default_factory=dict)
    keyed: set[str] = field(default_factory=set)  # reps that have ever had a key
    legacy: set[str] = field(default_factory=set)  # reps made before signing existed

    def login(self, rep_id: str) -> str:
        return self.logins.get(rep_id, rep_id)


@dataclass
class _Range:
    """The events since the last signed commit."""

    start: int
    authors: set[str] = field(default_factory=set)
    # rep, rep_key and setting events: the ones whose author needs a right of their own
    access: list[tuple[int, str, str, str, dict[str, Any]]] = field(default_factory=list)


@dataclass
class ChainResult:
    events: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    signatures: int = 0
    gaps: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    hashes: dict[int, str] = field(default_factory=dict)  # at the seqs asked for (anchors)


def _signatures() -> Iterator[tuple[int, str, str, str]]:
    return iter(
        database.connection().execute("SELECT seq, rep, key_id, signature FROM ledger_signature ORDER BY seq, rep")
    )


def walk(problems: list[str], wanted: set[int], unsigned_before: int) -> ChainResult:
    """Check every event in order and every signed commit; returns counts, the head and the hashes at `wanted`."""
    result = ChainResult()
    state = _State()
    expected_prev, expected_seq, last_time = GENESIS, 1, ""
    span = _Range(1)
    signatures = _signatures()
    signature = next(signatures, None)
    for values in scan.rows(_EVENT_SQL, "seq", 0):
        result.events += 1
        seq, rep, entity, op = values[0], values[4], values[5], values[7]
        data, data_hash, prev_hash, stored_hash = values[8:]
        while signature is not None and signature[0] < seq:
            problems.append(_("signed commit at event {seq}: that event is missing").format(seq=signature[0]))
            signature = next(signatures, None)
        if seq != expected_seq:
            result.gaps.append((expected_seq, seq - 1))
            problems.append(
                _("ledger events {first}–{last} are missing (deleted from the ledger)").format(
                    first=expected_seq, last=seq - 1
                )
            )
        elif prev_hash != expected_prev:
            problems.append(_("{where}: prev_hash does not match the event before it").format(where=_where(values)))
        _check_event(problems, values)
        time = str(values[2])[:19]
        if time < last_time:
            problems.append(
                _("{where}: its time stamp goes back before the event before it (put in out of order)").format(
                    where=_where(values)
                )
            )
            time = last_time
        last_time = time
        if seq in wanted:
            result.hashes[seq] = stored_hash
        span.authors.add(rep)
        if entity in AUTHORITY_ENTITIES:
            span.access.append((seq, entity, op, rep, _parse(data)))
        elif entity in _AUTHORED and op == "create" and f'"rep_id":"{rep}"' not in data:
            problems.append(
                _("{where}: the record names another rep than the one who wrote it").format(where=_where(values))
            )
        commit = []
        while signature is not None and signature[0] == seq:
            commit.append(signature)
            signature = next(signatures, None)
        if commit:
            result.signatures += len(commit)
            _commit(problems, state, span, commit, seq, stored_hash)
            span = _Range(seq + 1)
        elif seq == unsigned_before:
            _apply(state, span, legacy=True)
            result.notes.append(_("ledger events 1–{last} were written before commits were signed").format(last=seq))
            span = _Range(seq + 1)
        expected_prev, expected_seq = stored_hash, seq + 1
    result.head_seq, result.head_hash = expected_seq - 1, expected_prev
    if span.authors:
        logins = ", ".join(sorted(state.login(rep) for rep in span.authors))
        problems.append(
            _(
                "ledger events {first}–{last} (written as {logins}) have no signed commit (added outside the app)"
            ).format(first=span.start, last=result.head_seq, logins=logins)
        )
    while signature is not None:
        problems.append(
            _("signed commit at event {seq}, but the ledger ends at event {head} (events removed from its end)").format(
                seq=signature[0], head=result.head_seq
            )
        )
        signature = next(signatures, None)
    return result


def _where(values: tuple[Any, ...]) -> str:
    return _("ledger event {seq} ({entity} {entity_id})").format(seq=values[0], entity=values[5], entity_id=values[6])


def _check_event(problems: list[str], values: tuple[Any, ...]) -> None:
    """The header and chain link; each event's data digest is checked with the tables (verify_rows.data_digests)."""
    try:
        wrong = stored_event_hash(values) != values[11]
    except (UnicodeEncodeError, NotCanonical):  # read leniently: bytes that are not UTF-8
        problems.append(
            _("{where}: holds bytes that are not UTF-8 (altered outside the app)").format(where=_where(values))
        )
        return
    if wrong:
        problems.append(_("{where}: hash does not match its header and data").format(where=_where(values)))


def _parse(data: str) -> dict[str, Any]:
    try:
        parsed = json.loads(data)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _commit(
    problems: list[str], state: _State, span: _Range, commit: list[tuple[int, str, str, str]], seq: int, head_hash: str
) -> None:
    """Check one signed commit: every author signed with a key in force, and every key or role change had the right."""
    created = {data.get("id") for _seq, entity, op, _rep, data in span.access if entity == "rep" and op == "create"}
    pending = {
        str(data.get("id")): _Key(str(data.get("rep_id")), str(data.get("public_key")), event_seq)
        for event_seq, entity, op, _rep, data in span.access
        if entity == "rep_key" and op == "create"
    }
    where = _("signed commit at event {seq}").format(seq=seq)
    established: dict[str, bool] = {}
    for _seq, rep, key_id, signature in commit:
        key = state.keys.get(key_id) or pending.get(key_id)
        login = state.login(rep) if rep in state.logins else _login_in(span, rep)
        if key is None or key.rep != rep:
            problems.append(
                _("{where}: signed as {login} with a key that is not theirs").format(where=where, login=login)
            )
            continue
        if not keys.signature_valid(key.public_key, keys.commit_message(seq, head_hash, rep, key_id), signature):
            problems.append(
                _(
                    "{where}: the signature of {login} does not verify (forged, or the events it covers were changed)"
                ).format(where=where, login=login)
            )
            continue
        in_force = key.registered < span.start and (key.revoked is None or key.revoked >= span.start)
        enrolled = key_id in pending and (rep in created or (rep in state.legacy and rep not in state.keyed))
        if not (in_force or enrolled):
            problems.append(
                _("{where}: signed by {login} with a key not in force (revoked at event {revoked})").format(
                    where=where, login=login, revoked=key.revoked
                )
            )
            continue
        established[rep] = in_force
    for rep in sorted(span.authors - set(established)):
        problems.append(
            _("ledger events {first}–{last}: written as {login} but not signed by them").format(
                first=span.start, last=seq, login=state.login(rep) if rep in state.logins else _login_in(span, rep)
            )
        )
    admin = any(ok and state.roles.get(rep) == "admin" for rep, ok in established.items())
    _authority(problems, state, span, created, established, admin)
    _apply(state, span, legacy=False)


def _login_in(span: _Range, rep_id: str) -> str:
    for _seq, entity, _op, _rep, data in span.access:
        if entity == "rep" and data.get("id") == rep_id:
            return str(data.get("login"))
    return rep_id


def _authority(
    problems: list[str], state: _State, span: _Range, created: set[Any], established: dict[str, bool], admin: bool
) -> None:
    """Roles are an admin's to give (the very first rep is the admin); keys are their rep's or an admin's; the
    company's settings are a manager's or an admin's."""
    first_rep = not state.roles
    for seq, entity, op, author, data in span.access:
        where = _("ledger event {seq}").format(seq=seq)
        if entity == "setting":
            if not (established.get(author, False) and state.roles.get(author) in SETTING_ROLES):
                problems.append(
                    _(
                        "{where}: the setting {key} was changed by {author}, who is neither a manager nor an admin"
                    ).format(where=where, key=data.get("key"), author=state.login(author))
                )
        elif entity == "rep":
            target, role = data.get("id"), data.get("role")
            if op == "create" and role != "rep" and not (first_rep or admin):
                problems.append(
                    _("{where}: {login} was made {role} without an admin's signature").format(
                        where=where, login=data.get("login"), role=role
                    )
                )
            if op == "update" and not admin and (role != state.roles.get(str(target)) or author != target):
                problems.append(
                    _("{where}: {login}'s record was changed without an admin's signature").format(
                        where=where, login=data.get("login")
                    )
                )
        else:
            target = str(data.get("rep_id"))
            own = author == target and established.get(target, False)
            claim = author == target and target in state.legacy and target not in state.keyed
            if not (admin or own or (op == "create" and (target in created or claim))):
                problems.append(
                    _("{where}: a key of {login} was changed by {author}, who is neither {login} nor an admin").format(
                        where=where, login=state.login(target), author=state.login(author)
                    )
                )


def _apply(state: _State, span: _Range, legacy: bool) -> None:
    for seq, entity, op, _author, data in span.access:
        if entity == "rep":
            rep_id = str(data.get("id"))
            state.roles[rep_id] = str(data.get("role"))
            state.logins[rep_id] = str(data.get("login"))
            if legacy:
                state.legacy.add(rep_id)
        elif entity != "rep_key":
            continue
        elif op == "create":
            state.keys[str(data.get("id"))] = _Key(str(data.get("rep_id")), str(data.get("public_key")), seq)
            state.keyed.add(str(data.get("rep_id")))
        elif data.get("status") == "revoked" and str(data.get("id")) in state.keys:
            key = state.keys[str(data.get("id"))]
            key.revoked = key.revoked or seq
