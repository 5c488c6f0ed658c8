"""Search latency per keystroke (a script, not a test): each prefix of a typed query, as the list asks for it.

python tests/perf/bench_keystrokes.py --db PATH [--words zhang,张伟,138,kehu05,acme] [--rounds R] [--json FILE]

For each prefix ("z", "zh", … "zhang") it times `customers.search(prefix, 100)`, the first page the list shows
(with the total when the plan saw every match), and the background count the list runs when it did not. The
database must exist (tests/perf/bench.py builds one) and is opened read-only at the current schema.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

PAGE = 100
WORDS = ("zhang", "张伟", "138", "kehu05", "acme")


def keystrokes(words: list[str], rounds: int) -> list[dict[str, object]]:
    from salestui.services import customers

    results: list[dict[str, object]] = []
    for word in words:
        for length in range(1, len(word) + 1):
            typed = word[:length]
            page_ms, count_ms = [], []
            page = customers.search(typed, PAGE)  # warms the cache; not counted
            for _round in range(rounds):
                start = time.perf_counter()
                page = customers.search(typed, PAGE)
                page_ms.append((time.perf_counter() - start) * 1000)
                if page.total is None:
                    start = time.perf_counter()
                    customers.count(typed)
                    count_ms.append((time.perf_counter() - start) * 1000)
            total = page.total if page.total is not None else customers.count(typed)
            results.append(
                {
                    "typed": typed,
                    "first_page_ms": round(statistics.median(page_ms), 2),
                    "first_page_max_ms": round(max(page_ms), 2),
                    "matches": total,
                    "counted_in_background_ms": round(statistics.median(count_ms), 2) if count_ms else None,
                    "first": [row.name for row in page.rows[:3]],
                }
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--words", default=",".join(WORDS))
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from salestui.db.database import open_database
    from salestui.services.session import close

    open_database(args.db, read_only=True, deep_check=False)
    try:
        results = keystrokes(args.words.split(","), args.rounds)
    finally:
        close()
    print(f"{'typed':<10} {'first page':>11} {'max':>8} {'matches':>9} {'count (bg)':>11}  first rows")
    for row in results:
        counted = "" if row["counted_in_background_ms"] is None else f"{row['counted_in_background_ms']} ms"
        first = ", ".join(str(name) for name in row["first"])  # type: ignore[attr-defined]
        print(
            f"{row['typed']!s:<10} {row['first_page_ms']:>8} ms {row['first_page_max_ms']:>5} ms "
            f"{row['matches']!s:>9} {counted:>11}  {first}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
