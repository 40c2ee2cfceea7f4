"""The GitHub client and posting logic against `responses` (no network)."""

import json
import re
from contextlib import closing
from datetime import datetime, timezone
from decimal import Decimal

import pytest
import responses
from responses import matchers

from costgate.deliver import github as gh
from costgate.deliver.github_event import PullRequest
from costgate.errors import CostgateError
from costgate.model import (
    Attribution,
    CheckResult,
    Estimate,
    Finding,
    Verdict,
)
from tests.standin import Reply, StandIn

API = "https://api.github.com"
COMMENTS = f"{API}/repos/o/r/issues/7/comments"
TOKEN = "ghs_secret_token_value"
T1 = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
T2 = datetime(2026, 11, 23, 11, 0, tzinfo=timezone.utc)


def client(slept=None):
    return gh.GitHubClient(TOKEN, API, sleep=(slept.append if slept is not None else lambda s: None))


def pr(at=T2, labels=()):
    return PullRequest("o/r", 7, API, at, labels)


def ours(comment_id, at=T1, key="main"):
    return {
        "id": comment_id,
        "node_id": f"IC_{comment_id}",
        "body": gh.marker(key, at) + "\nold",
        "html_url": f"u{comment_id}",
        "user": {"login": "github-actions[bot]", "type": "Bot"},
    }


def other(comment_id):
    return {
        "id": comment_id,
        "node_id": f"IC_{comment_id}",
        "body": "LGTM @someone",
        "user": {"login": "dev", "type": "User"},
    }


def page(url, comments, next_url=None):
    headers = {"Link": f'<{next_url}>; rel="next", <{COMMENTS}?page=3>; rel="last"'} if next_url else {}
    responses.add(responses.GET, url, json=comments, headers=headers)


@responses.activate
def test_finds_the_comment_on_the_third_page_and_updates_it():
    page(f"{COMMENTS}?per_page=100", [other(i) for i in range(100)], f"{COMMENTS}?per_page=100&page=2")
    page(
        f"{COMMENTS}?per_page=100&page=2",
        [other(i) for i in range(100, 200)],
        f"{COMMENTS}?per_page=100&page=3",
    )
    page(f"{COMMENTS}?per_page=100&page=3", [other(200), ours(201)])
    responses.add(
        responses.PATCH, f"{API}/repos/o/r/issues/comments/201", json={"id": 201, "html_url": "u201"}
    )
    outcome = gh.post(client(), pr(), "new body")
    assert outcome == gh.Outcome("updated", 201, "u201")
    patched = json.loads(responses.calls[-1].request.body)["body"]
    assert patched == "<!-- costgate:comment key=main estimated_at=2026-11-23T11:00:00+00:00 -->\nnew body"
    assert responses.calls[0].request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert len(responses.calls) == 4


@responses.activate
def test_update_creates_when_there_is_no_comment():
    page(f"{COMMENTS}?per_page=100", [other(1), ours(2, key="other-set")])
    responses.add(
        responses.POST,
        COMMENTS,
        json={"id": 3, "html_url": "u3"},
        match=[matchers.json_params_matcher({"body": gh.marker("main", T2) + "\nb"})],
    )
    assert gh.post(client(), pr(), "b") == gh.Outcome("created", 3, "u3")


@responses.activate
def test_new_keeps_the_old_comment():
    page(f"{COMMENTS}?per_page=100", [ours(1)])
    page(f"{COMMENTS}?per_page=100", [ours(1), ours(2, at=T2)])  # listed again after posting: no duplicate
    responses.add(responses.POST, COMMENTS, json={"id": 2})
    assert gh.post(client(), pr(), "b", behavior="new").action == "created"
    assert [c.request.method for c in responses.calls] == ["GET", "POST", "GET"]


@responses.activate
def test_delete_and_new_deletes_every_old_comment():
    page(f"{COMMENTS}?per_page=100", [ours(1), other(2), ours(3)])
    page(f"{COMMENTS}?per_page=100", [other(2), ours(4, at=T2)])
    responses.add(responses.DELETE, f"{API}/repos/o/r/issues/comments/1", status=204)
    responses.add(responses.DELETE, f"{API}/repos/o/r/issues/comments/3", status=204)
    responses.add(responses.POST, COMMENTS, json={"id": 4})
    assert gh.post(client(), pr(), "b", behavior="delete-and-new").action == "created"
    assert [c.request.method for c in responses.calls] == ["GET", "DELETE", "DELETE", "POST", "GET"]


@responses.activate
def test_a_duplicate_a_concurrent_run_posted_is_removed_and_one_comment_is_left():
    # Both runs listed no comment and both posted; listing again, each keeps the same one:
    # the newest estimate, then the highest id (here 9, the other run's), and deletes the rest.
    page(f"{COMMENTS}?per_page=100", [other(2)])
    page(f"{COMMENTS}?per_page=100", [other(2), ours(8, at=T2), ours(9, at=T2)])
    responses.add(responses.POST, COMMENTS, json={"id": 8, "html_url": "u8"})
    responses.add(
        responses.DELETE, f"{API}/repos/o/r/issues/comments/8", status=404
    )  # the other run was first
    outcome = gh.post(client(), pr(), "b")
    assert outcome.action == "kept-newer" and outcome.comment_id == 9 and outcome.url == "u9"
    assert [c.request.method for c in responses.calls] == ["GET", "POST", "GET", "DELETE"]


@responses.activate
def test_hide_and_new_minimizes_the_latest_through_graphql():
    page(f"{COMMENTS}?per_page=100", [ours(1), ours(5)])
    responses.add(
        responses.POST,
        f"{API}/graphql",
        json={"data": {"minimizeComment": {"minimizedComment": {"isMinimized": True}}}},
    )
    responses.add(responses.POST, COMMENTS, json={"id": 6})
    assert gh.post(client(), pr(), "b", behavior="hide-and-new").action == "created"
    mutation = json.loads(responses.calls[1].request.body)
    assert "minimizeComment" in mutation["query"] and mutation["variables"] == {"id": "IC_5"}


@responses.activate
def test_graphql_errors_are_reported():
    page(f"{COMMENTS}?per_page=100", [ours(1)])
    responses.add(
        responses.POST,
        f"{API}/graphql",
        json={"errors": [{"message": "Resource not accessible by integration"}]},
    )
    with pytest.raises(CostgateError, match="minimizeComment failed: Resource not accessible"):
        gh.post(client(), pr(), "b", behavior="hide-and-new")


def test_graphql_url_for_github_enterprise():
    assert gh.graphql_url("https://ghe.example.com/api/v3") == "https://ghe.example.com/api/graphql"
    assert gh.graphql_url(API) == f"{API}/graphql"


@responses.activate
def test_an_older_run_never_overwrites_a_newer_comment():
    page(f"{COMMENTS}?per_page=100", [ours(1, at=T2)])
    outcome = gh.post(client(), pr(at=T1), "older estimate")
    assert outcome.action == "kept-newer"
    assert len(responses.calls) == 1


@responses.activate
def test_skip_no_diff_deletes_the_old_comment():
    page(f"{COMMENTS}?per_page=100", [ours(1)])
    responses.add(responses.DELETE, f"{API}/repos/o/r/issues/comments/1", status=204)
    assert gh.post(client(), pr(), "b", skip=True, delete_when_skipped=True).action == "deleted"


@responses.activate
def test_quiet_change_posts_nothing_without_an_old_comment_but_keeps_one_current():
    page(f"{COMMENTS}?per_page=100", [other(1)])
    assert gh.post(client(), pr(), "b", quiet=True).action == "skipped"
    responses.replace(responses.GET, f"{COMMENTS}?per_page=100", json=[ours(2)])
    responses.add(responses.PATCH, f"{API}/repos/o/r/issues/comments/2", json={"id": 2})
    assert gh.post(client(), pr(), "b", quiet=True).action == "updated"


@responses.activate
def test_403_on_write_says_which_permission():
    page(f"{COMMENTS}?per_page=100", [])
    responses.add(
        responses.POST, COMMENTS, status=403, json={"message": "Resource not accessible by integration"}
    )
    with pytest.raises(CostgateError, match="give the workflow `pull-requests: write`") as error:
        gh.post(client(), pr(), "b")
    assert TOKEN not in str(error.value)


@responses.activate
def test_404_and_401():
    responses.add(responses.GET, f"{COMMENTS}?per_page=100", status=404, json={"message": "Not Found"})
    with pytest.raises(CostgateError, match=r"not found \(404 on GET /repos/o/r/issues/7/comments\)"):
        client().list_comments("o/r", 7)
    responses.replace(
        responses.GET, f"{COMMENTS}?per_page=100", status=401, json={"message": "Bad credentials"}
    )
    with pytest.raises(CostgateError, match="rejected the token"):
        client().list_comments("o/r", 7)


def test_5xx_then_success_backs_off(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with closing(StandIn(Reply(502), Reply(503), Reply(200, [other(1)]))) as github:
        slept = []
        listed = gh.GitHubClient(TOKEN, github.url, sleep=slept.append).list_comments("o/r", 7)
    assert listed == [other(1)]
    assert slept == [1.0, 2.0]
    assert [seen.path for seen in github.seen] == ["/repos/o/r/issues/7/comments?per_page=100"] * 3
    assert all(seen.headers["Authorization"] == f"Bearer {TOKEN}" for seen in github.seen)


def test_a_new_comment_is_not_posted_twice_after_a_5xx(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with (
        closing(StandIn(Reply(502, {"message": "Bad gateway"}))) as github,
        pytest.raises(CostgateError) as error,
    ):
        gh.GitHubClient(TOKEN, github.url, sleep=lambda s: None).create_comment("o/r", 7, "b")
    assert str(error.value) == "GitHub API error 502 on POST /repos/o/r/issues/7/comments: Bad gateway"
    assert len(github.seen) == 1


def test_an_edit_is_repeated_after_a_5xx(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with closing(StandIn(Reply(500), Reply(200, {"id": 5, "html_url": "u5"}))) as github:
        client = gh.GitHubClient(TOKEN, github.url, sleep=lambda s: None)
        assert client.update_comment("o/r", 5, "b") == {"id": 5, "html_url": "u5"}
    assert [seen.method for seen in github.seen] == ["PATCH", "PATCH"]


def test_a_retry_after_longer_than_the_call_may_take_fails_at_once(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with closing(StandIn(Reply(429, headers={"Retry-After": "3600"}))) as github:
        slept = []
        with pytest.raises(CostgateError) as error:
            gh.GitHubClient(TOKEN, github.url, sleep=slept.append).list_comments("o/r", 7)
    assert str(error.value) == (
        "GitHub asked to wait 3600 s (429 on GET /repos/o/r/issues/7/comments), more than the 300 s left "
        "of the 300 s this call may take; try again later"
    )
    assert slept == [] and len(github.seen) == 1


def test_unreachable_github_names_the_call_not_the_token(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with closing(StandIn()) as github:
        url = github.url  # closed: nothing listens there any more
    slept = []
    with pytest.raises(CostgateError) as error:
        gh.GitHubClient(TOKEN, url, sleep=slept.append).commit_time("o/r", "abc")
    assert (
        str(error.value)
        == "cannot reach GitHub (GET /repos/o/r/commits/abc) after 5 attempts: ConnectionError"
    )
    assert slept == [1.0, 2.0, 4.0, 8.0]


@responses.activate
def test_secondary_rate_limit_honours_retry_after():
    responses.add(
        responses.POST,
        COMMENTS,
        status=403,
        headers={"Retry-After": "7"},
        json={"message": "You have exceeded a secondary rate limit"},
    )
    responses.add(responses.POST, COMMENTS, json={"id": 9})
    slept = []
    assert client(slept).create_comment("o/r", 7, "b") == {"id": 9}
    assert slept == [7.0]


@responses.activate
def test_secondary_rate_limit_without_retry_after_waits_a_minute_and_gives_up_eventually():
    for _ in range(gh.MAX_ATTEMPTS):
        responses.add(
            responses.POST, COMMENTS, status=403, json={"message": "You have exceeded a secondary rate limit"}
        )
    slept = []
    with pytest.raises(CostgateError, match="after 5 attempts"):
        client(slept).create_comment("o/r", 7, "b")
    assert slept == [60.0] * 4


@responses.activate
def test_secondary_rate_limit_waits_stop_at_the_call_deadline():
    """A fake clock that each wait moves on, with 30 s per attempt: the fourth minute would pass 300 s."""
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds + 30

    for _ in range(gh.MAX_ATTEMPTS):
        responses.add(
            responses.GET,
            f"{COMMENTS}?per_page=100",
            status=403,
            json={"message": "You have exceeded a secondary rate limit"},
        )
    client = gh.GitHubClient(TOKEN, API, sleep=sleep, clock=lambda: now[0])
    with pytest.raises(CostgateError) as error:
        client.list_comments("o/r", 7)
    # waits end at 90, 180 and 270 s; a fourth 60 s wait would end at 330 s
    assert str(error.value) == (
        "GitHub asked to wait 60 s (403 on GET /repos/o/r/issues/7/comments), more than the 30 s left "
        "of the 300 s this call may take; try again later"
    )
    assert len(responses.calls) == 4


@responses.activate
def test_primary_rate_limit_waits_until_the_reset(monkeypatch):
    monkeypatch.setattr(gh.time, "time", lambda: 1_800_000_000.0)
    headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800000042"}
    responses.add(
        responses.GET, f"{COMMENTS}?per_page=100", status=403, headers=headers, json={"message": "x"}
    )
    responses.add(responses.GET, f"{COMMENTS}?per_page=100", json=[])
    slept = []
    assert client(slept).list_comments("o/r", 7) == []
    assert slept == [43.0]  # 42 s to the reset, and one more


@responses.activate
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "<html>Sign in</html>",
            "GitHub answered GET /repos/o/r/issues/7/comments with something that is not JSON",
        ),
        (json.dumps({"message": "ok"}), "with an unexpected shape (expected a JSON list)"),
        (json.dumps([1, 2]), "with an unexpected shape (expected a list of comment objects)"),
    ],
)
def test_a_comment_list_of_the_wrong_shape_is_one_line(body, message):
    responses.add(responses.GET, f"{COMMENTS}?per_page=100", body=body, status=200)
    with pytest.raises(CostgateError, match=re.escape(message)) as error:
        client().list_comments("o/r", 7)
    assert "\n" not in str(error.value) and TOKEN not in str(error.value)


@responses.activate
def test_comments_with_odd_fields_are_not_ours():
    odd = [
        {"id": "1", "body": gh.marker("main", T1), "user": {"type": "Bot"}},  # id not a number
        {"id": 2, "body": None, "user": {"type": "Bot"}},
        {"id": 3, "body": gh.marker("main", T1), "user": "github-actions[bot]"},
    ]
    page(f"{COMMENTS}?per_page=100", odd)
    responses.add(responses.POST, COMMENTS, json={"id": 4, "html_url": "u4"})
    assert gh.post(client(), pr(), "b") == gh.Outcome("created", 4, "u4")


@responses.activate
def test_a_commit_of_the_wrong_shape_is_a_costgate_error():
    responses.add(responses.GET, f"{API}/repos/o/r/commits/abc", json={"commit": {"committer": "x"}})
    with pytest.raises(CostgateError, match="expected a commit with commit.committer.date"):
        client().commit_time("o/r", "abc")


@responses.activate
def test_commit_time():
    responses.add(
        responses.GET,
        f"{API}/repos/o/r/commits/abc",
        json={"commit": {"committer": {"date": "2026-11-23T09:30:00Z"}}},
    )
    assert client().commit_time("o/r", "abc") == datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


def test_no_token():
    with pytest.raises(CostgateError, match="no GitHub token"):
        gh.GitHubClient("", API)


def test_marker_round_trip_and_bad_keys():
    assert gh.parse_marker("x\n" + gh.marker("infra/api", T1) + "\ny") == ("infra/api", T1)
    assert gh.parse_marker("<!-- costgate:comment key=a estimated_at=garbage -->") is None
    with pytest.raises(CostgateError):
        gh.marker("a --> <b>", T1)


def result(delta="0", before="100", findings=()):
    from costgate.model import PRICED, ResourceEstimate

    resource = ResourceEstimate(
        "aws_instance.a",
        "aws_instance",
        "update",
        "us-east-1",
        PRICED,
        "",
        Decimal(before),
        Decimal(before) + Decimal(delta),
        (),
    )
    return CheckResult(
        Estimate((resource,), (), (), ()),
        tuple(findings),
        (),
        Verdict("pass", ""),
        Attribution({}, Decimal(0), Decimal(0), ()),
    )


def test_thresholds_and_findings():
    assert gh.worth_posting(result("20"), Decimal(10), Decimal(1))  # $20 is 20% of $100
    assert not gh.worth_posting(result("5"), Decimal(10), Decimal(1))
    assert not gh.worth_posting(result("20", before="10000"), Decimal(10), Decimal(1))  # 0.2%
    finding = Finding("gp2", "warn", "aws_ebs_volume.a", "use gp3")
    assert gh.worth_posting(result("0", findings=[finding]), Decimal(10), Decimal(1))
    assert not gh.has_diff(result("0")) and gh.has_diff(result("1"))


def test_annotations_escape_per_workflow_command_rules():
    findings = [
        Finding("size:x,y", "block", "aws_instance.a", "100% over\r\nbudget"),
        Finding("p", "warn", "", "warn me"),
        Finding("p", "info", "", "just so you know"),
    ]
    assert gh.annotations(result(findings=findings)) == [
        "::error title=costgate size%3Ax%2Cy::aws_instance.a: 100%25 over%0D%0Abudget",
        "::warning title=costgate p::warn me",
    ]


@responses.activate
def test_a_marker_dated_in_the_future_is_ignored():
    forged = ours(1, at=datetime(2999, 1, 1, tzinfo=timezone.utc))
    page(f"{COMMENTS}?per_page=100", [forged])
    responses.add(responses.POST, COMMENTS, json={"id": 2})
    assert gh.post(client(), pr(), "b").action == "created"


@responses.activate
def test_a_marker_pasted_by_a_person_neither_silences_nor_gets_edited():
    forged = {
        **ours(5, at=T2),
        "user": {"login": "dev", "type": "User"},
    }  # as new as this run: would keep-newer
    page(COMMENTS, [forged])
    responses.add(responses.POST, COMMENTS, json={"id": 6, "html_url": "u6"})
    outcome = gh.post(client(), pr(at=T1), "body")
    assert (outcome.action, outcome.comment_id) == ("created", 6)
    # a personal access token's user is trusted when named
    responses.add(
        responses.GET, COMMENTS, json=[{**ours(5, at=T1), "user": {"login": "cost-bot-user", "type": "User"}}]
    )
    responses.add(responses.PATCH, f"{API}/repos/o/r/issues/comments/5", json={"id": 5, "html_url": "u5"})
    assert gh.post(client(), pr(at=T2), "body", author="cost-bot-user").action == "updated"
