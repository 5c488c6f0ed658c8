"""Text whose wrapped lines start under the text of their first line (a hanging indent), not at the left edge."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static


class HangingIndent(Visual):
    """`content` line by line: a line starting with spaces wraps with its continuation lines indented as far."""

    def __init__(self, content: Content) -> None:
        self.lines: list[tuple[int, Content]] = []
        for line in content.split("\n", allow_blank=True):
            indent = len(line.plain) - len(line.plain.lstrip(" "))
            self.lines.append((indent, line[indent:]))

    def _indent(self, indent: int, width: int) -> int:
        return indent if indent < width // 2 else 0  # a narrow pane gets the text its whole width

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (indent + line.get_optimal_width(rules, container_width) for indent, line in self.lines),
            default=0,
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(
            line.get_height(rules, width - self._indent(indent, width)) if line.plain else 1
            for indent, line in self.lines
        )

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        strips: list[Strip] = []
        for indent, line in self.lines:
            shift = self._indent(indent, width)
            if not line.plain:
                strips.append(Strip.blank(width, style.rich_style))
                continue
            rendered = line.render_strips(width - shift, None, style, options)
            if shift:
                margin = Strip.blank(shift, style.rich_style)
                rendered = [Strip.join([margin, strip]) for strip in rendered]
            strips.extend(rendered)
        return strips if height is None else strips[:height]


class HangingStatic(Static):
    """A Static showing its Content with hanging indents (see `HangingIndent`)."""

    shown: tuple[Content, HangingIndent] | None = None  # the last content and its visual, so wrapping is cached

    def render(self) -> Visual:
        content = self.content
        if not isinstance(content, Content):
            return self.visual
        if self.shown is None or self.shown[0] is not content:
            self.shown = (content, HangingIndent(content))
        return self.shown[1]
