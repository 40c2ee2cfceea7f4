"""Which team owns each changed resource, and how much of the plan has an owner.

Sources, first match wins: tags (`tags`, AWS `tags_all` from provider default_tags, GCP
`labels`) under the configured tag keys; a team's module address globs; a team's plan path
globs; CODEOWNERS (the owners of the plan's Terraform directory, mapped to teams).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path, PurePosixPath

from costgate.gate.config import Config, TeamConfig
from costgate.model import FREE, Attribution, Estimate, ResourceChange, ResourceEstimate
from costgate.report.money import percent_value, share

HUNDRED = Decimal(100)


def changes_by_address(estimate: Estimate) -> dict[tuple[str, str], tuple[ResourceChange, str]]:
    """(project, address) -> (the change, the plan file path), from the plans the estimate priced."""
    found: dict[tuple[str, str], tuple[ResourceChange, str]] = {}
    for project in estimate.plans:
        for change in project.plan.changes:
            if change.mode == "managed":
                found[(change.project, change.address)] = (change, project.path)
    return found


def resource_tags(change: ResourceChange) -> dict[str, str]:
    """Tags and labels of the change's after side (before side for deletions); `tags` wins over `tags_all`."""
    values = change.after if change.after is not None else change.before
    merged: dict[str, str] = {}
    for key in ("tags_all", "labels", "tags"):
        raw = (values or {}).get(key)
        if isinstance(raw, Mapping):
            merged.update({str(k): str(v) for k, v in raw.items() if v is not None})
    return merged


def attribute(estimate: Estimate, config: Config) -> Attribution:
    changes = changes_by_address(estimate)
    codeowners = read_codeowners(config.codeowners) if config.codeowners else []
    owners: dict[str, str] = {}
    for resource in counted_resources(estimate):
        change, plan_path = changes.get((resource.project, resource.address), (None, ""))
        team = owner_of(resource, change, plan_path, config, codeowners)
        if team:
            owners[resource.address] = team
    return coverage(estimate, owners)


def counted_resources(estimate: Estimate) -> list[ResourceEstimate]:
    """The resources ownership is measured over: changed and not free."""
    return [r for r in estimate.resources if r.status != FREE and r.action not in ("no-op", "read", "forget")]


def coverage(estimate: Estimate, owners: Mapping[str, str]) -> Attribution:
    """The owners found, and how much of the estimate's counted resources and cost change they cover."""
    counted = counted_resources(estimate)
    owned = [r for r in counted if r.address in owners]
    total_delta = sum((abs(r.monthly_delta) for r in counted), Decimal(0))
    owned_delta = sum((abs(r.monthly_delta) for r in owned), Decimal(0))
    return Attribution(
        owners={r.address: owners[r.address] for r in owned},
        resources_with_owner_percent=_percent(Decimal(len(owned)), Decimal(len(counted))),
        delta_with_owner_percent=_percent(owned_delta, total_delta),
        unowned=tuple(r.address for r in counted if r.address not in owners),
    )


def owner_of(
    resource: ResourceEstimate,
    change: ResourceChange | None,
    plan_path: str,
    config: Config,
    codeowners: list[tuple[str, tuple[str, ...]]],
) -> str | None:
    teams = list(config.teams.values())
    tags = resource_tags(change) if change is not None else {}
    for key in config.tag_keys:
        value = tags.get(key)
        if value is None:
            continue
        for team in teams:
            if team.owner_tags.get(key) == value:
                return team.name
        if value in config.teams:  # team = payments names the team directly
            return value
    for team in teams:
        if any(
            fnmatch.fnmatchcase(resource.module, g) or fnmatch.fnmatchcase(resource.address, g)
            for g in team.owner_modules
        ):
            return team.name
    path = _posix(plan_path)
    for team in teams:
        if any(
            fnmatch.fnmatchcase(path, g) or fnmatch.fnmatchcase(str(PurePosixPath(path).parent), g)
            for g in team.owner_paths
        ):
            return team.name
    if codeowners and plan_path:
        for owner in codeowners_for(codeowners, str(PurePosixPath(path).parent)):
            for team in teams:
                if _codeowner_is_team(owner, team):
                    return team.name
    return None


def read_codeowners(path: str) -> list[tuple[str, tuple[str, ...]]]:
    """CODEOWNERS rules in file order: (pattern, owners). A missing file gives no rules."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return []
    rules = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, tuple(owners)))
    return rules


def codeowners_for(rules: list[tuple[str, tuple[str, ...]]], directory: str) -> tuple[str, ...]:
    """The owners of a directory: as in GitHub, the last matching rule wins."""
    owners: tuple[str, ...] = ()
    for pattern, rule_owners in rules:
        if _codeowners_match(pattern, directory):
            owners = rule_owners
    return owners


def _codeowners_match(pattern: str, directory: str) -> bool:
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    glob = pattern.strip("/")
    if glob in ("*", "**"):
        return True
    glob = glob.removesuffix("/**").removesuffix("/*")
    candidates = list(_ancestors(directory))
    if anchored:
        return any(fnmatch.fnmatchcase(candidate, glob) for candidate in candidates)
    return any(fnmatch.fnmatchcase(part, glob) for part in PurePosixPath(directory).parts)


def _ancestors(directory: str) -> Iterator[str]:
    parts = PurePosixPath(directory).parts
    for end in range(1, len(parts) + 1):
        yield str(PurePosixPath(*parts[:end]))


def _codeowner_is_team(owner: str, team: TeamConfig) -> bool:
    if team.owner_codeowners:
        return owner in team.owner_codeowners
    # Without an explicit list, @org/payments (a GitHub team) means the team named payments.
    return owner.lstrip("@").rsplit("/", 1)[-1] == team.name


def _posix(path: str) -> str:
    text = PurePosixPath(Path(path).as_posix()).as_posix()
    return text.removeprefix("./")


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    found = share(part, whole)
    return HUNDRED if found is None else percent_value(found)  # nothing to attribute: fully covered
