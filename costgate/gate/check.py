"""The gate: attribution, budgets and policies over an estimate, and the verdict.

Verdict: blocked when any finding or budget blocks and the PR is not approved; warning when
something warns (or a block was approved); pass otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from costgate.estimate.pricer import Pricer
from costgate.gate.attribution import attribute
from costgate.gate.budgets import check_budgets
from costgate.gate.config import Config
from costgate.gate.policies import Policy, load_policies
from costgate.gate.policies.kinds import evaluate
from costgate.model import SEVERITIES, BudgetStatus, CheckResult, Estimate, Finding, Verdict


def run_check(
    estimate: Estimate,
    config: Config,
    pricer: Pricer | None = None,
    *,
    approved: bool = False,
    policies: tuple[Policy, ...] | None = None,
    spend: Mapping[str, Decimal] | None = None,
) -> CheckResult:
    """Check an estimate.

    `pricer` is the one that priced the estimate: savings are re-priced through it, so they see
    the same prices, usage file and discounts, and no price is looked up twice. Commands always
    pass theirs; the default (embedded catalog, the config's discounts, no usage file) is for
    tests and library callers. Policies default to the packs the config lists; spend (team ->
    current monthly spend) overrides the config's current_monthly_spend.
    """
    if pricer is None:
        from costgate.pricing.setup import price_chain

        pricer = Pricer(price_chain("embedded"), discounts=config.discounts)
    if policies is None:
        policies = load_policies(config.policies)
    attribution = attribute(estimate, config)
    budgets, limit_findings = check_budgets(estimate, config, attribution, spend)
    findings = sorted(
        (*limit_findings, *evaluate(estimate, config, policies, attribution, pricer)),
        key=lambda f: -SEVERITIES.index(f.severity),
    )
    return CheckResult(estimate, tuple(findings), budgets, verdict(findings, budgets, approved), attribution)


def verdict(
    findings: list[Finding] | tuple[Finding, ...], budgets: tuple[BudgetStatus, ...], approved: bool
) -> Verdict:
    blocking = [_said(f) for f in findings if f.severity == "block"] + [
        b.message for b in budgets if b.status == "block"
    ]
    warning = [_said(f) for f in findings if f.severity == "warn"] + [
        b.message for b in budgets if b.status == "warn"
    ]
    if blocking:
        count = f"{len(blocking)} blocking issue{'s' if len(blocking) > 1 else ''}"
        if approved:
            return Verdict("warning", f"{count} approved: {blocking[0]}", approved=True)
        return Verdict("blocked", f"{count}: {blocking[0]}")
    if warning:
        return Verdict("warning", f"{len(warning)} warning{'s' if len(warning) > 1 else ''}: {warning[0]}")
    return Verdict("pass", "no blocking findings and every budget is within its limits")


def not_checked(breakdowns: Sequence[str], checked: Verdict | None = None) -> Verdict:
    """The verdict when breakdown reports (no plans, so nothing to check) are among the inputs.

    Never a pass: an unapproved block of the checked part still blocks; anything else is
    not_checked, keeping what the checked part said.
    """
    if checked is not None and checked.status == "blocked":
        return checked
    names = ", ".join(breakdowns) or "the report"
    what = "is a breakdown report" if len(breakdowns) <= 1 else "are breakdown reports"
    reason = f"{names} {what}; make per-root reports with `costgate check --format json` to gate them"
    if checked is not None and checked.status != "pass":
        reason += f" (the checked part: {checked.status}: {checked.reason})"
    return Verdict("not_checked", reason)


def _said(finding: Finding) -> str:
    return f"{finding.address}: {finding.message}" if finding.address else finding.message


def exit_code(result: CheckResult, fail_on: str = "block") -> int:
    """The gate's exit code: 1 when the verdict reaches `fail_on`, else 0.

    A blocked verdict reaches block and warn; a warning, or not_checked (a report that could not
    be gated: never a pass, never a block), reaches warn only; an approved verdict and `never` give 0.
    """
    status = result.verdict.status
    if result.verdict.approved or fail_on == "never":
        return 0
    if status == "blocked" or (fail_on == "warn" and status in ("warning", "not_checked")):
        return 1
    return 0
