"""The comment's sections below the top block: what to change, budgets, and attribution with warnings.

Each section comes in variants, from the fullest to nothing (the last, always empty): the
comment takes the fullest that fits GitHub's size limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from costgate.model import CheckResult, Estimate, Finding
from costgate.report.inert import for_html
from costgate.report.inert import for_markdown as inert
from costgate.report.money import dollars, percent

MANY_HITS = 5  # a policy with more findings than this is one line and a folded list
SMALL_SAVING = Decimal(1)  # a finding that saves less a month is folded with the other small ones
LISTED_WHEN_SHORTENED = 50  # findings a folded list keeps in a shortened comment

SEVERITY_RANK = {"block": 0, "warn": 1, "info": 2}
SEVERITY_ICONS = {"block": "⛔", "warn": "⚠️", "info": "ℹ️"}
BUDGET_STATUS = {"ok": "✅ ok", "warn": "⚠️ near", "block": "⛔ over"}


@dataclass(frozen=True)
class Section:
    title: str  # what the size note calls it when folded or left out
    variants: tuple[list[str], ...]  # fullest first; the last is empty


def findings_section(check: CheckResult) -> Section:
    if not check.findings:
        return Section("what to change", ([],))
    groups = _policy_groups(check.findings)
    variants = []
    for listed in (None, LISTED_WHEN_SHORTENED):
        lines = ["#### What to change", ""]
        for group in groups:
            lines += _policy_lines(group, listed)
        variants.append(lines)
    compact = ["#### What to change", ""]
    compact += [f"- {_policy_summary(group, markdown=True)}" for group in groups] + [""]
    return Section("what to change", (*variants, compact, []))


def _policy_groups(findings: tuple[Finding, ...]) -> list[list[Finding]]:
    """Findings by policy: blocking policies first, then by the monthly saving they add up to."""
    by_policy: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_policy[finding.policy_id].append(finding)
    for group in by_policy.values():
        group.sort(key=lambda f: (-_saving(f), f.address, f.message))
    return sorted(
        by_policy.values(),
        key=lambda g: (SEVERITY_RANK.get(_severity(g), 3), -sum(map(_saving, g)), g[0].policy_id),
    )


def _saving(finding: Finding) -> Decimal:
    return finding.monthly_saving or Decimal(0)


def _small(finding: Finding) -> bool:
    """A computed saving under $1/month ($0.00 included); a finding about something else is not small."""
    return finding.monthly_saving is not None and finding.monthly_saving < SMALL_SAVING


def _severity(group: list[Finding]) -> str:
    return min((f.severity for f in group), key=lambda s: SEVERITY_RANK.get(s, 3))


def _policy_summary(group: list[Finding], *, markdown: bool) -> str:
    escape = inert if markdown else for_html
    severity = _severity(group)
    total = sum(map(_saving, group))
    policy = f"**{escape(group[0].policy_id)}**" if markdown else f"<b>{escape(group[0].policy_id)}</b>"
    text = f"{SEVERITY_ICONS.get(severity, '')} {policy} ({escape(severity)})"
    text += f": {len(group):,} finding{'s' if len(group) > 1 else ''}"
    if total:
        text += f", saves {dollars(total)}/month"
    if len({f.message for f in group}) == 1 and len(group) > 1:
        text += f": {escape(group[0].message)}"
    return text


def _policy_lines(group: list[Finding], listed: int | None) -> list[str]:
    """One policy: a paragraph for one finding; a heading and a list; or, for many hits, a folded list.

    Never a list item on its own: a later one would join the list of the policy before it.
    """
    if len(group) == 1 and not _small(group[0]):
        finding = group[0]
        icon = SEVERITY_ICONS.get(finding.severity, "")
        head = f"{icon} **{inert(finding.policy_id)}** ({inert(finding.severity)})"
        return [f"{head}: {_finding_text(finding, False)}", ""]
    one_message = len({f.message for f in group}) == 1
    if len(group) > MANY_HITS or all(map(_small, group)):
        return folded(_policy_summary(group, markdown=False), _items(group, one_message, listed))
    shown = [f for f in group if not _small(f)]
    small = [f for f in group if _small(f)]
    lines = [_policy_summary(group, markdown=True), ""]
    lines += [f"- {_finding_text(f, one_message)}" for f in shown]
    lines.append("")
    if small:
        lines += folded(f"{len(small)} more, each saving under $1/month", _items(small, False, listed))
    return lines


def _items(findings: list[Finding], address_only: bool, listed: int | None) -> list[str]:
    items = [f"- {_finding_text(f, address_only)}" for f in findings[:listed]]
    if listed is not None and len(findings) > listed:
        items.append(f"- …and {len(findings) - listed:,} more, in the JSON report.")
    return items


def _finding_text(finding: Finding, address_only: bool) -> str:
    where = inert(finding.address) if finding.address else ""
    text = where if address_only and where else f"{where + ': ' if where else ''}{inert(finding.message)}"
    saving = finding.monthly_saving
    # A policy's message may name the saving already ("(saves $0.90)"): say it once.
    if saving and dollars(saving) not in finding.message:
        text += f" (saves {dollars(saving)}/month)"
    return text


def folded(summary_html: str, items: Iterable[str]) -> list[str]:
    """A <details> block. `summary_html` sits in HTML, where markdown is not read: trusted words or for_html."""
    return [f"<details><summary>{summary_html}</summary>", "", *items, "", "</details>", ""]


def budgets_section(check: CheckResult) -> Section:
    affected = [b for b in check.budgets if b.pr_monthly_delta or b.status != "ok"]
    if not affected:
        return Section("budgets", ([],))
    lines = [
        "#### Budgets",
        "",
        "| Team | Budget | Current | This PR | Projected | Status |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for budget in affected:
        lines.append(
            f"| {inert(budget.team)} | {dollars(budget.monthly_budget)} | {dollars(budget.current_monthly_spend)} | "
            f"{dollars(budget.pr_monthly_delta, signed=True)} | {dollars(budget.projected)} | "
            f"{BUDGET_STATUS.get(budget.status, inert(budget.status))} |"
        )
    others = len(check.budgets) - len(affected)
    if others:
        lines += [
            "",
            f"{others} other team{'s are' if others > 1 else ' is'} within budget and unchanged by this PR.",
        ]
    return Section("budgets", (lines + [""], []))


def details_section(estimate: Estimate, check: CheckResult | None) -> Section:
    """Attribution and warnings: useful, and the first to fold."""
    full: list[str] = []
    compact: list[str] = []
    if check is not None and _attributed(check):
        full += [_attribution_line(check, 10), ""]
        compact += [_attribution_line(check, 0), ""]
    if estimate.warnings:
        full += folded(f"{len(estimate.warnings)} warnings", [f"- {inert(w)}" for w in estimate.warnings])
        compact += [f"{len(estimate.warnings)} warnings (see the job log).", ""]
    if not full:
        return Section("warnings", ([],))
    return Section("attribution and warnings", (full, compact, []))


def _attributed(check: CheckResult) -> bool:
    """Whether attribution ran: reports that were not checked have no ownership to show."""
    attribution = check.attribution
    return check.verdict.status != "not_checked" or bool(attribution.owners or attribution.unowned)


def _attribution_line(check: CheckResult, named: int) -> str:
    attribution = check.attribution
    line = (
        f"Attribution: {percent(attribution.resources_with_owner_percent, places=0)} of resources and "
        f"{percent(attribution.delta_with_owner_percent, places=0)} of the cost change have an owning team."
    )
    if attribution.unowned:
        shown = attribution.unowned[:named]
        names = ", ".join(inert(a) for a in shown)
        more = len(attribution.unowned) - len(shown)
        line += (
            f" Without an owner: {names}{' and ' if names and more else ''}{f'{more} more' if more else ''}."
        )
    return line
