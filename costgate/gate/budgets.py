"""Team budgets: current spend + this PR's monthly delta against each team's budget.

Current spend comes from costgate.yml, a spend file (--spend-file, JSON or CSV), or AWS Cost
Explorer (opt-in: month to date grouped by the team tag, projected to month end).
"""

from __future__ import annotations

import csv
import json
from calendar import monthrange
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError
from costgate.gate.config import Config, TeamConfig, Thresholds
from costgate.model import (
    Attribution,
    BudgetStatus,
    Estimate,
    Finding,
)
from costgate.report.money import dollars, percent, share
from costgate.yaml_file import MAX_BYTES, decoded_text, printable

ZERO = Decimal(0)
HUNDRED = Decimal(100)
LARGEST_SPEND = Decimal(10) ** 15


def read_spend_file(path: str) -> dict[str, Decimal]:
    """team -> current monthly spend, from JSON ({"payments": 171500} or [{"team":..,"monthly_spend":..}]) or CSV (team,monthly_spend).

    Every amount must be a finite number of 0 or more and below 10^15 (a negative spend would
    make every budget "ok"); a byte-order mark, as spreadsheets write it, is skipped.
    """
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise CostgateError(f"{path}: cannot read the spend file ({error.strerror or error})") from None
    if len(raw) > MAX_BYTES:
        raise CostgateError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB; not a spend file")
    text = decoded_text(raw, path)
    rows: list[tuple[Any, Any]]
    if file.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or not {"team", "monthly_spend"} <= set(reader.fieldnames):
            raise CostgateError(f"{path}: a spend CSV needs the columns team,monthly_spend")
        rows = [(row["team"], row["monthly_spend"]) for row in reader]
    else:
        try:
            data = json.loads(text, parse_int=Decimal, parse_float=Decimal, parse_constant=Decimal)
        except json.JSONDecodeError as error:
            raise CostgateError(f"{path}:{error.lineno}: not valid JSON ({error.msg})") from None
        except RecursionError:
            raise CostgateError(f"{path}: not a spend file (nested too deeply)") from None
        if isinstance(data, Mapping):
            rows = list(data.items())
        elif isinstance(data, list) and all(isinstance(r, Mapping) for r in data):
            rows = [(r.get("team"), r.get("monthly_spend")) for r in data]
        else:
            raise CostgateError(f"{path}: expected {{team: spend}} or a list of {{team, monthly_spend}}")
    spend: dict[str, Decimal] = {}
    for team, amount in rows:
        quoted = repr(amount) if isinstance(amount, str) else str(amount)
        shown = f"{path}: team {printable(str(team))}: monthly spend {printable(quoted)[:40]}"
        if isinstance(amount, bool) or not isinstance(amount, (str, Decimal)):
            raise CostgateError(f"{shown} is not a number")
        try:
            value = Decimal(amount.strip()) if isinstance(amount, str) else amount
        except InvalidOperation:
            raise CostgateError(f"{shown} is not a number") from None
        if not value.is_finite() or abs(value) >= LARGEST_SPEND:
            raise CostgateError(f"{shown} is not a finite number below 10^15")
        if value < 0:
            raise CostgateError(f"{shown} is below 0")
        spend[str(team)] = value
    return spend


def cost_explorer_spend(config: Config, client: Any = None, today: date | None = None) -> dict[str, Decimal]:
    """Month-to-date unblended cost per team tag value from AWS Cost Explorer, projected to month end.

    Projection is linear: spend so far / days elapsed x days in month. The group key is
    the first attribution tag key; tag values map to teams as in attribution.
    """
    today = today or date.today()
    if client is None:
        import boto3  # opt-in: only this spend source needs it

        client = boto3.client("ce", region_name="us-east-1")
    tag_key = config.tag_keys[0] if config.tag_keys else "team"
    start = today.replace(day=1)
    if today == start:
        return {}  # nothing spent yet this month: no basis for a projection
    totals: dict[str, Decimal] = {}
    request = {
        "TimePeriod": {"Start": start.isoformat(), "End": today.isoformat()},
        "Granularity": "MONTHLY",
        "Metrics": ["UnblendedCost"],
        "GroupBy": [{"Type": "TAG", "Key": tag_key}],
    }
    while True:
        response = client.get_cost_and_usage(**request)
        for period in response.get("ResultsByTime", []):
            for group in period.get("Groups", []):
                # Cost Explorer writes tag groups as "team$payments" ("team$" for untagged).
                value = group["Keys"][0].split("$", 1)[-1]
                if value:
                    amount = Decimal(group["Metrics"]["UnblendedCost"]["Amount"])
                    totals[value] = totals.get(value, ZERO) + amount
        token = response.get("NextPageToken")
        if not token:
            break
        request["NextPageToken"] = token
    elapsed = (today - start).days
    days = monthrange(today.year, today.month)[1]
    spend: dict[str, Decimal] = {}
    for value, amount in totals.items():
        team = _team_for_tag(config, tag_key, value)
        if team:
            spend[team] = spend.get(team, ZERO) + (amount / elapsed * days).quantize(Decimal("0.01"))
    return spend


def _team_for_tag(config: Config, key: str, value: str) -> str | None:
    for team in config.teams.values():
        if team.owner_tags.get(key) == value:
            return team.name
    return value if value in config.teams else None


def team_deltas(
    estimate: Estimate, attribution: Attribution
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Per team ("" for unowned): this PR's monthly delta and the monthly cost before it (effective prices)."""
    deltas: dict[str, Decimal] = {}
    before: dict[str, Decimal] = {}
    for resource in estimate.resources:
        team = attribution.owners.get(resource.address, "")  # "": resources no team owns
        deltas[team] = deltas.get(team, ZERO) + resource.monthly_delta
        before[team] = before.get(team, ZERO) + resource.monthly_before
    return deltas, before


def check_budgets(
    estimate: Estimate, config: Config, attribution: Attribution, spend: Mapping[str, Decimal] | None = None
) -> tuple[tuple[BudgetStatus, ...], tuple[Finding, ...]]:
    """A BudgetStatus per team with a budget, and findings for PR increases above the limits."""
    spend = spend or {}
    deltas, before = team_deltas(estimate, attribution)
    statuses: list[BudgetStatus] = []
    findings: list[Finding] = []
    for team in config.teams.values():
        delta = deltas.get(team.name, ZERO)
        findings.extend(pr_increase_findings(team.name, team.thresholds, delta, before.get(team.name, ZERO)))
        if team.monthly_budget is not None:
            current = spend.get(team.name, team.current_monthly_spend)
            statuses.append(
                budget_status(team, current if current is not None else ZERO, delta, current is None)
            )
    # What no team owns (the whole plan when no teams are configured) meets the global PR limits.
    findings.extend(pr_increase_findings("", config.thresholds, deltas.get("", ZERO), before.get("", ZERO)))
    return tuple(statuses), tuple(findings)


def budget_status(
    team: TeamConfig, current: Decimal, delta: Decimal, spend_unknown: bool = False
) -> BudgetStatus:
    budget = team.monthly_budget or ZERO
    projected = current + delta
    used = share(projected, budget)
    if used is None:  # no budget: any spend is over it
        used = HUNDRED if projected <= 0 else Decimal("Infinity")
    limits = team.thresholds
    if used >= limits.block_at_percent and delta > 0:
        status = "block"
    elif used >= limits.warn_at_percent and delta > 0:
        status = "warn"
    else:
        status = "ok"
    shown = "over" if not budget else percent(used)
    message = (
        f"{team.name}: {dollars(current)} current {'-' if delta < 0 else '+'} {dollars(abs(delta))} this PR = {dollars(projected)}"
        f" of {dollars(budget)} budget ({shown})"
    )
    if status != "ok":
        bound = limits.block_at_percent if status == "block" else limits.warn_at_percent
        message += f"; {status} at {bound}%"
    if spend_unknown:
        message += "; current spend unknown (counted as $0)"
    return BudgetStatus(team.name, budget, current, delta, status, message, spend_unknown)


def pr_increase_findings(team: str, limits: Thresholds, delta: Decimal, before: Decimal) -> list[Finding]:
    """A PR monthly increase above max_pr_monthly_increase (USD) or max_pr_increase_percent (of the cost before)."""
    findings = []
    who = f"{team}: " if team else ""
    policy = "budget.max_pr_monthly_increase"
    if limits.max_pr_monthly_increase is not None and delta > limits.max_pr_monthly_increase:
        findings.append(
            Finding(
                policy,
                limits.pr_increase_severity,
                "",
                f"{who}this PR adds {dollars(delta)}/month, above the limit of {dollars(limits.max_pr_monthly_increase)}",
                team=team,
            )
        )
    # A share of nothing is undefined: a plan that creates everything from $0 is left to the USD limit.
    if limits.max_pr_increase_percent is not None and delta > 0 and before > 0:
        increase = delta / before * HUNDRED
        if increase > limits.max_pr_increase_percent:
            findings.append(
                Finding(
                    "budget.max_pr_increase_percent",
                    limits.pr_increase_severity,
                    "",
                    f"{who}this PR raises the monthly cost by {percent(increase)}"
                    f" ({dollars(before)} -> {dollars(before + delta)}), above the limit of {limits.max_pr_increase_percent}%",
                    team=team,
                )
            )
    return findings
