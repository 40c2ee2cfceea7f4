"""What a cost model is, what it sees and what it returns.

A cost model is a `CostModel` record: the resource type, a plain function `(side: Side)
-> list[CostComponent]` called once for each side (before, after) of a change, and what
that function may read besides the resource's own attributes: its usage-file keys and
the resource types it follows through references. The function reads attributes through
`Side.get`, which returns an `Unknown` for values known only after apply (or sensitive),
and builds components with `hourly`, `monthly` and `usage`, which turn any Unknown into a
component that is not priced, with the reason.

A model that reads a usage key or follows a resource type its record does not declare
raises `UndeclaredRead`: the declarations are what `costgate usage keys`, `costgate usage
template` and the usage-file check show, so they cannot fall behind the code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from costgate.errors import one_line
from costgate.model import (
    HOURS_PER_MONTH,
    SENSITIVE,
    Capacity,
    CostComponent,
    PriceQuery,
    ResourceChange,
    Unknown,
)
from costgate.plan.regions import RegionHook

if TYPE_CHECKING:
    from costgate.plan.context import PlanContext, Target


class UndeclaredRead(Exception):
    """A cost model read a usage key or followed a resource type its CostModel does not declare (a bug)."""


@dataclass(frozen=True)
class UsageKey:
    """A usage-file key a cost model reads: declared once in its CostModel, read with `side.usage(key)`."""

    name: str  # Infracost's key name where one exists with the same meaning
    unit: str
    description: str


@dataclass(frozen=True)
class Side:
    """One side (before or after) of a resource change, as a cost model reads it.

    `model` is the CostModel being run (set when the model is called); a side reached
    through a reference keeps that model and the `origin` change it was reached from, so
    usage read through it is the priced resource's usage.
    """

    change: ResourceChange
    values: Mapping[str, Any]
    unknown: Mapping[str, Any]
    region: str
    context: PlanContext
    is_after: bool = True
    model: CostModel | None = None
    origin: ResourceChange | None = None

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
        for key, text in _steps(path):
            if unknown is not None:
                unknown = _step(unknown, key, text)
                if unknown is True:
                    return Unknown(path)
            value = _step(value, key, text)
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

    def referenced(self, attribute: str, resource_type: str) -> list[Side]:
        """The sides of the `resource_type` resources that `attribute` refers to in the configuration."""
        self._check_follows(resource_type)
        return self._wrap(self.context.referenced(self.change, attribute, resource_type, self.is_after))

    def referring(self, resource_type: str, attribute: str) -> list[Side]:
        """The sides of the `resource_type` resources whose `attribute` refers to this resource (same module)."""
        self._check_follows(resource_type)
        return self._wrap(self.context.referring(self.change, resource_type, attribute, self.is_after))

    def of_type_with(self, resource_type: str, attribute: str, value: str) -> list[Side]:
        """The `resource_type` resources whose `attribute` is `value` (an autoscaling target naming a table)."""
        self._check_follows(resource_type)
        return self._wrap(self.context.of_type_with(resource_type, attribute, value, self.is_after))

    def usage(self, key: UsageKey) -> Decimal | None:
        """The usage file's estimate of `key` for the resource being priced, or None."""
        if self.model is None or key not in self.model.usage_keys:
            raise UndeclaredRead(f"{self._model_name()} reads usage key {key.name!r} it does not declare")
        return self.context.usage(self.origin or self.change, key.name)

    def _check_follows(self, resource_type: str) -> None:
        if self.model is None or resource_type not in self.model.follows:
            raise UndeclaredRead(f"{self._model_name()} follows {resource_type} without declaring it")

    def _model_name(self) -> str:
        return f"the {self.model.resource_type} model" if self.model else "a side outside any cost model"

    def _wrap(self, targets: list[Target]) -> list[Side]:
        return [
            Side(
                target.change,
                target.values,
                target.unknown,
                target.region or self.region,
                self.context,
                is_after=self.is_after,
                model=self.model,
                origin=self.origin or self.change,
            )
            for target in targets
        ]


@lru_cache(maxsize=4096)
def _steps(path: str) -> tuple[tuple[int | str, str], ...]:
    """A dotted path as (key, text) steps: list indexes as ints, map keys as text."""
    return tuple((int(step) if step.isdigit() else step, step) for step in path.split("."))


def _step(container: Any, key: int | str, text: str) -> Any:
    kind = type(container)
    if kind is dict or (kind is not list and isinstance(container, Mapping)):
        return container.get(text)
    if isinstance(container, list) and type(key) is int:
        return container[key] if 0 <= key < len(container) else None
    return None


CostModelFunction = Callable[[Side], list[CostComponent]]


@dataclass(frozen=True)
class CostModel:
    """Everything costgate knows about pricing one resource type; the registry lists one per type."""

    resource_type: str
    function: CostModelFunction
    usage_keys: tuple[UsageKey, ...] = ()
    free_sub_types: tuple[str, ...] = ()  # resources that only configure this one and cost nothing
    region: RegionHook | None = None
    follows: tuple[str, ...] = ()  # resource types the function reads through references

    def __call__(self, side: Side) -> list[CostComponent]:
        # The pricer hands over a side made for this model; any other side is re-made for it.
        components = self.function(side if side.model is self else replace(side, model=self))
        declared = {key.name for key in self.usage_keys}
        for component in components:
            if component.usage_key and component.usage_key not in declared:
                raise UndeclaredRead(
                    f"the {self.resource_type} model prices usage key {component.usage_key!r} it does not declare"
                )
        return components


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
    key: UsageKey,
    quantity: Decimal | None,
) -> CostComponent:
    """A component whose quantity depends on usage the plan cannot know: shown with its unit price.

    When the usage file gives an estimate (`quantity`, usually `side.usage(key)` or derived
    from it), the component is priced and marked as coming from usage.
    """
    if isinstance(price_query, Unknown):
        return CostComponent(
            name, unit, price_query, None, not_priced_reason=price_query.reason, usage_key=key.name
        )
    return CostComponent(
        name, unit, quantity, price_query, usage_key=key.name, from_usage=quantity is not None
    )


def not_priced(name: str, unit: str, reason: str) -> CostComponent:
    return CostComponent(name, unit, Unknown(name, reason), None, not_priced_reason=reason)


# No size, count or rate in a plan comes near this; a larger one is damaged or hostile input.
LARGEST_AMOUNT = Decimal(10) ** 15


def number(value: Any, default: Any = None) -> Any:
    """A numeric attribute as Decimal; Unknown passes through; None/"" gives `default`.

    Anything else is an Unknown saying what the plan holds, so the component is not priced
    with that reason instead of failing on arithmetic or pricing a lie: a list, a map, text
    that is no number, NaN, Infinity, a magnitude of 10^15 or more, or an amount below 0
    (sizes, counts and hours are never negative; a negative one would hide an increase).
    """
    if isinstance(value, Unknown) or value is None or value == "":
        return value if isinstance(value, Unknown) else default
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return Unknown("value", f"the plan holds a {type(value).__name__} where a number was expected")
    text = one_line(value, 40)
    try:
        found = (
            value if isinstance(value, Decimal) else Decimal(value if isinstance(value, int) else str(value))
        )
    except ArithmeticError:
        return Unknown(f"value {text!r}", "the plan holds a str where a number was expected")
    if not found.is_finite() or abs(found) >= LARGEST_AMOUNT:
        return Unknown(f"value {text}", "the plan holds a number that is not finite or not below 10^15")
    if found < 0:
        return Unknown(f"value {text}", "the plan holds an amount below 0")
    return found


def shown(value: Any) -> str:
    """A value for a component name; `unknown` when the plan cannot tell it."""
    return "unknown" if isinstance(value, Unknown) else str(value)
