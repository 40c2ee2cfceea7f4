"""The GitHub Actions event file (GITHUB_EVENT_PATH) and the pull request it is about.

One reader for every command: `comment github` needs the pull request and fails clearly
without one; `notify slack` takes its title and link when there is one and carries on
without them otherwise. Every field is checked for its type: the payload is untrusted input.
(https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError, one_line

DEFAULT_API_URL = "https://api.github.com"


@dataclass(frozen=True)
class PullRequest:
    repo: str  # owner/name ("" when neither the flags, the environment nor the event name it)
    number: int
    api_url: str
    estimated_at: datetime  # when the estimate was made: head commit time, else the run time
    labels: tuple[str, ...] = ()
    head_sha: str = ""  # set when the commit time is still to be asked of the API
    title: str = ""
    html_url: str = ""


def read_event(env: Mapping[str, str]) -> dict[str, Any]:
    """The event payload; {} outside GitHub Actions; CostgateError when it is unreadable or not an object."""
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CostgateError(
            f"GITHUB_EVENT_PATH {path}: cannot read the event payload: {one_line(error, 200)}"
        ) from None
    if not isinstance(event, dict):
        raise CostgateError(f"GITHUB_EVENT_PATH {path}: the event payload is not a JSON object")
    return event


def pull_request_from_env(
    env: Mapping[str, str], *, repo: str | None = None, number: int | None = None, api_url: str | None = None
) -> PullRequest:
    """The pull request to comment on, from flags first, then the GitHub Actions environment."""
    event = read_event(env)
    pull = _pull_request(event, env, repo=repo, number=number, api_url=api_url)
    if not pull.repo or "/" not in pull.repo:
        raise CostgateError(
            "no repository: pass --repo OWNER/NAME (or run in GitHub Actions, which sets GITHUB_REPOSITORY)"
        )
    if not pull.number:
        raise CostgateError("no pull request: this event is not a pull request; pass --pr N")
    return pull


def pull_request_in_event(env: Mapping[str, str]) -> PullRequest | None:
    """The event's pull request, or None outside a pull request or when the event file cannot be read."""
    try:
        pull = _pull_request(read_event(env), env)
    except CostgateError:
        return None
    return pull if pull.number else None


def _pull_request(
    event: Mapping[str, Any],
    env: Mapping[str, str],
    *,
    repo: str | None = None,
    number: int | None = None,
    api_url: str | None = None,
) -> PullRequest:
    pull = _object(event.get("pull_request"))
    issue = _object(event.get("issue"))
    if number is None:
        number = _int(pull.get("number"))
        if number is None and issue.get("pull_request"):
            number = _int(issue.get("number"))
    labels = pull.get("labels") if isinstance(pull.get("labels"), list) else issue.get("labels")
    head_time = _time(_object(event.get("head_commit")).get("timestamp"))
    return PullRequest(
        repo=repo or env.get("GITHUB_REPOSITORY") or _text(_object(event.get("repository")).get("full_name")),
        number=number or 0,
        api_url=(api_url or env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/"),
        estimated_at=head_time or datetime.now(timezone.utc),
        labels=tuple(_text(label.get("name")) for label in _list(labels) if isinstance(label, dict)),
        head_sha="" if head_time else _text(_object(pull.get("head")).get("sha")),
        title=_text(pull.get("title")),
        html_url=_text(pull.get("html_url")),
    )


def parse_time(text: str) -> datetime:
    """An ISO 8601 time as GitHub writes it (`2026-11-23T10:00:00Z`), in UTC; ValueError when it is not one."""
    return utc(datetime.fromisoformat(text.replace("Z", "+00:00")))


def utc(moment: datetime) -> datetime:
    """A time in UTC; a naive one is taken to be UTC already."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _time(value: Any) -> datetime | None:
    try:
        return parse_time(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
