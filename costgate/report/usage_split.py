"""How much of a total comes from usage-file estimates, and how much from the plan alone (baseline)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from costgate.model import Estimate, PricedComponent, ResourceEstimate

ZERO = Decimal(0)


@dataclass(frozen=True)
class UsageSplit:
    usage_before: Decimal
    usage_after: Decimal

    def baseline_before(self, estimate: Estimate) -> Decimal:
        return estimate.monthly_before - self.usage_before

    def baseline_after(self, estimate: Estimate) -> Decimal:
        return estimate.monthly_after - self.usage_after


def usage_split(estimate: Estimate) -> UsageSplit:
    return UsageSplit(
        sum((_from_usage(_before(r)) for r in estimate.resources), ZERO),
        sum((_from_usage(_after(r)) for r in estimate.resources), ZERO),
    )


def _after(resource: ResourceEstimate) -> tuple[PricedComponent, ...]:
    # A deleted resource shows its before side in `components` and has nothing after.
    return () if resource.action == "delete" else resource.components


def _before(resource: ResourceEstimate) -> tuple[PricedComponent, ...]:
    if resource.components_before:
        return resource.components_before
    # Deletions, no-ops and forgotten resources price one side and show it as `components`.
    return resource.components if resource.action in ("delete", "forget", "no-op") else ()


def _from_usage(components: tuple[PricedComponent, ...]) -> Decimal:
    return sum((c.monthly_cost for c in components if c.from_usage and c.monthly_cost is not None), ZERO)
