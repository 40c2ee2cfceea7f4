"""Build plans by hand and run them through the pipeline, for tests that assert real figures."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema

from costgate.estimate.pricer import Pricer
from costgate.model import Estimate, ProjectPlan, ResourceEstimate
from costgate.plan.terraform import read_plan
from costgate.pricing.setup import price_chain
from costgate.report.json_report import report_dict, report_schema
from costgate.resources.registry import REGION_HOOKS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "plans"


def change(
    resource_type: str,
    after: dict[str, Any] | None,
    *,
    name: str = "this",
    before: dict[str, Any] | None = None,
    actions: list[str] | None = None,
    after_unknown: dict[str, Any] | None = None,
    module: str = "",
    index: Any = None,
    provider: str | None = None,
    mode: str = "managed",
) -> dict[str, Any]:
    """One resource_changes entry; actions default from which of before/after is given."""
    if actions is None:
        actions = ["create"] if before is None else ["delete"] if after is None else ["update"]
    address = f"{resource_type}.{name}" + ("" if index is None else f"[{json.dumps(index)}]")
    if mode == "data":
        address = "data." + address
    if module:
        address = f"{module}.{address}"
    entry: dict[str, Any] = {
        "address": address,
        "mode": mode,
        "type": resource_type,
        "name": name,
        "provider_name": f"registry.terraform.io/hashicorp/{provider or resource_type.split('_', 1)[0]}",
        "change": {
            "actions": actions,
            "before": before,
            "after": after,
            "after_unknown": after_unknown or {},
            "before_sensitive": False,
            "after_sensitive": {},
        },
    }
    if module:
        entry["module_address"] = module
    if index is not None:
        entry["index"] = index
    return entry


def plan_document(
    *changes: dict[str, Any],
    region: str | None = "us-east-1",
    provider: str = "aws",
    configuration: dict | None = None,
) -> dict[str, Any]:
    config = configuration if configuration is not None else {}
    if region and configuration is None:
        config = {
            "provider_config": {
                provider: {"name": provider, "expressions": {"region": {"constant_value": region}}}
            }
        }
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "resource_changes": list(changes),
        "configuration": config,
    }


def run_estimate(
    document: dict[str, Any], default_region: str | None = None, name: str = "plan.json"
) -> Estimate:
    plan = read_plan(document, name, default_region, region_hooks=REGION_HOOKS)
    result = Pricer(price_chain("embedded")).estimate([ProjectPlan("plan", name, plan)])
    jsonschema.validate(report_dict(result), report_schema())
    return result


def price_one(
    resource_type: str, after: dict[str, Any], region: str = "us-east-1", **kwargs: Any
) -> ResourceEstimate:
    """Price a single created resource in a region; returns its estimate (the report is schema-checked)."""
    provider = "google" if resource_type.startswith("google_") else "aws"
    result = run_estimate(
        plan_document(change(resource_type, after, **kwargs), region=region, provider=provider)
    )
    (resource,) = [
        r for r in result.resources if r.address.endswith(f"{resource_type}.{kwargs.get('name', 'this')}")
    ]
    return resource


def component_costs(resource: ResourceEstimate) -> dict[str, Decimal | None]:
    """Component name -> monthly cost (None when usage-based or not priced)."""
    return {c.name: c.monthly_cost for c in resource.components}


def cents(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount.quantize(Decimal("0.01"))


def price_with_usage(
    resource_type: str, after: dict[str, Any], usage: dict[str, Any], region: str = "us-east-1", **kwargs: Any
) -> ResourceEstimate:
    """Price one created resource with usage estimates given as its type's default usage."""
    from costgate.estimate.usage import UsageFile

    provider = "google" if resource_type.startswith("google_") else "aws"
    document = plan_document(change(resource_type, after, **kwargs), region=region, provider=provider)
    usage_file = UsageFile(
        "usage.yml", by_type={resource_type: {k: Decimal(str(v)) for k, v in usage.items()}}
    )
    result = Pricer(price_chain("embedded"), usage_file).estimate(
        [ProjectPlan("plan", "plan.json", read_plan(document, "plan.json", None, region_hooks=REGION_HOOKS))]
    )
    jsonschema.validate(report_dict(result), report_schema())
    (resource,) = result.resources
    return resource


def model_components(resource_type: str, after: dict[str, Any], region: str = "us-east-1") -> list:
    """The cost components a model declares for one created resource (before pricing), to check its price queries."""
    from costgate.plan.context import PlanContext
    from costgate.resources.base import Side
    from costgate.resources.registry import cost_model

    plan = read_plan(plan_document(change(resource_type, after), region=region), "plan.json")
    (resource,) = plan.changes
    side = Side(resource, resource.after or {}, resource.after_unknown, region, PlanContext(plan.changes, {}))
    model = cost_model(resource_type)
    assert model is not None
    return model(side)
