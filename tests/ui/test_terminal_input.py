"""Reading the terminal: a paste holding an ESC arrives whole and in place, with the ESC shown as ␛."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import AsyncIterator

import pytest
from textual import events
from textual.message import Message

from salestui.ui.terminal_input import PASTE_END, PASTE_START, PasteGuard, SalesDriver

PASTE = f"{PASTE_START}AB\x1bCD{PASTE_END}"


class RecordingDriver(SalesDriver):
    """The real input loop and parser, reading a pipe and keeping what it would send to the app."""

    def __init__(self) -> None:
        super().__init__(app=None)  # type: ignore[arg-type]  # this driver never talks to an app
        self.messages: list[Message] = []

    def process_message(self, message: Message) -> None:
        self.messages.append(message)


@pytest.fixture
async def terminal() -> AsyncIterator[tuple[RecordingDriver, int]]:
    """A driver reading what the test writes to a pipe, on its own thread as in the app."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    driver = RecordingDriver()
    reading, writing = os.pipe()
    driver.fileno = reading
    thread = threading.Thread(target=driver.run_input_thread)
    thread.start()
    try:
        yield driver, writing
    finally:
        driver.exit_event.set()
        thread.join(timeout=5)
        os.close(writing)
        os.close(reading)
        for number, handler in handlers.items():
            signal.signal(number, handler)


def read_back(driver: RecordingDriver, writing: int, *chunks: str, expected: int) -> list[str]:
    """Write each chunk as the terminal would, wait for `expected` events, and describe them."""
    for chunk in chunks:
        os.write(writing, chunk.encode())
    for _attempt in range(100):
        if len(driver.messages) >= expected:
            break
        threading.Event().wait(0.02)
    return [
        f"paste {message.text!r}" if isinstance(message, events.Paste) else f"key {message.character!r}"
        for message in driver.messages
        if isinstance(message, events.Paste | events.Key)
    ]


async def test_an_escape_inside_a_paste_stays_in_the_paste(terminal: tuple[RecordingDriver, int]) -> None:
    driver, writing = terminal
    assert read_back(driver, writing, f"x{PASTE}y", expected=3) == ["key 'x'", "paste 'AB␛CD'", "key 'y'"]


async def test_a_paste_split_across_reads_stays_whole(terminal: tuple[RecordingDriver, int]) -> None:
    driver, writing = terminal
    middle = PASTE.index("\x1bCD") + 1
    chunks = (PASTE[:3], PASTE[3:middle], PASTE[middle:-3], PASTE[-3:])
    assert read_back(driver, writing, *chunks, expected=1) == ["paste 'AB␛CD'"]


def test_the_guard_changes_only_escapes_inside_pastes() -> None:
    guard = PasteGuard()
    keys = "a\x1b[A\x1b"  # a, arrow up, escape
    assert guard.feed(keys) == keys
    text = f"{PASTE_START}one\x1b[31mred\x1b{PASTE_END}\x1b[B"
    assert guard.feed(text) == f"{PASTE_START}one␛[31mred␛{PASTE_END}\x1b[B"
    assert guard.feed(f"{PASTE_START}{PASTE_START}{PASTE_END}") == f"{PASTE_START}␛[200~{PASTE_END}"


@pytest.mark.parametrize("split", range(1, len(PASTE)))
def test_the_guard_reads_a_paste_split_anywhere_like_the_whole(split: int) -> None:
    whole = PasteGuard().feed(PASTE)
    guard = PasteGuard()
    assert guard.feed(PASTE[:split]) + guard.feed(PASTE[split:]) == whole == f"{PASTE_START}AB␛CD{PASTE_END}"
    assert not guard.in_paste and guard.held == ""


def test_a_held_tail_is_text_when_the_terminal_goes_quiet() -> None:
    guard = PasteGuard()
    assert guard.feed(f"{PASTE_START}AB\x1b[20") == f"{PASTE_START}AB"
    assert guard.flush() == "␛[20"
    assert guard.in_paste
