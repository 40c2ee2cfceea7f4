"""`costgate comment github` end to end against a GitHub stand-in served on 127.0.0.1."""

import json
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from tests.helpers import change, plan_document

TOKEN = "ghs_e2e_secret_token_1234"
COMMIT_TIMES = {
    "sha1": "2026-11-23T10:00:00Z",
    "sha2": "2026-11-23T11:00:00Z",
    "sha0": "2026-11-23T09:00:00Z",
}


class FakeGitHub:
    """Issue comments (two per page, with Link headers), commits, and the minimizeComment mutation."""

    def __init__(self):
        self.comments: list[dict] = [
            {"id": n, "node_id": f"IC_{n}", "body": f"someone else {n}", "minimized": False}
            for n in (1, 2, 3)
        ]
        self.next_id = 10
        self.requests: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, payload=None, headers=None):
                body = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(length) or b"{}")

            def _route(self, method):
                fake.requests.append(f"{method} {self.path}")
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._send(401, {"message": "Bad credentials"})
                url = urlparse(self.path)
                if method == "GET" and url.path == "/repos/o/r/issues/7/comments":
                    page = int(parse_qs(url.query).get("page", ["1"])[0])
                    visible = fake.comments[(page - 1) * 2 : page * 2]
                    headers = {}
                    if page * 2 < len(fake.comments):
                        headers["Link"] = (
                            f'<http://{self.headers["Host"]}{url.path}?per_page=100&page={page + 1}>; rel="next"'
                        )
                    return self._send(200, [fake.public(c) for c in visible], headers)
                if method == "POST" and url.path == "/repos/o/r/issues/7/comments":
                    comment = {
                        "id": fake.next_id,
                        "node_id": f"IC_{fake.next_id}",
                        "body": self._body()["body"],
                        "minimized": False,
                        "user": {"login": "github-actions[bot]", "type": "Bot"},  # the token's account
                    }
                    fake.next_id += 1
                    fake.comments.append(comment)
                    return self._send(201, fake.public(comment))
                found = re.fullmatch(r"/repos/o/r/issues/comments/(\d+)", url.path)
                if found:
                    comment = next((c for c in fake.comments if c["id"] == int(found[1])), None)
                    if comment is None:
                        return self._send(404, {"message": "Not Found"})
                    if method == "PATCH":
                        comment["body"] = self._body()["body"]
                        return self._send(200, fake.public(comment))
                    if method == "DELETE":
                        fake.comments.remove(comment)
                        return self._send(204)
                found = re.fullmatch(r"/repos/o/r/commits/(\w+)", url.path)
                if method == "GET" and found:
                    return self._send(
                        200, {"sha": found[1], "commit": {"committer": {"date": COMMIT_TIMES[found[1]]}}}
                    )
                if method == "POST" and url.path == "/graphql":
                    node = self._body()["variables"]["id"]
                    for comment in fake.comments:
                        if comment["node_id"] == node:
                            comment["minimized"] = True
                    return self._send(
                        200, {"data": {"minimizeComment": {"minimizedComment": {"isMinimized": True}}}}
                    )
                return self._send(404, {"message": "Not Found"})

            def do_GET(self):
                self._route("GET")

            def do_POST(self):
                self._route("POST")

            def do_PATCH(self):
                self._route("PATCH")

            def do_DELETE(self):
                self._route("DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @staticmethod
    def public(comment):
        author = comment.get("user", {"login": "dev", "type": "User"})
        return {k: comment[k] for k in ("id", "node_id", "body")} | {
            "html_url": f"https://github.example/c/{comment['id']}",
            "user": author,
        }

    def ours(self):
        return [c for c in self.comments if "costgate:comment" in c["body"]]


@pytest.fixture()
def github():
    fake = FakeGitHub()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def run(tmp_path, github, instance_type, sha, *args, token=TOKEN):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_instance", {"instance_type": instance_type}))))
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "head": {"sha": sha}, "labels": []}}))
    env = {
        "PATH": "/usr/bin:/bin",
        "GITHUB_API_URL": github.url,
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_TOKEN": token,
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "costgate", "comment", "github", str(plan), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert TOKEN not in completed.stdout + completed.stderr
    return completed


def test_update_edits_one_comment_in_place(tmp_path, github):
    first = run(tmp_path, github, "m5.large", "sha1")
    assert first.returncode == 0, first.stderr
    assert "comment created" in first.stderr
    second = run(tmp_path, github, "m5.xlarge", "sha2")
    assert second.returncode == 0, second.stderr
    assert "comment updated" in second.stderr
    (comment,) = github.ours()
    # m5.xlarge: 730 h x $0.192 = $140.16 + 8 GB gp2 root x $0.10 = $0.80
    assert "+$140.96" in comment["body"] and "+$70.88" not in comment["body"]
    assert "estimated_at=2026-11-23T11:00:00+00:00" in comment["body"]
    assert any("page=2" in r for r in github.requests)  # found again across pages
    summary = (tmp_path / "summary.md").read_text()
    assert summary.count("### 💰 costgate cost estimate") == 2
    assert "monthly_delta=140.96\nverdict=pass\n" in (tmp_path / "output.txt").read_text()


def test_an_older_run_leaves_the_newer_comment(tmp_path, github):
    assert run(tmp_path, github, "m5.xlarge", "sha2").returncode == 0
    older = run(tmp_path, github, "m5.large", "sha0")
    assert older.returncode == 0 and "kept-newer" in older.stderr
    (comment,) = github.ours()
    assert "+$140.96" in comment["body"]


def test_hide_and_new_minimizes_the_old_comment(tmp_path, github):
    assert run(tmp_path, github, "m5.large", "sha1", "--behavior", "hide-and-new").returncode == 0
    assert run(tmp_path, github, "m5.xlarge", "sha2", "--behavior", "hide-and-new").returncode == 0
    old, new = github.ours()
    assert old["minimized"] and not new["minimized"]
    assert "+$70.88" in old["body"] and "+$140.96" in new["body"]


def test_a_wrong_token_is_a_clear_error_without_the_token(tmp_path, github):
    failed = run(tmp_path, github, "m5.large", "sha1", token="ghs_wrong_token_value")
    assert failed.returncode == 2
    assert (
        "rejected the token" in failed.stderr and "ghs_wrong_token_value" not in failed.stderr + failed.stdout
    )
    assert "Traceback" not in failed.stderr
