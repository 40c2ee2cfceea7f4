"""What every policy kind shares: the changed resources it looks at, and the engine that prices savings.

Savings always come from `Pricer.reprice` (the pricing engine, with the plan's own context,
usage file and discounts), never from a fixed percentage.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from costgate.estimate.pricer import Pricer
from costgate.gate.attribution import changes_by_address, resource_tags
from costgate.gate.config import Config
from costgate.gate.policies import Policy
from costgate.model import FREE, Attribution, Estimate, Finding, Plan, ResourceChange, ResourceEstimate
from costgate.report.money import dollars


@dataclass(frozen=True)
class Subject:
    """One changed resource as a policy sees it."""

    resource: ResourceEstimate
    change: ResourceChange
    plan_path: str
    team: str
    environment: str | None
    plan: Plan

    @property
    def values(self) -> Mapping[str, Any]:
        return self.change.after or {}

    @property
    def configuration(self) -> Mapping[str, Any]:
        return self.plan.configuration


@dataclass(frozen=True)
class Engine:
    pricer: Pricer
    config: Config

    def saving(
        self, subject: Subject, policy: Policy, changes: Mapping[str, Any], what: str, alternative: str
    ) -> Finding:
        """A finding whose saving is the current monthly cost minus the repriced alternative's."""
        repriced = self.pricer.reprice(subject.change, subject.plan, changes)
        current = subject.resource.monthly_after
        if repriced.monthly is None:
            return finding(
                policy, subject, f"{what}; {alternative}: no price for the alternative ({repriced.reason})"
            )
        saving = current - repriced.monthly
        message = f"{what}; {alternative} costs {dollars(repriced.monthly)}/month instead of {dollars(current)} (saves {dollars(saving)})"
        return Finding(policy.id, policy.severity, subject.resource.address, message, saving, subject.team)


# A kind checks the subjects in its policy's scope; most look at one subject at a time (per_subject).
Check = Callable[[Policy, list[Subject], Engine], list[Finding]]
SubjectRule = Callable[[Policy, Subject, Engine], list[Finding]]


def per_subject(rule: SubjectRule) -> Check:
    def check(policy: Policy, scoped: list[Subject], engine: Engine) -> list[Finding]:
        return [found for subject in scoped for found in rule(policy, subject, engine)]

    return check


def subjects(estimate: Estimate, config: Config, attribution: Attribution) -> Iterator[Subject]:
    """Every priced resource the PR creates or changes, with the plan it comes from."""
    changes = changes_by_address(estimate)
    # ResourceEstimate.project is the project name the plan reader stamped on each change.
    plans: dict[str, Plan] = {}
    for project in estimate.plans:
        for change in project.plan.changes:
            plans.setdefault(change.project, project.plan)
    for resource in estimate.resources:
        if resource.status == FREE or resource.action not in ("create", "update", "replace"):
            continue
        found = changes.get((resource.project, resource.address))
        if found is None:
            continue
        change, plan_path = found
        yield Subject(
            resource,
            change,
            plan_path,
            attribution.owners.get(resource.address, ""),
            environment_of(change, plan_path, config),
            plans[resource.project],
        )


def in_scope(policy: Policy, subject: Subject, default_types: tuple[str, ...]) -> bool:
    types = policy.scope.resource_types or default_types
    if types and not any(fnmatch.fnmatchcase(subject.resource.type, glob) for glob in types):
        return False
    if policy.scope.environments and subject.environment not in policy.scope.environments:
        return False
    return not policy.scope.teams or subject.team in policy.scope.teams


def environment_of(change: ResourceChange, plan_path: str, config: Config) -> str | None:
    """The environment from a tag/label, the workspace, or a plan path pattern (in that order)."""
    tags = resource_tags(change)
    for key in config.environment.tag_keys:
        if tags.get(key):
            return tags[key]
    if config.environment.workspace_env and os.environ.get(config.environment.workspace_env):
        return os.environ[config.environment.workspace_env]
    path = PurePosixPath(plan_path.replace("\\", "/")).as_posix().removeprefix("./")
    for environment, globs in config.environment.paths.items():
        if any(fnmatch.fnmatchcase(path, glob) for glob in globs):
            return environment
    return None


def is_production(environment: str | None, config: Config) -> bool:
    return environment is not None and environment in config.environment.production


def non_production(subject: Subject, config: Config) -> bool:
    """Known to be outside production (an unknown environment is not assumed non-production)."""
    return subject.environment is not None and not is_production(subject.environment, config)


def value_at(values: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path (`settings.0.tier`); None when any step is missing."""
    value: Any = values
    for step in path.split("."):
        if isinstance(value, list) and step.isdigit():
            value = value[int(step)] if int(step) < len(value) else None
        elif isinstance(value, Mapping):
            value = value.get(step)
        else:
            return None
    return value


def finding(policy: Policy, subject: Subject, message: str) -> Finding:
    """A finding without a saving figure."""
    return Finding(policy.id, policy.severity, subject.resource.address, message, None, subject.team)


def removal(policy: Policy, subject: Subject, what: str) -> Finding:
    """A resource that should not exist: the saving is its own priced monthly cost."""
    resource = subject.resource
    if resource.status != "priced":
        return finding(policy, subject, f"{what}; no price for it ({resource.reason or 'not priced'})")
    return Finding(
        policy.id,
        policy.severity,
        resource.address,
        f"{what}; removing it saves {dollars(resource.monthly_after)}",
        resource.monthly_after,
        subject.team,
    )


def in_environment(subject: Subject) -> str:
    return f" in {subject.environment}" if subject.environment else ""
