"""Reading the terminal: an ESC inside pasted text is text, not the start of a key.

Textual's key parser, meeting an ESC inside a bracketed paste (ESC [200~ … ESC [201~), takes what follows it for an
escape sequence: that part of the paste comes out as key presses, ahead of the rest of the paste (pasting
`AB<ESC>CD` typed `^CDAB`). `PasteGuard` rewrites every ESC inside a paste as the visible ␛ before the parser sees
it, so the paste arrives whole, in place, and shows where the ESC was. `SalesDriver` is Textual's terminal driver
reading through it.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

# The class Textual's own driver parses input with (this module must feed the same parser the same way).
from textual.drivers.linux_driver import LinuxDriver, XTermParser

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESCAPE = "\x1b"
ESCAPE_PICTURE = "\u241b"  # ␛, as `salestui.text.visible` shows an ESC elsewhere
READ_SIZE = 4096
SELECT_SECONDS = 0.1


class PasteGuard:
    """Fed the terminal's input piece by piece; returns it with each ESC inside a bracketed paste made ␛."""

    def __init__(self) -> None:
        self.in_paste = False
        self.before = ""  # outside a paste: the last characters passed on, where a start marker may have begun
        self.held = ""  # inside a paste: a tail that may be the start of the end marker

    def feed(self, data: str) -> str:
        text, self.held = self.held + data, ""
        out: list[str] = []
        while text:
            if not self.in_paste:
                seen = self.before + text
                start = seen.find(PASTE_START)
                if start < 0:
                    out.append(text)
                    self.before = seen[-(len(PASTE_START) - 1) :]
                    break
                after = start + len(PASTE_START) - len(self.before)  # where the marker ends, in `text`
                out.append(text[:after])
                text, self.before, self.in_paste = text[after:], "", True
                continue
            end = text.find(PASTE_END)
            if end >= 0:
                out.append(text[:end].replace(ESCAPE, ESCAPE_PICTURE) + PASTE_END)
                text, self.in_paste = text[end + len(PASTE_END) :], False
                continue
            keep = next((size for size in range(len(PASTE_END) - 1, 0, -1) if text.endswith(PASTE_END[:size])), 0)
            body, self.held = (text[:-keep], text[-keep:]) if keep else (text, "")
            out.append(body.replace(ESCAPE, ESCAPE_PICTURE))
            break
        return "".join(out)

    def flush(self) -> str:
        """The terminal went quiet with part of an end marker held: it was text after all."""
        held, self.held = self.held, ""
        return held.replace(ESCAPE, ESCAPE_PICTURE)


class SalesDriver(LinuxDriver):
    """Textual's Linux and macOS driver, reading the terminal through a `PasteGuard`."""

    def run_input_thread(self) -> None:
        """Textual's input loop, with the guard between reading and parsing."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser()
        guard = PasteGuard()
        decode = getincrementaldecoder("utf-8")().decode

        def handle(text: str) -> None:
            for event in parser.feed(text):
                self.process_message(event)

        def read_ready(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            if not ready and guard.held:
                handle(guard.flush())
            for number, (_key, mask) in enumerate(ready, start=1):
                if mask & selectors.EVENT_READ:
                    text = decode(os.read(self.fileno, READ_SIZE), final=final and number == len(ready))
                    if not text:
                        break  # stdin is a pipe that was closed
                    handle(guard.feed(text))
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                read_ready(selector.select(SELECT_SECONDS))
            selector.unregister(self.fileno)
            read_ready(selector.select(SELECT_SECONDS), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except Exception:  # the parser's end-of-input complaint; nothing is left to read
                pass
