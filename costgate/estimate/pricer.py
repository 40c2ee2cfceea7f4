"""Changes -> cost components -> prices -> Estimate.

Each changed resource ends in exactly one outcome: priced, free, usage_based or
not_priced (with a reason). Nothing is ever a silent $0.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from costgate.errors import redacted
from costgate.estimate.discounts import Discount, best_discount
from costgate.estimate.reprice import Repriced, alternative, repriced
from costgate.estimate.usage import UsageFile
from costgate.model import (
    FREE,
    NOT_PRICED,
    PRICED,
    USAGE_BASED,
    Capacity,
    CostComponent,
    Estimate,
    Plan,
    PricedComponent,
    PriceQuery,
    Project,
    ProjectPlan,
    ResourceChange,
    ResourceEstimate,
)
from costgate.plan.context import PlanContext
from costgate.plan.regions import assumed_region_warning
from costgate.pricing.source import PriceChain
from costgate.resources.base import CostModel, Side
from costgate.resources.registry import cost_model, free_reason, is_free

ZERO = Decimal(0)
LARGEST_COST = Decimal(10) ** 15  # a month of anything costs less; more is damaged input, not a figure


class Pricer:
    """Prices every change of a run: the price chain, the usage file, the discounts and the plan contexts.

    The estimate and every re-pricing (policy alternatives, module defaults, savings) go
    through one Pricer, so they see the same prices, usage estimates and discounts, and each
    distinct price is looked up once per run (the chain remembers its answers).
    """

    def __init__(
        self, prices: PriceChain, usage: UsageFile | None = None, discounts: Sequence[Discount] = ()
    ):
        self.prices = prices
        self.usage = usage
        self.discounts = tuple(discounts)
        self._contexts: dict[int, tuple[Plan, PlanContext]] = {}

    def context(self, plan: Plan) -> PlanContext:
        """The context cost models of this plan ask about references and usage (made once per plan)."""
        found = self._contexts.get(id(plan))
        if found is None or found[0] is not plan:
            found = self._contexts[id(plan)] = (
                plan,
                PlanContext(plan.changes, plan.configuration, self.usage),
            )
        return found[1]

    def estimate(self, projects: Iterable[ProjectPlan]) -> Estimate:
        """Price every managed change; the config's discounts lower matching components."""
        projects = list(projects)
        if self.prices.prefetches:
            self.prices.prefetch(self._price_queries(projects))
        resources: list[ResourceEstimate] = []
        summaries: list[Project] = []
        warnings: list[str] = []
        for project in projects:
            plan = project.plan
            warnings.extend(plan.warnings)
            project_resources = [
                self.resource(change, plan) for change in plan.changes if change.mode == "managed"
            ]
            resources.extend(project_resources)
            summaries.append(
                Project(
                    project.name,
                    project.path,
                    sum((r.monthly_before for r in project_resources), ZERO),
                    sum((r.monthly_after for r in project_resources), ZERO),
                )
            )
        assumed = assumed_region_warning([r.region for r in resources if r.region_assumed])
        if assumed:
            warnings.append(assumed)
        warnings.extend(self.prices.warnings)
        if self.usage is not None:
            # The usage file's own warnings, and entries for addresses no plan holds (a typo or a removed resource).
            warnings.extend(self.usage.warnings)
            warnings.extend(self.usage.unmatched(r.address for r in resources))
        used_sources = sorted(
            {
                (c.price_source, c.price_as_of)
                for r in resources
                for c in (*r.components, *r.components_before)
                if c.price_source
            }
        )
        return Estimate(
            tuple(resources),
            tuple(summaries),
            tuple(dict.fromkeys(redacted(warning) for warning in warnings)),  # every output shows these
            tuple(used_sources),
            plans=tuple(projects),
        )

    def _price_queries(self, projects: list[ProjectPlan]) -> Iterator[PriceQuery]:
        """Every price the models ask of these plans, so that a live source can fetch them in batches first."""
        for project in projects:
            context = self.context(project.plan)
            for change in project.plan.changes:
                model = cost_model(change.type) if change.mode == "managed" and change.region else None
                for after in (False, True) if model is not None else ():
                    side = _side(change, context, model, after)  # type: ignore[arg-type]
                    try:
                        components = model(side) if side is not None else []  # type: ignore[misc]
                    except Exception:  # noqa: BLE001, S112 - the estimate reports what a model could not read
                        continue
                    yield from (c.price_query for c in components if isinstance(c.price_query, PriceQuery))

    def resource(self, change: ResourceChange, plan: Plan) -> ResourceEstimate:
        """One change of `plan`, priced with this run's prices, usage and discounts."""
        return _priced_change(change, self.context(plan), self.prices, self.discounts)

    def reprice(self, change: ResourceChange, plan: Plan, changes: Mapping[str, Any]) -> Repriced:
        """The monthly cost of the change's after side with `changes` (dotted path -> value) applied.

        The alternative goes through the same cost model, prices, usage and discounts as the
        estimate; if any of its components has no price, there is no figure, only the reason.
        """
        return repriced(self.resource(alternative(change, changes), plan))


def _priced_change(
    change: ResourceChange, context: PlanContext, prices: PriceChain, discounts: Sequence[Discount] = ()
) -> ResourceEstimate:
    def outcome(status: str, reason: str = "", **priced: object) -> ResourceEstimate:
        return ResourceEstimate(
            address=change.address,
            type=change.type,
            action=change.action,
            region=change.region,
            status=status,
            reason=reason,
            module=change.module,
            project=change.project,
            region_assumed=priced.pop("region_assumed", change.region_assumed),  # type: ignore[arg-type]
            monthly_before=priced.pop("monthly_before", ZERO),  # type: ignore[arg-type]
            monthly_after=priced.pop("monthly_after", ZERO),  # type: ignore[arg-type]
            components=priced.pop("components", ()),  # type: ignore[arg-type]
            **priced,  # type: ignore[arg-type]
        )

    # A free or unsupported resource is priced at no region, assumed or not.
    if is_free(change.type):
        return outcome(FREE, free_reason(change.type), region_assumed=False)
    model = cost_model(change.type)
    if model is None:
        return outcome(NOT_PRICED, f"unsupported resource type {change.type}", region_assumed=False)
    if change.region is None:
        return outcome(NOT_PRICED, change.region_reason)

    before_side = (
        _side(change, context, model, after=False)
        if change.action in ("update", "replace", "delete", "forget")
        else None
    )
    after_side = (
        _side(change, context, model, after=True)
        if change.action in ("create", "update", "replace", "no-op")
        else None
    )
    try:
        after = (
            _price_side(_discounted(model(after_side), change.type, discounts), prices)
            if after_side
            else None
        )
        before = (
            _price_side(_discounted(model(before_side), change.type, discounts), prices)
            if before_side
            else None
        )
    except Exception as error:  # noqa: BLE001 - a plan value a model did not expect must not stop the run
        return outcome(
            NOT_PRICED,
            f"costgate could not read this resource's attributes ({type(error).__name__}: {error})",
        )
    if change.action in ("no-op", "forget"):
        # Unchanged cost: a no-op keeps running; a forgotten resource keeps running outside Terraform.
        before = before or after
        after = after or before
    shown = after if after is not None else before
    if shown is None:
        return outcome(NOT_PRICED, "the plan holds no attribute values for this resource")
    components, _, capacity, at_min, at_max = shown
    status, reason = _status(components)
    missing = _missing(components) or _missing(before[0] if before else ())
    incomplete = status == PRICED and missing is not None
    if incomplete:
        reason = f"incomplete: {missing.name}: {missing.not_priced_reason}"  # type: ignore[union-attr]
    return outcome(
        status,
        reason,
        monthly_before=before[1] if before else ZERO,
        monthly_after=after[1] if after else ZERO,
        components=components,
        components_before=before[0]
        if before is not None and after is not None and before is not after
        else (),
        capacity=capacity,
        monthly_at_minimum=at_min,
        monthly_at_maximum=at_max,
        incomplete=incomplete,
    )


def _missing(components: Sequence[PricedComponent]) -> PricedComponent | None:
    """The first component that should have a price and has none (usage-based ones are not counted)."""
    return next((c for c in components if c.not_priced_reason and not c.usage_key), None)


def _discounted(
    components: list[CostComponent], resource_type: str, discounts: Sequence[Discount]
) -> list[CostComponent]:
    """Apply the most specific negotiated discount to each component a model did not discount itself."""
    if not discounts:
        return components
    result = []
    for component in components:
        query = component.price_query
        found = (
            best_discount(discounts, query.provider, query.service, resource_type)
            if query is not None
            else None
        )
        if found is not None and not component.discount_percent:
            component = replace(component, discount_percent=found.percent, discount_reason=found.describe())
        result.append(component)
    return result


def _side(change: ResourceChange, context: PlanContext, model: CostModel, after: bool) -> Side | None:
    values = change.after if after else change.before
    if values is None:
        return None
    unknown = change.after_unknown if after else {}
    return Side(change, values, unknown, change.region or "", context, is_after=after, model=model)


PricedSide = tuple[
    tuple[PricedComponent, ...], Decimal, "Capacity | None", "Decimal | None", "Decimal | None"
]


def _price_side(components: list[CostComponent], prices: PriceChain) -> PricedSide:
    components = [_with_sane_capacity(component) for component in components]
    priced = tuple(price_component(component, prices) for component in components)
    total = sum((c.monthly_cost for c in priced if c.monthly_cost is not None), ZERO)
    capacity = next((c.per for c in components if c.per is not None), None)
    if capacity is None:
        return priced, total, None, None, None
    per_unit = sum((_unit_cost(c, prices) for c in components if c.per is not None), ZERO)
    fixed = total - per_unit * capacity.current
    return priced, total, capacity, fixed + per_unit * capacity.minimum, fixed + per_unit * capacity.maximum


def _with_sane_capacity(component: CostComponent) -> CostComponent:
    """A component that scales with a count (current, minimum or maximum) below 0 or of 10^15 or more has no price."""
    per = component.per
    if per is None or all(0 <= count < LARGEST_COST for count in (per.current, per.minimum, per.maximum)):
        return component
    counts = ", ".join(f"{count:.6g}" for count in (per.current, per.minimum, per.maximum))
    reason = (
        f"the plan holds a {per.attribute} count below 0 or not below 10^15 (now, minimum, maximum: {counts})"
    )
    return replace(component, price_query=None, per=None, not_priced_reason=reason)


def _unit_cost(component: CostComponent, prices: PriceChain) -> Decimal:
    """The monthly cost of one unit of capacity (one node, one instance)."""
    if not isinstance(component.monthly_quantity, Decimal) or component.price_query is None:
        return ZERO
    lookup = prices.lookup(component.price_query)
    if lookup.price is None:
        return ZERO
    return lookup.price.cost(component.monthly_quantity) * (1 - component.discount_percent / 100)


def price_component(component: CostComponent, prices: PriceChain) -> PricedComponent:
    if component.not_priced_reason or component.price_query is None:
        return _not_priced(component, component.not_priced_reason or "no price query")
    lookup = prices.lookup(component.price_query)
    if lookup.price is None:
        return _not_priced(component, lookup.missing_reason)
    price = lookup.price
    quantity = component.monthly_quantity
    if quantity is None:
        return PricedComponent(
            component.name,
            component.unit,
            None,
            price.amount,
            None,
            price_source=price.source,
            price_as_of=price.as_of,
            usage_based=True,
            usage_key=component.usage_key,
        )
    assert isinstance(quantity, Decimal)
    if component.per is not None:
        quantity *= component.per.current
    list_cost = price.cost(quantity)
    cost = list_cost * (1 - component.discount_percent / 100)
    if not (quantity.is_finite() and 0 <= quantity and cost.is_finite() and 0 <= cost < LARGEST_COST):
        # The one guard: a component's cost is never negative, NaN or absurd (a decrease is after minus before).
        return _not_priced(
            component,
            f"a quantity of {quantity:.6g} {component.unit} at ${price.amount} is not a cost of $0 to $10^15",
        )
    return PricedComponent(
        component.name,
        component.unit,
        quantity,
        price.amount,
        cost,
        price_source=price.source,
        price_as_of=price.as_of,
        discount_percent=component.discount_percent,
        discount_reason=component.discount_reason,
        usage_key=component.usage_key,
        from_usage=component.from_usage,
        list_monthly_cost=list_cost if component.discount_percent else None,
    )


def _not_priced(component: CostComponent, reason: str) -> PricedComponent:
    return PricedComponent(
        component.name,
        component.unit,
        None,
        None,
        None,
        not_priced_reason=reason,
        usage_key=component.usage_key,
    )


def _status(components: tuple[PricedComponent, ...]) -> tuple[str, str]:
    if not components:
        return FREE, ""
    if any(c.monthly_cost is not None for c in components):
        return PRICED, ""
    if all(c.usage_based for c in components):
        return USAGE_BASED, ""
    missing = next(c for c in components if c.not_priced_reason)
    return NOT_PRICED, f"{missing.name}: {missing.not_priced_reason}"
