"""Which instance a `count.index` or `each.key` reference points at.

A plan's configuration records `google_container_cluster.main[count.index]` as a reference to
`google_container_cluster.main`, with no index, so a reference reaches every instance. The
instance meant is the one with the referring resource's own key: node pool [1] belongs to
cluster [1]. When no instance has that key (the target has no count), the first is meant.
"""

from __future__ import annotations

import re

from costgate.resources.base import Side

_KEY = re.compile(r"(\[[^\]]*\])$")


def counterpart(side: Side, targets: list[Side]) -> Side | None:
    """The target with this resource's own instance key, else the first target; None when there is none."""
    key = _KEY.search(side.address)
    if key:
        for target in targets:
            if target.address.endswith(key.group(1)):
                return target
    return targets[0] if targets else None
