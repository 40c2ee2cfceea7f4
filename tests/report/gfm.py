"""Render markdown as GitHub does (cmark-gfm with its table and autolink extensions) and read the HTML back."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

# GitHub passes raw HTML (<details>) through, then sanitises; UNSAFE keeps every tag we emit
# visible to the tests, so a tag that untrusted text smuggled in would show up too.
EXTENSIONS = ["table", "autolink", "strikethrough", "tagfilter"]


def to_html(markdown: str) -> str:
    return cmarkgfm.markdown_to_html_with_extensions(
        markdown, options=Options.CMARK_OPT_UNSAFE, extensions=EXTENSIONS
    )


class Tables(HTMLParser):
    """Each table as rows of cell texts (header row first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def tags(html: str) -> set[str]:
    return set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', html)


def markdown_rows_keep_columns(markdown: str) -> None:
    """In the source, every row of a table has as many unescaped | as its header (GFM would pad or drop cells)."""
    header = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        pipes = len(re.findall(r"(?<!\\)\|", line))
        if header is None:
            header = pipes
        assert pipes == header, line
