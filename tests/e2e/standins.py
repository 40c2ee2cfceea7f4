"""GitHub and Slack stand-ins served on 127.0.0.1 for the console script to talk to."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.standin import Reply, Seen, StandIn

GITHUB_TOKEN = "ghs_e2e_token_that_must_never_be_printed"


class JsonStandIn(StandIn):
    """A stand-in whose `respond(method, path, headers, body)` gives (status, JSON); `requests` logs what came."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, Any]] = []
        super().__init__()

    def answer(self, request: Seen) -> Reply:
        body = json.loads(request.body or b"null")
        self.requests.append((request.method, request.path, body))
        status, payload = self.respond(request.method, request.path, request.headers, body)
        return Reply(status, payload, body=b"" if payload is None else None)

    def respond(self, method: str, path: str, headers: Any, body: Any) -> tuple[int, Any]:
        raise NotImplementedError


class GitHub(JsonStandIn):
    """Repository o/r with pull request 7: issue comments (list, create, update), commits, and what
    approvals read: issue events, reviews and team memberships ((org, team, login) -> state, or an
    HTTP status the token gets instead)."""

    def __init__(self) -> None:
        self.comments: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.reviews: list[dict[str, Any]] = []
        self.memberships: dict[tuple[str, str, str], str | int] = {}
        super().__init__()

    def respond(self, method: str, path: str, headers: Any, body: Any) -> tuple[int, Any]:
        if headers.get("Authorization") != f"Bearer {GITHUB_TOKEN}":
            return 401, {"message": "Bad credentials"}
        route = path.split("?")[0]
        if route == "/repos/o/r/issues/7/comments" and method == "GET":
            return 200, self.comments
        if route == "/repos/o/r/issues/7/comments" and method == "POST":
            comment = {
                "id": 100 + len(self.comments),
                "node_id": f"IC_{len(self.comments)}",
                "body": body["body"],
                "html_url": f"https://github.example/o/r/pull/7#issuecomment-{100 + len(self.comments)}",
                "user": {"login": "github-actions[bot]", "type": "Bot"},
            }
            self.comments.append(comment)
            return 201, comment
        found = re.fullmatch(r"/repos/o/r/issues/comments/(\d+)", route)
        if found and method == "PATCH":
            comment = next(c for c in self.comments if c["id"] == int(found[1]))
            comment["body"] = body["body"]
            return 200, comment
        if route == "/repos/o/r/issues/7/events" and method == "GET":
            return 200, self.events
        if route == "/repos/o/r/pulls/7/reviews" and method == "GET":
            return 200, self.reviews
        found = re.fullmatch(r"/orgs/([^/]+)/teams/([^/]+)/memberships/([^/]+)", route)
        if found and method == "GET":
            state = self.memberships.get((found[1], found[2], found[3]), 404)
            if isinstance(state, int):
                return state, {
                    "message": "Not Found" if state == 404 else "Resource not accessible by integration"
                }
            return 200, {"url": f"{self.url}{route}", "role": "member", "state": state}
        found = re.fullmatch(r"/repos/o/r/commits/(\w+)", route)
        if found and method == "GET":
            return 200, {"sha": found[1], "commit": {"committer": {"date": "2026-11-23T10:00:00Z"}}}
        return 404, {"message": "Not Found"}


class Slack(JsonStandIn):
    """Incoming webhooks: each POST is answered with the next of `statuses` (the last one repeats)."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        super().__init__()

    def respond(self, method: str, path: str, headers: Any, body: Any) -> tuple[int, Any]:
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return status, None
