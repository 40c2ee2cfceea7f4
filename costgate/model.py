"""The plain data that flows between costgate's stages.

plan reader -> ResourceChange; cost models -> CostComponent; pricing -> Price;
estimate -> ResourceEstimate / Estimate. Everything is frozen so a stage can never
change what an earlier stage produced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

HOURS_PER_MONTH = Decimal(730)

# Resource outcomes: every changed resource lands in exactly one of these.
PRICED = "priced"
FREE = "free"
USAGE_BASED = "usage_based"
NOT_PRICED = "not_priced"
STATUSES = (PRICED, FREE, USAGE_BASED, NOT_PRICED)


class _Sensitive:
    """Stands in for a value the plan marks sensitive: it is never printed."""

    def __repr__(self) -> str:
        return "(sensitive)"

    __str__ = __repr__


SENSITIVE = _Sensitive()


@dataclass(frozen=True)
class Unknown:
    """A value the plan cannot tell: known only after apply, or hidden as sensitive."""

    attribute: str
    why: str = "depends on a value known only after apply"

    @property
    def reason(self) -> str:
        return f"{self.why} ({self.attribute})"

    def __str__(self) -> str:
        # A model that puts an attribute into a name or a reason without checking it (even with !r) shows
        # this, never the dataclass repr.
        return f"unknown ({self.why}: {self.attribute})"

    __repr__ = __str__


@dataclass(frozen=True)
class ResourceChange:
    """One entry of a plan's resource_changes (or one resource of a state)."""

    address: str
    type: str
    name: str
    module: str  # module address with indexes ("module.a[0].module.b"), "" for the root module
    provider: str  # short provider name: "aws", "google", "random", ...
    mode: str  # "managed" or "data"
    action: str  # create | update | delete | replace | no-op | read | forget
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None
    after_unknown: Mapping[str, Any] = field(default_factory=dict)
    region: str | None = None
    region_reason: str = ""  # why region is None
    region_assumed: bool = False  # the plan names no region: `region` is the provider's default
    deposed: bool = False
    project: str = ""


@dataclass(frozen=True)
class Plan:
    """A read plan: its changes and what later stages may need from its configuration."""

    changes: tuple[ResourceChange, ...]
    warnings: tuple[str, ...]
    terraform_version: str
    is_state: bool
    configuration: Mapping[str, Any] = field(default_factory=dict)
    variables: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectPlan:
    """One plan file of a run and the project name it is reported under."""

    name: str
    path: str
    plan: Plan


@dataclass(frozen=True)
class PriceQuery:
    """What to price, in the shape of the provider's own product attributes.

    AWS: service is the Price List service code (AmazonEC2) and attributes are the
    product attributes used as TERM_MATCH filters. GCP: service is the Cloud Billing
    service display name (Compute Engine), product_family the SKU resourceFamily, and
    attributes hold `description` (the SKU description without its " running in ..."
    suffix) and `usageType` (OnDemand, Preemptible).
    """

    provider: str
    service: str
    region: str
    product_family: str
    attributes: tuple[tuple[str, str], ...]

    @staticmethod
    def of(provider: str, service: str, region: str, product_family: str, **attributes: str) -> PriceQuery:
        return PriceQuery(provider, service, region, product_family, tuple(sorted(attributes.items())))

    def attribute(self, name: str) -> str | None:
        return dict(self.attributes).get(name)


@dataclass(frozen=True)
class Price:
    amount: Decimal  # per `unit`; for a tiered price, the first tier's
    unit: str
    source: str  # "embedded catalog", "aws price list api", ...
    as_of: str  # ISO date
    currency: str = "USD"
    tiers: tuple[tuple[Decimal, Decimal], ...] = ()  # (from_quantity, unit_price), ascending from 0

    def cost(self, quantity: Decimal) -> Decimal:
        """The cost of `quantity` units, tier by tier when the price is tiered."""
        if not self.tiers:
            return quantity * self.amount
        total = Decimal(0)
        for position, (start, unit_price) in enumerate(self.tiers):
            end = self.tiers[position + 1][0] if position + 1 < len(self.tiers) else None
            if quantity <= start:
                break
            total += ((quantity if end is None else min(quantity, end)) - start) * unit_price
        return total


@dataclass(frozen=True)
class Capacity:
    """The size of something that scales (nodes, instances, tasks): current, min and max."""

    attribute: str
    current: int
    minimum: int
    maximum: int


@dataclass(frozen=True)
class CostComponent:
    """A line of a resource's cost, as a cost model declares it (not yet priced).

    monthly_quantity is in the price's unit (hours, GB-months, ...). None means the
    quantity depends on usage the plan cannot know. An Unknown quantity, or an Unknown
    in the query, makes the component not priced. When `per` is set the quantity is for
    one unit of that capacity (one node) and the estimate multiplies it out.
    """

    name: str
    unit: str
    monthly_quantity: Decimal | Unknown | None
    price_query: PriceQuery | None
    not_priced_reason: str = ""
    discount_percent: Decimal = Decimal(0)
    discount_reason: str = ""
    per: Capacity | None = None
    usage_key: str = ""  # the usage-file key this component's quantity comes from (or would)
    from_usage: bool = False  # the quantity comes from the usage file, not the plan


@dataclass(frozen=True)
class PricedComponent:
    name: str
    unit: str
    monthly_quantity: Decimal | None
    unit_price: Decimal | None
    monthly_cost: Decimal | None
    price_source: str = ""
    price_as_of: str = ""
    not_priced_reason: str = ""
    usage_based: bool = False
    discount_percent: Decimal = Decimal(0)
    discount_reason: str = ""
    usage_key: str = ""
    from_usage: bool = False
    list_monthly_cost: Decimal | None = None  # before the discount; set only when discount_percent is

    @property
    def monthly_discount(self) -> Decimal | None:
        if self.list_monthly_cost is None or self.monthly_cost is None:
            return None
        return self.list_monthly_cost - self.monthly_cost


@dataclass(frozen=True)
class ResourceEstimate:
    address: str
    type: str
    action: str
    region: str | None
    status: str
    reason: str
    monthly_before: Decimal
    monthly_after: Decimal
    components: tuple[PricedComponent, ...]  # the after side; the before side for deletions
    components_before: tuple[PricedComponent, ...] = ()  # for updates and replacements
    module: str = ""
    project: str = ""
    capacity: Capacity | None = None
    monthly_at_minimum: Decimal | None = None
    monthly_at_maximum: Decimal | None = None
    # Priced, but some component that does not depend on usage has no price: the figure is a
    # lower bound ("at least $X"), never a full one. `reason` names the first missing component.
    incomplete: bool = False
    region_assumed: bool = False  # priced at the provider's default region because the plan names none

    @property
    def monthly_delta(self) -> Decimal:
        return self.monthly_after - self.monthly_before


@dataclass(frozen=True)
class Project:
    name: str
    path: str
    monthly_before: Decimal
    monthly_after: Decimal

    @property
    def monthly_delta(self) -> Decimal:
        return self.monthly_after - self.monthly_before


@dataclass(frozen=True)
class Estimate:
    resources: tuple[ResourceEstimate, ...]
    projects: tuple[Project, ...]
    warnings: tuple[str, ...]
    price_sources: tuple[tuple[str, str], ...]  # (source, as_of) pairs used
    # The plans priced: the check stage reads tags, configuration and attribute values from
    # them. Not compared: an Estimate is equal by its figures. A report read back has none.
    plans: tuple[ProjectPlan, ...] = field(default=(), compare=False, repr=False)

    @property
    def monthly_before(self) -> Decimal:
        return sum((r.monthly_before for r in self.resources), Decimal(0))

    @property
    def monthly_after(self) -> Decimal:
        return sum((r.monthly_after for r in self.resources), Decimal(0))

    @property
    def monthly_delta(self) -> Decimal:
        return self.monthly_after - self.monthly_before

    def count(self, status: str) -> int:
        return sum(1 for r in self.resources if r.status == status)

    @property
    def incomplete_count(self) -> int:
        """Priced resources whose figure is a lower bound."""
        return sum(1 for r in self.resources if r.incomplete)

    @property
    def region_assumed_count(self) -> int:
        """Resources priced at an assumed (provider default) region."""
        return sum(1 for r in self.resources if r.region_assumed)


# Policy stage (budgets, policies, verdict). Severity order: info < warn < block.
SEVERITIES = ("info", "warn", "block")


@dataclass(frozen=True)
class Finding:
    """Something a policy or budget check found: what, where, what to change, what it saves."""

    policy_id: str
    severity: str  # one of SEVERITIES
    address: str  # the resource, or "" for plan-wide findings (budgets)
    message: str  # what is wrong and what to change
    monthly_saving: Decimal | None = None  # computed by the pricing engine, never a fixed percentage
    team: str = ""


@dataclass(frozen=True)
class BudgetStatus:
    team: str
    monthly_budget: Decimal
    current_monthly_spend: Decimal
    pr_monthly_delta: Decimal
    status: str  # ok | warn | block
    message: str
    current_spend_unknown: bool = False  # no spend was known for the team: counted as $0

    @property
    def projected(self) -> Decimal:
        return self.current_monthly_spend + self.pr_monthly_delta


# Least to most severe. not_checked: part of the input could not be gated (a breakdown report has
# no plans to check), which is never a pass; only a block outranks it.
VERDICT_STATUSES = ("pass", "warning", "not_checked", "blocked")
# Which verdicts fail the gate (exit code 1): blocked only, warnings too, or none.
FAIL_ON = ("block", "warn", "never")


@dataclass(frozen=True)
class Verdict:
    status: str  # one of VERDICT_STATUSES
    reason: str  # one line
    approved: bool = False  # a blocking verdict overridden by an approval


@dataclass(frozen=True)
class Attribution:
    """Who owns each resource, and how much of the plan has an owner."""

    owners: Mapping[str, str]  # resource address -> team
    resources_with_owner_percent: Decimal
    delta_with_owner_percent: Decimal  # share of the absolute monthly delta that has an owner
    unowned: tuple[str, ...]  # addresses of changed, non-free resources without an owner


@dataclass(frozen=True)
class CheckResult:
    """Everything `costgate check` decides: the estimate, the findings, the budgets and the verdict."""

    estimate: Estimate
    findings: tuple[Finding, ...]
    budgets: tuple[BudgetStatus, ...]
    verdict: Verdict
    attribution: Attribution
