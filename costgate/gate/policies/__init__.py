"""Platform policies: YAML packs (costgate/schemas/policy.schema.json) evaluated against an estimate.

A policy has an id, a description, a severity (info / warn / block), a kind (what it checks,
see kinds.KINDS) and a scope (resource types, environments, teams). Packs ship inside the
package (packs/, package data); costgate.yml lists the ones a repository uses, by name
(`finops-defaults`) or by path (`policies/ours.yml`, relative to costgate.yml).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from importlib import resources
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


PACK_SUFFIXES = (".yml", ".yaml")


def shipped_packs() -> dict[str, Path]:
    """The packs costgate ships, by name (finops-defaults -> .../packs/finops-defaults.yml)."""
    packs = resources.files("costgate.gate.policies") / "packs"
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in sorted(packs.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(PACK_SUFFIXES)
    }


def is_pack_name(entry: str) -> bool:
    """A bare name (no directory, no .yml) names a shipped pack; anything else is a path."""
    return "/" not in entry and "\\" not in entry and not entry.endswith(PACK_SUFFIXES)


def pack_file(entry: str) -> Path:
    """The file a `policies:` entry stands for: a shipped pack by name, else the path as given."""
    if not is_pack_name(entry):
        return Path(entry)
    packs = shipped_packs()
    if entry not in packs:
        from costgate.gate.problems import closest_name

        close = closest_name(entry, packs)
        hint = f"did you mean {close}? " if close else ""
        raise CostgateError(
            f"{entry}: no shipped policy pack of that name ({hint}shipped: {', '.join(packs)}; "
            "a file of yours needs its .yml suffix)"
        )
    return packs[entry]


def load_policies(
    paths: tuple[str, ...] | list[str], environments: Collection[str] | None = None
) -> tuple[Policy, ...]:
    """Every policy of the given packs (names of shipped packs or files), validated.

    Every problem of every pack is reported at once (config_checks.Problems): the schema's, the
    names it cannot check (resource types, sizes, and the environments when `environments`, the
    config's, is given) and duplicate ids.
    """
    from costgate.gate.policies.pack_checks import pack_problems
    from costgate.gate.problems import Problems
    from costgate.yaml_file import read_yaml_file, schema_problems

    policies: list[Policy] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        file = pack_file(path)
        if not file.is_file():
            raise CostgateError(f"{path}: policy file not found")
        document = read_yaml_file(file)
        shape = schema_problems(document, "policy.schema.json")
        problems += shape or pack_problems(document, environments)
        if shape:
            continue
        for index, raw in enumerate(document.data.get("policies") or []):
            policy = policy_from_dict(raw, str(path))
            if policy.id in seen:
                problems.append(
                    document.describe(
                        ["policies", index, "id"],
                        f"policy id {policy.id} is already defined in {seen[policy.id]}",
                    )
                )
            seen[policy.id] = file.name
            policies.append(policy)
    if problems:
        raise Problems(problems)
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
