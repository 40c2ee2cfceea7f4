"""What a cost model sees and what it returns.

A cost model is a plain function `(side: Side) -> list[CostComponent]`, called once
for each side (before, after) of a change. It reads attributes through `Side.get`, which
returns an `Unknown` for values known only after apply (or sensitive), and builds
components with `hourly`, `monthly` and `usage`, which turn any Unknown into a
component that is not priced, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from costgate.model import (
    HOURS_PER_MONTH,
    SENSITIVE,
    Capacity,
    CostComponent,
    PriceQuery,
    ResourceChange,
    Unknown,
)

if TYPE_CHECKING:
    from costgate.plan.context import PlanContext


@dataclass(frozen=True)
class Side:
    """One side (before or after) of a resource change, as a cost model reads it."""

    change: ResourceChange
    values: Mapping[str, Any]
    unknown: Mapping[str, Any]
    region: str
    context: PlanContext
    is_after: bool = True

    @property
    def address(self) -> str:
        return self.change.address

    @property
    def type(self) -> str:
        return self.change.type

    def get(self, path: str, default: Any = None) -> Any:
        """Value at a dotted path (`root_block_device.0.volume_size`); `default` when unset; Unknown when unknowable."""
        value: Any = self.values
        unknown: Any = self.unknown
        for step in path.split("."):
            key: Any = int(step) if step.isdigit() else step
            unknown = _step(unknown, key)
            if unknown is True:
                return Unknown(path)
            value = _step(value, key)
            if value is SENSITIVE:
                return Unknown(path, "depends on a sensitive value")
            if value is None:
                return default
        return value

    def block(self, name: str) -> Mapping[str, Any] | None:
        """The first element of a nested block (Terraform writes blocks as lists); None when absent."""
        value = self.get(name)
        if isinstance(value, list):
            return value[0] if value and isinstance(value[0], Mapping) else None
        return value if isinstance(value, Mapping) else None

    def setting(self, path: str, default: Any) -> Any:
        """Like get, but a value that is unknown only because the provider computes it gives `default`.

        For attributes whose computed value is a documented default (gp3's 3,000 IOPS, the
        8 GB root volume), pricing the default is right; a configured value that is merely
        unknown until apply stays Unknown.
        """
        value = self.get(path, default)
        if (
            isinstance(value, Unknown)
            and value.why.startswith("depends on a value known")
            and not self.configured(path)
        ):
            return default
        return value

    def configured(self, path: str) -> bool:
        """Whether the configuration sets this attribute (as opposed to a provider-computed default)."""
        expression: Any = self.context.config_expressions(self.change)
        for step in path.split("."):
            if isinstance(expression, list):
                expression = expression[int(step)] if step.isdigit() and int(step) < len(expression) else None
            elif isinstance(expression, Mapping):
                expression = expression.get(step)
            else:
                return False
            if expression is None:
                return False
        return True

    def referenced(self, attribute: str, resource_type: str | None = None) -> list[Side]:
        """The sides of the resources that `attribute` refers to in the configuration (same side as this one)."""
        return self.context.referenced(self, attribute, resource_type)

    def referring(self, resource_type: str, attribute: str) -> list[Side]:
        """The sides of the `resource_type` resources whose `attribute` refers to this resource (same side)."""
        return self.context.referring(self, resource_type, attribute)

    def usage(self, key: str) -> Decimal | None:
        """A usage estimate for this resource from the usage file, or None."""
        return self.context.usage(self.change, key)


def _step(container: Any, key: Any) -> Any:
    if isinstance(container, Mapping):
        return container.get(key) if isinstance(key, str) else container.get(str(key))
    if isinstance(container, list) and isinstance(key, int):
        return container[key] if 0 <= key < len(container) else None
    return None


@dataclass(frozen=True)
class UsageKey:
    """A usage-file key a cost model reads (declared next to the model, listed by `costgate usage keys`)."""

    name: str  # Infracost's key name where one exists with the same meaning
    unit: str
    description: str


class CostModel(Protocol):
    def __call__(self, side: Side) -> list[CostComponent]: ...


def unknown_among(*values: Any) -> Unknown | None:
    for value in values:
        if isinstance(value, Unknown):
            return value
    return None


def query(
    provider: str, service: str, region: str, product_family: str, **attributes: Any
) -> PriceQuery | Unknown:
    """A price query, or the Unknown that one of its attributes is."""
    missing = unknown_among(*attributes.values())
    if missing:
        return missing
    return PriceQuery.of(
        provider, service, region, product_family, **{k: str(v) for k, v in attributes.items()}
    )


def aws_query(side: Side, service: str, product_family: str, **attributes: Any) -> PriceQuery | Unknown:
    return query("aws", service, side.region, product_family, **attributes)


def gcp_query(
    side: Side,
    service: str,
    product_family: str,
    description: Any,
    usage_type: str = "OnDemand",
    region: str | None = None,
) -> PriceQuery | Unknown:
    return query(
        "google",
        service,
        region or side.region,
        product_family,
        description=description,
        usageType=usage_type,
    )


def monthly(
    name: str,
    unit: str,
    quantity: Any,
    price_query: PriceQuery | Unknown,
    *,
    per: Capacity | None = None,
    discount_percent: Decimal = Decimal(0),
    discount_reason: str = "",
) -> CostComponent:
    """A component billed per `unit` with a known monthly quantity (GB-months, IOPS-months, ...)."""
    missing = unknown_among(quantity, price_query)
    if missing:
        return CostComponent(name, unit, missing, None, not_priced_reason=missing.reason, per=per)
    return CostComponent(
        name,
        unit,
        Decimal(str(quantity)),
        price_query,  # type: ignore[arg-type]
        per=per,
        discount_percent=discount_percent,
        discount_reason=discount_reason,
    )


def hourly(
    name: str,
    price_query: PriceQuery | Unknown,
    quantity: Any = 1,
    *,
    unit: str = "hours",
    per: Capacity | None = None,
    discount_percent: Decimal = Decimal(0),
    discount_reason: str = "",
) -> CostComponent:
    """A component billed per hour for `quantity` things running all month (730 h each)."""
    if isinstance(quantity, Unknown):
        return monthly(name, unit, quantity, price_query, per=per)
    return monthly(
        name,
        unit,
        Decimal(str(quantity)) * HOURS_PER_MONTH,
        price_query,
        per=per,
        discount_percent=discount_percent,
        discount_reason=discount_reason,
    )


def usage(
    name: str,
    unit: str,
    price_query: PriceQuery | Unknown,
    usage_key: str = "",
    quantity: Decimal | None = None,
) -> CostComponent:
    """A component whose quantity depends on usage the plan cannot know: shown with its unit price.

    When the usage file gives an estimate (`quantity`, usually `side.usage(usage_key)` or
    derived from it), the component is priced and marked as coming from usage.
    """
    if isinstance(price_query, Unknown):
        return CostComponent(
            name, unit, price_query, None, not_priced_reason=price_query.reason, usage_key=usage_key
        )
    return CostComponent(
        name, unit, quantity, price_query, usage_key=usage_key, from_usage=quantity is not None
    )


def not_priced(name: str, unit: str, reason: str) -> CostComponent:
    return CostComponent(name, unit, Unknown(name, reason), None, not_priced_reason=reason)


def number(value: Any, default: Any = None) -> Any:
    """A numeric attribute as Decimal; Unknown passes through; None/"" gives `default`."""
    if isinstance(value, Unknown) or value is None or value == "":
        return value if isinstance(value, Unknown) else default
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return default


CostModelFunction = Callable[[Side], list[CostComponent]]


def shown(value: Any) -> str:
    """A value for a component name; `unknown` when the plan cannot tell it."""
    return "unknown" if isinstance(value, Unknown) else str(value)
