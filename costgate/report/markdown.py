"""The markdown body of the PR comment, the job's step summary and `--format markdown`.

A reader sees the decision in the top block: the monthly change, the verdict with its reason,
what the estimate could not price, and the projects. Then what to change, the budgets, the
resources, and the facts (commit, price sources, run). Untrusted text goes through
`costgate.report.inert`.

GitHub rejects a comment over 65,536 characters, so `render_markdown` never returns more than
`max_chars`: it folds the sections from the bottom up, then cuts them from the bottom up, and
says what it left out; the top block and the facts always stay.
"""

from __future__ import annotations

import os
from decimal import Decimal

from costgate.model import NOT_PRICED, PRICED, USAGE_BASED, CheckResult, Estimate, Project
from costgate.report.comment_facts import CommentFacts
from costgate.report.comment_sections import Section, budgets_section, details_section, findings_section
from costgate.report.inert import for_markdown as inert
from costgate.report.money import dollars, percent_change
from costgate.report.resources_section import resources_section
from costgate.report.usage_split import usage_split

GITHUB_COMMENT_LIMIT = 65536
SHOWN_PROJECTS = 8

_VERDICT_ICONS = {"pass": "✅", "warning": "⚠️", "not_checked": "❔", "blocked": "⛔"}
_TRUNCATED = "\n\n> **Comment truncated** to fit GitHub's size limit: the JSON report has everything.\n"


def render_markdown(
    result: Estimate | CheckResult,
    *,
    max_chars: int = GITHUB_COMMENT_LIMIT,
    facts: CommentFacts | None = None,
) -> str:
    """The comment for an estimate or a check result, at most `max_chars` characters."""
    check = result if isinstance(result, CheckResult) else None
    estimate = result.estimate if isinstance(result, CheckResult) else result
    facts = CommentFacts.from_env(os.environ) if facts is None else facts
    top = _top_block(estimate, check)
    sections = [
        *([findings_section(check), budgets_section(check)] if check is not None else []),
        resources_section(estimate),
        details_section(estimate, check),
    ]
    chosen = [0] * len(sections)  # the variant of each section: 0 is the fullest

    def document() -> str:
        body = [line for section, variant in zip(sections, chosen) for line in section.variants[variant]]
        return (
            "\n".join(top + body + _left_out_note(sections, chosen, facts) + _facts(estimate, facts)) + "\n"
        )

    text = document()
    # Fold: one step for each section from the bottom up, round after round, so the section that
    # is too long folds most; then cut (the last, empty variant) from the bottom up.
    folding = True
    while len(text) > max_chars and folding:
        folding = False
        for index in reversed(range(len(sections))):
            if len(text) > max_chars and chosen[index] < len(sections[index].variants) - 2:
                chosen[index] += 1
                text = document()
                folding = True
    for index in reversed(range(len(sections))):
        if len(text) > max_chars and chosen[index] < len(sections[index].variants) - 1:
            chosen[index] = len(sections[index].variants) - 1
            text = document()
    return text if len(text) <= max_chars else _truncate(text, max_chars)


def _truncate(text: str, max_chars: int) -> str:
    """Only for a limit too small for the top block itself (GitHub's is not)."""
    room = max_chars - len(_TRUNCATED)
    if room <= 0:
        return _TRUNCATED.strip()[:max_chars]
    kept = text[:room]
    if "\n" in kept:
        kept = kept[: kept.rindex("\n")]
    return kept + _TRUNCATED


def _top_block(estimate: Estimate, check: CheckResult | None) -> list[str]:
    lines = ["### 💰 costgate cost estimate", "", _headline(estimate), ""]
    if check is not None:
        lines += [_verdict_line(check), ""]
    lines += _missing_lines(estimate)
    if check is not None:
        lines += _biggest_saving(check)
    if len(estimate.projects) > 1:
        lines += _projects_table(estimate.projects)
    return lines


def _headline(estimate: Estimate) -> str:
    changed = [r for r in estimate.resources if r.action != "no-op"]
    priced = estimate.count(PRICED) + estimate.count(USAGE_BASED)
    if changed and not priced and estimate.count(NOT_PRICED):
        return (
            f"**Monthly cost change: not priced**: none of the {len(changed)} changed resources has a price."
        )
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
    icon = _VERDICT_ICONS.get(verdict.status, "")
    approved = " (approved)" if verdict.approved else ""
    return f"**Verdict: {icon} {inert(verdict.status)}{approved}**: {inert(verdict.reason)}"


def _missing_lines(estimate: Estimate) -> list[str]:
    """What the figures leave out: resources not priced or priced in part, and assumed regions."""
    lines = []
    changed = sum(1 for r in estimate.resources if r.action != "no-op")
    not_priced = sum(1 for r in estimate.resources if r.status == NOT_PRICED and r.action != "no-op")
    incomplete = estimate.incomplete_count
    if not_priced or incomplete:
        parts = []
        if not_priced:
            parts.append(f"{not_priced:,} of {changed:,} changed resources could not be priced")
        verb = "is" if incomplete == 1 else "are"
        if incomplete and not_priced:
            parts.append(f"{incomplete:,} {verb} priced only in part")
        elif incomplete:
            parts.append(f"{incomplete:,} of {changed:,} changed resources {verb} priced only in part")
        lines += [f"⚠️ {' and '.join(parts)}: {dollars(estimate.monthly_after)} is a lower bound.", ""]
    assumed = estimate.region_assumed_count
    if assumed:
        lines += [
            f"📍 {assumed:,} resource{'s were' if assumed > 1 else ' was'} priced at the provider's default "
            "region: set `region` in the provider block, pass `--region`, or set `AWS_REGION`.",
            "",
        ]
    return lines


def _biggest_saving(check: CheckResult) -> list[str]:
    saving = max(
        (f for f in check.findings if f.monthly_saving and f.monthly_saving >= 1),
        key=lambda f: (f.monthly_saving, f.address),
        default=None,
    )
    if saving is None:
        return []
    where = f"{inert(saving.address)}: " if saving.address else ""
    return [
        f"💡 Biggest saving: {dollars(saving.monthly_saving or Decimal(0))}/month, {where}"
        f"{inert(saving.message)} ({inert(saving.policy_id)})",
        "",
    ]


def _projects_table(projects: tuple[Project, ...]) -> list[str]:
    changed = sorted((p for p in projects if p.monthly_delta), key=lambda p: (-abs(p.monthly_delta), p.name))
    unchanged = [p for p in projects if not p.monthly_delta]
    lines = ["| Project | Before | After | Change |", "|---|---:|---:|---:|"]
    lines += [_project_row(inert(p.name), [p]) for p in changed[:SHOWN_PROJECTS]]
    if changed[SHOWN_PROJECTS:]:
        lines.append(_project_row(f"{len(changed) - SHOWN_PROJECTS} more projects", changed[SHOWN_PROJECTS:]))
    if unchanged:
        names = ", ".join(inert(p.name) for p in unchanged[:3]) + (", …" if len(unchanged) > 3 else "")
        lines.append(_project_row(f"{len(unchanged)} unchanged: {names}", unchanged))
    lines.append(_project_row("**Total**", list(projects)))
    return lines + [""]


def _project_row(label: str, projects: list[Project]) -> str:
    before = sum((p.monthly_before for p in projects), Decimal(0))
    after = sum((p.monthly_after for p in projects), Decimal(0))
    return f"| {label} | {dollars(before)} | {dollars(after)} | {dollars(after - before, signed=True)} |"


def _left_out_note(sections: list[Section], chosen: list[int], facts: CommentFacts) -> list[str]:
    folded = [s.title for s, v in zip(sections, chosen) if 0 < v < len(s.variants) - 1]
    cut = [s.title for s, v in zip(sections, chosen) if v == len(s.variants) - 1 and v > 0]
    if not folded and not cut:
        return []
    parts = []
    if folded:
        parts.append(f"shortened {', '.join(folded)}")
    if cut:
        parts.append(f"left out {', '.join(cut)}")
    report = f"the JSON report of [this run]({facts.run_url})" if facts.run_url else "the JSON report"
    return [
        f"> ✂️ To fit GitHub's size limit this comment {' and '.join(parts)}: {report} has everything.",
        "",
    ]


def _facts(estimate: Estimate, facts: CommentFacts) -> list[str]:
    lines = []
    parts = []
    if facts.commit:
        parts.append(f"Computed for commit `{facts.commit[:12]}`")
    sources = estimate.price_sources
    if sources:
        oldest = min(as_of for _, as_of in sources)
        if len(sources) <= 3:
            named = ", ".join(f"{inert(name)} (as of {inert(as_of)})" for name, as_of in sources)
            parts.append(f"prices: {named}")
        else:
            lines += [
                f"<details><summary>Price sources ({len(sources)})</summary>",
                "",
                *(f"- {inert(name)} (as of {inert(as_of)})" for name, as_of in sources),
                "",
                "</details>",
                "",
            ]
            parts.append(f"prices from {len(sources)} sources")
        parts.append(f"oldest as of {inert(oldest)}")
    parts.append("monthly figures at 730 hours")
    if facts.run_url:
        parts.append(f"[run and JSON report]({facts.run_url})")
    parts.append("this comment is updated on every push")
    text = " · ".join(parts)
    return lines + [f"<sub>{text[0].upper()}{text[1:]}.</sub>"]
