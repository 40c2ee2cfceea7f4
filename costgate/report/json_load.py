"""Read a costgate JSON report back into an Estimate (breakdown) or a CheckResult (check).

`merge` and `comment github` accept reports written by other jobs. A report is checked
against the report schema first; anything else wrong with it is a CostgateError naming the
file, never a traceback.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError, one_line
from costgate.model import (
    Attribution,
    BudgetStatus,
    Capacity,
    CheckResult,
    Estimate,
    Finding,
    PricedComponent,
    Project,
    ResourceEstimate,
    Verdict,
)

CHECK_KEYS = ("verdict", "findings", "budgets", "attribution")
MESSAGE_LIMIT = 160  # characters of a schema error, which can quote a value of any length


def is_report(document: Any) -> bool:
    """A costgate report (not a terraform plan): it has a report version and totals."""
    return isinstance(document, dict) and "totals" in document and "format_version" not in document


REPORT_HINT = "pass a report written by `costgate check --format json`"


def load_report(path: str | Path) -> Estimate | CheckResult:
    """The report at `path`, read by the plan reader's JSON reader (encodings, size and depth limits)."""
    from costgate.plan.read import read_json

    return report_from_dict(read_json(path, REPORT_HINT), str(path))


@cache
def _report_validator() -> Any:
    """The report schema, built once per run by jsonschema-rs: it validates 50 reports of 200 changes
    in 0.03 s where fastjsonschema's generated Python took 0.5 s, and it knows draft 2020-12 itself."""
    import jsonschema_rs

    from costgate.report.json_report import report_schema

    return jsonschema_rs.validator_for(report_schema())


def report_from_dict(document: Any, origin: str) -> Estimate | CheckResult:
    import jsonschema_rs

    try:
        _report_validator().validate(document)
    except jsonschema_rs.ValidationError as error:
        where = "/".join(str(part) for part in error.instance_path) or "(top level)"
        # The message may quote the report's own text: cut, and shown on one line like every error.
        raise CostgateError(
            f"{origin}: not a costgate report: {where}: {one_line(error.message, MESSAGE_LIMIT)}"
        ) from None
    try:
        estimate = _estimate(document)
        if not any(key in document for key in CHECK_KEYS):
            return estimate
        return CheckResult(
            estimate,
            tuple(_finding(f) for f in document.get("findings", [])),
            tuple(_budget(b) for b in document.get("budgets", [])),
            _verdict(document.get("verdict") or {"status": "pass", "reason": ""}),
            _attribution(document.get("attribution") or {}),
        )
    except (KeyError, TypeError, AttributeError, InvalidOperation) as error:
        raise CostgateError(f"{origin}: not a costgate report: bad or missing field {error}") from None


def _money(value: Any) -> Decimal:
    return Decimal(str(value))


def _optional(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _estimate(document: dict[str, Any]) -> Estimate:
    sources = tuple((s["name"], s["as_of"]) for s in document.get("pricing", {}).get("sources", []))
    projects = tuple(
        Project(p["name"], p["path"], _money(p["monthly_before"]), _money(p["monthly_after"]))
        for p in document.get("projects", [])
    )
    resources = tuple(_resource(r) for r in document["resources"])
    return Estimate(resources, projects, tuple(document["warnings"]), sources)


def _resource(entry: dict[str, Any]) -> ResourceEstimate:
    capacity = entry.get("capacity")
    return ResourceEstimate(
        address=entry["address"],
        type=entry["type"],
        action=entry["action"],
        region=entry["region"],
        status=entry["status"],
        reason=entry["reason"],
        monthly_before=_money(entry["monthly_before"]),
        monthly_after=_money(entry["monthly_after"]),
        components=tuple(_component(c) for c in entry["components"]),
        components_before=tuple(_component(c) for c in entry.get("components_before", [])),
        module=entry.get("module", ""),
        project=entry.get("project", ""),
        capacity=None
        if capacity is None
        else Capacity(capacity["attribute"], capacity["current"], capacity["minimum"], capacity["maximum"]),
        monthly_at_minimum=None if capacity is None else _optional(capacity.get("monthly_at_minimum")),
        monthly_at_maximum=None if capacity is None else _optional(capacity.get("monthly_at_maximum")),
        incomplete=bool(entry.get("incomplete", False)),
        region_assumed=bool(entry.get("region_assumed", False)),
    )


def _component(entry: dict[str, Any]) -> PricedComponent:
    return PricedComponent(
        name=entry["name"],
        unit=entry["unit"],
        monthly_quantity=_optional(entry["monthly_quantity"]),
        unit_price=_optional(entry["unit_price"]),
        monthly_cost=_optional(entry["monthly_cost"]),
        price_source=entry["price_source"],
        price_as_of=entry.get("price_as_of", ""),
        not_priced_reason=entry.get("not_priced_reason", ""),
        usage_based=entry.get("usage_based", False),
        discount_percent=Decimal(entry.get("discount_percent", "0")),
        discount_reason=entry.get("discount_reason", ""),
        usage_key=entry.get("usage_key", ""),
        from_usage=entry.get("from_usage", False),
        list_monthly_cost=_optional(entry.get("list_monthly_cost")),
    )


def _finding(entry: dict[str, Any]) -> Finding:
    return Finding(
        str(entry["policy_id"]),
        str(entry["severity"]),
        str(entry.get("address", "")),
        str(entry["message"]),
        _optional(entry.get("monthly_saving")),
        str(entry.get("team", "")),
    )


def _budget(entry: dict[str, Any]) -> BudgetStatus:
    return BudgetStatus(
        str(entry["team"]),
        _money(entry["monthly_budget"]),
        _money(entry["current_monthly_spend"]),
        _money(entry["pr_monthly_delta"]),
        str(entry["status"]),
        str(entry.get("message", "")),
        entry.get("current_spend_unknown") is True,
    )


def _verdict(entry: dict[str, Any]) -> Verdict:
    return Verdict(str(entry["status"]), str(entry.get("reason", "")), bool(entry.get("approved", False)))


def _attribution(entry: dict[str, Any]) -> Attribution:
    return Attribution(
        {str(k): str(v) for k, v in entry.get("owners", {}).items()},
        _money(entry.get("resources_with_owner_percent", "0")),
        _money(entry.get("delta_with_owner_percent", "0")),
        tuple(str(a) for a in entry.get("unowned", [])),
    )
