"""Platform policies: YAML packs (costgate/schemas/policy.schema.json) evaluated against an estimate.

A policy has an id, a description, a severity (info / warn / block), a kind (what it checks,
see kinds.KINDS) and a scope (resource types, environments, teams). Packs ship in the
repository's top-level policies/ directory; costgate.yml lists the ones a repository uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError


@dataclass(frozen=True)
class Scope:
    resource_types: tuple[str, ...] = ()  # globs; empty: the kind's own types
    environments: tuple[str, ...] = ()  # empty: every environment
    teams: tuple[str, ...] = ()  # empty: every team (and unowned resources)


@dataclass(frozen=True)
class Policy:
    id: str
    description: str
    severity: str
    kind: str
    scope: Scope = Scope()
    params: Mapping[str, Any] = field(default_factory=dict)  # kind-specific settings (tags, allowed, ...)
    source: str = ""


def load_policies(paths: tuple[str, ...] | list[str]) -> tuple[Policy, ...]:
    """Every policy of the given pack files, validated; duplicate ids are an error."""
    from costgate.yaml_file import load_yaml_file

    policies: list[Policy] = []
    seen: dict[str, str] = {}
    for path in paths:
        file = Path(path)
        if not file.is_file():
            raise CostgateError(f"{path}: policy file not found")
        data = load_yaml_file(file, "policy.schema.json").data
        for raw in data.get("policies") or []:
            policy = policy_from_dict(raw, str(path))
            if policy.id in seen:
                raise CostgateError(
                    f"{file.name}: policy id {policy.id} is already defined in {seen[policy.id]}"
                )
            seen[policy.id] = file.name
            policies.append(policy)
    return tuple(policies)


def policy_from_dict(raw: Mapping[str, Any], source: str = "") -> Policy:
    scope = raw.get("scope") or {}
    fixed = {"id", "description", "severity", "kind", "scope"}
    return Policy(
        id=raw["id"],
        description=raw["description"],
        severity=raw["severity"],
        kind=raw["kind"],
        scope=Scope(
            tuple(scope.get("resource_types") or ()),
            tuple(scope.get("environments") or ()),
            tuple(scope.get("teams") or ()),
        ),
        params={k: v for k, v in raw.items() if k not in fixed},
        source=source,
    )
