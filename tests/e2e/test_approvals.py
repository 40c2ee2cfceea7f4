"""Approvals through the installed script against the GitHub stand-in: real API shapes.

The blocked fixture (fixtures/check) blocks twice; an approval turns it into an approved
warning (exit 0). The label counts only when an approver added it last, or an approver's
review approves the head commit; a team's membership is asked of the API.
"""

import json

import pytest

from tests.e2e.expect import expect
from tests.e2e.standins import GITHUB_TOKEN
from tests.helpers import FIXTURES

BLOCKED_PLAN = str(FIXTURES / "check" / "plan.json")
HEAD = "abc123"


def labeled(login: str, label: str = "cost-approved", event: str = "labeled") -> dict:
    """An issue event as GET /repos/{o}/{r}/issues/{n}/events gives it."""
    return {
        "id": 1,
        "node_id": "LE_1",
        "url": "https://api.github.com/repos/o/r/issues/events/1",
        "actor": {"login": login, "id": 2, "type": "User"},
        "event": event,
        "commit_id": None,
        "created_at": "2026-11-23T10:00:00Z",
        "label": {"name": label, "color": "d73a4a"},
    }


def review(login: str, state: str = "APPROVED", commit: str = HEAD) -> dict:
    """A review as GET /repos/{o}/{r}/pulls/{n}/reviews gives it."""
    return {
        "id": 80,
        "node_id": "PRR_1",
        "user": {"login": login, "id": 3, "type": "User"},
        "body": "",
        "state": state,
        "html_url": "https://github.com/o/r/pull/7#pullrequestreview-80",
        "commit_id": commit,
        "submitted_at": "2026-11-23T11:00:00Z",
        "author_association": "MEMBER",
    }


@pytest.fixture
def approval_run(costgate, workdir, github):
    config = FIXTURES / "check" / "costgate.yml"
    (workdir / "costgate.yml").write_text(
        config.read_text()
        .replace("approval: {label: cost-approved}", "")
        .replace("dev-sizing.yml", str(FIXTURES / "check" / "dev-sizing.yml"))
        + "approval: {label: cost-approved, approvers: [alice, '@acme/finops']}\n"
    )
    (workdir / "event.json").write_text(
        json.dumps(
            {"pull_request": {"number": 7, "head": {"sha": HEAD}, "labels": [{"name": "cost-approved"}]}}
        )
    )
    env = {
        "GITHUB_API_URL": github.url,
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_EVENT_PATH": str(workdir / "event.json"),
        "GITHUB_TOKEN": GITHUB_TOKEN,
    }

    def run(code: int) -> str:
        done = expect(costgate("comment", "github", BLOCKED_PLAN, env=env), code)
        assert GITHUB_TOKEN not in done.stdout + done.stderr
        return github.comments[-1]["body"].replace("\\", "")  # the comment escapes markdown; read it as text

    return run


def test_an_approver_added_the_label(approval_run, github):
    github.events = [labeled("mallory"), labeled("alice")]  # the latest labeled event counts
    body = approval_run(0)
    assert "(approved)**" in body.split("Verdict", 1)[1].splitlines()[0]
    assert "approved: alice (alice) added the cost-approved label" in body


def test_a_stranger_added_the_label_and_it_does_not_count(approval_run, github):
    github.events = [labeled("alice"), labeled("mallory", event="unlabeled"), labeled("mallory")]
    body = approval_run(1)
    assert "blocked" in body
    assert (
        "the cost-approved label was added by mallory, who is not an approver: it does not count"
        " (an approver must add it or approve the head commit)"
    ) in body


def test_an_approvers_review_of_the_head_commit_counts(approval_run, github):
    github.events = [labeled("mallory")]
    github.reviews = [review("alice")]
    assert "approved: alice (alice) approved the head commit" in approval_run(0)


def test_a_review_of_an_older_commit_or_a_later_change_request_does_not(approval_run, github):
    github.events = [labeled("mallory")]
    github.reviews = [review("alice", commit="old999"), review("alice"), review("alice", "CHANGES_REQUESTED")]
    assert "it does not count" in approval_run(1)


def test_a_member_of_an_approver_team(approval_run, github):
    github.events = [labeled("bob")]
    github.memberships = {("acme", "finops", "bob"): "active"}
    assert "approved: bob (team acme/finops) added the cost-approved label" in approval_run(0)
    github.memberships = {("acme", "finops", "bob"): "pending"}  # invited, not yet a member
    assert "added by bob, who is not an approver" in approval_run(1)


@pytest.mark.parametrize("status", [403, 404])
def test_a_membership_the_token_cannot_read_is_said_and_not_counted(approval_run, github, status):
    github.events = [labeled("bob")]
    github.memberships = {("acme", "finops", "bob"): status}
    body = approval_run(1)
    assert "it does not count" in body
    assert (
        f"cannot tell whether bob is in team acme/finops (HTTP {status} on GET /orgs/acme/teams/finops/memberships/bob:"
        " the token needs the organization's members: read permission)"
    ) in body
