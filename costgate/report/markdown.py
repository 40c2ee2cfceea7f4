"""The markdown body of the PR comment.

Everything that comes from the plan (addresses, module names, tag values, reasons that
quote them) is untrusted: the PR author wrote it. `inert` makes such text render as the
literal characters, with no markdown, HTML, links or @mentions.
"""

from __future__ import annotations

import re

from costgate.model import FREE, NOT_PRICED, PRICED, USAGE_BASED, Estimate
from costgate.report import by_size_of_change
from costgate.report.money import dollars, percent_change, unit_price

TOP_RESOURCES = 20

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_WORD_JOINER = "\u2060"


def inert(text: str) -> str:
    """Untrusted text as literal characters in GitHub markdown (table cells included)."""
    text = " ".join(str(text).split())  # no newlines: they would end a table row
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    # A word joiner after @ and inside :// and www. stops mentions and auto-links without changing what people read.
    text = text.replace("@", "@" + _WORD_JOINER)
    text = text.replace(":/", ":" + _WORD_JOINER + "/")
    return re.sub(r"(?i)\bwww\\\.", "www" + _WORD_JOINER + r"\\.", text)


def render_markdown(estimate: Estimate) -> str:
    lines = [
        "### 💰 costgate cost estimate",
        "",
        f"**Monthly cost change: {dollars(estimate.monthly_delta, signed=True)}** "
        f"({dollars(estimate.monthly_before)} → {dollars(estimate.monthly_after)}, "
        f"{percent_change(estimate.monthly_before, estimate.monthly_after)})",
        "",
    ]
    changed = sorted((r for r in estimate.resources if r.status != FREE and (r.monthly_delta or r.action != "no-op")), key=by_size_of_change)
    if changed:
        lines += ["| Resource | Action | Before | After | Change |", "|---|---|---:|---:|---:|"]
        for resource in changed[:TOP_RESOURCES]:
            lines.append(_resource_row(resource))
        if len(changed) > TOP_RESOURCES:
            lines += ["", f"<details><summary>{len(changed) - TOP_RESOURCES} more resources</summary>", ""]
            lines += ["| Resource | Action | Before | After | Change |", "|---|---|---:|---:|---:|"]
            lines += [_resource_row(resource) for resource in changed[TOP_RESOURCES:]]
            lines += ["", "</details>"]
        lines.append("")
    usage_based = [r for r in estimate.resources if r.status == USAGE_BASED and r.action != "no-op"]
    if usage_based:
        lines += ["<details><summary>Costs that depend on usage</summary>", ""]
        for resource in usage_based:
            prices = ", ".join(
                f"{inert(c.name)} {unit_price(c.unit_price)} per {inert(c.unit)}" for c in resource.components if c.unit_price is not None
            )
            lines.append(f"- {inert(resource.address)}: {prices}")
        lines += ["", "</details>", ""]
    not_priced = [r for r in estimate.resources if r.status == NOT_PRICED and r.action != "no-op"]
    if not_priced:
        lines += [f"<details><summary>{len(not_priced)} resources not priced</summary>", ""]
        lines += [f"- {inert(r.address)}: {inert(r.reason)}" for r in not_priced]
        lines += ["", "</details>", ""]
    lines.append(
        f"{len(estimate.resources)} resources: {estimate.count(PRICED)} priced, {estimate.count(FREE)} free, "
        f"{estimate.count(USAGE_BASED)} usage-based, {estimate.count(NOT_PRICED)} not priced."
    )
    if estimate.warnings:
        lines += ["", "<details><summary>Warnings</summary>", ""]
        lines += [f"- {inert(w)}" for w in estimate.warnings]
        lines += ["", "</details>"]
    if estimate.price_sources:
        lines += ["", "<sub>Prices: " + ", ".join(f"{inert(n)} ({inert(d)})" for n, d in estimate.price_sources) + "</sub>"]
    return "\n".join(lines) + "\n"


def _resource_row(resource) -> str:
    return (
        f"| {inert(resource.address)} | {resource.action} | {dollars(resource.monthly_before)} | "
        f"{dollars(resource.monthly_after)} | {dollars(resource.monthly_delta, signed=True)} |"
    )
