"""One resource's cost components as people read them, for the terminal table and the comment alike."""

from __future__ import annotations

from decimal import Decimal

from costgate.model import NOT_PRICED, PricedComponent, ResourceEstimate
from costgate.report.money import dollars, plain, unit_price


def component_detail(component: PricedComponent) -> tuple[str, str]:
    """(what and how: "Instance usage: 730 hours × $0.096", the monthly cost or what stands in for it).

    The text holds the component's own name and unit (untrusted): the caller escapes it.
    """
    if component.not_priced_reason:
        return f"{component.name}: {component.not_priced_reason}", "not priced"
    price = unit_price(component.unit_price) if component.unit_price is not None else "?"
    if component.usage_based:
        return f"{component.name}: {price} per {component.unit}", "per usage"
    detail = (
        f"{'* ' if component.from_usage else ''}{component.name}: "
        f"{plain(component.monthly_quantity)} {component.unit} × {price}"
    )
    if _tiered(component):
        detail += (
            " first tier"  # the cost is summed tier by tier, so quantity × this price would overstate it
        )
    if component.discount_percent:
        detail += f" − {plain(component.discount_percent)}% {component.discount_reason}"
    return detail, dollars(component.monthly_cost or Decimal(0))


def _tiered(component: PricedComponent) -> bool:
    if component.discount_percent or None in (
        component.monthly_quantity,
        component.unit_price,
        component.monthly_cost,
    ):
        return False
    return component.monthly_quantity * component.unit_price != component.monthly_cost  # type: ignore[operator]


def cost_cells(resource: ResourceEstimate) -> tuple[str, str, str]:
    """Before, after and change of a resource, never a bare $0.00 for what has no price.

    A resource not priced says so; an incomplete one (a component that does not depend on
    usage has no price) is a lower bound: "at least $X".
    """
    if resource.status == NOT_PRICED:
        return "not priced", "not priced", "not priced"
    before, after = dollars(resource.monthly_before), dollars(resource.monthly_after)
    change = dollars(resource.monthly_delta, signed=True)
    if not resource.incomplete:
        return before, after, change
    side_before = resource.action in ("delete", "update", "replace", "no-op", "forget")
    side_after = resource.action != "delete"
    return (
        f"at least {before}" if side_before else before,
        f"at least {after}" if side_after else after,
        f"{change} (partial)",
    )
