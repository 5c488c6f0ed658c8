"""Quick-capture benchmarks for bench.py: `quick_capture.understand` on five typical lines at the bench's size (beside
the one customer search each line needs at least), and `date_phrases.parse` alone (beside services/when.py's reader
of the times a form takes)."""

from __future__ import annotations

import time
from typing import Any

PHRASES = ("tomorrow 3pm", "next monday 10:00", "+3d", "明天下午3点", "下周一上午10点半", "dec 5 2099", "in 2 weeks")


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _names() -> tuple[str, str]:
    """A Chinese customer name and a one-word latin one from the database (the demo makes both)."""
    from salestui.db.connection import database

    rows = database.execute_sql("SELECT name FROM customer WHERE merged_into_id IS NULL LIMIT 500").fetchall()
    names = [str(row[0]) for row in rows]
    chinese = next((name for name in names if name and all("\u4e00" <= char <= "\u9fff" for char in name)), names[0])
    latin = next((name.split()[0] for name in names if name.isascii() and len(name.split()[0]) >= 4), names[-1])
    return chinese, latin


def bench_capture(context: Any, samples: int, metric: Any) -> list[Any]:
    """quick_capture_understand (median of the five lines; target 20 ms) and date_phrase_parse (target 1 ms)."""
    from salestui.services import customers, date_phrases, quick_capture
    from salestui.services.when import parse_when

    chinese, latin = _names()
    lines = (
        f"call {chinese} tomorrow 3pm about the quote",
        f"明天下午3点回访{chinese}",
        f"visit {latin} next monday 10:00",
        f"+3d email {latin} re samples",
        f"下周一上午10点半 拜访 {chinese} 谈合同",
    )
    understood, searched = [], []
    for _round in range(samples + 1):
        for line, name in zip(lines, (chinese, chinese, latin, latin, chinese), strict=True):
            start = time.perf_counter()
            quick_capture.understand(context, line)
            understood.append(ms(start))
            start = time.perf_counter()
            customers.search(name, quick_capture.CANDIDATES)
            searched.append(ms(start))
    parsed, floors = [], []
    now, zone = context.clock.now(), context.clock.zone
    for _round in range(samples + 1):
        for phrase in PHRASES:
            start = time.perf_counter()
            date_phrases.parse(phrase, now, zone)
            parsed.append(ms(start))
            start = time.perf_counter()
            parse_when("tomorrow 10:00", now, zone)
            floors.append(ms(start))
    skip = len(lines)  # the first round warms the caches and the imports
    return [
        metric("quick_capture_understand", understood[skip:], "ms", searched[skip:], 20.0),
        metric("date_phrase_parse", parsed[len(PHRASES) :], "ms", floors[len(PHRASES) :], 1.0, digits=3),
    ]
