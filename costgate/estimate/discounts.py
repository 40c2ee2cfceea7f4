"""Negotiated rates: a percentage off list price by provider, service and optionally resource type."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Discount:
    provider: str
    percent: Decimal
    service: str | None = None
    resource_type: str | None = None
    reason: str = ""

    @property
    def specificity(self) -> int:
        # A resource type is more specific than a service, which is more specific than the provider alone.
        return (self.service is not None) + 2 * (self.resource_type is not None)

    def matches(self, provider: str, service: str, resource_type: str) -> bool:
        return (
            self.provider == provider
            and self.service in (None, service)
            and self.resource_type in (None, resource_type)
        )

    def describe(self) -> str:
        scope = " ".join(part for part in (self.provider, self.service, self.resource_type) if part)
        return self.reason or f"negotiated discount ({scope})"


def best_discount(
    discounts: Sequence[Discount], provider: str, service: str, resource_type: str
) -> Discount | None:
    """The most specific matching discount; None when none matches."""
    matching = [d for d in discounts if d.matches(provider, service, resource_type)]
    return max(matching, key=lambda d: d.specificity, default=None)
