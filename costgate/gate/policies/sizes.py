"""The size vocabulary of instance types (nano ... xlarge, Nxlarge, metal), ranked."""

from __future__ import annotations

import re

SIZES = ["nano", "micro", "small", "medium", "large", "xlarge"]


def size_rank(value: str) -> int | None:
    """Rank of an AWS size suffix (db.r6g.2xlarge -> 2xlarge); None when the name has no known size."""
    size = value.rsplit(".", 1)[-1]
    if size in SIZES:
        return SIZES.index(size)
    match = re.fullmatch(r"(\d+)xlarge", size)
    if match:
        return len(SIZES) - 1 + int(match.group(1))
    if size == "metal":
        return 1000
    return None
