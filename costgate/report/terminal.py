"""What the terminal table may use: its width, its characters, and whether to colour.

Width: COLUMNS when set, else the real width on a TTY. Output to a pipe or a file of unknown
width (a CI log, `| grep`) keeps the 100-column layout of the columns but does not wrap the
free text (reasons, findings, the verdict): the reader's viewer does, and grep finds it. The
characters: the table draws with ─, −, × and …; a stream whose encoding cannot write them
(PYTHONIOENCODING=cp1252, an ASCII locale) gets ASCII stand-ins, and any other character it
cannot write (a tag in Japanese) becomes "?", never a UnicodeEncodeError. Colour only on a
TTY, never with NO_COLOR (https://no-color.org) or TERM=dumb.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

DEFAULT_WIDTH = 100
NARROWEST = 40
WIDEST = 240
DRAWING = "─−×"
_ASCII = str.maketrans({"─": "-", "−": "-", "×": "x", "…": "...", "→": "->", "≥": ">=", "\u2060": ""})
_ANSI = {"bold": "1", "red": "31", "green": "32", "yellow": "33"}


@dataclass(frozen=True)
class Terminal:
    width: int = DEFAULT_WIDTH
    encoding: str = "utf-8"
    color: bool = False
    known_width: bool = False  # COLUMNS or a TTY: free text wraps to `width`

    @staticmethod
    def detect(stream: TextIO | None = None, env: Mapping[str, str] | None = None) -> Terminal:
        stream = sys.stdout if stream is None else stream
        env = os.environ if env is None else env
        tty = _isatty(stream)
        width = _width(stream, env, tty)
        return Terminal(
            width=width or DEFAULT_WIDTH,
            encoding=_encoding(stream),
            color=tty and not env.get("NO_COLOR") and env.get("TERM") != "dumb",
            known_width=width is not None,
        )

    @property
    def unicode(self) -> bool:
        try:
            DRAWING.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True

    def text(self, rendered: str) -> str:
        """The finished table in characters this terminal can write."""
        if self.unicode:
            return rendered
        return rendered.translate(_ASCII).encode(self.encoding, "replace").decode(self.encoding)

    def paint(self, text: str, style: str) -> str:
        return f"\x1b[{_ANSI[style]}m{text}\x1b[0m" if self.color else text


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width(stream: TextIO, env: Mapping[str, str], tty: bool) -> int | None:
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit():
        return max(NARROWEST, min(WIDEST, int(columns)))
    if tty:
        try:
            return max(NARROWEST, min(WIDEST, os.get_terminal_size(stream.fileno()).columns))
        except (AttributeError, ValueError, OSError):
            pass
    return None


def _encoding(stream: TextIO) -> str:
    name = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "ascii"
