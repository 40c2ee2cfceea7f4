"""`costgate comment github` against a GitHub stand-in on 127.0.0.1: the verdict reaches the exit code.

Before the restructure the script printed verdict=blocked and exited 0 (main() dropped click's exit
code) while CliRunner tests passed; these runs go through the installed script, as a workflow does.
"""

import json

import pytest

from tests.e2e.expect import expect
from tests.e2e.standins import GITHUB_TOKEN
from tests.helpers import FIXTURES

M5_LARGE = str(FIXTURES / "e2e" / "m5-large.json")
NEAR_BUDGET = str(FIXTURES / "e2e" / "near-budget.yml")
BLOCKED_PLAN = str(FIXTURES / "check" / "plan.json")
BLOCKING_CONFIG = str(FIXTURES / "check" / "costgate.yml")


@pytest.fixture
def actions_env(workdir, github):
    """The variables GitHub Actions sets for a pull_request workflow on PR 7 of o/r."""
    (workdir / "event.json").write_text(
        json.dumps({"pull_request": {"number": 7, "head": {"sha": "abc123"}, "labels": []}})
    )
    return {
        "GITHUB_API_URL": github.url,
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_EVENT_PATH": str(workdir / "event.json"),
        "GITHUB_TOKEN": GITHUB_TOKEN,
        "GITHUB_STEP_SUMMARY": str(workdir / "summary.md"),
        "GITHUB_OUTPUT": str(workdir / "output.txt"),
    }


def comment_github(costgate, env, *args):
    run = costgate("comment", "github", *args, env=env)
    assert GITHUB_TOKEN not in run.stdout + run.stderr
    return run


def test_a_blocked_verdict_posts_the_comment_and_exits_1(any_costgate, actions_env, github, workdir):
    run = expect(comment_github(any_costgate, actions_env, BLOCKED_PLAN, "--config", BLOCKING_CONFIG), 1)
    assert "costgate: comment created https://github.example/o/r/pull/7#issuecomment-100" in run.stderr
    (comment,) = github.comments
    assert "costgate:comment" in comment["body"] and "**Verdict: ⛔ blocked**" in comment["body"]
    assert "+$1,054.12" in comment["body"]  # $1,039.52 + $4.60 + $10.00
    # one ::error annotation per blocking finding, for the workflow log
    assert "::error" in run.stdout
    outputs = (workdir / "output.txt").read_text()
    assert outputs == "monthly_delta=1054.12\nverdict=blocked\n"
    summary = (workdir / "summary.md").read_text()
    assert "**Verdict: ⛔ blocked**" in summary and "+$1,054.12" in summary


def test_a_second_run_updates_the_same_comment(costgate, actions_env, github):
    expect(comment_github(costgate, actions_env, M5_LARGE), 0)
    run = expect(comment_github(costgate, actions_env, BLOCKED_PLAN, "--config", BLOCKING_CONFIG), 1)
    assert "costgate: comment updated" in run.stderr
    (comment,) = github.comments
    assert "+$1,054.12" in comment["body"] and "+$70.88" not in comment["body"]


def test_the_approval_label_turns_a_block_into_exit_0(costgate, actions_env, github, workdir):
    (workdir / "event.json").write_text(
        json.dumps(
            {"pull_request": {"number": 7, "head": {"sha": "abc123"}, "labels": [{"name": "cost-approved"}]}}
        )
    )
    expect(comment_github(costgate, actions_env, BLOCKED_PLAN, "--config", BLOCKING_CONFIG), 0)
    assert "approved" in github.comments[0]["body"]


def test_fail_on_warn_makes_a_warning_exit_1(costgate, actions_env, github, workdir):
    # $10.00 spent + $70.88 this PR = $80.88 of $100: a warning, which passes by default
    expect(comment_github(costgate, actions_env, M5_LARGE, "--config", NEAR_BUDGET), 0)
    expect(comment_github(costgate, actions_env, M5_LARGE, "--config", NEAR_BUDGET, "--fail-on", "warn"), 1)
    assert (workdir / "output.txt").read_text().endswith("monthly_delta=70.88\nverdict=warning\n")


def test_fail_on_never_exits_0_even_when_blocked(costgate, actions_env, github, workdir):
    run = comment_github(
        costgate, actions_env, BLOCKED_PLAN, "--config", BLOCKING_CONFIG, "--fail-on", "never"
    )
    expect(run, 0)
    assert len(github.comments) == 1
    assert "verdict=blocked" in (workdir / "output.txt").read_text()


def test_dry_run_prints_the_comment_posts_nothing_and_still_exits_1(
    any_costgate, actions_env, github, workdir
):
    run = comment_github(any_costgate, actions_env, BLOCKED_PLAN, "--config", BLOCKING_CONFIG, "--dry-run")
    expect(run, 1)
    assert "+$1,054.12" in run.stdout and "**Verdict: ⛔ blocked**" in run.stdout
    assert github.requests == [] and github.comments == []
    assert "verdict=blocked" in (workdir / "output.txt").read_text()


def test_report_out_writes_the_json_report(costgate, actions_env, github, workdir):
    expect(comment_github(costgate, actions_env, M5_LARGE, "--report-out", "report.json"), 0)
    assert json.loads((workdir / "report.json").read_text())["totals"]["monthly_delta"] == "70.88"
    assert (
        workdir / "output.txt"
    ).read_text() == "monthly_delta=70.88\nverdict=pass\nreport_path=report.json\n"


def test_a_wrong_token_is_exit_2_without_either_token(costgate, actions_env, github):
    wrong = "ghs_wrong_token_nobody_may_see"
    run = comment_github(costgate, actions_env | {"GITHUB_TOKEN": wrong}, M5_LARGE)
    expect(run, 2)
    assert "GitHub rejected the token (401 Unauthorized)" in run.stderr
    assert wrong not in run.stdout + run.stderr
    assert github.comments == []


def test_outside_a_pull_request_is_exit_2(costgate, actions_env, workdir):
    (workdir / "event.json").write_text(json.dumps({"push": {}}))
    run = expect(comment_github(costgate, actions_env, M5_LARGE), 2)
    assert "pull request" in run.stderr
