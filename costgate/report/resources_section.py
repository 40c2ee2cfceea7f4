"""The comment's resources: those whose cost changes or that could not be priced, largest change first.

Each shown resource's components (the unpriced ones with their reason) are in a folded block;
resources whose cost depends on usage are listed with their unit prices.
"""

from __future__ import annotations

from costgate.model import FREE, NOT_PRICED, USAGE_BASED, Estimate, ResourceEstimate
from costgate.report import by_size_of_change
from costgate.report.comment_sections import Section, folded
from costgate.report.components import component_detail, cost_cells
from costgate.report.inert import for_markdown as inert
from costgate.report.money import unit_price

VISIBLE = 20  # rows shown before the fold
FOLDED_ROWS = 200  # rows a shortened comment still lists


def resources_section(estimate: Estimate) -> Section:
    listed = sorted(
        (
            r
            for r in estimate.resources
            if r.status != FREE and r.status != USAGE_BASED and (r.monthly_delta or _unpriced(r))
        ),
        key=lambda r: (r.status == NOT_PRICED, *by_size_of_change(r)),
    )
    usage_based = [r for r in estimate.resources if r.status == USAGE_BASED and r.action != "no-op"]
    if not listed and not usage_based:
        return Section("resources", ([],))
    by_project = len(estimate.projects) > 1
    variants = (
        _lines(listed, usage_based, by_project, rows=len(listed), components=True),
        _lines(listed, usage_based, by_project, rows=FOLDED_ROWS, components=True),
        _lines(listed, usage_based, by_project, rows=FOLDED_ROWS, components=False),
        _lines(listed, usage_based, by_project, rows=VISIBLE, components=False),
        [],
    )
    return Section("resources", variants)


def _unpriced(resource: ResourceEstimate) -> bool:
    return (resource.status == NOT_PRICED or resource.incomplete) and resource.action != "no-op"


def _lines(
    listed: list[ResourceEstimate],
    usage_based: list[ResourceEstimate],
    by_project: bool,
    *,
    rows: int,
    components: bool,
) -> list[str]:
    lines = ["#### Resources", ""]
    if listed:
        header = ["| Resource | Action | Before | After | Change |", "|---|---|---:|---:|---:|"]
        if by_project:
            header = [
                "| Resource | Project | Action | Before | After | Change |",
                "|---|---|---|---:|---:|---:|",
            ]
        shown = listed[:rows]
        lines += header + [_row(r, by_project) for r in shown[:VISIBLE]]
        if shown[VISIBLE:]:
            lines += folded(
                f"{len(shown) - VISIBLE} more resources",
                [*header, *(_row(r, by_project) for r in shown[VISIBLE:])],
            )
        else:
            lines.append("")
        if len(listed) > rows:
            lines += [f"…and {len(listed) - rows:,} smaller changes, in the JSON report.", ""]
        if components:
            lines += folded(
                f"Components of these {len(shown)} resources", [_component_items(r) for r in shown]
            )
    if usage_based:
        items = [_usage_item(r) for r in usage_based[:rows]]
        more = len(usage_based) - len(items)
        if more:
            items.append(f"- …and {more:,} more, in the JSON report.")
        lines += folded(f"{len(usage_based)} resources with costs that depend on usage", items)
    return lines


def _row(resource: ResourceEstimate, by_project: bool) -> str:
    project = f" {inert(resource.project)} |" if by_project else ""
    before, after, change = cost_cells(resource)
    return f"| {inert(resource.address)} |{project} {resource.action} | {before} | {after} | {change} |"


def _component_items(resource: ResourceEstimate) -> str:
    head = f"- {inert(resource.address)} ({resource.action})"
    if resource.status == NOT_PRICED and not resource.components:
        return f"{head}: not priced: {inert(resource.reason)}"
    parts = [head]
    for component in resource.components:
        detail, cost = component_detail(component)
        parts.append(f"  - {inert(detail)} {'=' if cost.startswith('$') else '→'} {cost}")
    if resource.status == NOT_PRICED:
        parts.append(f"  - not priced: {inert(resource.reason)}")
    return "\n".join(parts)


def _usage_item(resource: ResourceEstimate) -> str:
    prices = ", ".join(
        f"{inert(c.name)} {unit_price(c.unit_price)} per {inert(c.unit)}"
        for c in resource.components
        if c.unit_price is not None
    )
    return f"- {inert(resource.address)}: {prices or inert(resource.reason)}"
