"""Budget alerts to the owning team's Slack channel (incoming webhooks, Block Kit).

A team is alerted when this PR raises its monthly cost and the check puts its budget at
warn or block. The message says who, which PR, by how much, against which budget, the
top three changes and the findings. Posting goes through the shared transport
(costgate.deliver.http): 429 and 5xx are retried, honouring Retry-After, within a bounded time.
A failed alert never fails the gate: it comes back as a warning. The webhook URL is a secret:
it never appears in a result, a warning or a log line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from costgate.deliver.github_event import PullRequest
from costgate.errors import one_line
from costgate.model import BudgetStatus, CheckResult, Finding, ResourceEstimate
from costgate.report.inert import for_slack, for_slack_code
from costgate.report.money import dollars, percent, share

if TYPE_CHECKING:
    from costgate.deliver.http import HttpError

ALERT_STATUSES = ("warn", "block")
ATTEMPTS = 4
SECONDS_PER_ALERT = 30.0  # retries and waits included: a rate-limited alert must not hold the pipeline
TIMEOUT_SECONDS = 10.0
TOP_CHANGES = 3
MAX_FINDINGS = 5


@dataclass(frozen=True)
class Delivery:
    """What happened to one team's alert; `detail` never holds the webhook URL."""

    team: str
    ok: bool
    detail: str


def teams_to_alert(result: CheckResult) -> list[BudgetStatus]:
    """Budgets this PR pushes to warn or block (a PR that lowers cost alerts nobody)."""
    return [b for b in result.budgets if b.status in ALERT_STATUSES and b.pr_monthly_delta > 0]


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
        {
            "type": "header",
            "text": {"type": "plain_text", "text": one_line(f"costgate: {team} {level}")[:150]},
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": f"*Team* {for_slack(team)}\n*Pull request* {_pr_link(pull_request)}",
            },
        },
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": for_slack(summary + " " + budget.message).strip()},
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
    return {"text": for_slack(" ".join(fallback))[:3000], "blocks": blocks}


def notify_slack(
    result: CheckResult,
    webhooks: Mapping[str, str],
    *,
    pull_request: PullRequest | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
) -> list[Delivery]:
    """Post one message per team to alert that has a webhook; never raises for a failed post."""
    from costgate.deliver.http import HttpError, Transport

    transport = Transport(
        "Slack",
        attempts=ATTEMPTS,
        backoff=1.0,
        timeout=(TIMEOUT_SECONDS, TIMEOUT_SECONDS),
        seconds_per_call=SECONDS_PER_ALERT,
        sleep=sleep,
        clock=clock,
    )
    deliveries = []
    for budget in teams_to_alert(result):
        url = webhooks.get(budget.team)
        if not url:
            deliveries.append(Delivery(budget.team, False, "no Slack webhook configured for this team"))
            continue
        message = build_message(result, budget, pull_request)
        try:
            # The webhook's path is its secret: messages say "webhook" instead. A repeated alert
            # after a 5xx is better than none.
            transport.request("POST", url, json=message, where="webhook", repeatable=True)
        except HttpError as error:
            deliveries.append(Delivery(budget.team, False, _failure(error)))
        else:
            deliveries.append(Delivery(budget.team, True, f"posted (attempt {transport.last_attempts})"))
    return deliveries


def _failure(error: HttpError) -> str:
    if error.kind == "refused":  # a wrong or revoked webhook: retrying won't help
        return f"Slack refused the alert (HTTP {error.status})"
    if error.kind == "out-of-time":
        return f"Slack alert failed: {error}"
    problem = f"HTTP {error.status}" if error.status is not None else error.cause
    return f"Slack alert failed after {error.attempts} attempts ({problem})"


def _pr_text(pull_request: PullRequest | None) -> str:
    return "this change" if pull_request is None else f"PR #{pull_request.number}"


def _pr_link(pull_request: PullRequest | None) -> str:
    if pull_request is None:
        return "(not a pull request)"
    title = for_slack(pull_request.title or _pr_text(pull_request)).replace("|", "¦")  # | ends a link's label
    url = pull_request.html_url
    # Only a plain https URL becomes a link; anything else is shown as (inert) text.
    if url.startswith("https://") and not any(ch in url for ch in "<>| \n"):
        return f"<{url}|{for_slack(_pr_text(pull_request))}: {title}>"
    return f"{for_slack(_pr_text(pull_request))}: {title}"


def _change_line(resource: ResourceEstimate) -> str:
    return (
        f"• `{for_slack_code(resource.address)}` ({for_slack(resource.action)}): "
        f"{dollars(resource.monthly_delta, signed=True)}/month"
    )


def _finding_line(finding: Finding) -> str:
    saving = f" (saves {dollars(finding.monthly_saving)}/month)" if finding.monthly_saving else ""
    return f"• [{for_slack(finding.severity)}] {for_slack(finding.message)}{saving}"


def _percent(part: Decimal, whole: Decimal) -> str:
    used = share(part, whole)
    return "no budget" if used is None else percent(used, places=0)
