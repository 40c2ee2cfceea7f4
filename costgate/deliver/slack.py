"""Budget alerts to the owning team's Slack channel (incoming webhooks, Block Kit).

A team is alerted when this PR raises its monthly cost and the check puts its budget at
warn or block. The message says who, which PR, by how much, against which budget, the
top three changes and the findings. Posting retries on 429 (honouring Retry-After) and
5xx with backoff. A failed alert never fails the gate: it comes back as a warning. The
webhook URL is a secret: it never appears in a result, a warning or a log line.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from costgate.model import BudgetStatus, CheckResult, Finding, ResourceEstimate
from costgate.report.money import dollars

ALERT_STATUSES = ("warn", "block")
ATTEMPTS = 4
BACKOFF_SECONDS = (1.0, 2.0, 4.0)
MAX_RETRY_AFTER_SECONDS = 30.0  # a rate-limited alert must not hold the pipeline for long
TIMEOUT_SECONDS = 10
TOP_CHANGES = 3
MAX_FINDINGS = 5


@dataclass(frozen=True)
class PullRequest:
    number: int | None
    title: str
    url: str


@dataclass(frozen=True)
class Delivery:
    """What happened to one team's alert; `detail` never holds the webhook URL."""

    team: str
    ok: bool
    detail: str


def pull_request_from_event(path: str | None) -> PullRequest | None:
    """The PR of a GitHub Actions event file (GITHUB_EVENT_PATH), or None outside a pull request."""
    if not path:
        return None
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pr = event.get("pull_request") if isinstance(event, dict) else None
    if not isinstance(pr, dict):
        return None
    number = pr.get("number")
    return PullRequest(
        number if isinstance(number, int) else None, str(pr.get("title") or ""), str(pr.get("html_url") or "")
    )


def teams_to_alert(result: CheckResult) -> list[BudgetStatus]:
    """Budgets this PR pushes to warn or block (a PR that lowers cost alerts nobody)."""
    return [b for b in result.budgets if b.status in ALERT_STATUSES and b.pr_monthly_delta > 0]


def escape(text: str) -> str:
    """Slack mrkdwn control characters; untrusted text then cannot become a link or a mention."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_message(
    result: CheckResult, budget: BudgetStatus, pull_request: PullRequest | None
) -> dict[str, Any]:
    team = budget.team
    owners = result.attribution.owners
    changes = sorted(
        (r for r in result.estimate.resources if owners.get(r.address) == team and r.monthly_delta),
        key=lambda r: (-abs(r.monthly_delta), r.address),
    )[:TOP_CHANGES]
    findings = [f for f in result.findings if f.team == team or (f.address and owners.get(f.address) == team)]
    level = "over budget (blocking)" if budget.status == "block" else "near budget"
    pr_text = _pr_text(pull_request)
    headline = f"Team {team}: {pr_text} is {level}"
    summary = (
        f"This PR: {dollars(budget.pr_monthly_delta, signed=True)}/month. Projected: {dollars(budget.projected)}"
        f" of {dollars(budget.monthly_budget)} budget ({_percent(budget.projected, budget.monthly_budget)})."
    )
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"costgate: {team} {level}"[:150]}},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": f"*Team* {escape(team)}\n*Pull request* {_pr_link(pull_request)}",
            },
        },
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": escape(summary + " " + budget.message).strip()},
        },
    ]
    if changes:
        blocks.append(
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*Top changes*\n" + "\n".join(_change_line(r) for r in changes),
                },
            }
        )
    if findings:
        shown = findings[:MAX_FINDINGS]
        more = f"\n… and {len(findings) - len(shown)} more" if len(findings) > len(shown) else ""
        blocks.append(
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*Findings*\n" + "\n".join(_finding_line(f) for f in shown) + more,
                },
            }
        )
    fallback = [headline + ".", summary]
    fallback += [f"{r.address}: {dollars(r.monthly_delta, signed=True)}/month" for r in changes]
    fallback += [f"[{f.severity}] {f.message}" for f in findings[:MAX_FINDINGS]]
    return {"text": escape(" ".join(fallback))[:3000], "blocks": blocks}


def notify_slack(
    result: CheckResult,
    webhooks: Mapping[str, str],
    *,
    pull_request: PullRequest | None = None,
    post: Callable[..., Any] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> list[Delivery]:
    """Post one message per team to alert that has a webhook; never raises for a failed post."""
    sleep = sleep or time.sleep
    if post is None:
        import requests

        post = requests.post
    deliveries = []
    for budget in teams_to_alert(result):
        url = webhooks.get(budget.team)
        if not url:
            deliveries.append(Delivery(budget.team, False, "no Slack webhook configured for this team"))
            continue
        message = build_message(result, budget, pull_request)
        deliveries.append(Delivery(budget.team, *_post(url, message, post, sleep)))
    return deliveries


def _post(
    url: str, message: dict[str, Any], post: Callable[..., Any], sleep: Callable[[float], None]
) -> tuple[bool, str]:
    problem = ""
    wait = 0.0
    for attempt in range(ATTEMPTS):
        if attempt:
            sleep(wait)
        try:
            response = post(url, json=message, timeout=TIMEOUT_SECONDS)
        except Exception as error:  # noqa: BLE001 - any transport error is a warning; its text may hold the URL
            problem = f"{type(error).__name__}"
            wait = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
            continue
        status = response.status_code
        if 200 <= status < 300:
            return True, f"posted (attempt {attempt + 1})"
        problem = f"HTTP {status}"
        if status == 429:
            wait = _retry_after(response.headers.get("Retry-After"), attempt)
        elif status >= 500:
            wait = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
        else:
            return (
                False,
                f"Slack refused the alert ({problem})",
            )  # 4xx: a wrong or revoked webhook; retrying won't help
    return False, f"Slack alert failed after {ATTEMPTS} attempts ({problem})"


def _retry_after(value: str | None, attempt: int) -> float:
    try:
        seconds = (
            float(value) if value is not None else BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
        )
    except ValueError:
        seconds = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)


def _pr_text(pull_request: PullRequest | None) -> str:
    if pull_request is None:
        return "this change"
    return f"PR #{pull_request.number}" if pull_request.number is not None else "this pull request"


def _pr_link(pull_request: PullRequest | None) -> str:
    if pull_request is None:
        return "(not a pull request)"
    title = escape(pull_request.title or _pr_text(pull_request)).replace("|", "¦")
    url = pull_request.url
    # Only a plain https URL becomes a link; anything else is shown as text.
    if url.startswith("https://") and not any(ch in url for ch in "<>| \n"):
        return f"<{url}|{escape(_pr_text(pull_request))}: {title}>"
    return f"{escape(_pr_text(pull_request))}: {title}"


def _change_line(resource: ResourceEstimate) -> str:
    return f"• `{escape(resource.address)}` ({escape(resource.action)}): {dollars(resource.monthly_delta, signed=True)}/month"


def _finding_line(finding: Finding) -> str:
    saving = f" (saves {dollars(finding.monthly_saving)}/month)" if finding.monthly_saving else ""
    return f"• [{escape(finding.severity)}] {escape(finding.message)}{saving}"


def _percent(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "no budget"
    return f"{(part / whole * 100).quantize(Decimal(1))}%"
