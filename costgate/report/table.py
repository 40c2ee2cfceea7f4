"""The terminal table: resources by size of change, components indented, totals, then what was not priced."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from costgate.model import FREE, NOT_PRICED, PRICED, USAGE_BASED, CheckResult, Estimate, PricedComponent
from costgate.report import by_size_of_change
from costgate.report.money import dollars, percent_change, plain, unit_price
from costgate.report.usage_split import usage_split

WIDTH = 100
MONEY = 12
NAME = WIDTH - 3 * (MONEY + 1) - 1


def render_table(estimate: Estimate) -> str:
    lines: list[str] = []
    shown = sorted(
        (r for r in estimate.resources if r.status in (PRICED, USAGE_BASED) or r.components),
        key=by_size_of_change,
    )
    lines.append(_row("Resource", "Before", "After", "Change"))
    lines.append("─" * WIDTH)
    for resource in shown:
        if resource.status == FREE:
            continue
        lines.append(
            _row(
                f"{resource.address} ({resource.action})",
                dollars(resource.monthly_before),
                dollars(resource.monthly_after),
                dollars(resource.monthly_delta, signed=True),
            )
        )
        for component in resource.components:
            lines.append("    " + _component_line(component))
        if resource.capacity is not None and resource.monthly_at_maximum is not None:
            capacity = resource.capacity
            lines.append(
                f"    Range: {dollars(resource.monthly_at_minimum or Decimal(0))} at {capacity.attribute} minimum"
                f" {capacity.minimum}, {dollars(resource.monthly_at_maximum)} at maximum {capacity.maximum}"
            )
    lines.append("─" * WIDTH)
    lines.append(
        _row(
            "Monthly total",
            dollars(estimate.monthly_before),
            dollars(estimate.monthly_after),
            dollars(estimate.monthly_delta, signed=True),
        )
    )
    split = usage_split(estimate)
    if split.usage_before or split.usage_after:
        lines.append(
            _row(
                "  of which baseline (plan)",
                dollars(split.baseline_before(estimate)),
                dollars(split.baseline_after(estimate)),
                dollars(split.baseline_after(estimate) - split.baseline_before(estimate), signed=True),
            )
        )
        lines.append(
            _row(
                "  of which usage estimates (*)",
                dollars(split.usage_before),
                dollars(split.usage_after),
                dollars(split.usage_after - split.usage_before, signed=True),
            )
        )
    lines.append(f"Change: {percent_change(estimate.monthly_before, estimate.monthly_after)}")
    if split.usage_before or split.usage_after:
        lines.append("(*) priced from the usage file's estimates, not from the plan")
    lines.append("")
    lines.append(
        f"{len(estimate.resources)} resources: {estimate.count(PRICED)} priced, {estimate.count(FREE)} free, "
        f"{estimate.count(USAGE_BASED)} usage-based, {estimate.count(NOT_PRICED)} not priced"
    )
    not_priced = [r for r in estimate.resources if r.status == NOT_PRICED]
    if not_priced:
        lines.append("")
        lines.append("Not priced:")
        for resource in sorted(not_priced, key=lambda r: r.address):
            lines.append(_clip(f"  {resource.address}: {resource.reason}", WIDTH))
    partial = [
        (r, c) for r in estimate.resources if r.status == PRICED for c in r.components if c.not_priced_reason
    ]
    if partial:
        lines.append("")
        lines.append("Components not priced (the totals leave them out):")
        for resource, component in partial:
            lines.append(
                _clip(f"  {resource.address}: {component.name}: {component.not_priced_reason}", WIDTH)
            )
    if estimate.warnings:
        lines.append("")
        lines.append("Warnings:")
        lines.extend(_clip(f"  {warning}", WIDTH) for warning in estimate.warnings)
    if estimate.price_sources:
        lines.append("")
        # several tables' names do not fit one line: wrap between sources, never inside one
        sources = ", ".join(
            f"{name} ({as_of})".replace(" ", "\u00a0") for name, as_of in estimate.price_sources
        )
        wrapped = textwrap.wrap(
            f"Prices: {sources}", WIDTH, subsequent_indent=" " * 8, break_long_words=False
        )
        lines.extend(line.replace("\u00a0", " ") for line in wrapped)
    return "\n".join(lines) + "\n"


def _component_line(component: PricedComponent) -> str:
    if component.not_priced_reason:
        return _clip(f"{component.name}: not priced", WIDTH - 4)
    price = unit_price(component.unit_price) if component.unit_price is not None else "?"
    if component.usage_based:
        return _clip(f"{component.name}: {price} per {component.unit}, depends on usage", WIDTH - 4)
    quantity = plain(component.monthly_quantity)
    cost = dollars(component.monthly_cost or Decimal(0))
    if _tiered(component):
        price += " first tier"  # the cost is summed tier by tier, so quantity × this price would overstate it
    detail = f"{'* ' if component.from_usage else ''}{component.name}: {quantity} {component.unit} × {price}"
    if component.discount_percent:
        detail += f" − {plain(component.discount_percent)}% {component.discount_reason}"
    return _clip(detail, WIDTH - 4 - MONEY - 1).ljust(WIDTH - 4 - MONEY) + cost.rjust(MONEY)


def _tiered(component: PricedComponent) -> bool:
    if component.discount_percent or None in (
        component.monthly_quantity,
        component.unit_price,
        component.monthly_cost,
    ):
        return False
    return component.monthly_quantity * component.unit_price != component.monthly_cost  # type: ignore[operator]


def _row(name: str, before: str, after: str, delta: str) -> str:
    return (
        _clip(name, NAME).ljust(NAME)
        + " "
        + before.rjust(MONEY)
        + " "
        + after.rjust(MONEY)
        + " "
        + delta.rjust(MONEY)
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_check_table(result: CheckResult) -> str:
    """The estimate table, then budgets, findings (blocking first), attribution and the verdict."""
    lines = [render_table(result.estimate).rstrip("\n")]
    if result.budgets:
        lines += [
            "",
            "Budgets:",
            _budget_row("Team", "Budget", "Current", "This PR", "Projected", "Status"),
            "─" * WIDTH,
        ]
        for budget in result.budgets:
            lines.append(
                _budget_row(
                    budget.team,
                    dollars(budget.monthly_budget),
                    dollars(budget.current_monthly_spend),
                    dollars(budget.pr_monthly_delta, signed=True),
                    dollars(budget.projected),
                    budget.status,
                )
            )
    if result.findings:
        lines += ["", "Findings:"]
        for finding in result.findings:  # run_check sorts blocking first
            where = f" {finding.address}" if finding.address else ""
            lines.append(
                _clip(f"  [{finding.severity}] {finding.policy_id}{where}: {finding.message}", WIDTH * 2)
            )
    attribution = result.attribution
    # Reports that were not checked have no ownership to show.
    if result.verdict.status != "not_checked" or attribution.owners or attribution.unowned:
        ownership = (
            f"Ownership: {plain(attribution.resources_with_owner_percent)}% of changed resources,"
            f" {plain(attribution.delta_with_owner_percent)}% of the cost change have an owner"
        )
        lines += ["", ownership]
        if attribution.unowned:
            lines.append(_clip("  No owner: " + ", ".join(attribution.unowned), WIDTH * 2))
    verdict = result.verdict
    lines += [
        "",
        f"Verdict: {verdict.status.upper()}{' (approved)' if verdict.approved else ''}: {verdict.reason}",
    ]
    return "\n".join(lines) + "\n"


def _budget_row(team: str, *cells: str) -> str:
    return _clip(team, 24).ljust(24) + "".join(" " + cell.rjust(14) for cell in cells)
