"""A change with some attributes set otherwise, and what its re-pricing says: the raw material of savings.

`Pricer.reprice` prices the alternative; this module only builds it and reads the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from costgate.model import PRICED, ResourceChange, ResourceEstimate


@dataclass(frozen=True)
class Repriced:
    monthly: Decimal | None  # the alternative's monthly cost, None when it cannot be priced
    reason: str = ""  # why not priced


def alternative(change: ResourceChange, changes: Mapping[str, Any]) -> ResourceChange:
    """The change created with `changes` (dotted path -> value) applied to its after side.

    An attribute set here is known, so the unknowns under its top-level key are dropped.
    """
    values: Mapping[str, Any] = change.after or {}
    for path, value in changes.items():
        values = set_path(values, path, value)
    changed = {path.split(".", 1)[0] for path in changes}
    unknown = {k: v for k, v in (change.after_unknown or {}).items() if k.split(".", 1)[0] not in changed}
    return replace(change, action="create", before=None, after=values, after_unknown=unknown)


def repriced(result: ResourceEstimate) -> Repriced:
    """The alternative's monthly cost, or why it has none (any component without a price)."""
    missing = next((c for c in result.components if c.not_priced_reason), None)
    if result.status != PRICED or missing is not None:
        reason = (
            f"{missing.name}: {missing.not_priced_reason}" if missing else (result.reason or "not priced")
        )
        return Repriced(None, reason)
    return Repriced(result.monthly_after)


def set_path(values: Mapping[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `values` with the dotted path set (`root_block_device.0.volume_type`)."""
    steps = path.split(".")
    copy: Any = _copy(values)
    target = copy
    for position, step in enumerate(steps[:-1]):
        key: Any = int(step) if step.isdigit() and isinstance(target, list) else step
        container: type = list if steps[position + 1].isdigit() else dict
        if isinstance(target, list):
            while len(target) <= key:
                target.append({})
        # A value that is no container of the right kind here (masked as sensitive, malformed) is replaced.
        if not isinstance(target[key] if isinstance(target, list) else target.get(key), container):
            target[key] = container()
        target = target[key]
    last = steps[-1]
    if isinstance(target, list):
        while len(target) <= int(last):
            target.append({})
        target[int(last)] = value
    else:
        target[last] = value
    return copy


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
