"""The markdown body of the PR comment (and `--format markdown`).

Everything that comes from the plan or the report (addresses, module names, tag values,
reasons that quote them, project names) is untrusted: the PR author wrote it. `inert`
makes such text render as the literal characters, with no markdown, HTML, links or
@mentions.

GitHub rejects a comment over 65,536 characters, so `render_markdown` never returns more
than `max_chars`: it first collapses the long lists into counts, then cuts whole lines
and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from costgate.model import FREE, NOT_PRICED, PRICED, USAGE_BASED, CheckResult, Estimate, ResourceEstimate
from costgate.report import by_size_of_change
from costgate.report.money import dollars, percent, percent_change, unit_price
from costgate.report.usage_split import usage_split

GITHUB_COMMENT_LIMIT = 65536
TOP_RESOURCES = 20

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_WORD_JOINER = "\u2060"
_VERDICT_ICONS = {"pass": "✅", "warning": "⚠️", "not_checked": "❔", "blocked": "⛔"}
_SEVERITY_ORDER = {"block": 0, "warn": 1, "info": 2}
_SEVERITY_ICONS = {"block": "⛔", "warn": "⚠️", "info": "ℹ️"}
_TRUNCATED = "\n\n> **Comment truncated** to fit GitHub's size limit: see the job summary or the JSON report for every resource.\n"
_RESOURCE_HEADER = ["| Resource | Action | Before | After | Change |", "|---|---|---:|---:|---:|"]


def inert(text: object) -> str:
    """Untrusted text as literal characters in GitHub markdown (table cells included)."""
    text = " ".join(str(text).split())  # no line breaks: they would end a table row or start a block
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    # A word joiner after @ and # and inside :// and www. stops mentions, issue references and
    # auto-links without changing what people read.
    text = text.replace("@", "@" + _WORD_JOINER).replace("#", "#" + _WORD_JOINER)
    text = text.replace(":/", ":" + _WORD_JOINER + "/")
    return re.sub(r"(?i)\bwww\\\.", "www" + _WORD_JOINER + r"\\.", text)


def render_markdown(result: Estimate | CheckResult, *, max_chars: int = GITHUB_COMMENT_LIMIT) -> str:
    """The comment for an estimate or a check result, at most `max_chars` characters."""
    check = result if isinstance(result, CheckResult) else None
    estimate = result.estimate if isinstance(result, CheckResult) else result
    for collapsed in (False, True):
        text = "\n".join(_document(estimate, check, collapsed)) + "\n"
        if len(text) <= max_chars:
            return text
    return _truncate(text, max_chars)


def _truncate(text: str, max_chars: int) -> str:
    room = max_chars - len(_TRUNCATED)
    if room <= 0:
        return _TRUNCATED.strip()[:max_chars]
    kept = text[:room]
    if "\n" in kept:
        kept = kept[: kept.rindex("\n")]
    return kept + _TRUNCATED


def _document(estimate: Estimate, check: CheckResult | None, collapsed: bool) -> list[str]:
    lines = ["### 💰 costgate cost estimate", "", _headline(estimate), ""]
    if check is not None:
        lines += [_verdict_line(check), ""]
    several = len(estimate.projects) > 1
    if several:
        lines += _projects_table(estimate)
    if check is not None and check.budgets:
        lines += _budgets_table(check)
    if check is not None and check.findings:
        lines += _findings(check)
    if several:
        for project in estimate.projects:
            sections = _resource_sections(
                [r for r in estimate.resources if r.project == project.name], collapsed, nested=True
            )
            if sections:  # a project with nothing to list has its row in the table above
                lines += [
                    f"#### {inert(project.name)}: {dollars(project.monthly_delta, signed=True)}",
                    "",
                    *sections,
                ]
    else:
        lines += _resource_sections(list(estimate.resources), collapsed)
    lines.append(
        f"{len(estimate.resources)} resources: {estimate.count(PRICED)} priced, {estimate.count(FREE)} free, "
        f"{estimate.count(USAGE_BASED)} usage-based, {estimate.count(NOT_PRICED)} not priced."
    )
    if check is not None and _attributed(check):
        lines += ["", _attribution_line(check, collapsed)]
    if estimate.warnings:
        if collapsed:
            lines += ["", f"{len(estimate.warnings)} warnings (see the job log)."]
        else:
            lines += ["", "<details><summary>Warnings</summary>", ""]
            lines += [f"- {inert(w)}" for w in estimate.warnings]
            lines += ["", "</details>"]
    if estimate.price_sources:
        sources = ", ".join(f"{inert(name)} (as of {inert(as_of)})" for name, as_of in estimate.price_sources)
        lines += ["", f"<sub>Prices: {sources}. Monthly figures at 730 hours.</sub>"]
    return lines


def _headline(estimate: Estimate) -> str:
    headline = (
        f"**Monthly cost change: {dollars(estimate.monthly_delta, signed=True)}** "
        f"({dollars(estimate.monthly_before)} → {dollars(estimate.monthly_after)}, "
        f"{percent_change(estimate.monthly_before, estimate.monthly_after)})"
    )
    split = usage_split(estimate)
    if split.usage_before or split.usage_after:
        usage_delta = split.usage_after - split.usage_before
        headline += (
            f"; of the change, {dollars(estimate.monthly_delta - usage_delta, signed=True)} comes from the plan and "
            f"{dollars(usage_delta, signed=True)} from usage estimates"
        )
    return headline


def _verdict_line(check: CheckResult) -> str:
    verdict = check.verdict
    status = verdict.status
    icon = _VERDICT_ICONS.get(status, "")
    approved = " (approved)" if verdict.approved else ""
    return f"**Verdict: {icon} {inert(status)}{approved}**: {inert(verdict.reason)}"


def _projects_table(estimate: Estimate) -> list[str]:
    lines = ["| Project | Before | After | Change |", "|---|---:|---:|---:|"]
    for project in estimate.projects:
        lines.append(
            f"| {inert(project.name)} | {dollars(project.monthly_before)} | {dollars(project.monthly_after)} | "
            f"{dollars(project.monthly_delta, signed=True)} |"
        )
    return lines + [""]


def _budgets_table(check: CheckResult) -> list[str]:
    lines = [
        "#### Budgets",
        "",
        "| Team | Current spend | This PR | Projected | Budget | Status |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for budget in check.budgets:
        lines.append(
            f"| {inert(budget.team)} | {dollars(budget.current_monthly_spend)} | "
            f"{dollars(budget.pr_monthly_delta, signed=True)} | {dollars(budget.projected)} | "
            f"{dollars(budget.monthly_budget)} | {_SEVERITY_ICONS.get(budget.status, '✅')} {inert(budget.message)} |"
        )
    return lines + [""]


def _findings(check: CheckResult) -> list[str]:
    lines = ["#### Findings", ""]
    ordered = sorted(
        check.findings, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), f.address, f.policy_id)
    )
    for finding in ordered:
        where = f"{inert(finding.address)}: " if finding.address else ""
        saving = f"; saves {dollars(finding.monthly_saving)}/month" if finding.monthly_saving else ""
        icon = _SEVERITY_ICONS.get(finding.severity, "")
        lines.append(
            f"- {icon} **{inert(finding.severity)}** {where}{inert(finding.message)}{saving} ({inert(finding.policy_id)})"
        )
    return lines + [""]


def _resource_sections(resources: list[ResourceEstimate], collapsed: bool, nested: bool = False) -> list[str]:
    lines: list[str] = []
    changed = sorted(
        (r for r in resources if r.status != FREE and (r.monthly_delta or r.action != "no-op")),
        key=by_size_of_change,
    )
    if changed:
        lines += ["#### Resources", ""] if not nested else []
        lines += _RESOURCE_HEADER + [_resource_row(r) for r in changed[:TOP_RESOURCES]]
        rest = changed[TOP_RESOURCES:]
        if rest and collapsed:
            lines += ["", f"…and {len(rest)} smaller changes (see the JSON report)."]
        elif rest:
            lines += ["", f"<details><summary>{len(rest)} more resources</summary>", ""]
            lines += _RESOURCE_HEADER + [_resource_row(r) for r in rest]
            lines += ["", "</details>"]
        lines.append("")
    usage_based = [r for r in resources if r.status == USAGE_BASED and r.action != "no-op"]
    if usage_based:
        lines += _listing(
            f"{len(usage_based)} resources with costs that depend on usage",
            (_usage_item(r) for r in usage_based),
            collapsed,
        )
    not_priced = [r for r in resources if r.status == NOT_PRICED and r.action != "no-op"]
    if not_priced:
        lines += _listing(
            f"{len(not_priced)} resources not priced",
            (f"- {inert(r.address)}: {inert(r.reason)}" for r in not_priced),
            collapsed,
        )
    return lines


def _listing(summary: str, items: Iterable[str], collapsed: bool) -> list[str]:
    if collapsed:
        return [f"{summary} (listed in the JSON report).", ""]
    return [f"<details><summary>{summary}</summary>", "", *items, "", "</details>", ""]


def _usage_item(resource: ResourceEstimate) -> str:
    prices = ", ".join(
        f"{inert(c.name)} {unit_price(c.unit_price)} per {inert(c.unit)}"
        for c in resource.components
        if c.unit_price is not None
    )
    return f"- {inert(resource.address)}: {prices or inert(resource.reason)}"


def _resource_row(resource: ResourceEstimate) -> str:
    return (
        f"| {inert(resource.address)} | {resource.action} | {dollars(resource.monthly_before)} | "
        f"{dollars(resource.monthly_after)} | {dollars(resource.monthly_delta, signed=True)} |"
    )


def _attributed(check: CheckResult) -> bool:
    """Whether attribution ran: reports that were not checked have no ownership to show."""
    attribution = check.attribution
    return check.verdict.status != "not_checked" or bool(attribution.owners or attribution.unowned)


def _attribution_line(check: CheckResult, collapsed: bool) -> str:
    attribution = check.attribution
    line = (
        f"Attribution: {percent(attribution.resources_with_owner_percent, places=0)} of resources and "
        f"{percent(attribution.delta_with_owner_percent, places=0)} of the cost change have an owning team."
    )
    if attribution.unowned:
        shown = attribution.unowned[: 0 if collapsed else 10]
        names = ", ".join(inert(a) for a in shown)
        more = len(attribution.unowned) - len(shown)
        line += (
            f" Without an owner: {names}{' and ' if names and more else ''}{f'{more} more' if more else ''}."
        )
    return line
