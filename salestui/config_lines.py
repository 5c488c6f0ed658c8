"""Where each key, table and array element of a TOML text is: its line, so a message can point at it.

tomllib gives values without positions; this scanner walks a text tomllib has already accepted and records the
line every path starts on: `("templates", "call", "extra", 0, "key")` for the key of the first extra field,
whether written as an inline table, a dotted key or an `[[array of tables]]`.
"""

from __future__ import annotations

Path = tuple[str | int, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_ESCAPED_QUOTE = '\\"'


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.lines: dict[Path, int] = {}
        self.tables: dict[Path, int] = {}  # an array of tables -> the index of its last element

    def line(self) -> int:
        return self.text.count("\n", 0, self.at) + 1

    def peek(self, count: int = 1) -> str:
        return self.text[self.at : self.at + count]

    def mark(self, path: Path, line: int) -> None:
        self.lines.setdefault(path, line)

    def skip_blank(self, newlines: bool) -> None:
        """Skip spaces (and newlines and comments, if `newlines`)."""
        text = self.text
        while self.at < len(text):
            char = text[self.at]
            if char in " \t" or (newlines and char in "\r\n"):
                self.at += 1
            elif newlines and char == "#":
                end = text.find("\n", self.at)
                self.at = len(text) if end < 0 else end
            else:
                return

    def string(self) -> str:
        """A quoted string at the cursor (basic, literal, or either kind multi-line); its text, escapes unread."""
        text = self.text
        quote = text[self.at]
        if text.startswith(quote * 3, self.at):
            end = text.find(quote * 3, self.at + 3)
            if quote == '"':
                while end > 0 and _escaped(text, end):
                    end = text.find(quote * 3, end + 1)
            while text.startswith(quote, end + 3):  # up to two quotes may end the content
                end += 1
            value = text[self.at + 3 : end]
            self.at = end + 3
            return value
        end = self.at + 1
        while text[end] != quote or (quote == '"' and _escaped(text, end)):
            end += 1
        value = text[self.at + 1 : end].replace(_ESCAPED_QUOTE, '"')
        self.at = end + 1
        return value

    def key(self) -> tuple[str, ...]:
        """A dotted key at the cursor."""
        parts = []
        while True:
            self.skip_blank(False)
            if self.peek() in ('"', "'"):
                parts.append(self.string())
            else:
                start = self.at
                while self.at < len(self.text) and self.text[self.at] in _BARE:
                    self.at += 1
                parts.append(self.text[start : self.at])
            self.skip_blank(False)
            if self.peek() != ".":
                return tuple(parts)
            self.at += 1

    def in_tables(self, keys: tuple[str, ...]) -> Path:
        """A header's keys as a path: a prefix naming an array of tables means its last element."""
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.tables:
                path = (*path, self.tables[path])
        return path

    def value(self, path: Path) -> None:
        char = self.peek()
        if char in ('"', "'"):
            self.string()
        elif char == "[":
            self.at += 1
            index = 0
            while True:
                self.skip_blank(True)
                if self.peek() == "]":
                    self.at += 1
                    return
                self.mark((*path, index), self.line())
                self.value((*path, index))
                index += 1
                self.skip_blank(True)
                if self.peek() == ",":
                    self.at += 1
        elif char == "{":
            self.at += 1
            while True:
                self.skip_blank(False)
                if self.peek() == "}":
                    self.at += 1
                    return
                self.pair(path)
                self.skip_blank(False)
                if self.peek() == ",":
                    self.at += 1
        else:  # a number, a boolean or a date: up to what ends a value
            while self.at < len(self.text) and self.text[self.at] not in ",]}\r\n#":
                self.at += 1

    def pair(self, table: Path) -> None:
        line = self.line()
        keys = self.key()
        for end in range(1, len(keys) + 1):
            self.mark((*table, *keys[:end]), line)
        self.skip_blank(False)
        self.at += 1  # the '='
        self.skip_blank(False)
        self.value((*table, *keys))

    def header(self) -> Path:
        line = self.line()
        array = self.peek(2) == "[["
        self.at += 2 if array else 1
        keys = self.key()
        self.at += 2 if array else 1
        if array:
            parent = self.in_tables(keys[:-1])
            plain = (*parent, keys[-1])
            self.tables[plain] = self.tables.get(plain, -1) + 1
            self.mark(plain, line)
            path: Path = (*plain, self.tables[plain])
        else:
            path = self.in_tables(keys)
        for end in range(1, len(path) + 1):
            self.mark(path[:end], line)
        return path

    def scan(self) -> dict[Path, int]:
        table: Path = ()
        while True:
            self.skip_blank(True)
            if self.at >= len(self.text):
                return self.lines
            if self.peek() == "[":
                table = self.header()
            else:
                self.pair(table)


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` follows an odd number of backslashes."""
    count = 0
    while at - count - 1 >= 0 and text[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def key_lines(text: str) -> dict[Path, int]:
    """The line (from 1) of every key, table and array element in `text`, which must be valid TOML."""
    try:
        return _Scanner(text).scan()
    except IndexError:  # not valid TOML after all: no positions rather than a crash
        return {}


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of the nearest enclosing path that has one."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
