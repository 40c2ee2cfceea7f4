"""Price a resource again with one attribute changed: every saving comes from the pricing engine.

The alternative goes through the same cost model, price chain and negotiated discounts as
the estimate; if any of its components has no price, there is no saving figure, only the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from costgate.estimate.discounts import Discount
from costgate.estimate.pricer import estimate_resource
from costgate.model import PRICED, ResourceChange
from costgate.plan.context import PlanContext
from costgate.pricing.source import PriceChain


@dataclass(frozen=True)
class Repriced:
    monthly: Decimal | None  # the alternative's monthly cost, None when it cannot be priced
    reason: str = ""  # why not priced


def set_path(values: Mapping[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `values` with the dotted path set (`root_block_device.0.volume_type`)."""
    steps = path.split(".")
    copy: Any = _copy(values)
    target = copy
    for position, step in enumerate(steps[:-1]):
        key: Any = int(step) if step.isdigit() else step
        following = steps[position + 1]
        if isinstance(target, list):
            while len(target) <= key:
                target.append({})
            target = target[key]
        else:
            if target.get(key) is None:
                target[key] = [] if following.isdigit() else {}
            target = target[key]
    last = steps[-1]
    if isinstance(target, list):
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


def reprice(
    change: ResourceChange,
    changes: Mapping[str, Any],
    context: PlanContext,
    prices: PriceChain,
    discounts: Sequence[Discount] = (),
) -> Repriced:
    """The monthly cost of the change's after side with `changes` (dotted path -> value) applied."""
    values: Mapping[str, Any] = change.after or {}
    for path, value in changes.items():
        values = set_path(values, path, value)
    unknown = {
        k: v
        for k, v in (change.after_unknown or {}).items()
        if k.split(".", 1)[0] not in {p.split(".", 1)[0] for p in changes}
    }
    alternative = replace(change, action="create", before=None, after=values, after_unknown=unknown)
    result = estimate_resource(alternative, context, prices, discounts)
    missing = next((c for c in result.components if c.not_priced_reason), None)
    if result.status != PRICED or missing is not None:
        reason = (
            f"{missing.name}: {missing.not_priced_reason}" if missing else (result.reason or "not priced")
        )
        return Repriced(None, reason)
    return Repriced(result.monthly_after)
