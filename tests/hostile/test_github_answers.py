"""GitHub answering 200 with HTML or JSON of the wrong shape: one line naming GitHub and exit 2, through the script."""

from __future__ import annotations

import json
import subprocess
from contextlib import closing

import pytest

from tests.e2e.runner import clean_environment, console_script
from tests.e2e.standins import GITHUB_TOKEN
from tests.helpers import FIXTURES
from tests.standin import Reply, StandIn

PLAN = str(FIXTURES / "e2e" / "m5-large.json")
COMMENTS = "/repos/o/r/issues/7/comments"
COMMIT = {"sha": "abc123", "commit": {"committer": {"date": "2026-11-23T10:00:00Z"}}}  # asked for first


@pytest.mark.parametrize(
    ("replies", "message"),
    [
        (
            [Reply(200, body=b"<html><body>Sign in to GitHub</body></html>")],
            f"GitHub answered GET {COMMENTS} with something that is not JSON (HTTP 200); "
            "check --api-url (GitHub Enterprise Server: https://HOST/api/v3)",
        ),
        (
            [Reply(200, {"message": "ok"})],
            f"GitHub answered GET {COMMENTS} with an unexpected shape (expected a JSON list)",
        ),
        (
            [Reply(200, [1, 2])],
            f"GitHub answered GET {COMMENTS} with an unexpected shape (expected a list of comment objects)",
        ),
        (
            [Reply(200, COMMIT), Reply(200, []), Reply(201, ["not", "a", "comment"])],
            f"GitHub answered POST {COMMENTS} with an unexpected shape (expected a JSON object)",
        ),
    ],
    ids=["html", "object-for-list", "list-of-numbers", "list-for-created"],
)
def test_a_wrong_answer_from_github_is_one_line_exit_2(tmp_path, replies, message):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "head": {"sha": "abc123"}, "labels": []}}))
    with closing(StandIn(*replies)) as github:
        env = clean_environment(tmp_path) | {
            "GITHUB_API_URL": github.url,
            "GITHUB_REPOSITORY": "o/r",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_TOKEN": GITHUB_TOKEN,
        }
        run = subprocess.run(
            [str(console_script()), "comment", "github", PLAN],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert run.returncode == 2
    assert run.stderr == f"costgate: error: {message}\n"
    assert GITHUB_TOKEN not in run.stdout + run.stderr
