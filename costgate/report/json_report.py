"""The versioned JSON report (schema: costgate/schemas/report.schema.json).

Other tools read this: keep field names stable. Money is a decimal string with two
places; unit prices and quantities keep their precision.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from importlib import resources
from typing import Any

from costgate.model import STATUSES, CheckResult, Estimate, PricedComponent, ResourceEstimate
from costgate.report.money import money, percent_value, plain
from costgate.report.usage_split import usage_split

REPORT_VERSION = "1"


def report_dict(estimate: Estimate, generated_at: datetime | None = None) -> dict[str, Any]:
    generated_at = generated_at or datetime.now(timezone.utc)
    split = usage_split(estimate)
    return {
        "version": REPORT_VERSION,
        "currency": "USD",
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "pricing": {"sources": [{"name": name, "as_of": as_of} for name, as_of in estimate.price_sources]},
        "totals": {
            "monthly_before": money(estimate.monthly_before),
            "monthly_after": money(estimate.monthly_after),
            "monthly_delta": money(estimate.monthly_delta),
            # The part priced from usage-file estimates, and the baseline the plan alone gives.
            "monthly_baseline_before": money(split.baseline_before(estimate)),
            "monthly_baseline_after": money(split.baseline_after(estimate)),
            "monthly_usage_before": money(split.usage_before),
            "monthly_usage_after": money(split.usage_after),
        },
        "summary": {
            "resources": len(estimate.resources),
            **{status: estimate.count(status) for status in STATUSES},
            "incomplete": estimate.incomplete_count,
            "region_assumed": estimate.region_assumed_count,
        },
        "projects": [
            {
                "name": project.name,
                "path": project.path,
                "monthly_before": money(project.monthly_before),
                "monthly_after": money(project.monthly_after),
                "monthly_delta": money(project.monthly_delta),
            }
            for project in estimate.projects
        ],
        "resources": [_resource(resource) for resource in estimate.resources],
        "warnings": list(estimate.warnings),
    }


def render_json(estimate: Estimate) -> str:
    report = report_dict(estimate)
    # Indented JSON goes through the pure-Python encoder (5x slower); big reports are for machines.
    indent = 2 if len(estimate.resources) <= 1000 else None
    return json.dumps(report, indent=indent) + "\n"


def _resource(resource: ResourceEstimate) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "address": resource.address,
        "type": resource.type,
        "module": resource.module,
        "project": resource.project,
        "action": resource.action,
        "region": resource.region,
        "status": resource.status,
        "reason": resource.reason,
        "incomplete": resource.incomplete,
        "region_assumed": resource.region_assumed,
        "monthly_before": money(resource.monthly_before),
        "monthly_after": money(resource.monthly_after),
        "monthly_delta": money(resource.monthly_delta),
        "components": [_component(c) for c in resource.components],
    }
    if resource.components_before:
        entry["components_before"] = [_component(c) for c in resource.components_before]
    if resource.capacity is not None:
        entry["capacity"] = {
            "attribute": resource.capacity.attribute,
            "current": resource.capacity.current,
            "minimum": resource.capacity.minimum,
            "maximum": resource.capacity.maximum,
            "monthly_at_minimum": money(resource.monthly_at_minimum),
            "monthly_at_maximum": money(resource.monthly_at_maximum),
        }
    return entry


def _component(component: PricedComponent) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": component.name,
        "unit": component.unit,
        "monthly_quantity": plain(component.monthly_quantity),
        "unit_price": plain(component.unit_price),
        "monthly_cost": money(component.monthly_cost),
        "price_source": component.price_source,
        "price_as_of": component.price_as_of,
        "usage_based": component.usage_based,
    }
    if component.from_usage:  # present only when true: the quantity is a usage-file estimate
        entry["from_usage"] = True
    if component.usage_key:
        entry["usage_key"] = component.usage_key
    if component.not_priced_reason:
        entry["not_priced_reason"] = component.not_priced_reason
    if component.discount_percent:
        entry["discount_percent"] = plain(component.discount_percent)
        entry["discount_reason"] = component.discount_reason
        if component.list_monthly_cost is not None:
            entry["list_monthly_cost"] = money(component.list_monthly_cost)
    return entry


def report_schema() -> dict[str, Any]:
    text = (resources.files("costgate") / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def check_dict(result: CheckResult, generated_at: datetime | None = None) -> dict[str, Any]:
    """The breakdown report plus verdict, findings, budgets and attribution (a `costgate check`)."""
    report = report_dict(result.estimate, generated_at)
    report["verdict"] = {
        "status": result.verdict.status,
        "reason": result.verdict.reason,
        "approved": result.verdict.approved,
    }
    report["findings"] = [
        {
            "policy_id": f.policy_id,
            "severity": f.severity,
            "address": f.address,
            "message": f.message,
            "monthly_saving": money(f.monthly_saving),
            "team": f.team,
        }
        for f in result.findings
    ]
    report["budgets"] = [
        {
            "team": b.team,
            "monthly_budget": money(b.monthly_budget),
            "current_monthly_spend": money(b.current_monthly_spend),
            "pr_monthly_delta": money(b.pr_monthly_delta),
            "projected": money(b.projected),
            "status": b.status,
            "message": b.message,
            # only when true: no spend was known and $0 was counted (a merge keeps it that way)
            **({"current_spend_unknown": True} if b.current_spend_unknown else {}),
        }
        for b in result.budgets
    ]
    attribution = result.attribution
    report["attribution"] = {
        "owners": dict(attribution.owners),
        "resources_with_owner_percent": _percent(attribution.resources_with_owner_percent),
        "delta_with_owner_percent": _percent(attribution.delta_with_owner_percent),
        "unowned": list(attribution.unowned),
    }
    return report


def _percent(value: Decimal) -> str:
    return format(percent_value(value), "f")


def render_check_json(result: CheckResult) -> str:
    indent = 2 if len(result.estimate.resources) <= 1000 else None
    return json.dumps(check_dict(result), indent=indent) + "\n"


def render_report_json(result: Estimate | CheckResult) -> str:
    """The breakdown report of an estimate, or the check report of a check result."""
    return render_check_json(result) if isinstance(result, CheckResult) else render_json(result)
