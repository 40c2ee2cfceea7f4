"""`costgate notify slack` against a Slack webhook stand-in on 127.0.0.1; the webhook URL is a secret."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES

M5_LARGE = str(FIXTURES / "e2e" / "m5-large.json")
NEAR_BUDGET = str(FIXTURES / "e2e" / "near-budget.yml")
SECRET_PATH = "/services/T000/B000/e2e-secret-webhook-token"


def slack_env(stand_in, workdir):
    (workdir / "event.json").write_text(
        json.dumps(
            {"pull_request": {"number": 42, "title": "Add API", "html_url": "https://github.com/o/r/pull/42"}}
        )
    )
    return {
        "PAYMENTS_SLACK_WEBHOOK": stand_in.url + SECRET_PATH,
        "GITHUB_EVENT_PATH": str(workdir / "event.json"),
    }


def assert_no_webhook(run, stand_in):
    shown = run.stdout + run.stderr
    assert "e2e-secret-webhook-token" not in shown and stand_in.url not in shown


def test_a_team_past_its_warning_line_is_alerted(costgate, workdir, slack_ok):
    run = expect(
        costgate("notify", "slack", M5_LARGE, "--config", NEAR_BUDGET, env=slack_env(slack_ok, workdir)), 0
    )
    assert run.stdout == "costgate: slack: alerted team payments (posted (attempt 1))\n"
    assert_no_webhook(run, slack_ok)
    ((method, path, message),) = slack_ok.requests
    assert (method, path) == ("POST", SECRET_PATH)
    # $10.00 spent + 730 h x $0.096 + 8 GB x $0.10 = $80.88 of a $100.00 budget
    assert message["text"].startswith("Team payments: PR #42 is near budget. This PR: +$70.88/month.")
    assert "Projected: $80.88 of $100.00 budget" in json.dumps(message["blocks"])


def test_slack_answering_500_is_a_warning_and_exit_0(costgate, workdir, slack_down):
    # four attempts with 1 + 2 + 4 s of backoff between them: this test takes about 7 s
    run = expect(
        costgate("notify", "slack", M5_LARGE, "--config", NEAR_BUDGET, env=slack_env(slack_down, workdir)), 0
    )
    assert run.stderr == (
        "costgate: warning: slack: team payments: Slack alert failed after 4 attempts (HTTP 500)\n"
    )
    assert len(slack_down.requests) == 4
    assert_no_webhook(run, slack_down)


def test_an_unset_webhook_variable_is_a_warning(costgate, workdir, slack_ok):
    run = expect(costgate("notify", "slack", M5_LARGE, "--config", NEAR_BUDGET), 0)
    assert "team payments: environment variable PAYMENTS_SLACK_WEBHOOK is not set; no alert" in run.stderr
    assert slack_ok.requests == []


def test_nobody_is_alerted_under_every_threshold(costgate, workdir, slack_ok):
    (workdir / "costgate.yml").write_text(
        "teams:\n  payments:\n    monthly_budget: 1000\n    owners: {tags: {team: payments}}\n"
        "    slack_webhook_env: PAYMENTS_SLACK_WEBHOOK\n"
    )
    run = expect(costgate("notify", "slack", M5_LARGE, env=slack_env(slack_ok, workdir)), 0)
    assert "no team passes a budget threshold in this plan; nothing to send" in run.stdout
    assert slack_ok.requests == []
