"""Combine the results of parallel jobs (a matrix over Terraform roots) into one.

Projects and resources are concatenated, totals follow from them, findings are combined.
With the config, budgets, PR limits and the verdict are decided again over the summed change,
so per-root check reports merged give what one `costgate check` over every plan gives;
without it each report's budgets are kept and a warning says so. Check reports merged with
breakdown reports are not_checked: the breakdown part was never gated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from costgate.errors import CostgateError
from costgate.gate.attribution import coverage
from costgate.gate.budgets import check_budgets
from costgate.gate.check import not_checked, verdict
from costgate.gate.config import Config
from costgate.gate.policies import load_policies
from costgate.model import (
    SEVERITIES,
    VERDICT_STATUSES,
    Attribution,
    BudgetStatus,
    CheckResult,
    Estimate,
    Verdict,
)
from costgate.plan.files import project_names

# The PR increase limits (budget.max_pr_monthly_increase, budget.max_pr_increase_percent) are
# decided on a team's summed change, so they are decided again; every other finding is per resource.
LIMIT_POLICY_PREFIX = "budget."


def merge_results(
    results: Sequence[tuple[str, Estimate | CheckResult]], config: Config | None = None
) -> Estimate | CheckResult:
    """Merge (origin path, result) pairs; a report's path names its project when it has one ("" keeps the name)."""
    if not results:
        raise CostgateError("nothing to merge: pass one or more costgate JSON reports")
    estimates = _unique_project_names(_named(results))
    checks = [result for _, result in results if isinstance(result, CheckResult)]
    warnings: list[str] = []
    for estimate in estimates:
        warnings += [w for w in estimate.warnings if w not in warnings]
    # Sorted, as the Pricer lists them, so merged reports and one check over every plan agree.
    sources = sorted({source for estimate in estimates for source in estimate.price_sources})
    resources = tuple(r for e in estimates for r in e.resources)
    projects = tuple(p for e in estimates for p in e.projects)
    if not checks:
        return Estimate(resources, projects, tuple(warnings), tuple(sources))
    owners = {address: team for check in checks for address, team in check.attribution.owners.items()}
    if config is not None:
        merged = Estimate(resources, projects, tuple(warnings), tuple(sources))
        result = _regated(checks, merged, coverage(merged, owners), config)
    else:
        budgets, budget_notes = _kept_budgets(checks)
        merged = Estimate(resources, projects, tuple(warnings + budget_notes), tuple(sources))
        findings = tuple(
            sorted(
                (f for check in checks for f in check.findings), key=lambda f: -SEVERITIES.index(f.severity)
            )
        )
        verdict = _worst_verdict(checks, budgets)
        result = CheckResult(merged, findings, budgets, verdict, coverage(merged, owners))
    breakdowns = [origin for origin, result in results if not isinstance(result, CheckResult)]
    if breakdowns:
        result = replace(result, verdict=not_checked(breakdowns, result.verdict))
    return result


def _regated(
    checks: list[CheckResult], merged: Estimate, attribution: Attribution, config: Config
) -> CheckResult:
    """Budgets and PR limits over the summed change, as one `costgate check` over every plan gives them.

    Each team's change is summed over the roots before its budget and limits are checked. The
    spend a report used (the config's, a spend file's or Cost Explorer's) is kept; policy findings
    are per resource, so they are kept as they are, in the order one check lists them: by
    severity, then the config's policy order, then the roots in order.
    """
    spend = {
        b.team: b.current_monthly_spend for c in checks for b in c.budgets if not b.current_spend_unknown
    }
    budgets, limit_findings = check_budgets(merged, config, attribution, spend)
    order = {policy.id: index for index, policy in enumerate(load_policies(config.policies))}
    policy_findings = sorted(
        (
            (order.get(f.policy_id, len(order)), root, index, f)
            for root, check in enumerate(checks)
            for index, f in enumerate(check.findings)
            if not f.policy_id.startswith(LIMIT_POLICY_PREFIX)
        ),
        key=lambda entry: entry[:3],
    )
    findings = sorted(
        (*limit_findings, *(f for *_, f in policy_findings)), key=lambda f: -SEVERITIES.index(f.severity)
    )
    approved = any(check.verdict.approved for check in checks)
    return CheckResult(merged, tuple(findings), budgets, verdict(findings, budgets, approved), attribution)


def _estimate(result: Estimate | CheckResult) -> Estimate:
    return result.estimate if isinstance(result, CheckResult) else result


def _named(results: Sequence[tuple[str, Estimate | CheckResult]]) -> list[Estimate]:
    """Each report's estimate; a single-project report's project is named as one check over every plan names it.

    That is after its plan's path (plan/files.project_names); when those names collide (every
    root's plan was plan.json in the job's working directory) after the report's own path instead.
    """
    estimates = [_estimate(result) for _, result in results]
    single = [i for i, e in enumerate(estimates) if len(e.projects) == 1]
    by_plan = project_names([Path(estimates[i].projects[0].path) for i in single])
    if len(set(by_plan)) < len(by_plan) or not all(estimates[i].projects[0].path for i in single):
        by_plan = [_name_from_report(results[i][0], estimates[i]) for i in single]
    for index, name in zip(single, by_plan):
        estimate = estimates[index]
        project = replace(estimate.projects[0], name=name)
        resources = tuple(replace(r, project=name) for r in estimate.resources)
        estimates[index] = replace(estimate, projects=(project,), resources=resources)
    return estimates


def _name_from_report(origin: str, estimate: Estimate) -> str:
    """The report's file name, or its directory for report.json (reports/api/report.json -> reports/api)."""
    path = Path(origin)
    if not origin:
        return estimate.projects[0].name  # a single priced plan: its resources carry no project name yet
    if path.stem not in ("report", "costgate", "plan") or not path.parent.name:
        return path.stem
    return str(path.parent)


def _unique_project_names(estimates: list[Estimate]) -> list[Estimate]:
    seen: set[str] = set()
    unique = []
    for estimate in estimates:
        renames = {}
        for project in estimate.projects:
            name, number = project.name, 2
            while name in seen:
                name, number = f"{project.name} ({number})", number + 1
            seen.add(name)
            renames[project.name] = name
        if any(old != new for old, new in renames.items()):
            estimate = replace(
                estimate,
                projects=tuple(replace(p, name=renames[p.name]) for p in estimate.projects),
                resources=tuple(
                    replace(r, project=renames.get(r.project, r.project)) for r in estimate.resources
                ),
            )
        unique.append(estimate)
    return unique


def _kept_budgets(checks: list[CheckResult]) -> tuple[tuple[BudgetStatus, ...], list[str]]:
    """Without the config, budgets are kept as each report gave them; a team in several says so."""
    by_team: dict[str, list[BudgetStatus]] = {}
    for check in checks:
        for budget in check.budgets:
            by_team.setdefault(budget.team, []).append(budget)
    notes = [
        f"team {team}: {len(entries)} budget results from different reports were kept as they are; "
        "pass --config to re-evaluate the budget with the summed change"
        for team, entries in by_team.items()
        if len(entries) > 1
    ]
    return tuple(b for entries in by_team.values() for b in entries), notes


def _worst_verdict(checks: list[CheckResult], budgets: tuple[BudgetStatus, ...]) -> Verdict:
    worst = max((check.verdict for check in checks), key=lambda v: VERDICT_STATUSES.index(v.status))
    blocked_budget = next((b for b in budgets if b.status == "block"), None)
    if blocked_budget is not None and worst.status != "blocked":
        return Verdict("blocked", blocked_budget.message)
    return worst
