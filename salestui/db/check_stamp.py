"""Skip the whole-file integrity check when the file has not changed since the last one passed.

SQLite's `quick_check` reads every page: about 1.7 s on a 2.3 GB database, which a command in a shell loop or a
cron job must not pay each time. After a check passes, a stamp records the file as it was checked: its identity
(device, inode), size, modification and status-change times, and the same for a non-empty `-wal` (in WAL mode a
commit only appends to the `-wal`, and SQLite does not bump the header's change counter, so the header alone
cannot tell). The next open that finds the file exactly so skips the check; any write to the file, by SQLite or
by anything else, moves its times and the check runs again. The status-change time (ctime) cannot be set back
by a program, so restoring the modification time by hand does not hide an edit.

A stamp is only a cache of a result: `salestui verify` always runs the full check, whatever a stamp says.

Times on disk are coarse (a clock tick, ~1-4 ms), so a change in the same tick as the recorded time would
leave the times as they were. A stamp is therefore written only once the file system's clock has moved past
every recorded time (waiting a tick if needed), which a probe file in the stamps' folder shows; from then on
every change gets a later time. Stamps live in the user's cache folder (`$SALESTUI_CACHE`/checked), named by
device and inode, so the database's folder is left as it was and a read-only folder is no obstacle; failing to
read or write one only means the check runs.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

STAMP_VERSION = 1
# The side files whose content SQLite reads as part of the database (WAL mode, and a rollback journal).
CONTENT_SIDE_SUFFIXES = ("-wal", "-journal")
SETTLE_TRIES = 50  # 1 ms apart: the file system's clock moves on within a tick or two
SETTLE_PAUSE = 0.001
COARSE_TIMES_NS = 2_000_000_000


@dataclass(frozen=True)
class FileStamp:
    """What identifies one file's content without reading it: who it is, how big, when it last changed."""

    device: int
    inode: int
    size: int
    modified_ns: int
    changed_ns: int


@dataclass(frozen=True)
class DatabaseState:
    """The database file and each side file SQLite would read content from (None: absent or empty)."""

    main: FileStamp
    sides: tuple[FileStamp | None, ...]

    def times_ns(self) -> list[int]:
        files = [self.main, *(side for side in self.sides if side is not None)]
        return [time_ns for file in files for time_ns in (file.modified_ns, file.changed_ns) if time_ns]

    def settled_after_ns(self) -> int:
        """The time from which any change to these files shows in their recorded times."""
        times = self.times_ns()
        # Whole milliseconds: a file system that keeps coarse times (FAT keeps 2 s), so a change up to 2 s later
        # may record the same time.
        coarse = all(time_ns % 1_000_000 == 0 for time_ns in times)
        return max(times) + (COARSE_TIMES_NS if coarse else 0)


def stamps_folder() -> Path:
    """`$SALESTUI_CACHE`/checked, or checked/ in the user's cache folder (~/.cache/salestui on Linux)."""
    override = os.environ.get("SALESTUI_CACHE")
    if override:
        return Path(override).expanduser() / "checked"
    if sys.platform not in ("darwin", "win32"):  # the XDG rule platformdirs follows, without its ~6 ms import
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        return (Path(xdg) if xdg.strip() else Path.home() / ".cache") / "salestui" / "checked"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("salestui", appauthor=False)) / "checked"


def _file_stamp(info: os.stat_result, changed: bool = True) -> FileStamp:
    return FileStamp(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns if changed else 0)


def read_state(path: Path) -> DatabaseState | None:
    """The database's state now, or None if it is not a regular file that can be stat'ed."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    sides: list[FileStamp | None] = []
    for suffix in CONTENT_SIDE_SUFFIXES:
        try:
            side = path.with_name(path.name + suffix).stat()
        except FileNotFoundError:
            side = None
        except OSError:
            return None
        # An empty -wal holds no frames: the content is the main file's, as when there is none. Its status-change
        # time is left out: SQLite running as root gives the -wal the database's owner each time it opens it.
        sides.append(_file_stamp(side, changed=False) if side is not None and side.st_size > 0 else None)
    return DatabaseState(_file_stamp(info), tuple(sides))


def _stamp_file(state: DatabaseState) -> Path:
    return stamps_folder() / f"{state.main.device}-{state.main.inode}.json"


def _encode(path: Path, state: DatabaseState) -> str:
    return json.dumps({"version": STAMP_VERSION, "path": str(path), "state": asdict(state)}, ensure_ascii=True)


def _decode(text: str) -> DatabaseState | None:
    try:
        data = json.loads(text)
        if data.get("version") != STAMP_VERSION:
            return None
        fields = data["state"]
        sides = tuple(None if side is None else FileStamp(**side) for side in fields["sides"])
        return DatabaseState(FileStamp(**fields["main"]), sides)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def stamped_state(state: DatabaseState) -> DatabaseState | None:
    """The state the last passing check recorded for the file `state` describes (None: no usable stamp)."""
    try:
        return _decode(_stamp_file(state).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        return None


def unchanged_since_check(path: Path) -> bool:
    """True if a passing check recorded the file exactly as it is now."""
    state = read_state(path)
    return state is not None and stamped_state(state) == state


class _Probe:
    """A file of this process's own in the stamps' folder: it reads the file system's clock, then becomes the
    stamp (renamed into place, so a reader never sees half a stamp)."""

    def __init__(self) -> None:
        folder = stamps_folder()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f".probe-{os.getpid()}-{time.monotonic_ns()}"
        self.path.write_bytes(b"")

    def now_ns(self) -> int:
        os.utime(self.path)  # "now" as the file system records it
        return self.path.stat().st_mtime_ns

    def settled(self, path: Path) -> DatabaseState | None:
        """The database's state once the clock has moved past its recorded times (None if it kept changing)."""
        for _try in range(SETTLE_TRIES):
            state = read_state(path)
            if state is None:
                return None
            if self.now_ns() > state.settled_after_ns():
                return state
            time.sleep(SETTLE_PAUSE)
        return None

    def save(self, path: Path, state: DatabaseState) -> None:
        self.path.write_text(_encode(path, state), encoding="ascii")
        os.replace(self.path, _stamp_file(state))

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def check_unless_unchanged(path: Path, check: Callable[[Path], None]) -> bool:
    """Run `check(path)` (it raises if the file is damaged) unless a stamp shows the file unchanged since a check
    passed; stamp the file after a passing check. True if the check ran."""
    if unchanged_since_check(path):
        return False
    probe = _open_probe()
    try:
        before = probe.settled(path) if probe is not None else None
        check(path)
        if probe is not None and before is not None and read_state(path) == before:
            _save_quietly(probe, path, before)
    finally:
        if probe is not None:
            probe.discard()
    return True


def stamp_after_own_writes(path: Path) -> None:
    """Record the file as it is now as checked: for a process that found it checked (or checked it) when it
    opened it and has since changed it only through SQLite, after it closed its connection."""
    probe = _open_probe()
    if probe is None:
        return
    try:
        state = probe.settled(path)
        if state is not None:
            _save_quietly(probe, path, state)
    finally:
        probe.discard()


def _open_probe() -> _Probe | None:
    try:
        return _Probe()
    except OSError:  # no cache folder to write in: every open runs the check, as it did before stamps
        return None


def _save_quietly(probe: _Probe, path: Path, state: DatabaseState) -> None:
    try:
        probe.save(path, state)
    except OSError:
        pass
