"""Posting the cost comment on a GitHub pull request (REST v3 + one GraphQL mutation).

One comment per pull request and comment key, found again through a hidden marker that also
records when the estimate was made (the head commit's time, else the run time): a slow,
older CI run never overwrites the comment of a newer one. The token goes into the
Authorization header only; it is never part of a message, an exception or a log line.
Calls go through the shared transport (costgate.deliver.http), which retries and bounds each
call's time; this module adds GitHub's rate-limit rules and its permission messages.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from costgate.deliver.github_event import DEFAULT_API_URL, PullRequest, parse_time, utc
from costgate.errors import CostgateError, one_line, url_path
from costgate.model import CheckResult

BEHAVIORS = ("update", "new", "delete-and-new", "hide-and-new")
COMMENT_LIMIT = 65536
MAX_ATTEMPTS = 5
SECONDS_PER_CALL = 300  # retries and waits included; a longer Retry-After fails instead of stalling the job
SECONDARY_LIMIT_WAIT = 60.0  # GitHub: without a Retry-After or reset time, wait at least a minute
PER_PAGE = 100
CLOCK_SKEW = timedelta(minutes=10)

_MARKER = re.compile(
    r"<!-- costgate:comment key=(?P<key>[A-Za-z0-9._/-]+) estimated_at=(?P<at>[0-9T:.+Z-]+) -->"
)
_KEY = re.compile(r"^[A-Za-z0-9._/-]+$")


def marker(key: str, estimated_at: datetime) -> str:
    if not _KEY.match(key):
        raise CostgateError(f"comment key {key!r}: use letters, digits and . _ / - only")
    return (
        f"<!-- costgate:comment key={key} estimated_at={utc(estimated_at).isoformat(timespec='seconds')} -->"
    )


def parse_marker(body: str) -> tuple[str, datetime] | None:
    found = _MARKER.search(body)
    if not found:
        return None
    try:
        return found["key"], parse_time(found["at"])
    except ValueError:
        return None


def graphql_url(api_url: str) -> str:
    """api.github.com -> /graphql; GitHub Enterprise Server's /api/v3 -> /api/graphql."""
    if api_url.endswith("/api/v3"):
        return api_url[: -len("/v3")] + "/graphql"
    return api_url + "/graphql"


class GitHubClient:
    """The few GitHub calls costgate makes, through the shared transport, with errors people can act on."""

    def __init__(
        self,
        token: str,
        api_url: str = DEFAULT_API_URL,
        *,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
        graphql: str | None = None,
    ):
        from costgate.deliver.http import Transport

        if not token:
            raise CostgateError("no GitHub token: set GITHUB_TOKEN or pass --github-token")
        self.api_url = api_url.rstrip("/")
        self.graphql = graphql or graphql_url(self.api_url)
        self._transport = Transport(
            "GitHub",
            headers={
                "Authorization": f"Bearer {token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "costgate",
            },
            attempts=MAX_ATTEMPTS,
            backoff=1.0,
            timeout=(10.0, 30.0),
            seconds_per_call=SECONDS_PER_CALL,
            rate_limit_wait=rate_limit_wait,
            sleep=sleep,
            clock=clock,
        )

    # REST calls
    def list_comments(self, repo: str, number: int) -> list[dict[str, Any]]:
        """Every comment on the pull request, following the Link header through all pages."""
        url: str | None = f"{self.api_url}/repos/{repo}/issues/{number}/comments?per_page={PER_PAGE}"
        comments: list[dict[str, Any]] = []
        while url:
            response = self._request("GET", url, what="read the pull request's comments")
            page = _json(response, list, "GET", url)
            if not all(isinstance(comment, dict) for comment in page):
                raise _shape_error("GET", url, "a list of comment objects")
            comments += page
            url = response.links.get("next", {}).get("url")
        return comments

    def create_comment(self, repo: str, number: int, body: str) -> dict[str, Any]:
        # Not repeated after a 5xx: the comment may exist already, and a second one would be posted.
        url = f"{self.api_url}/repos/{repo}/issues/{number}/comments"
        response = self._request("POST", url, json={"body": body}, what="comment on the pull request")
        return _json(response, dict, "POST", url)

    def update_comment(self, repo: str, comment_id: int, body: str) -> dict[str, Any]:
        url = f"{self.api_url}/repos/{repo}/issues/comments/{comment_id}"
        response = self._request("PATCH", url, json={"body": body}, what="edit its comment", repeatable=True)
        return _json(response, dict, "PATCH", url)

    def delete_comment(self, repo: str, comment_id: int, *, missing_ok: bool = False) -> None:
        """Delete a comment; with `missing_ok` one that is already gone (a concurrent run deleted it) is fine."""
        self._request(
            "DELETE",
            f"{self.api_url}/repos/{repo}/issues/comments/{comment_id}",
            what="delete its comment",
            missing_ok=missing_ok,
        )

    def commit_time(self, repo: str, sha: str) -> datetime:
        url = f"{self.api_url}/repos/{repo}/commits/{sha}"
        data = _json(self._request("GET", url, what="read the head commit"), dict, "GET", url)
        try:
            return parse_time(data["commit"]["committer"]["date"])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _shape_error("GET", url, "a commit with commit.committer.date") from None

    def minimize_comment(self, node_id: str) -> None:
        query = (
            "mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) "
            "{ minimizedComment { isMinimized } } }"
        )
        response = self._request(
            "POST",
            self.graphql,
            json={"query": query, "variables": {"id": node_id}},
            what="hide its old comment",
            repeatable=True,  # hiding a comment twice leaves it hidden
        )
        errors = _json(response, dict, "POST", self.graphql).get("errors")
        if errors:
            first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
            raise CostgateError(
                f"GitHub GraphQL minimizeComment failed: {one_line(first.get('message', 'unknown error'), 200)}"
            )

    def _request(
        self,
        method: str,
        url: str,
        *,
        what: str,
        repeatable: bool = False,
        missing_ok: bool = False,
        **send: Any,
    ) -> Any:
        from costgate.deliver.http import HttpError

        try:
            return self._transport.request(method, url, repeatable=repeatable, **send)
        except HttpError as error:
            if missing_ok and error.status == 404:
                return error.response
            if error.kind != "refused":
                raise CostgateError(str(error)) from None
            raise _refused(error.response, method, url_path(url), what) from None


def rate_limit_wait(response: Any) -> float | None:
    """Seconds to wait before repeating a request GitHub rate-limited (403 or 429), None for any other answer.

    https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
    """
    if response.status_code not in (403, 429):
        return None
    retry_after = response.headers.get("Retry-After", "")
    if retry_after.isdigit():
        return float(retry_after)
    reset = response.headers.get("x-ratelimit-reset", "")
    if response.headers.get("x-ratelimit-remaining") == "0" and reset.isdigit():
        return max(0.0, float(reset) - time.time()) + 1
    if response.status_code == 429 or "rate limit" in _message(response).lower():
        return SECONDARY_LIMIT_WAIT
    return None


def _refused(response: Any, method: str, path: str, what: str) -> CostgateError:
    status = response.status_code
    if status == 401:
        return CostgateError(
            "GitHub rejected the token (401 Unauthorized): check the github-token input or GITHUB_TOKEN"
        )
    if status == 403:
        if method == "GET":
            return CostgateError(
                f"the token cannot {what} (403 on {method} {path}): give the workflow `pull-requests: read`"
            )
        return CostgateError(
            f"the token cannot write to pull requests (403 on {method} {path}, trying to {what}): give the workflow "
            "`pull-requests: write` (pull requests from forks get a read-only token)"
        )
    if status == 404:
        return CostgateError(
            f"not found (404 on {method} {path}): check the repository, the pull request number and that the token can see the repository"
        )
    return CostgateError(f"GitHub API error {status} on {method} {path}: {one_line(_message(response), 200)}")


def _json(response: Any, kind: type, method: str, url: str) -> Any:
    """The response's JSON when it is a `kind` (list or dict); a one-line error when GitHub answered something else."""
    try:
        data = response.json()
    except ValueError:
        raise CostgateError(
            f"GitHub answered {method} {url_path(url)} with something that is not JSON (HTTP {response.status_code}); "
            "check --api-url (GitHub Enterprise Server: https://HOST/api/v3)"
        ) from None
    if not isinstance(data, kind):
        raise _shape_error(method, url, f"a JSON {'list' if kind is list else 'object'}")
    return data


def _shape_error(method: str, url: str, expected: str) -> CostgateError:
    return CostgateError(
        f"GitHub answered {method} {url_path(url)} with an unexpected shape (expected {expected})"
    )


def _message(response: Any) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200]
    return str(data.get("message", "")) if isinstance(data, dict) else ""


# What to post


@dataclass(frozen=True)
class Outcome:
    action: str  # created | updated | skipped | deleted | kept-newer
    comment_id: int | None = None
    url: str = ""
    detail: str = ""


def worth_posting(result: CheckResult, min_change_usd: Decimal, min_change_percent: Decimal) -> bool:
    """Findings always post; otherwise the change must reach both thresholds."""
    if result.findings:
        return True
    estimate = result.estimate
    change = abs(estimate.monthly_delta)
    if change < min_change_usd:
        return False
    if estimate.monthly_before:
        return change / estimate.monthly_before * 100 >= min_change_percent
    return True


def has_diff(result: CheckResult) -> bool:
    estimate = result.estimate
    return (
        bool(result.findings)
        or estimate.monthly_delta != 0
        or any(r.monthly_delta for r in estimate.resources)
    )


def post(
    client: GitHubClient,
    pr: PullRequest,
    body: str,
    *,
    key: str = "main",
    behavior: str = "update",
    skip: bool = False,
    delete_when_skipped: bool = False,
    quiet: bool = False,
    author: str | None = None,
) -> Outcome:
    """Post `body` (without marker) per `behavior`.

    `skip` posts nothing (and with `delete_when_skipped` removes the old comment); `quiet` (a change
    below the posting thresholds) posts nothing unless a comment exists, which is then kept current.
    """
    if behavior not in BEHAVIORS:
        raise CostgateError(f"--behavior {behavior}: use one of {', '.join(BEHAVIORS)}")
    # Anyone can paste a marker into a comment: only a bot's comment (GITHUB_TOKEN posts as
    # github-actions[bot]) or the configured author's is ours, and a marker dated in the future is
    # forged. Either could otherwise silence costgate or point an update at a stranger's comment.
    ours = _ours(client.list_comments(pr.repo, pr.number), key, author)
    newest_at = max((parse_marker(c["body"])[1] for c in ours), default=None)
    if newest_at is not None and newest_at > pr.estimated_at:
        return Outcome(
            "kept-newer",
            detail=f"a newer estimate ({newest_at.isoformat()}) is already posted; not overwriting it",
        )
    latest = ours[-1] if ours else None
    if skip:
        if latest is not None and delete_when_skipped:
            client.delete_comment(pr.repo, latest["id"], missing_ok=True)
            return Outcome("deleted", latest["id"], detail="no cost change any more: removed the old comment")
        return Outcome("skipped", detail="nothing to report: no comment posted")
    if quiet and latest is None:
        return Outcome("skipped", detail="the change is below the comment thresholds: no comment posted")
    text = marker(key, pr.estimated_at) + "\n" + body
    if len(text) > COMMENT_LIMIT:
        raise CostgateError(f"comment of {len(text)} characters is over GitHub's limit")
    if behavior == "update" and latest is not None:
        updated = client.update_comment(pr.repo, latest["id"], text)
        return Outcome("updated", latest["id"], _text(updated.get("html_url")))
    if behavior == "delete-and-new":
        for comment in ours:
            client.delete_comment(pr.repo, comment["id"], missing_ok=True)
    if behavior == "hide-and-new" and latest is not None:
        client.minimize_comment(str(latest.get("node_id", "")))
    created = client.create_comment(pr.repo, pr.number, text)
    outcome = Outcome("created", created.get("id"), _text(created.get("html_url")))
    # `before`: the history new and hide-and-new keep; every comment after it is this run's or a concurrent one's.
    before = max((c["id"] for c in ours), default=0) if behavior in ("new", "hide-and-new") else 0
    return _one_comment_left(client, pr, key, author, before, outcome)


def _ours(comments: list[dict[str, Any]], key: str, author: str | None) -> list[dict[str, Any]]:
    """The comments costgate posted for `key`, oldest first.

    Anyone can paste a marker into a comment: only a bot's comment (GITHUB_TOKEN posts as
    github-actions[bot]) or the configured author's is ours, and a marker dated in the future is
    forged. Either could otherwise silence costgate or point an update at a stranger's comment.
    """
    latest_possible = datetime.now(timezone.utc) + CLOCK_SKEW
    return [
        c
        for c in comments
        if isinstance(c.get("id"), int)
        and isinstance(c.get("body"), str)
        and posted_by_costgate(c, author)
        and (found := parse_marker(c["body"]))
        and found[0] == key
        and found[1] <= latest_possible
    ]


def _one_comment_left(
    client: GitHubClient, pr: PullRequest, key: str, author: str | None, after_id: int, outcome: Outcome
) -> Outcome:
    """Runs for the same pull request at once each post a comment: list again and keep one.

    Every run picks the same one, the newest estimate (then the highest id, the last posted), and
    deletes the rest, so however the runs interleave, one comment is left; a comment a concurrent
    run deleted first is already gone (404), which is fine.
    """
    posted = [c for c in _ours(client.list_comments(pr.repo, pr.number), key, author) if c["id"] > after_id]
    if len(posted) < 2:
        return outcome
    keep = max(posted, key=lambda c: (parse_marker(c["body"])[1], c["id"]))  # type: ignore[index]
    for comment in posted:
        if comment is not keep:
            client.delete_comment(pr.repo, comment["id"], missing_ok=True)
    if keep["id"] == outcome.comment_id:
        return replace(outcome, detail=f"removed {len(posted) - 1} duplicate(s) a concurrent run posted")
    return Outcome(
        "kept-newer",
        keep["id"],
        _text(keep.get("html_url")),
        detail="a concurrent run posted the same or a newer estimate; kept its comment and removed this one",
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def posted_by_costgate(comment: Mapping[str, Any], author: str | None) -> bool:
    """Whether a comment's author is one costgate posts as: a bot account, or `author` (a PAT's user)."""
    user = comment.get("user")
    if not isinstance(user, dict):
        return False
    return user.get("type") == "Bot" or (author is not None and user.get("login") == author)


# Workflow commands (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(result: CheckResult) -> list[str]:
    """::error:: for blocking findings, ::warning:: for warnings."""
    lines = []
    for finding in result.findings:
        level = {"block": "error", "warn": "warning"}.get(finding.severity)
        if level is None:
            continue
        where = f"{finding.address}: " if finding.address else ""
        title = escape_property(f"costgate {finding.policy_id}")
        lines.append(f"::{level} title={title}::{escape_data(where + finding.message)}")
    return lines


def append_file(path: str, text: str) -> None:
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise CostgateError(f"{path}: cannot write: {error.strerror}") from None


# Approval lookups: what gate.approval needs to know who stands behind the override label.
# https://docs.github.com/en/rest/issues/events, /rest/pulls/reviews, /rest/teams/members


def issue_events(client: GitHubClient, repo: str, number: int) -> list[dict[str, Any]]:
    """Every event of the pull request's issue, oldest first (labeled events carry actor and label)."""
    return _every_page(
        client, f"{client.api_url}/repos/{repo}/issues/{number}/events", "read the label events"
    )


def pull_reviews(client: GitHubClient, repo: str, number: int) -> list[dict[str, Any]]:
    """Every review of the pull request, oldest first (user, state, commit_id)."""
    return _every_page(client, f"{client.api_url}/repos/{repo}/pulls/{number}/reviews", "read the reviews")


def team_membership(client: GitHubClient, org: str, team: str, login: str) -> bool | str:
    """Whether `login` is an active member of org/team; a one-line reason when the token cannot read it."""
    from urllib.parse import quote

    from costgate.deliver.http import HttpError

    url = f"{client.api_url}/orgs/{quote(org)}/teams/{quote(team)}/memberships/{quote(login)}"
    try:
        response = client._transport.request("GET", url, repeatable=True)
    except HttpError as error:
        if (
            error.kind == "refused"
            and error.response is not None
            and error.response.status_code in (403, 404)
        ):
            # 404 is also GitHub's answer when the team is invisible to the token: not proof of anything
            return (
                f"HTTP {error.response.status_code} on GET {url_path(url)}: the token needs the organization's "
                "members: read permission"
            )
        raise CostgateError(str(error)) from None
    return _json(response, dict, "GET", url).get("state") == "active"


class ApprovalLookups:
    """What gate.approval asks about one pull request, asked of GitHub only when it is asked."""

    def __init__(self, client: GitHubClient, pr: PullRequest):
        self.client, self.pr = client, pr

    def events(self) -> list[dict[str, Any]]:
        return issue_events(self.client, self.pr.repo, self.pr.number)

    def reviews(self) -> list[dict[str, Any]]:
        return pull_reviews(self.client, self.pr.repo, self.pr.number)

    def membership(self, org: str, team: str, login: str) -> bool | str:
        return team_membership(self.client, org, team, login)


def _every_page(client: GitHubClient, first: str, what: str) -> list[dict[str, Any]]:
    url: str | None = f"{first}?per_page={PER_PAGE}"
    items: list[dict[str, Any]] = []
    while url:
        response = client._request("GET", url, what=what, repeatable=True)
        page = _json(response, list, "GET", url)
        items += [item for item in page if isinstance(item, dict)]
        url = response.links.get("next", {}).get("url")
    return items
