"""Reps: the signed-in user, created on first use."""

from __future__ import annotations

import getpass
import re
import uuid

from salestui.db.models import Rep
from salestui.i18n import _
from salestui.services.context import Context, ValidationError
from salestui.services.views import RepView

LOGIN_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "rep"


def _view(rep: Rep) -> RepView:
    return RepView(rep.id, rep.login, rep.name, rep.role)


def check_login(login: str) -> None:
    if not LOGIN_PATTERN.match(login):
        raise ValidationError(
            {"login": _("use 1-64 letters, digits or . _ @ - (got {login!r})").format(login=login)}
        )


def sign_in(context: Context, login: str, name: str | None = None, role: str = "rep") -> RepView:
    """The rep with this login; created (with a ledger event of its own) if there is none."""
    check_login(login)
    rep = Rep.get_or_none(Rep.login == login)
    if rep is None:
        with context.write() as writer:
            rep = Rep.get_or_none(Rep.login == login)
            if rep is None:
                new_id = uuid.uuid4().hex
                now = context.clock.now()
                row = {"id": new_id, "login": login, "name": name or login, "role": role,
                       "created_at": now, "updated_at": now}
                writer.put(Rep, Rep.stored(row), "create", rep_id=new_id)
                rep = Rep.get_by_id(new_id)
    return _view(rep)


def all_reps() -> list[RepView]:
    return [_view(rep) for rep in Rep.select().order_by(Rep.login)]
