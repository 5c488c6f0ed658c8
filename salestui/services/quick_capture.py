"""Quick capture: one typed line ("call 张伟 tomorrow 3pm about the quote") understood as a follow-up, then saved.

`understand` takes the date phrase out first (services/date_phrases.find), then the first kind word (call, 回访…),
then the customer: the longest run of the remaining words the customer list's search finds (a Chinese run is also
tried in shorter pieces, so 回访李娜 and 给张伟 find 李娜 and 张伟), the words before about/re/关于 first. What is
left is the title. Nothing is written until `save`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from salestui.i18n import _
from salestui.services import customer_lookup, customers, date_phrases, followups
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.views import CustomerRow

KINDS = ("call", "email", "meeting", "visit", "im")
CANDIDATES = 10  # customers offered to pick from at most
_KIND_WORDS = {
    "call": "call", "ring": "call", "phone": "call", "email": "email", "e-mail": "email", "mail": "email",
    "visit": "visit", "meet": "meeting", "meeting": "meeting", "wechat": "im", "im": "im", "message": "im",
    "打电话": "call", "电话": "call", "致电": "call", "回访": "call", "发邮件": "email", "邮件": "email",
    "拜访": "visit", "上门": "visit", "见面": "meeting", "会议": "meeting", "开会": "meeting",
    "发微信": "im", "微信": "im",
}  # fmt: skip
_LATIN_KINDS = sorted((word for word in _KIND_WORDS if word.isascii()), key=len, reverse=True)
_CHINESE_KINDS = sorted((word for word in _KIND_WORDS if not word.isascii()), key=len, reverse=True)
_KIND = re.compile(
    rf"(?<![A-Za-z0-9])(?:{'|'.join(_LATIN_KINDS)})(?![A-Za-z0-9-])|{'|'.join(_CHINESE_KINDS)}", re.IGNORECASE
)
# Where the title starts ("about the quote"): the customer is looked for before it first.
_TITLE_MARK = re.compile(r"(?<![A-Za-z0-9])(?:about|re:?|regarding)(?![A-Za-z0-9])|关于", re.IGNORECASE)
# Words that join the others and are neither customer nor title at either end of them.
_JOINING = {"to", "with", "for", "and", "at", "on", "of", "by", "给", "跟", "和", "与", "同", "说"}
_ARTICLES = {"the", "a", "an"}  # never the end of a customer's name, but a title may start with one
_EDGE_PUNCTUATION = " \t\u3000,.;:!?-–—，。；：、！？"
_HANZI = re.compile(r"[\u3400-\u9fff]")
_ID_PREFIX = re.compile(r"[0-9a-f]{6,32}", re.IGNORECASE)


@dataclass(frozen=True)
class Understood:
    """What a quick-capture line was understood as, and what must be fixed before it can be saved."""

    text: str  # the line as typed
    customers: tuple[CustomerRow, ...]  # candidates, best first; () none; more than one: the user picks one
    customer_words: str  # the words taken as the customer
    kind: str  # "" or a follow-up kind: call, email, meeting, visit, im
    when: date_phrases.When | None  # None when no date phrase was found
    title: str  # what remains, tidied ("about the quote" -> "The quote")
    problems: dict[str, str]  # field -> what must be fixed before saving ("customer", "when", "title")


def understand(context: Context, text: str) -> Understood:
    """Take the date phrase, the kind word and the customer out of `text`; the rest is the title."""
    problems: dict[str, str] = {}
    rest = text
    when = None
    try:
        when = date_phrases.find(text, context.clock.now(), context.clock.zone)
    except date_phrases.UnclearDate as unclear:
        problems["when"] = unclear.message
        if unclear.start >= 0:
            rest = _blank(rest, unclear.start, unclear.end)
    if when is not None:
        rest = _blank(rest, when.start, when.end)
    elif "when" not in problems:
        problems["when"] = _("say when, e.g. tomorrow 3pm or 明天下午3点")
    kind, kind_words = "", ""
    kind_match = _KIND.search(rest)
    if kind_match:
        kind_words = kind_match.group()
        kind = _KIND_WORDS[kind_words.lower()]
        rest = _blank(rest, kind_match.start(), kind_match.end())
    mark = _TITLE_MARK.search(rest)
    zone_end = mark.start() if mark else len(rest)
    found, span = _customer(rest, zone_end)
    customer_words = rest[span[0] : span[1]].strip() if span else ""
    if span:
        rest = _blank(rest, *span)
    if not found:
        who = rest[:zone_end].strip(_EDGE_PUNCTUATION)
        missing = _("no customer matches {words}").format(words=repr(who))
        problems["customer"] = missing if who else _("say who: a customer's name or phone")
    elif len(found) > 1:
        several = _("{count} customers match {words}: pick one")
        if len(found) >= CANDIDATES:  # the search stopped there
            several = _("{count} or more customers match {words}: pick one, or type more of the name")
        problems["customer"] = several.format(count=len(found), words=repr(customer_words))
    title = _title(rest) or kind_words.capitalize()
    if not title:
        problems["title"] = _("say what to do")
    return Understood(text, tuple(found), customer_words, kind, when, title, problems)


def save(
    context: Context, understood: Understood, customer_id: str, changes: dict[str, Any] | None = None
) -> FollowUpView:
    """Create the follow-up through services.followups.create (kind, title, due_at, priority normal) for
    `customer_id`, after applying the user's field fixes in `changes` (keys: kind, title, due_at, priority, rrule;
    due_at may be a datetime or a date phrase). ValidationError naming the field for anything still wrong."""
    values: dict[str, Any] = {
        "kind": understood.kind,
        "title": understood.title,
        "due_at": understood.when.at if understood.when else None,
        "priority": "normal",
    }
    changes = dict(changes or {})
    unknown = sorted(set(changes) - {"kind", "title", "due_at", "priority", "rrule"})
    if unknown:
        raise ValidationError({name: _("not a field of a follow-up") for name in unknown})
    if isinstance(changes.get("due_at"), str):
        try:
            changes["due_at"] = date_phrases.parse(changes["due_at"], context.clock.now(), context.clock.zone).at
        except date_phrases.UnclearDate as unclear:
            raise ValidationError({"due_at": unclear.message}) from None
    values.update(changes)
    if not customer_id:
        raise ValidationError({"customer": understood.problems.get("customer") or _("pick a customer")})
    return followups.create(context, customer_id, values)


def _blank(text: str, start: int, end: int) -> str:
    """`text` with the span replaced by spaces, so every other offset stays where it was."""
    return text[:start] + " " * (end - start) + text[end:]


def _customer(text: str, zone_end: int) -> tuple[list[CustomerRow], tuple[int, int] | None]:
    """The customers the words of `text` name, best first, and the span of those words: the words before
    `zone_end` first, then the rest."""
    words = [(match.start(), match.end()) for match in re.finditer(r"\S+", text)]
    for word_start, word_end in words:  # an id prefix names one customer, as `salestui log` takes it
        token = text[word_start:word_end]
        if _ID_PREFIX.fullmatch(token) and any(char.isdigit() for char in token):
            try:
                return [customer_lookup.resolve(token)], (word_start, word_end)
            except ValidationError:
                pass
    before = [word for word in words if word[1] <= zone_end]
    after = [word for word in words if word[0] >= zone_end]
    for group in (before, after):
        found = _longest_run(text, group)
        if found[0]:
            return found
    return [], None


def _longest_run(text: str, words: list[tuple[int, int]]) -> tuple[list[CustomerRow], tuple[int, int] | None]:
    """The customers the longest run of `words` (or piece of a Chinese word) finds; among runs of one length, the
    one whose best customer matches best (the whole name, then its start, then anywhere), the first on a tie."""
    for length in range(len(words), 0, -1):
        spans = [(words[index][0], words[index + length - 1][1]) for index in range(len(words) - length + 1)]
        groups = [spans] if length > 1 else _by_size([piece for span in spans for piece in _pieces(text, span)])
        for group in groups:  # the longest pieces first: the first size that finds someone wins
            found = _best_span(text, group)
            if found is not None:
                return found
    return [], None


def _by_size(spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """`spans` grouped by length, longest first (each group in text order)."""
    sizes = sorted({end - start for start, end in spans}, reverse=True)
    return [[span for span in spans if span[1] - span[0] == size] for size in sizes]


def _best_span(text: str, spans: list[tuple[int, int]]) -> tuple[list[CustomerRow], tuple[int, int]] | None:
    """Among `spans`, the one whose best customer matches best (the first on a tie), with its candidates."""
    best: tuple[int, list[CustomerRow], tuple[int, int]] | None = None
    for span in spans:
        edge_words = text[span[0] : span[1]].strip(_EDGE_PUNCTUATION).split()
        query = " ".join(edge_words)
        ends = {edge_words[0].lower(), edge_words[-1].lower()} if edge_words else set()
        if not edge_words or ends & (_JOINING | _ARTICLES):
            continue
        ranked = _ranked(query)
        if ranked and (best is None or ranked[0][0] > best[0]):
            best = (ranked[0][0], _chosen(ranked), span)
    return None if best is None else (best[1], best[2])


def _pieces(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A word, then, for a run of Chinese characters longer than two, its pieces of two or more, longest first:
    hanzi are written without spaces, so 给张伟说 holds 张伟."""
    start, end = span
    if end - start <= 2 or not _HANZI.search(text[start:end]):
        return [span]
    return [(piece, piece + size) for size in range(end - start, 1, -1) for piece in range(start, end - size + 1)]


def _ranked(query: str) -> list[tuple[int, CustomerRow]]:
    """What the customer list's search finds for `query`, each with how well it matches (3 the whole name or
    company, 2 the start of one of their words, 1 anywhere else: pinyin, phone, a contact person), best first."""
    typed = query.strip().casefold()
    rows = customers.search(query, CANDIDATES).rows
    scored = []
    for row in rows:
        names = [row.name.casefold(), row.company.casefold()]
        if typed in names:
            score = 3
        elif any(word.startswith(typed) for name in names for word in [name, *name.split()]):
            score = 2
        else:
            score = 1
        scored.append((score, row))
    scored.sort(key=lambda pair: -pair[0])  # stable: name order within a score
    return scored


def _chosen(ranked: list[tuple[int, CustomerRow]]) -> list[CustomerRow]:
    """The candidates: the one customer whose whole name was typed alone, else every match, best first."""
    exact = [row for score, row in ranked if score == 3]
    return exact if len(exact) == 1 else [row for _score, row in ranked]


def _title(rest: str) -> str:
    """What is left of the line, without the title mark and joining words at its ends, first letter capital."""
    words = rest.split()
    while words and (words[0].lower() in _JOINING or _TITLE_MARK.fullmatch(words[0]) or not words[0].strip("-")):
        words.pop(0)
    while words and words[-1].lower() in _JOINING:
        words.pop()
    title = " ".join(words).strip(_EDGE_PUNCTUATION)
    for prefix in ("关于", "给", "跟", "和", "与", "说"):
        title = title.removeprefix(prefix)
    title = title.strip(_EDGE_PUNCTUATION)
    return title[:1].upper() + title[1:]
