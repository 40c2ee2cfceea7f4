"""Which team owns each changed resource, and how much of the plan has an owner.

Sources, first match wins: tags (`tags`, AWS `tags_all` from provider default_tags, GCP
`labels`) under the configured tag keys; a team's module address globs; a team's plan path
globs; CODEOWNERS (the owners of the plan's Terraform directory, mapped to teams).
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

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
    codeowners: list[CodeownersRule],
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


# A rule is a pattern and its owners; its pattern is compiled once, by gitignore's rules.
CodeownersRule = tuple[str, tuple[str, ...]]
_WORD = re.compile(r"(?:\\.|[^\s\\])+")  # a word; a backslash escapes the next character (`my\ dir/`)


def read_codeowners(path: str) -> list[CodeownersRule]:
    """CODEOWNERS rules in file order: (pattern, owners). A missing file gives no rules.

    As GitHub reads it: a `#` that starts a word starts a comment; a pattern with no owners
    is a rule too (it takes the ownership away again).
    https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return []
    rules = []
    for line in text.splitlines():
        words = []
        for word in _WORD.findall(line):
            if word.startswith("#"):
                break
            words.append(word)
        if words:
            rules.append((words[0], tuple(words[1:])))
    return rules


def codeowners_for(rules: list[CodeownersRule], directory: str) -> tuple[str, ...]:
    """The owners of a Terraform directory's files: as on GitHub, the last matching rule wins.

    Patterns follow gitignore (pathspec): `*` stays within a directory, `**` crosses them, a
    leading or inner `/` anchors at the repository root, a trailing `/` means a directory and
    all below it. The directory's files are matched as `<directory>/main.tf`, so `docs/*` owns
    only the Terraform of docs/ itself and `*.tf` owns every root.
    """
    file = f"{directory.strip('/')}/main.tf" if directory.strip("/.") else "main.tf"
    owners: tuple[str, ...] = ()
    for pattern, rule_owners in rules:
        if _compiled(pattern).match_file(file):
            owners = rule_owners
    return owners


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str) -> Any:
    import pathspec

    return pathspec.lookup_pattern("gitignore")(pattern)


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
