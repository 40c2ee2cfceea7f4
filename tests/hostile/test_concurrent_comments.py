"""Two `costgate comment github` runs for the same pull request at once end with one costgate comment.

The stand-in GitHub answers every call after a delay, so the runs interleave: both list the
comments before either posts (before the fix, 8 of 8 such trials left two comments).
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
import time
from typing import Any

import pytest

from tests.e2e.runner import TIMEOUT_SECONDS, clean_environment, console_script
from tests.e2e.standins import GITHUB_TOKEN, JsonStandIn
from tests.helpers import FIXTURES

LATENCY_SECONDS = 0.15
COMMIT_TIMES = {"older": "2026-11-23T09:00:00Z", "newer": "2026-11-23T11:00:00Z"}  # by head sha
PLAN = str(FIXTURES / "e2e" / "m5-large.json")


class SlowGitHub(JsonStandIn):
    """Pull request 7 of o/r: list, create, update, delete and hide (GraphQL) comments, each after a delay."""

    def __init__(self) -> None:
        self.comments: list[dict[str, Any]] = []
        self.hidden: set[str] = set()
        self.lock = threading.Lock()
        self.next_id = 100
        super().__init__()

    def respond(self, method: str, path: str, headers: Any, body: Any) -> tuple[int, Any]:
        time.sleep(LATENCY_SECONDS)
        with self.lock:
            return self._respond(method, path.split("?")[0], body)

    def _respond(self, method: str, route: str, body: Any) -> tuple[int, Any]:
        if route == "/repos/o/r/issues/7/comments" and method == "GET":
            return 200, list(self.comments)
        if route == "/repos/o/r/issues/7/comments" and method == "POST":
            self.next_id += 1
            comment = {
                "id": self.next_id,
                "node_id": f"IC_{self.next_id}",
                "body": body["body"],
                "html_url": f"https://github.example/o/r/pull/7#issuecomment-{self.next_id}",
                "user": {"login": "github-actions[bot]", "type": "Bot"},
            }
            self.comments.append(comment)
            return 201, comment
        if route == "/graphql" and method == "POST":
            self.hidden.add(body["variables"]["id"])
            return 200, {"data": {"minimizeComment": {"minimizedComment": {"isMinimized": True}}}}
        found = re.fullmatch(r"/repos/o/r/issues/comments/(\d+)", route)
        comment = next((c for c in self.comments if found and c["id"] == int(found[1])), None)
        if comment is not None and method == "PATCH":
            comment["body"] = body["body"]
            return 200, comment
        if comment is not None and method == "DELETE":
            self.comments.remove(comment)
            return 204, None
        found = re.fullmatch(r"/repos/o/r/commits/(\w+)", route)
        if found and method == "GET":
            date = COMMIT_TIMES.get(found[1], "2026-11-23T10:00:00Z")
            return 200, {"sha": found[1], "commit": {"committer": {"date": date}}}
        return 404, {"message": "Not Found"}

    def visible_costgate_comments(self) -> list[dict[str, Any]]:
        return [
            c for c in self.comments if "costgate:comment" in c["body"] and c["node_id"] not in self.hidden
        ]


@pytest.fixture
def github():
    stand_in = SlowGitHub()
    yield stand_in
    stand_in.close()


def start_run(tmp_path, github, behavior: str, name: str, sha: str = "abc123") -> subprocess.Popen[str]:
    event = tmp_path / f"event-{name}.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "head": {"sha": sha}, "labels": []}}))
    env = clean_environment(tmp_path / f"home-{name}") | {
        "GITHUB_API_URL": github.url,
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_TOKEN": GITHUB_TOKEN,
    }
    return subprocess.Popen(
        [str(console_script()), "comment", "github", PLAN, "--behavior", behavior],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )


@pytest.mark.parametrize("behavior", ["update", "delete-and-new", "hide-and-new"])
@pytest.mark.parametrize("existing", [False, True], ids=["first-comment", "with-old-comment"])
def test_two_runs_at_once_leave_one_costgate_comment(tmp_path, github, behavior, existing):
    if existing:  # an earlier run's comment, estimated before this head commit
        old = "<!-- costgate:comment key=main estimated_at=2026-11-20T10:00:00+00:00 -->\nold"
        github.comments.append(
            {
                "id": 50,
                "node_id": "IC_50",
                "body": old,
                "user": {"login": "github-actions[bot]", "type": "Bot"},
            }
        )
    runs = [start_run(tmp_path, github, behavior, name) for name in ("a", "b")]
    results = [run.communicate(timeout=TIMEOUT_SECONDS) for run in runs]
    for run, (stdout, stderr) in zip(runs, results):
        assert run.returncode == 0, stderr
        assert "Traceback" not in stderr and GITHUB_TOKEN not in stdout + stderr
    # Both runs listed before either posted: each saw the same comments.
    assert [m for m, p, _ in github.requests[:2]] == ["GET", "GET"]
    (left,) = github.visible_costgate_comments()
    assert "costgate cost estimate" in left["body"] and "estimated_at=2026-11-23T10:00:00" in left["body"]
    if behavior == "update" and existing:
        assert left["id"] == 50  # both updated the one comment
    else:
        assert left["id"] > 100  # posted by one of the runs; the other's duplicate is gone


@pytest.mark.parametrize("behavior", ["update", "delete-and-new"])
def test_of_two_runs_at_once_the_newer_head_commit_wins(tmp_path, github, behavior):
    runs = [start_run(tmp_path, github, behavior, sha, sha) for sha in ("newer", "older")]
    for run in runs:
        _, stderr = run.communicate(timeout=TIMEOUT_SECONDS)
        assert run.returncode == 0, stderr
    (left,) = github.visible_costgate_comments()
    assert "estimated_at=2026-11-23T11:00:00+00:00" in left["body"]
