"""Reps: strict logins, signing keys, and adding reps on purpose (the first one is the database's admin)."""

from __future__ import annotations

import getpass
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from salestui.db.connection import database
from salestui.db.models import Rep, RepKey
from salestui.i18n import _
from salestui.services import keys
from salestui.services.context import Context
from salestui.services.errors import SigningError, ValidationError
from salestui.services.spec import clean
from salestui.services.specs import LOGIN_PATTERN, REP
from salestui.services.views import RepView


class UnknownRep(Exception):
    """No rep has this login; reps are added on purpose (`salestui reps add`)."""

    def __init__(self, login: str, logins: list[str]) -> None:
        similar = [other for other in logins if skeleton(other) == skeleton(login)]
        message = _("no rep has the login {login!r}; reps: {logins}. Add one with `salestui reps add LOGIN`").format(
            login=login, logins=", ".join(logins) or "-"
        )
        if similar:
            message += " " + _("(did you mean {login!r}?)").format(login=similar[0])
        super().__init__(message)
        self.login = login
        self.logins = logins


@dataclass(frozen=True)
class RepKeys:
    """A rep as `salestui reps` lists it: their active key and whether this user holds it."""

    rep: RepView
    key_id: str | None
    yours: bool
    created_at: Any


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "rep"


def _view(rep: Rep) -> RepView:
    return RepView(rep.id, rep.login, rep.name, rep.role)


def skeleton(login: str) -> str:
    """What a login looks like at a glance: case, separators and 0/O, 1/l do not tell two logins apart."""
    return re.sub(r"[._-]", "", login.casefold()).replace("0", "o").replace("1", "l")


def check_login(login: str) -> None:
    """Refuse anything but 1-64 ASCII letters, digits and . _ @ - (a whole-string match: no trailing newline)."""
    if not LOGIN_PATTERN.fullmatch(login):  # the spec's rule, with the login itself in the message
        raise ValidationError(
            {
                "login": _(
                    "use 1-64 letters, digits or . _ @ -, starting with a letter or digit (got {login!r})"
                ).format(login=login)
            }
        )


def _look_alike(login: str) -> Rep | None:
    wanted = skeleton(login)
    for rep in Rep.select(Rep.id, Rep.login):
        if rep.login != login and skeleton(rep.login) == wanted:
            return rep
    return None


def _active_keys(rep_id: str) -> list[RepKey]:
    return list(RepKey.select().where((RepKey.rep == rep_id) & (RepKey.status == "active")).order_by(RepKey.hlc))


def _load_key(context: Context, rep: Rep) -> keys.SigningKey | None:
    for key in reversed(_active_keys(rep.id)):
        loaded = keys.load(context.keys_folder, key.id, key.public_key)
        if loaded is not None:
            return loaded
    return None


def sign_in(context: Context, login: str, enroll: bool = False) -> RepView:
    """Make `login` the context's rep, with their signing key loaded from the user's key folder.

    An unknown login is added only on a database without reps (as its admin) or when `enroll` is set;
    a rep whose key is not in this user's folder is refused.
    """
    check_login(login)
    rep = Rep.get_or_none(Rep.login == login)
    if rep is None:
        logins = [view.login for view in all_reps()]
        if logins and not enroll:
            raise UnknownRep(login, logins)
        return add(context, login)
    context.keyring[rep.id] = signing_key(context, login)
    context.rep_id, context.rep_login = rep.id, rep.login
    return _view(rep)


def signing_key(context: Context, login: str) -> keys.SigningKey:
    """The rep's active key from this user's key folder; SigningError if it is not there."""
    rep = Rep.get(Rep.login == login)
    key = _load_key(context, rep)
    if key is None:
        if _ever_had_key(rep.id):
            raise SigningError(
                _("you cannot write as {login}: their signing key is not yours (it is not in {folder})").format(
                    login=login, folder=context.keys_folder
                )
            )
        key = _claim_first_key(context, rep)  # a rep from before signing existed takes their first key
    return key


def _ever_had_key(rep_id: str) -> bool:
    return RepKey.select().where(RepKey.rep == rep_id).exists()


def add(context: Context, login: str, name: str | None = None, role: str | None = None) -> RepView:
    """Add a rep with a new key pair (private half in this user's key folder) and sign them in.

    The first rep of a database is its admin. A role other than rep needs the context's current rep
    to be an admin, who co-signs.
    """
    check_login(login)
    first = not Rep.select().exists()
    values, errors = clean(
        REP, {"name": " ".join((name or login).split()), "role": role or ("admin" if first else "rep")}, partial=True
    )
    clean_name, role = values.get("name", ""), values.get("role", "")
    if Rep.select().where(Rep.login == login).exists():
        errors["login"] = _("a rep with the login {login!r} already exists").format(login=login)
    else:
        similar = _look_alike(login)
        if similar is not None:
            errors["login"] = _("{login!r} looks too much like the existing rep {other!r}").format(
                login=login, other=similar.login
            )
    cosigners: tuple[str, ...] = ()
    if role != "rep" and not first:
        if not context.rep_id or _role(context.rep_id) != "admin":
            errors["role"] = _("only an admin can give the role {role}; sign in as an admin with --user").format(
                role=_(role)
            )
        else:
            cosigners = (context.rep_id,)
    if errors:
        raise ValidationError(errors)
    new_id = uuid.uuid4().hex
    key = keys.generate()
    keys.save(key, context.keys_folder, login)
    try:
        context.keyring[new_id] = key
        with context.write(cosigners=cosigners) as writer:
            if Rep.select().where(Rep.login == login).exists():
                raise ValidationError({"login": _("a rep with the login {login!r} already exists").format(login=login)})
            if first and Rep.select().exists():  # another process added the first rep meanwhile
                raise ValidationError(
                    {
                        "role": _("only an admin can give the role {role}; sign in as an admin with --user").format(
                            role=_(role)
                        )
                    }
                )
            now = context.clock.now()
            row = {"id": new_id, "login": login, "name": clean_name, "role": role, "created_at": now, "updated_at": now}
            writer.put(Rep, Rep.stored(row), "create", rep_id=new_id)
            _put_key(writer, new_id, key, now, new_id)
    except BaseException:
        context.keyring.pop(new_id, None)
        keys.remove(context.keys_folder, key.key_id)
        raise
    if not context.rep_id or first:
        context.rep_id, context.rep_login = new_id, login
    return _view(Rep.get_by_id(new_id))


def _put_key(writer: Any, rep_id: str, key: keys.SigningKey, now: Any, author: str) -> None:
    row = {
        "id": key.key_id,
        "rep_id": rep_id,
        "public_key": key.public_key,
        "status": "active",
        "created_at": now,
        "revoked_at": None,
        "reason": "",
    }
    writer.put(RepKey, RepKey.stored(row), "create", rep_id=author)


def _claim_first_key(context: Context, rep: Rep) -> keys.SigningKey:
    key = keys.generate()
    keys.save(key, context.keys_folder, rep.login)
    context.keyring[rep.id] = key
    try:
        with context.write() as writer:
            _put_key(writer, rep.id, key, context.clock.now(), rep.id)
    except BaseException:
        context.keyring.pop(rep.id, None)
        keys.remove(context.keys_folder, key.key_id)
        raise
    return key


LEAD_ROLES = ("manager", "admin")  # who may see the team's queue and change another rep's follow-ups


def leads_team(rep_id: str) -> bool:
    """Whether the rep is a manager or admin."""
    return _role(rep_id) in LEAD_ROLES


def _role(rep_id: str) -> str | None:
    row = database.execute_sql("SELECT role FROM rep WHERE id = ?", (rep_id,)).fetchone()
    return row[0] if row else None


def _target(login: str | None, context: Context) -> Rep:
    rep = Rep.get_or_none(Rep.login == (login or context.rep_login))
    if rep is None:
        raise UnknownRep(login or "", [view.login for view in all_reps()])
    if rep.id != context.rep_id and _role(context.rep_id) != "admin":
        raise ValidationError(
            {"login": _("only {login} or an admin can change {login}'s keys").format(login=rep.login)}
        )
    return rep


def _revoke_all(writer: Any, rep_id: str, now: Any, reason: str) -> int:
    count = 0
    for current in _active_keys(rep_id):
        row = current.stored_row()
        row.update(RepKey.stored({"status": "revoked", "revoked_at": now, "reason": reason}))
        writer.put(RepKey, row, "update")
        count += 1
    return count


def rotate(context: Context, login: str | None = None) -> keys.SigningKey:
    """Give a rep a new key (saved in this user's folder) and revoke the old ones, signed by the old key or an admin."""
    rep = _target(login, context)
    key = keys.generate()
    keys.save(key, context.keys_folder, rep.login)
    try:
        with context.write() as writer:
            now = context.clock.now()
            _revoke_all(writer, rep.id, now, "rotated")
            _put_key(writer, rep.id, key, now, context.rep_id)
    except BaseException:
        keys.remove(context.keys_folder, key.key_id)
        raise
    if rep.id == context.rep_id:
        context.keyring[rep.id] = key
    return key


def revoke(context: Context, login: str, reason: str = "") -> int:
    """Revoke every active key of a rep (theirs or an admin's act); they cannot write until given a new key."""
    rep = _target(login, context)
    reason = " ".join(reason.split())[:200] or "revoked"
    with context.write() as writer:
        count = _revoke_all(writer, rep.id, context.clock.now(), reason)
    if count and rep.id == context.rep_id:
        context.keyring.pop(rep.id, None)
    return count


def all_reps() -> list[RepView]:
    return [_view(rep) for rep in Rep.select().order_by(Rep.login)]


def listing(keys_folder: Path) -> list[RepKeys]:
    """Every rep with their newest active key and whether this user's key folder holds it."""
    result = []
    for rep in Rep.select().order_by(Rep.login):
        active = _active_keys(rep.id)
        key = active[-1] if active else None
        yours = key is not None and keys.key_path(keys_folder, key.id).exists()
        result.append(RepKeys(_view(rep), key.id if key else None, yours, rep.created_at))
    return result
