"""The JSON report of a check: the breakdown report plus verdict, findings, budgets and attribution.

The policies branch owns the check report (costgate/report/json_report.py); this module writes
the same keys (contract in the brief) so `merge` and `comment github` can write reports.
"""

from __future__ import annotations

import json
from typing import Any

from costgate.model import CheckResult, Estimate
from costgate.report.json_report import render_json, report_dict
from costgate.report.money import money, plain


def check_report_dict(result: CheckResult) -> dict[str, Any]:
    report = report_dict(result.estimate)
    report["verdict"] = {"status": result.verdict.status, "reason": result.verdict.reason, "approved": result.verdict.approved}
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
        }
        for b in result.budgets
    ]
    attribution = result.attribution
    report["attribution"] = {
        "owners": dict(attribution.owners),
        "resources_with_owner_percent": plain(attribution.resources_with_owner_percent),
        "delta_with_owner_percent": plain(attribution.delta_with_owner_percent),
        "unowned": list(attribution.unowned),
    }
    return report


def render_report_json(result: Estimate | CheckResult) -> str:
    if isinstance(result, Estimate):
        return render_json(result)
    report = check_report_dict(result)
    indent = 2 if len(result.estimate.resources) <= 1000 else None
    return json.dumps(report, indent=indent) + "\n"
