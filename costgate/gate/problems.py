"""Problems of a user's files, reported all at once, and the nearest known name for a mistyped one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from costgate.errors import CostgateError


class Problems(CostgateError):
    """Every problem found; the message is the first one and a pointer to the rest."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = len(problems) - 1
        suffix = f" (and {more} more: run `costgate config validate`)" if more else ""
        super().__init__(problems[0] + suffix)


def closest_name(name: str, choices: Iterable[str]) -> str | None:
    """The known name nearest to a mistyped one, if any is near."""
    names = list(choices)
    # difflib misses a short name inside a long one (EC2 in AmazonEC2): the name's own letters then
    close = difflib.get_close_matches(name, names, n=1) or [c for c in names if name.lower() in c.lower()][:1]
    return close[0] if close else None
