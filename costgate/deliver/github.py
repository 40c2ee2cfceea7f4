"""Posting the cost comment on a GitHub pull request (REST v3 + one GraphQL mutation).

One comment per pull request and comment key, found again through a hidden marker that also
records when the estimate was made (the head commit's time, else the run time): a slow,
older CI run never overwrites the comment of a newer one. The token goes into the
Authorization header only; it is never part of a message, an exception or a log line.
`requests` is imported when a client is made, so the CLI starts fast.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError
from costgate.model import CheckResult

DEFAULT_API_URL = "https://api.github.com"
BEHAVIORS = ("update", "new", "delete-and-new", "hide-and-new")
COMMENT_LIMIT = 65536
MAX_ATTEMPTS = 5
MAX_WAIT_SECONDS = 120  # a single Retry-After longer than this fails instead of stalling the job
PER_PAGE = 100
CLOCK_SKEW = timedelta(minutes=10)

_MARKER = re.compile(
    r"<!-- costgate:comment key=(?P<key>[A-Za-z0-9._/-]+) estimated_at=(?P<at>[0-9T:.+Z-]+) -->"
)
_KEY = re.compile(r"^[A-Za-z0-9._/-]+$")


@dataclass(frozen=True)
class PullRequest:
    repo: str  # owner/name
    number: int
    api_url: str
    estimated_at: datetime  # when the estimate was made: head commit time, else the run time
    labels: tuple[str, ...] = ()
    head_sha: str = ""


def marker(key: str, estimated_at: datetime) -> str:
    if not _KEY.match(key):
        raise CostgateError(f"comment key {key!r}: use letters, digits and . _ / - only")
    return (
        f"<!-- costgate:comment key={key} estimated_at={_utc(estimated_at).isoformat(timespec='seconds')} -->"
    )


def parse_marker(body: str) -> tuple[str, datetime] | None:
    found = _MARKER.search(body or "")
    if not found:
        return None
    try:
        return found["key"], parse_time(found["at"])
    except ValueError:
        return None


def parse_time(text: str) -> datetime:
    return _utc(datetime.fromisoformat(text.replace("Z", "+00:00")))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def read_event(env: Mapping[str, str]) -> dict[str, Any]:
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CostgateError(f"GITHUB_EVENT_PATH {path}: cannot read the event payload: {error}") from None
    return event if isinstance(event, dict) else {}


def pull_request_from_env(
    env: Mapping[str, str], *, repo: str | None = None, number: int | None = None, api_url: str | None = None
) -> tuple[PullRequest, dict[str, Any]]:
    """The pull request to comment on, from flags first, then the GitHub Actions environment."""
    event = read_event(env)
    pull = event.get("pull_request") or {}
    issue = event.get("issue") or {}
    repo = repo or env.get("GITHUB_REPOSITORY") or (event.get("repository") or {}).get("full_name")
    if not repo or "/" not in repo:
        raise CostgateError(
            "no repository: pass --repo OWNER/NAME (or run in GitHub Actions, which sets GITHUB_REPOSITORY)"
        )
    if number is None:
        number = pull.get("number") or (issue.get("number") if issue.get("pull_request") else None)
    if not number:
        raise CostgateError("no pull request: this event is not a pull request; pass --pr N")
    labels = tuple(
        label.get("name", "")
        for label in (pull.get("labels") or issue.get("labels") or [])
        if isinstance(label, dict)
    )
    head_time = (event.get("head_commit") or {}).get("timestamp")
    estimated_at = parse_time(head_time) if head_time else datetime.now(timezone.utc)
    pr = PullRequest(
        repo=repo,
        number=int(number),
        api_url=(api_url or env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/"),
        estimated_at=estimated_at,
        labels=labels,
        head_sha=(pull.get("head") or {}).get("sha", "") if not head_time else "",
    )
    return pr, event


def graphql_url(api_url: str) -> str:
    """api.github.com -> /graphql; GitHub Enterprise Server's /api/v3 -> /api/graphql."""
    if api_url.endswith("/api/v3"):
        return api_url[: -len("/v3")] + "/graphql"
    return api_url + "/graphql"


class GitHubClient:
    """The few GitHub calls costgate makes, with retries and errors people can act on."""

    def __init__(
        self,
        token: str,
        api_url: str = DEFAULT_API_URL,
        *,
        sleep: Callable[[float], None] = time.sleep,
        graphql: str | None = None,
    ):
        import requests

        if not token:
            raise CostgateError("no GitHub token: set GITHUB_TOKEN or pass --github-token")
        self.api_url = api_url.rstrip("/")
        self.graphql = graphql or graphql_url(self.api_url)
        self._sleep = sleep
        self._session = requests.Session()
        self._session.headers.update(
            {
                "Authorization": f"Bearer {token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "costgate",
            }
        )

    # REST calls
    def list_comments(self, repo: str, number: int) -> list[dict[str, Any]]:
        """Every comment on the pull request, following the Link header through all pages."""
        url: str | None = f"{self.api_url}/repos/{repo}/issues/{number}/comments?per_page={PER_PAGE}"
        comments: list[dict[str, Any]] = []
        while url:
            response = self._request("GET", url, what="read the pull request's comments")
            comments += response.json()
            url = response.links.get("next", {}).get("url")
        return comments

    def create_comment(self, repo: str, number: int, body: str) -> dict[str, Any]:
        url = f"{self.api_url}/repos/{repo}/issues/{number}/comments"
        return self._request("POST", url, json={"body": body}, what="comment on the pull request").json()

    def update_comment(self, repo: str, comment_id: int, body: str) -> dict[str, Any]:
        url = f"{self.api_url}/repos/{repo}/issues/comments/{comment_id}"
        return self._request("PATCH", url, json={"body": body}, what="edit its comment").json()

    def delete_comment(self, repo: str, comment_id: int) -> None:
        self._request(
            "DELETE", f"{self.api_url}/repos/{repo}/issues/comments/{comment_id}", what="delete its comment"
        )

    def commit_time(self, repo: str, sha: str) -> datetime:
        data = self._request(
            "GET", f"{self.api_url}/repos/{repo}/commits/{sha}", what="read the head commit"
        ).json()
        return parse_time(data["commit"]["committer"]["date"])

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
        )
        errors = response.json().get("errors")
        if errors:
            raise CostgateError(
                f"GitHub GraphQL minimizeComment failed: {_short(errors[0].get('message', 'unknown error'))}"
            )

    # transport
    def _request(self, method: str, url: str, *, what: str, json: Any = None):
        import requests

        path = url.split("?")[0].replace(self.api_url, "") or url
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                response = self._session.request(method, url, json=json, timeout=30)
            except requests.RequestException as error:
                if attempt == MAX_ATTEMPTS:
                    raise CostgateError(
                        f"cannot reach GitHub ({method} {path}): {type(error).__name__}"
                    ) from None
                self._sleep(2 ** (attempt - 1))
                continue
            wait = _retry_wait(response, attempt)
            if wait is None:
                return _checked(response, method, path, what)
            if attempt == MAX_ATTEMPTS or wait > MAX_WAIT_SECONDS:
                raise CostgateError(
                    f"GitHub kept failing ({response.status_code} on {method} {path}) after {attempt} attempts; try again later"
                )
            self._sleep(wait)
        raise AssertionError("unreachable")


def _retry_wait(response, attempt: int) -> float | None:
    """Seconds to wait before retrying, or None when the response is final."""
    status = response.status_code
    retry_after = response.headers.get("Retry-After")
    if status >= 500:
        return float(retry_after) if retry_after and retry_after.isdigit() else float(2 ** (attempt - 1))
    if status in (403, 429):
        # Secondary rate limits: GitHub sends Retry-After, or says so in the message (then wait a minute).
        # https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
        if retry_after and retry_after.isdigit():
            return float(retry_after)
        if status == 429 or "rate limit" in _message(response).lower():
            if (
                response.headers.get("x-ratelimit-remaining") == "0"
                and response.headers.get("x-ratelimit-reset", "").isdigit()
            ):
                return max(0.0, float(response.headers["x-ratelimit-reset"]) - time.time()) + 1
            return 60.0
    return None


def _checked(response, method: str, path: str, what: str):
    status = response.status_code
    if status < 400:
        return response
    message = _short(_message(response))
    if status == 401:
        raise CostgateError(
            "GitHub rejected the token (401 Unauthorized): check the github-token input or GITHUB_TOKEN"
        )
    if status == 403:
        if method == "GET":
            raise CostgateError(
                f"the token cannot {what} (403 on {method} {path}): give the workflow `pull-requests: read`"
            )
        raise CostgateError(
            f"the token cannot write to pull requests (403 on {method} {path}, trying to {what}): give the workflow "
            "`pull-requests: write` (pull requests from forks get a read-only token)"
        )
    if status == 404:
        raise CostgateError(
            f"not found (404 on {method} {path}): check the repository, the pull request number and that the token can see the repository"
        )
    raise CostgateError(f"GitHub API error {status} on {method} {path}: {message}")


def _message(response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200]
    return str(data.get("message", "")) if isinstance(data, dict) else ""


def _short(text: str) -> str:
    return " ".join(str(text).split())[:200]


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
    latest_possible = datetime.now(timezone.utc) + CLOCK_SKEW
    ours = [
        c
        for c in client.list_comments(pr.repo, pr.number)
        if posted_by_costgate(c, author)
        and (found := parse_marker(c.get("body", "")))
        and found[0] == key
        and found[1] <= latest_possible
    ]
    newest_at = max((parse_marker(c["body"])[1] for c in ours), default=None)
    if newest_at is not None and newest_at > pr.estimated_at:
        return Outcome(
            "kept-newer",
            detail=f"a newer estimate ({newest_at.isoformat()}) is already posted; not overwriting it",
        )
    latest = ours[-1] if ours else None
    if skip:
        if latest is not None and delete_when_skipped:
            client.delete_comment(pr.repo, latest["id"])
            return Outcome("deleted", latest["id"], detail="no cost change any more: removed the old comment")
        return Outcome("skipped", detail="nothing to report: no comment posted")
    if quiet and latest is None:
        return Outcome("skipped", detail="the change is below the comment thresholds: no comment posted")
    text = marker(key, pr.estimated_at) + "\n" + body
    if len(text) > COMMENT_LIMIT:
        raise CostgateError(f"comment of {len(text)} characters is over GitHub's limit")
    if behavior == "update" and latest is not None:
        updated = client.update_comment(pr.repo, latest["id"], text)
        return Outcome("updated", latest["id"], updated.get("html_url", ""))
    if behavior == "delete-and-new":
        for comment in ours:
            client.delete_comment(pr.repo, comment["id"])
    if behavior == "hide-and-new" and latest is not None:
        client.minimize_comment(latest["node_id"])
    created = client.create_comment(pr.repo, pr.number, text)
    return Outcome("created", created.get("id"), created.get("html_url", ""))


def posted_by_costgate(comment: Mapping[str, Any], author: str | None) -> bool:
    """Whether a comment's author is one costgate posts as: a bot account, or `author` (a PAT's user)."""
    user = comment.get("user") or {}
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
