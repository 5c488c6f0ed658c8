"""The live team view in the benchmark: another process's write until this app's frame shows it, and the CPU an idle
app uses (beside the same app with its live timer stopped)."""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import frames  # beside this script

IDLE_SECONDS = 10.0


def _started(context):
    """The app as the CLI makes it (blinking cursor and all), headless, its first customer's timeline on screen."""
    from salestui.ui.app import make_app

    app = make_app(context)
    probe = frames.FrameProbe(app)
    return app, probe


async def _quiet(app, pilot) -> None:
    for _round in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        if app.screen.timeline.customer is not None and all(worker.is_finished for worker in app.workers):
            return


async def refresh_session(context, path: Path, login: str, runs: int) -> list[float]:
    """`salestui log` in another process, then the ms from its event's time (stamped as its write began, before the
    commit) until a frame of this app shows the new entry on the open timeline."""
    from salestui.clock import HLC
    from salestui.db.connection import database

    app, probe = _started(context)
    found: list[float] = []
    async with app.run_test(size=frames.SIZE) as pilot:
        await _quiet(app, pilot)
        customer_id = app.screen.timeline.customer_id
        command = [sys.executable, "-m", "salestui", "--db", str(path), "--user", login, "log", customer_id]
        for run in range(runs):
            summary = f"live refresh {run} {os.getpid()}"
            waiting = asyncio.ensure_future(probe.until(lambda text, summary=summary: summary in text, timeout=30))
            writer = await asyncio.create_subprocess_exec(
                *command, "--kind", "note", "--summary", summary, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            _out, err = await writer.communicate()
            if writer.returncode:
                waiting.cancel()
                raise RuntimeError(f"salestui log failed: {err.decode(errors='replace')}")
            shown_at = await waiting
            shown_wall = time.time() - (time.perf_counter() - shown_at)
            stamp = database.execute_sql(
                "SELECT hlc FROM ledger WHERE entity = 'interaction' ORDER BY seq DESC LIMIT 1"
            ).fetchone()[0]
            found.append(shown_wall * 1000 - HLC.parse(stamp).wall_ms)
            await _quiet(app, pilot)
    return found


def cpu_seconds() -> float:
    """This process's CPU time, user + system (getrusage: microseconds, where os.times counts 10 ms ticks)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def idle_session(context, seconds: float, live: bool) -> float:
    """Process CPU time (user + system) over `seconds` of an idle app, as % of one core."""
    app, _probe = _started(context)
    async with app.run_test(size=frames.SIZE) as pilot:
        await _quiet(app, pilot)
        if not live:
            app.screen.live.timer.stop()
        await pilot.pause(1.0)
        before, wall = cpu_seconds(), time.perf_counter()
        await asyncio.sleep(seconds)
        used, elapsed = cpu_seconds() - before, time.perf_counter() - wall
    return 100 * used / elapsed


def look_microseconds(samples: int = 2000) -> list[float]:
    """What one look of the timer costs: `data_version` on this thread's connection, in µs."""
    from salestui.services import changes

    found = []
    for _sample in range(samples):
        start = time.perf_counter()
        changes.data_version()
        found.append((time.perf_counter() - start) * 1e6)
    return found


def bench_live(context, path: Path, login: str, runs: int, metric: Callable, idle_seconds: float = IDLE_SECONDS):
    """live_refresh (ms, write to frame; target 2 s), idle_cpu (% of a core, beside the floor: the timer stopped) and
    live_look (µs of CPU per look of the timer)."""
    from salestui.ui.live_refresh import POLL_SECONDS

    shown = asyncio.run(refresh_session(context, path, login, max(runs, 5)))
    idle = asyncio.run(idle_session(context, idle_seconds, live=True))
    floor = asyncio.run(idle_session(context, idle_seconds, live=False))
    print(f"  live refresh: polls every {POLL_SECONDS} s; write → frame {sorted(round(ms) for ms in shown)} ms")
    return [
        metric("live_refresh", shown, "ms", None, 2000.0, digits=0),
        metric("idle_cpu", [idle], "%", [floor], 1.0, digits=3),
        metric("live_look", look_microseconds(), "µs", None, None, digits=1),
    ]
