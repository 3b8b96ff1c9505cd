"""The text inside the elements of a page that carry a class: how tests read the claim page's
highlighted spans and mentions."""

from __future__ import annotations

from html.parser import HTMLParser


class MarkText(HTMLParser):
    """Text content of each element with a given class, nested elements included."""

    def __init__(self, cls: str):
        super().__init__(convert_charrefs=True)
        self.cls = cls
        self.found: list[tuple[dict[str, str | None], str]] = []
        self._stack: list[tuple[dict[str, str | None], list[str], int]] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._depth += 1
        if self.cls in (dict(attrs).get("class") or "").split():
            self._stack.append((dict(attrs), [], self._depth))

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1][2] == self._depth:
            attrs, parts, _ = self._stack.pop()
            self.found.append((attrs, "".join(parts)))
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        for _, parts, _ in self._stack:
            parts.append(data)


def marks(page: str, cls: str) -> list[tuple[dict[str, str | None], str]]:
    parser = MarkText(cls)
    parser.feed(page)
    return parser.found
