"""Combine the results of parallel jobs (a matrix over Terraform roots) into one.

Projects and resources are concatenated, totals follow from them, findings are combined.
A team whose budget appears in several results is re-evaluated with the summed change when
the config says what its budget is (by the same rule as `costgate check`); without the config
both entries are kept and a warning says so. Check reports merged with breakdown reports are
not_checked: the breakdown part was never gated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from costgate.errors import CostgateError
from costgate.gate.budgets import budget_status
from costgate.gate.check import not_checked
from costgate.gate.config import Config, TeamConfig
from costgate.model import (
    VERDICT_STATUSES,
    Attribution,
    BudgetStatus,
    CheckResult,
    Estimate,
    Verdict,
)
from costgate.report.money import percent_value


def merge_results(
    results: Sequence[tuple[str, Estimate | CheckResult]], config: Config | None = None
) -> Estimate | CheckResult:
    """Merge (origin path, result) pairs; a report's path names its project when it has one ("" keeps the name)."""
    if not results:
        raise CostgateError("nothing to merge: pass one or more costgate JSON reports")
    estimates = [_renamed(origin, _estimate(result)) for origin, result in results]
    estimates = _unique_project_names(estimates)
    checks = [result for _, result in results if isinstance(result, CheckResult)]
    warnings: list[str] = []
    for estimate in estimates:
        warnings += [w for w in estimate.warnings if w not in warnings]
    sources: list[tuple[str, str]] = []
    for estimate in estimates:
        sources += [s for s in estimate.price_sources if s not in sources]
    resources = tuple(r for e in estimates for r in e.resources)
    projects = tuple(p for e in estimates for p in e.projects)
    if not checks:
        return Estimate(resources, projects, tuple(warnings), tuple(sources))
    budgets, budget_notes = _budgets(checks, config)
    merged = Estimate(resources, projects, tuple(warnings + budget_notes), tuple(sources))
    findings = tuple(f for check in checks for f in check.findings)
    verdict = _verdict(checks, budgets)
    breakdowns = [origin for origin, result in results if not isinstance(result, CheckResult)]
    if breakdowns:
        verdict = not_checked(breakdowns, verdict)
    return CheckResult(merged, findings, budgets, verdict, _attribution(checks))


def _estimate(result: Estimate | CheckResult) -> Estimate:
    return result.estimate if isinstance(result, CheckResult) else result


def _renamed(origin: str, estimate: Estimate) -> Estimate:
    """A single-project report names its project after the report's file (or directory for report.json)."""
    if len(estimate.projects) != 1:
        return estimate
    path = Path(origin)
    if not origin:
        name = estimate.projects[0].name  # a single priced plan: its resources carry no project name yet
    elif path.stem not in ("report", "costgate", "plan") or not path.parent.name:
        name = path.stem
    else:
        name = str(path.parent)
    project = replace(estimate.projects[0], name=name)
    resources = tuple(replace(r, project=name) for r in estimate.resources)
    return replace(estimate, projects=(project,), resources=resources)


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


def _budgets(checks: list[CheckResult], config: Config | None) -> tuple[tuple[BudgetStatus, ...], list[str]]:
    by_team: dict[str, list[BudgetStatus]] = {}
    for check in checks:
        for budget in check.budgets:
            by_team.setdefault(budget.team, []).append(budget)
    budgets: list[BudgetStatus] = []
    notes: list[str] = []
    for team, entries in by_team.items():
        team_config = config.teams.get(team) if config is not None else None
        if len(entries) == 1:
            budgets += entries
        elif team_config is not None and team_config.monthly_budget is not None:
            budgets.append(_reevaluated(entries, team_config))
        else:
            budgets += entries
            notes.append(
                f"team {team}: {len(entries)} budget results from different reports were kept as they are; "
                "pass --config to re-evaluate the budget with the summed change"
            )
    return tuple(budgets), notes


def _reevaluated(entries: list[BudgetStatus], team: TeamConfig) -> BudgetStatus:
    """The team's budget over the summed change of every report, by check's own rule and thresholds."""
    current = (
        team.current_monthly_spend
        if team.current_monthly_spend is not None
        else entries[0].current_monthly_spend
    )
    delta = sum((b.pr_monthly_delta for b in entries), Decimal(0))
    status = budget_status(team, current, delta)
    return replace(status, message=f"{status.message} (summed over {len(entries)} reports)")


def _verdict(checks: list[CheckResult], budgets: tuple[BudgetStatus, ...]) -> Verdict:
    worst = max((check.verdict for check in checks), key=lambda v: VERDICT_STATUSES.index(v.status))
    blocked_budget = next((b for b in budgets if b.status == "block"), None)
    if blocked_budget is not None and worst.status != "blocked":
        return Verdict("blocked", blocked_budget.message)
    return worst


def _attribution(checks: list[CheckResult]) -> Attribution:
    owners: dict[str, str] = {}
    unowned: list[str] = []
    resource_weight = delta_weight = Decimal(0)
    resources_owned = delta_owned = Decimal(0)
    for check in checks:
        owners.update(check.attribution.owners)
        unowned += check.attribution.unowned
        count = Decimal(len(check.estimate.resources))
        change = sum((abs(r.monthly_delta) for r in check.estimate.resources), Decimal(0))
        resource_weight += count
        delta_weight += change
        resources_owned += count * check.attribution.resources_with_owner_percent
        delta_owned += change * check.attribution.delta_with_owner_percent
    return Attribution(
        owners,
        percent_value(resources_owned / resource_weight) if resource_weight else Decimal(0),
        percent_value(delta_owned / delta_weight) if delta_weight else Decimal(0),
        tuple(unowned),
    )
