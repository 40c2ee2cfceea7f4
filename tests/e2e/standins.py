"""GitHub and Slack stand-ins served on 127.0.0.1 for the console script to talk to."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

GITHUB_TOKEN = "ghs_e2e_token_that_must_never_be_printed"


class StandIn:
    """An HTTP server on a free 127.0.0.1 port; `answer(method, path, headers, body)` gives (status, JSON)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, Any]] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                stand_in.requests.append((self.command, self.path, body))
                status, payload = stand_in.answer(self.command, self.path, self.headers, body)
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def answer(self, method: str, path: str, headers: Any, body: Any) -> tuple[int, Any]:
        raise NotImplementedError

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class GitHub(StandIn):
    """Repository o/r with pull request 7: issue comments (list, create, update) and commits."""

    def __init__(self) -> None:
        self.comments: list[dict[str, Any]] = []
        super().__init__()

    def answer(self, method: str, path: str, headers: Any, body: Any) -> tuple[int, Any]:
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
        found = re.fullmatch(r"/repos/o/r/commits/(\w+)", route)
        if found and method == "GET":
            return 200, {"sha": found[1], "commit": {"committer": {"date": "2026-11-23T10:00:00Z"}}}
        return 404, {"message": "Not Found"}


class Slack(StandIn):
    """Incoming webhooks: each POST is answered with the next of `statuses` (the last one repeats)."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        super().__init__()

    def answer(self, method: str, path: str, headers: Any, body: Any) -> tuple[int, Any]:
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return status, None
