"""The terminal table: resources by size of change, components indented, totals, then what was not priced.

It fits the terminal (`Terminal.width`): columns of money keep their width and the text a
user acts on (addresses, reasons, hints, findings) wraps onto more lines instead of being cut.
Untrusted text goes through `inert.for_log`, so nothing in a plan can become a GitHub Actions
workflow command in a job log.
"""

from __future__ import annotations

from decimal import Decimal

from costgate.model import FREE, NOT_PRICED, PRICED, USAGE_BASED, CheckResult, Estimate
from costgate.report import by_size_of_change
from costgate.report.components import component_detail, cost_cells
from costgate.report.inert import for_log as safe
from costgate.report.money import dollars, percent_change
from costgate.report.terminal import Terminal
from costgate.report.usage_split import usage_split

INDENT = "    "
NARROW_NAME = 20  # below this, a row's amounts go on a line of their own
_BREAKS = "./,:-]"


def render_table(estimate: Estimate, terminal: Terminal | None = None) -> str:
    terminal = terminal or Terminal()
    return terminal.text("\n".join(_estimate_lines(estimate, terminal)[1]) + "\n")


def render_check_table(result: CheckResult, terminal: Terminal | None = None) -> str:
    """The estimate table, then budgets, findings (blocking first), attribution and the verdict."""
    terminal = terminal or Terminal()
    layout, lines = _estimate_lines(result.estimate, terminal)
    if result.budgets:
        lines += ["", "Budgets:"] + _budget_lines(result, layout)
    if result.findings:
        lines += ["", "Findings:"]
        for finding in result.findings:  # run_check sorts blocking first
            where = f" {safe(finding.address)}" if finding.address else ""
            text = f"[{finding.severity}] {safe(finding.policy_id)}{where}: {safe(finding.message)}"
            lines += layout.wrapped(text, "  ", INDENT)
    attribution = result.attribution
    # Reports that were not checked have no ownership to show.
    if result.verdict.status != "not_checked" or attribution.owners or attribution.unowned:
        ownership = (
            f"Ownership: {attribution.resources_with_owner_percent.normalize():f}% of changed resources,"
            f" {attribution.delta_with_owner_percent.normalize():f}% of the cost change have an owner"
        )
        lines += [""] + layout.wrapped(ownership, "", "  ")
        if attribution.unowned:
            lines += layout.wrapped("No owner: " + ", ".join(map(safe, attribution.unowned)), "  ", INDENT)
    verdict = result.verdict
    status = verdict.status.upper() + (" (approved)" if verdict.approved else "")
    verdict_lines = layout.wrapped(f"Verdict: {status}: {safe(verdict.reason)}", "", "  ")
    style = {"blocked": "red", "warning": "yellow", "pass": "green"}.get(verdict.status, "bold")
    verdict_lines[0] = verdict_lines[0].replace(status, terminal.paint(status, style), 1)
    lines += [""] + verdict_lines
    return terminal.text("\n".join(lines) + "\n")


class _Layout:
    """Column widths for one terminal width."""

    def __init__(self, terminal: Terminal, money: int = 12) -> None:
        self.width = terminal.width
        self.text_width = terminal.width if terminal.known_width else None
        self.money = money

    def wrapped(self, text: str, first: str, rest: str) -> list[str]:
        """Free text, wrapped when the width is known; else on one line for the log viewer to wrap."""
        if self.text_width is None:
            return [first + text]
        return [
            first + line if n == 0 else rest + line
            for n, line in enumerate(wrap(text, self.text_width - len(first), self.text_width - len(rest)))
        ]

    def row(self, name: str, *amounts: str, indent: str = "") -> list[str]:
        """A name, wrapped, with its amounts right-aligned on the first line (or below it, if narrow)."""
        cells = "".join(" " + amount.rjust(self.money) for amount in amounts)
        later = indent + "  " if indent else ""  # a component's next lines stand under its text
        room = self.width - len(cells)
        if len(indent) + len(name) <= room:  # the common case: one line
            return [(indent + name).ljust(room) + cells]
        if room - len(later) < NARROW_NAME:
            lines = wrap(name, self.width - len(indent), self.width - len(later))
            return [indent + lines[0], *(later + line for line in lines[1:]), cells.rjust(self.width)]
        lines = wrap(name, room - len(indent), room - len(later))
        first = (indent + lines[0]).ljust(room) + cells
        return [first, *(later + line for line in lines[1:])]


def wrap(text: str, width: int, later_width: int | None = None) -> list[str]:
    """`text` in lines of at most `width` (then `later_width`), broken after a space, dot or slash
    where one is near, else mid-word: nothing is cut off."""
    lines: list[str] = []
    limit = max(width, 1)
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit + 1)
        if cut < limit // 2:  # no space near: break after a dot or slash of an address, else anywhere
            cut = max(text.rfind(ch, 0, limit) for ch in _BREAKS) + 1
        if cut < limit // 2:
            cut = limit
        lines.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
        limit = max(later_width or width, 1)
    lines.append(text)
    return lines


def _estimate_lines(estimate: Estimate, terminal: Terminal) -> tuple[_Layout, list[str]]:
    shown = sorted(
        (
            r
            for r in estimate.resources
            if r.status != FREE and (r.status in (PRICED, USAGE_BASED) or r.components)
        ),
        key=by_size_of_change,
    )
    cells = [cost_cells(r) for r in shown]
    before, after = estimate.monthly_before, estimate.monthly_after
    totals = (dollars(before), dollars(after), dollars(after - before, signed=True))
    # Money columns as wide as their widest cell ("at least $1,234.56"), and no wider: room for names.
    widest = max((len(cell) for row in cells for cell in row), default=0)
    layout = _Layout(terminal, max(9, widest, *(len(total) + 1 for total in totals)))
    rule = "─" * layout.width
    lines = layout.row("Resource", "Before", "After", "Change") + [rule]
    for resource, row in zip(shown, cells):
        lines += layout.row(f"{safe(resource.address)} ({resource.action})", *row)
        for component in resource.components:
            detail, cost = component_detail(component)
            lines += layout.row(safe(detail), cost, indent=INDENT)
        if resource.capacity is not None and resource.monthly_at_maximum is not None:
            capacity = resource.capacity
            lines += layout.wrapped(
                f"Range: {dollars(resource.monthly_at_minimum or Decimal(0))} at {safe(capacity.attribute)} minimum"
                f" {capacity.minimum}, {dollars(resource.monthly_at_maximum)} at maximum {capacity.maximum}",
                INDENT,
                INDENT + "  ",
            )
    lines.append(rule)
    lines += layout.row("Monthly total", *totals)
    split = usage_split(estimate)
    if split.usage_before or split.usage_after:
        baseline_before, baseline_after = split.baseline_before(estimate), split.baseline_after(estimate)
        lines += layout.row(
            "  of which baseline (plan)",
            dollars(baseline_before),
            dollars(baseline_after),
            dollars(baseline_after - baseline_before, signed=True),
        )
        lines += layout.row(
            "  of which usage estimates (*)",
            dollars(split.usage_before),
            dollars(split.usage_after),
            dollars(split.usage_after - split.usage_before, signed=True),
        )
    lines.append(f"Change: {percent_change(before, after)}")
    if split.usage_before or split.usage_after:
        lines += layout.wrapped("(*) priced from the usage file's estimates, not from the plan", "", "    ")
    lines.append("")
    lines += layout.wrapped(
        f"{len(estimate.resources)} resources: {estimate.count(PRICED)} priced, {estimate.count(FREE)} free, "
        f"{estimate.count(USAGE_BASED)} usage-based, {estimate.count(NOT_PRICED)} not priced",
        "",
        "  ",
    )
    lines += _missing_lines(estimate, layout)
    if estimate.warnings:
        lines += ["", "Warnings:"]
        for warning in estimate.warnings:
            lines += layout.wrapped(safe(warning), "  ", INDENT)
    if estimate.price_sources:
        # One source a line: several tables give a line too long for any terminal otherwise.
        lines += ["", "Prices:"]
        for name, as_of in estimate.price_sources:
            lines += layout.wrapped(f"{safe(name)} (as of {safe(as_of)})", "  ", INDENT)
    return layout, lines


def _missing_lines(estimate: Estimate, layout: _Layout) -> list[str]:
    lines: list[str] = []
    not_priced = [r for r in estimate.resources if r.status == NOT_PRICED]
    if not_priced:
        lines += ["", "Not priced:"]
        for resource in sorted(not_priced, key=lambda r: r.address):
            lines += layout.wrapped(f"{safe(resource.address)}: {safe(resource.reason)}", "  ", INDENT)
    partial = [
        (r, c) for r in estimate.resources if r.status == PRICED for c in r.components if c.not_priced_reason
    ]
    if partial:
        lines += ["", "Components not priced (the totals leave them out):"]
        for resource, component in partial:
            text = f"{safe(resource.address)}: {safe(component.name)}: {safe(component.not_priced_reason)}"
            lines += layout.wrapped(text, "  ", INDENT)
    if estimate.region_assumed_count:
        count = estimate.region_assumed_count
        lines += [""] + layout.wrapped(
            f"{count} resource{'s' if count > 1 else ''} priced at the provider's default region: set `region` in"
            " the provider block, pass --region, or set AWS_REGION.",
            "",
            "  ",
        )
    return lines


def _budget_lines(result: CheckResult, layout: _Layout) -> list[str]:
    headers = ("Team", "Budget", "Current", "This PR", "Projected", "Status")
    cell = 12
    team_width = layout.width - 5 * (cell + 1)
    rows = [
        (
            safe(b.team),
            dollars(b.monthly_budget),
            dollars(b.current_monthly_spend),
            dollars(b.pr_monthly_delta, signed=True),
            dollars(b.projected),
            b.status,
        )
        for b in result.budgets
    ]
    if team_width < NARROW_NAME:  # narrow: one wrapped line per team
        return [
            line
            for team, *amounts, status in rows
            for line in layout.wrapped(
                f"{team}: {status}; " + ", ".join(f"{h.lower()} {a}" for h, a in zip(headers[1:5], amounts)),
                "  ",
                INDENT,
            )
        ]
    lines = [_cells(headers, team_width, cell)[0], "─" * layout.width]
    for row in rows:
        lines += _cells(row, team_width, cell)
    return lines


def _cells(row: tuple[str, ...], team_width: int, cell: int) -> list[str]:
    team_lines = wrap(row[0], team_width)
    first = team_lines[0].ljust(team_width) + "".join(" " + value.rjust(cell) for value in row[1:])
    return [first, *team_lines[1:]]
