"""Whether the override label approves the PR: only when an approver stands behind it.

`approval.approvers` lists GitHub logins (`alice`) and teams (`@org/team-slug`). The label
counts when the latest `labeled` event for it was made by an approver, or when an approver's
latest review of the head commit approves it. Otherwise the label does not count, and the note
says who added it. A team's members are asked of the API; when the token cannot read them,
the note says so and the label does not count. Without approvers, the label counts as it is
(anyone who can label can approve) and the note says how to restrict it.

The GitHub answers come in as their JSON shapes (issue events, pull request reviews) through
`Lookups` (deliver.github.ApprovalLookups), so this module never talks to GitHub itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from costgate.model import CheckResult

# (org, team slug, login) -> whether the login is an active member, or why the token cannot tell.
Membership = Callable[[str, str, str], "bool | str"]


class Lookups(Protocol):
    """The pull request's issue events and reviews (oldest first) and team memberships."""

    def events(self) -> list[dict[str, Any]]: ...

    def reviews(self) -> list[dict[str, Any]]: ...

    def membership(self, org: str, team: str, login: str) -> bool | str: ...


@dataclass(frozen=True)
class Approval:
    approved: bool
    note: str = ""  # one line for the comment; "" when there is nothing to say (no label on the PR)


def approval_of(
    label: str | None, approvers: Sequence[str], labels: Sequence[str], head_sha: str, lookups: Lookups | None
) -> Approval:
    """The PR's approval; GitHub is asked (through `lookups`, None without a token) only when the answer needs it."""
    if not label or label not in labels or not approvers:
        return decide(label, approvers, labels, [], [], head_sha, lambda *_: False)
    if lookups is None:
        return Approval(
            False,
            f"the {label} label does not count: without a GitHub token costgate cannot see who added it",
        )
    reviews = lookups.reviews() if head_sha else []
    return decide(label, approvers, labels, lookups.events(), reviews, head_sha, lookups.membership)


def decide(
    label: str | None,
    approvers: Sequence[str],
    labels: Sequence[str],
    events: Sequence[Mapping[str, Any]],
    reviews: Sequence[Mapping[str, Any]],
    head_sha: str,
    membership: Membership,
) -> Approval:
    if not label or label not in labels:
        return Approval(False)
    if not approvers:
        return Approval(True, f"the {label} label approves; set approval.approvers to say who may add it")
    added_by = _latest_labeler(label, events)
    unknown: list[str] = []
    if added_by:
        approver = _approver_of(added_by, approvers, membership, unknown)
        if approver:
            return Approval(True, f"approved: {added_by} ({approver}) added the {label} label")
    for reviewer in _approving_reviewers(reviews, head_sha):
        approver = _approver_of(reviewer, approvers, membership, unknown)
        if approver:
            return Approval(True, f"approved: {reviewer} ({approver}) approved the head commit")
    who = (
        f"added by {added_by}, who is not an approver" if added_by else "added by someone costgate cannot see"
    )
    note = (
        f"the {label} label was {who}: it does not count (an approver must add it or approve the head commit)"
    )
    if unknown:
        note += "; " + "; ".join(dict.fromkeys(unknown))
    return Approval(False, note)


def _latest_labeler(label: str, events: Sequence[Mapping[str, Any]]) -> str:
    """The login of the latest `labeled` event for `label` (events come oldest first)."""
    login = ""
    for event in events:
        named = event.get("label") if isinstance(event.get("label"), Mapping) else {}
        actor = event.get("actor") if isinstance(event.get("actor"), Mapping) else {}
        if (
            event.get("event") == "labeled"
            and named.get("name") == label
            and isinstance(actor.get("login"), str)
        ):
            login = actor["login"]
    return login


def _approving_reviewers(reviews: Sequence[Mapping[str, Any]], head_sha: str) -> list[str]:
    """Logins whose latest deciding review of the head commit approves it (a later change request or dismissal undoes it)."""
    latest: dict[str, str] = {}
    for review in reviews:
        user = review.get("user") if isinstance(review.get("user"), Mapping) else {}
        login = user.get("login")
        state = review.get("state")
        if head_sha and review.get("commit_id") == head_sha and isinstance(login, str):
            if state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
                latest[login] = state
    return [login for login, state in latest.items() if state == "APPROVED"]


def _approver_of(login: str, approvers: Sequence[str], membership: Membership, unknown: list[str]) -> str:
    """The approvers entry that covers `login` ("" when none); teams the token cannot read go to `unknown`."""
    for entry in approvers:
        name = entry.removeprefix("@")
        if "/" not in name:
            if name.lower() == login.lower():
                return name
            continue
        org, team = name.split("/", 1)
        member = membership(org, team, login)
        if member is True:
            return f"team {org}/{team}"
        if isinstance(member, str):
            unknown.append(f"cannot tell whether {login} is in team {org}/{team} ({member})")
    return ""


def noted(result: CheckResult, note: str) -> CheckResult:
    """The result with the approval note among its notes (the comment and the summary show them)."""
    if not note:
        return result
    return replace(result, estimate=replace(result.estimate, warnings=(*result.estimate.warnings, note)))
