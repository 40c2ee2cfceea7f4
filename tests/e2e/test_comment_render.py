"""What `comment github --dry-run` prints in GitHub Actions: the top block first, and the facts of the run."""

import json

from tests.e2e.expect import expect
from tests.e2e.standins import GITHUB_TOKEN
from tests.helpers import FIXTURES

BLOCKED_PLAN = str(FIXTURES / "check" / "plan.json")
BLOCKING_CONFIG = str(FIXTURES / "check" / "costgate.yml")
HEAD = "0123456789abcdef0123456789abcdef01234567"


def actions_env(workdir, **extra):
    (workdir / "event.json").write_text(
        json.dumps({"pull_request": {"number": 7, "head": {"sha": HEAD}, "labels": []}})
    )
    return {
        "GITHUB_API_URL": "http://127.0.0.1:9",  # never asked: a dry run posts nothing
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_EVENT_PATH": str(workdir / "event.json"),
        "GITHUB_TOKEN": GITHUB_TOKEN,
        "GITHUB_STEP_SUMMARY": str(workdir / "summary.md"),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_RUN_ID": "987654321",
        "GITHUB_SHA": "f" * 40,  # the merge commit: the PR head wins
        **extra,
    }


def test_the_comment_leads_with_the_decision_and_ends_with_the_facts(costgate, workdir):
    run = expect(
        costgate(
            "comment",
            "github",
            BLOCKED_PLAN,
            "--config",
            BLOCKING_CONFIG,
            "--dry-run",
            env=actions_env(workdir),
        ),
        1,
    )
    body = run.stdout[run.stdout.index("### 💰") :]  # after the ::error/::warning annotations
    headline, verdict = (
        body.index("**Monthly cost change: +$1,054.12**"),
        body.index("**Verdict: ⛔ blocked**"),
    )
    assert headline < verdict < body.index("#### What to change") < body.index("#### Budgets")
    assert body.index("#### Budgets") < body.index("#### Resources")
    facts = body.rstrip().splitlines()[-1]
    assert facts.startswith("<sub>Computed for commit `0123456789ab`")
    assert "[run and JSON report](https://github.com/o/r/actions/runs/987654321)" in facts
    assert "this comment is updated on every push" in facts
    # the step summary is the same renderer: the same comment
    assert (workdir / "summary.md").read_text(encoding="utf-8") == body + "\n"


def test_a_server_url_that_is_not_https_gives_no_link(costgate, workdir):
    env = actions_env(workdir, GITHUB_SERVER_URL="javascript:alert(1)//")
    run = expect(
        costgate("comment", "github", BLOCKED_PLAN, "--config", BLOCKING_CONFIG, "--dry-run", env=env), 1
    )
    assert "](" not in run.stdout.rstrip().splitlines()[-1] and "javascript" not in run.stdout
