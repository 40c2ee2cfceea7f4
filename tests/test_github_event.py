"""The one reader of the GitHub Actions event file, and the pull request both commands take from it."""

import json
from datetime import datetime, timezone

import pytest

from costgate.deliver.github_event import PullRequest, pull_request_from_env, pull_request_in_event
from costgate.errors import CostgateError

T1 = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def event_file(tmp_path, payload):
    path = tmp_path / "event.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    return str(path)


def test_pull_request_from_the_event(tmp_path):
    event = event_file(
        tmp_path,
        {
            "pull_request": {
                "number": 42,
                "title": "Add cache",
                "html_url": "https://github.com/o/r/pull/42",
                "labels": [{"name": "cost-approved"}],
                "head": {"sha": "abc"},
            }
        },
    )
    env = {"GITHUB_EVENT_PATH": event, "GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": "https://ghe/api/v3/"}
    pull = pull_request_from_env(env)
    assert (pull.repo, pull.number, pull.api_url, pull.labels, pull.head_sha) == (
        "o/r",
        42,
        "https://ghe/api/v3",
        ("cost-approved",),
        "abc",
    )
    assert (pull.title, pull.html_url) == ("Add cache", "https://github.com/o/r/pull/42")
    alerted = pull_request_in_event(env)
    assert (alerted.number, alerted.title, alerted.html_url) == (
        42,
        "Add cache",
        "https://github.com/o/r/pull/42",
    )


def test_a_push_event_needs_a_pr_number_and_dates_the_estimate_by_its_commit(tmp_path):
    push = event_file(tmp_path, {"head_commit": {"timestamp": "2026-11-23T10:00:00+00:00"}})
    with pytest.raises(CostgateError, match="pass --pr N"):
        pull_request_from_env({"GITHUB_EVENT_PATH": push, "GITHUB_REPOSITORY": "o/r"})
    pull = pull_request_from_env({"GITHUB_EVENT_PATH": push, "GITHUB_REPOSITORY": "o/r"}, number=3)
    assert (pull.number, pull.estimated_at, pull.head_sha) == (3, T1, "")
    assert pull_request_in_event({"GITHUB_EVENT_PATH": push}) is None
    with pytest.raises(CostgateError, match="--repo"):
        pull_request_from_env({}, number=3)


def test_the_repository_can_come_from_the_event_and_an_issue_comment_names_its_pr(tmp_path):
    event = event_file(
        tmp_path,
        {
            "issue": {"number": 9, "pull_request": {"url": "u"}, "labels": [{"name": "x"}]},
            "repository": {"full_name": "a/b"},
        },
    )
    pull = pull_request_from_env({"GITHUB_EVENT_PATH": event})
    assert (pull.repo, pull.number, pull.labels) == ("a/b", 9, ("x",))


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "cannot read the event payload: Expecting property name"),
        ("[1, 2]", "the event payload is not a JSON object"),
        ('"text"', "the event payload is not a JSON object"),
    ],
)
def test_an_unreadable_event_is_one_line_for_comments_and_none_for_alerts(tmp_path, payload, message):
    env = {"GITHUB_EVENT_PATH": event_file(tmp_path, payload), "GITHUB_REPOSITORY": "o/r"}
    with pytest.raises(CostgateError, match=message) as error:
        pull_request_from_env(env, number=1)
    assert "\n" not in str(error.value)
    assert pull_request_in_event(env) is None
    assert pull_request_in_event({"GITHUB_EVENT_PATH": str(tmp_path / "missing.json")}) is None


def test_fields_of_the_wrong_type_are_ignored_not_a_crash(tmp_path):
    event = event_file(
        tmp_path,
        {
            "pull_request": {
                "number": 5,
                "title": ["x"],
                "html_url": 7,
                "labels": ["plain", {"name": 3}, {"name": "ok"}],
                "head": "abc",
            },
            "head_commit": {"timestamp": "yesterday"},
            "repository": "o/r",
        },
    )
    pull = pull_request_in_event({"GITHUB_EVENT_PATH": event})
    assert isinstance(pull, PullRequest)
    assert (pull.repo, pull.number, pull.title, pull.html_url, pull.labels, pull.head_sha) == (
        "",
        5,
        "",
        "",
        ("", "ok"),
        "",
    )
    for number in ("5", True, -1):
        odd = event_file(tmp_path, {"pull_request": {"number": number}})
        assert pull_request_in_event({"GITHUB_EVENT_PATH": odd}) is None
