"""The facts every comment ends with: the commit it was computed for and the run that holds its report.

They come from GitHub Actions' environment (or the event, through the CLI). They are checked
before they become text or a link: a commit is hex, a repository is OWNER/NAME, a run id is a
number and the server is an https origin; anything else is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_COMMIT = re.compile(r"[0-9a-f]{7,64}")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_RUN_ID = re.compile(r"[0-9]{1,20}")
_SERVER = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


@dataclass(frozen=True)
class CommentFacts:
    commit: str = ""  # the full hex SHA, or "" when unknown
    run_url: str = ""  # the Actions run (its artifacts hold the JSON report), or ""

    @staticmethod
    def from_env(env: Mapping[str, str], commit: str | None = None) -> CommentFacts:
        """`commit` (the pull request's head, from the event) wins over GITHUB_SHA (a merge commit)."""
        sha = (commit or env.get("GITHUB_SHA") or "").strip().lower()
        server = env.get("GITHUB_SERVER_URL", "").rstrip("/")
        repository = env.get("GITHUB_REPOSITORY", "")
        run_id = env.get("GITHUB_RUN_ID", "")
        run_url = ""
        if _SERVER.fullmatch(server) and _REPOSITORY.fullmatch(repository) and _RUN_ID.fullmatch(run_id):
            run_url = f"{server}/{repository}/actions/runs/{run_id}"
        return CommentFacts(sha if _COMMIT.fullmatch(sha) else "", run_url)
