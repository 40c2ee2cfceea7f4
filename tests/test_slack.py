"""Slack budget alerts: message content, escaping, retries, and failures that never fail the run."""

import json
import threading
from contextlib import closing
from datetime import datetime, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
import responses
from click.testing import CliRunner

from costgate.cli import cli
from costgate.deliver.github_event import PullRequest
from costgate.deliver.slack import build_message, notify_slack
from costgate.model import Attribution, BudgetStatus, CheckResult, Finding, Verdict
from costgate.report.inert import for_slack
from tests.helpers import change, plan_document, run_estimate
from tests.standin import Reply, StandIn

WEBHOOK = "https://hooks.slack.com/services/T000/B000/secret-token-xyz"
SECRET = "secret-token-xyz"


def pull_request(number, title, html_url):
    at = datetime(2026, 11, 23, tzinfo=timezone.utc)
    return PullRequest("acme/infra", number, "https://api.github.com", at, title=title, html_url=html_url)


PR = pull_request(42, "Add <!channel> cache & queue", "https://github.com/acme/infra/pull/42")


def check_result(status: str = "warn", delta_team: str = "payments") -> CheckResult:
    estimate = run_estimate(
        plan_document(
            change("aws_instance", {"instance_type": "m5.large"}, name="api"),
            change("aws_nat_gateway", {}, name="main"),
            change("aws_ebs_volume", {"type": "gp3", "size": 100}, name="data"),
            change("aws_instance", {"instance_type": "t3.micro"}, name="<script>"),
        )
    )
    owners = {r.address: delta_team for r in estimate.resources}
    return CheckResult(
        estimate=estimate,
        findings=(
            Finding("budget", status, "", "payments would reach 92% of its budget", team="payments"),
            Finding(
                "oversized",
                "warn",
                "aws_instance.api",
                "m5.large idles <@U123>; use t3.large",
                Decimal("9.86"),
                "payments",
            ),
            Finding("other", "warn", "", "someone else's finding", team="search"),
        ),
        budgets=(
            BudgetStatus("payments", Decimal(200), Decimal(100), Decimal("184.53"), status, "over 90%"),
            BudgetStatus("search", Decimal(500), Decimal(100), Decimal(5), "ok", ""),
        ),
        verdict=Verdict("warning", "budget"),
        attribution=Attribution(owners, Decimal(100), Decimal(100), ()),
    )


def test_message_has_team_pr_change_budget_top_three_and_findings():
    message = build_message(check_result(), check_result().budgets[0], PR)
    blocks = json.dumps(message["blocks"])
    assert "<https://github.com/acme/infra/pull/42|PR #42: Add &lt;!channel&gt; cache &amp; queue>" in blocks
    # budget figures as given by the check; changes priced: api 730 h x $0.096 = $70.08 + 8 GB gp2 root x $0.10 = $70.88,
    # NAT 730 h x $0.045 = $32.85, t3.micro 730 h x $0.0104 = $7.592 + $0.80 = $8.39 (beats the $8.00 gp3 volume)
    summary = message["blocks"][2]["text"]["text"]
    assert summary.startswith("This PR: +$184.53/month. Projected: $284.53 of $200.00 budget (142%).")
    top = message["blocks"][3]["text"]["text"].splitlines()
    assert top == [
        "*Top changes*",
        "• `aws_instance.api` (create): +$70.88/month",
        "• `aws_nat_gateway.main` (create): +$32.85/month",
        "• `aws_instance.&lt;script&gt;` (create): +$8.39/month",
    ]
    findings = message["blocks"][4]["text"]["text"]
    assert "m5.large idles &lt;@U123&gt;; use t3.large (saves $9.86/month)" in findings
    assert "someone else's finding" not in findings
    # plain-text fallback for notifications, escaped as well
    assert message["text"].startswith("Team payments: PR #42 is near budget. This PR: +$184.53/month.")
    assert "<" not in message["text"]


def test_escape_and_untrusted_pr_url_is_not_a_link():
    assert for_slack("a & <b> c") == "a &amp; &lt;b&gt; c"
    message = build_message(
        check_result(), check_result().budgets[0], pull_request(7, "t", "javascript:alert(1)")
    )
    assert message["blocks"][1]["text"]["text"].endswith("*Pull request* PR #7: t")


@responses.activate
def test_posts_only_to_teams_pushed_past_a_threshold():
    responses.post(WEBHOOK, status=200, body="ok")
    deliveries = notify_slack(check_result(), {"payments": WEBHOOK, "search": WEBHOOK + "2"}, pull_request=PR)
    assert [(d.team, d.ok) for d in deliveries] == [("payments", True)]
    assert len(responses.calls) == 1
    assert (
        json.loads(responses.calls[0].request.body)["blocks"][0]["text"]["text"]
        == "costgate: payments near budget"
    )


def hook_url(server):
    return f"{server.url}/services/T/B/{SECRET}"


def test_429_then_success_waits_retry_after(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    slept = []
    with closing(StandIn(Reply(429, headers={"Retry-After": "7"}), Reply(200, "ok"))) as hook:
        (delivery,) = notify_slack(check_result("block"), {"payments": hook_url(hook)}, sleep=slept.append)
    assert delivery.ok and delivery.detail == "posted (attempt 2)"
    assert slept == [7.0]
    assert [seen.method for seen in hook.seen] == ["POST", "POST"]


def test_500_is_retried_with_backoff_then_reported_without_the_url(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    slept = []
    with closing(StandIn(Reply(500))) as hook:
        (delivery,) = notify_slack(check_result(), {"payments": hook_url(hook)}, sleep=slept.append)
    assert not delivery.ok
    assert delivery.detail == "Slack alert failed after 4 attempts (HTTP 500)"
    assert slept == [1.0, 2.0, 4.0]
    assert len(hook.seen) == 4


def test_a_retry_after_longer_than_the_alert_may_take_fails_at_once(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    slept = []
    with closing(StandIn(Reply(429, headers={"Retry-After": "3600"}))) as hook:
        (delivery,) = notify_slack(check_result(), {"payments": hook_url(hook)}, sleep=slept.append)
    assert delivery.detail == (
        "Slack alert failed: Slack asked to wait 3600 s (429 on POST webhook), more than the 30 s left "
        "of the 30 s this call may take; try again later"
    )
    assert slept == [] and len(hook.seen) == 1


def test_backoff_stops_at_the_alert_deadline(monkeypatch):
    """A fake clock: each wait moves it on nine-fold, so the third wait (4 s) would end past the 30 s allowed."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds * 9  # 1 s -> 9 s, 2 s -> 18 s: 27 s gone after two waits

    with closing(StandIn(Reply(503))) as hook:
        (delivery,) = notify_slack(
            check_result(), {"payments": hook_url(hook)}, sleep=sleep, clock=lambda: now[0]
        )
    assert delivery.detail == (
        "Slack alert failed: Slack would retry in 4 s (503 on POST webhook), more than the 3 s left "
        "of the 30 s this call may take; try again later"
    )
    assert len(hook.seen) == 3 and SECRET not in delivery.detail


@responses.activate
def test_404_is_not_retried_and_connection_errors_do_not_leak_the_url():
    responses.post(WEBHOOK, status=404)
    (delivery,) = notify_slack(check_result(), {"payments": WEBHOOK}, sleep=lambda s: None)
    assert delivery.detail == "Slack refused the alert (HTTP 404)" and len(responses.calls) == 1


def test_connection_errors_are_retried_and_do_not_leak_the_url(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with closing(StandIn()) as closed:
        url = hook_url(closed)
    slept = []  # the stand-in is closed: nothing listens on its port any more
    (delivery,) = notify_slack(check_result(), {"payments": url}, sleep=slept.append)
    assert delivery.detail == "Slack alert failed after 4 attempts (ConnectionError)"
    assert slept == [1.0, 2.0, 4.0]
    assert SECRET not in delivery.detail


class _Hook(BaseHTTPRequestHandler):
    statuses: ClassVar[list[int]] = []
    bodies: ClassVar[list[dict]] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        type(self).bodies.append(json.loads(self.rfile.read(length)))
        status = type(self).statuses.pop(0) if len(type(self).statuses) > 1 else type(self).statuses[0]
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def hook_server(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    _Hook.bodies = []
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


PR_EVENT = json.dumps(
    {"pull_request": {"number": 42, "title": "Add cache", "html_url": "https://github.com/a/b/pull/42"}}
)


def _run_cli(tmp_path, monkeypatch, hook_url, result, event_text=PR_EVENT):
    import costgate.gate.check

    monkeypatch.setattr(
        costgate.gate.check, "run_check", lambda estimate, config, pricer=None, **options: result
    )
    monkeypatch.setenv("PAYMENTS_SLACK_WEBHOOK", hook_url)
    event = tmp_path / "event.json"
    event.write_text(event_text)
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    config = tmp_path / "costgate.yml"
    config.write_text(
        "teams:\n  payments:\n    monthly_budget: 200\n    slack_webhook_env: PAYMENTS_SLACK_WEBHOOK\n  search: {}\n"
    )
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_nat_gateway", {}, name="main"))))
    return CliRunner().invoke(cli, ["notify", "slack", str(plan), "--config", str(config)])


def test_cli_against_local_server_429_then_success(tmp_path, monkeypatch, hook_server):
    _Hook.statuses = [429, 200]
    url = f"http://127.0.0.1:{hook_server.server_port}/services/T/B/secret-token-xyz"
    result = _run_cli(tmp_path, monkeypatch, url, check_result())
    assert result.exit_code == 0
    assert "costgate: slack: alerted team payments (posted (attempt 2))" in result.output
    assert len(_Hook.bodies) == 2 and _Hook.bodies[1]["text"].startswith(
        "Team payments: PR #42 is near budget."
    )
    assert "secret-token" not in result.output and str(hook_server.server_port) not in result.output


def test_cli_against_local_server_500_is_a_warning_and_exit_0(tmp_path, monkeypatch, hook_server):
    _Hook.statuses = [500]
    slept = []
    monkeypatch.setattr("costgate.deliver.http.time.sleep", slept.append)
    url = f"http://127.0.0.1:{hook_server.server_port}/services/T/B/secret-token-xyz"
    result = _run_cli(tmp_path, monkeypatch, url, check_result("block"))
    assert slept == [1.0, 2.0, 4.0]
    assert result.exit_code == 0
    assert (
        "costgate: warning: slack: team payments: Slack alert failed after 4 attempts (HTTP 500)"
        in result.output
    )
    assert len(_Hook.bodies) == 4
    assert "secret-token" not in result.output and str(hook_server.server_port) not in result.output


def test_cli_missing_webhook_variable_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.delenv("PAYMENTS_SLACK_WEBHOOK", raising=False)
    result = _run_cli(tmp_path, monkeypatch, "", check_result())
    assert result.exit_code == 0
    assert "team payments: environment variable PAYMENTS_SLACK_WEBHOOK is not set; no alert" in result.output


@pytest.mark.parametrize("event_text", ["not json {", "[1, 2]", '{"pull_request": "x"}'])
def test_cli_an_unreadable_event_file_alerts_without_pr_details(
    tmp_path, monkeypatch, hook_server, event_text
):
    _Hook.statuses = [200]
    url = f"http://127.0.0.1:{hook_server.server_port}/services/T/B/secret-token-xyz"
    result = _run_cli(tmp_path, monkeypatch, url, check_result(), event_text)
    assert result.exit_code == 0, result.output
    assert "costgate: slack: alerted team payments (posted (attempt 1))" in result.output
    assert _Hook.bodies[0]["text"].startswith("Team payments: this change is near budget.")
    assert "(not a pull request)" in json.dumps(_Hook.bodies[0]["blocks"])


def test_untrusted_text_is_escaped_for_mrkdwn():
    hostile = "*urgent* _now_ ~x~ `y` <!here> https://evil.example\n*Budget* approved"
    result = check_result()
    findings = (Finding("oversized", "warn", "aws_instance.api", hostile, Decimal("9.86"), "payments"),)
    result = CheckResult(result.estimate, findings, result.budgets, result.verdict, result.attribution)
    message = build_message(
        result, result.budgets[0], pull_request(7, "fix `x`\n*y*", "https://github.com/o/r/pull/7")
    )
    shown = message["blocks"][-1]["text"]["text"]
    line = shown.splitlines()[1]  # one finding is one line: its newline cannot fake a heading
    assert line.startswith(
        "• [warn] ＊urgent＊ ＿now＿ ～x～ ｀y｀ &lt;!here&gt; https:\u2060//evil.example ＊Budget＊"
    )
    assert len(shown.splitlines()) == 2
    pr_line = message["blocks"][1]["text"]["text"]
    assert pr_line.endswith("*Pull request* <https://github.com/o/r/pull/7|PR #7: fix ｀x｀ ＊y＊>")
    assert "https://evil" not in message["text"] and "*urgent*" not in message["text"]
    # an address stays code, with a backtick that would end the span replaced
    assert "• `aws_instance.&lt;script&gt;` (create): +$8.39/month" in message["blocks"][3]["text"]["text"]
