"""What the schema cannot see in costgate.yml and the policy packs: names that must exist.

Each check gives one line per problem, `file:line key.path: what; did you mean X?`, and every
problem of a run is reported at once (`Problems`). Names are checked against what costgate
knows: resource types against the cost-model registry, discount services against the embedded
catalog's, environments against those the config declares, sizes against the size vocabulary,
owner tag keys against attribution.tag_keys, and files that must exist on disk.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Collection, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError
from costgate.gate.config import Config, Thresholds
from costgate.yaml_file import KeyPath, YamlFile

# Environment names a config is taken to declare when it names none (environment.names).
COMMON_ENVIRONMENTS = ("dev", "development", "test", "qa", "staging", "stage", "sandbox", "preview")
# A GitHub login (letters, digits, single hyphens) or @org/team-slug.
APPROVER = re.compile(r"^(?:@?[A-Za-z0-9](?:-?[A-Za-z0-9])*|@[A-Za-z0-9-]+/[A-Za-z0-9._-]+)$")


class Problems(CostgateError):
    """Every problem found; the message is the first one and a pointer to the rest."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = len(problems) - 1
        suffix = f" (and {more} more: run `costgate config validate`)" if more else ""
        super().__init__(problems[0] + suffix)


def declared_environments(config: Config) -> tuple[str, ...]:
    """environment.names, else the common names; plus the production names and the path rules' names."""
    named = config.environment.names or COMMON_ENVIRONMENTS
    return tuple(dict.fromkeys((*named, *config.environment.production, *config.environment.paths)))


def config_problems(document: YamlFile, config: Config) -> list[str]:
    """Problems of a costgate.yml that passed its schema."""
    data = document.data
    problems: list[str] = []
    problems += _threshold_order(document, ["thresholds"], config.thresholds)
    for name, team in config.teams.items():
        if (data["teams"][name] or {}).get(
            "thresholds"
        ):  # a team's own limits; inherited ones are checked once
            problems += _threshold_order(document, ["teams", name, "thresholds"], team.thresholds)
        for key in team.owner_tags:
            if key not in config.tag_keys:
                problems.append(
                    _unknown(
                        document,
                        ["teams", name, "owners", "tags", key],
                        f"tag key {key} is not in attribution.tag_keys ({', '.join(config.tag_keys)})",
                        key,
                        config.tag_keys,
                        of_key=True,
                    )
                )
    services = catalog_services()
    for index, discount in enumerate(data.get("discounts") or []):
        where = ["discounts", index]
        provider = discount["provider"]
        if provider not in services:
            problems.append(
                _unknown(document, [*where, "provider"], f"unknown provider {provider}", provider, services)
            )
        elif discount.get("service") and discount["service"] not in services[provider]:
            service = discount["service"]
            problems.append(
                _unknown(
                    document,
                    [*where, "service"],
                    f"{service} is not a service of the {provider} catalog",
                    service,
                    services[provider],
                )
            )
        if discount.get("resource_type"):
            problems += _resource_types(document, [*where, "resource_type"], [discount["resource_type"]])
    for index, approver in enumerate((data.get("approval") or {}).get("approvers") or []):
        if not APPROVER.match(approver):
            problems.append(
                document.describe(
                    ["approval", "approvers", index],
                    f"{approver!r} is not a GitHub login or an @org/team slug",
                )
            )
    base = Path(config.path).parent if config.path else Path(".")
    for key, path in (("usage_file", data.get("usage_file")),):
        if path and not (base / path).is_file():
            problems.append(document.describe([key], f"file {path} not found (relative to {document.name})"))
    codeowners = (data.get("attribution") or {}).get("codeowners")
    if codeowners and not (base / codeowners).is_file():
        problems.append(
            document.describe(
                ["attribution", "codeowners"], f"file {codeowners} not found (relative to {document.name})"
            )
        )
    from costgate.gate.policies import is_pack_name, shipped_packs

    for index, entry in enumerate(data.get("policies") or []):
        if is_pack_name(entry):
            packs = shipped_packs()
            if entry not in packs:
                problems.append(
                    _unknown(document, ["policies", index], f"no shipped policy pack {entry}", entry, packs)
                )
        elif not (base / entry).is_file():
            problems.append(
                document.describe(
                    ["policies", index], f"policy file {entry} not found (relative to {document.name})"
                )
            )
    return problems


def pack_problems(document: YamlFile, environments: Collection[str] | None) -> list[str]:
    """Problems of a policy pack that passed its schema; environments are checked when given."""
    from costgate.gate.policies.sizing import SIZES, size_rank

    problems: list[str] = []
    for index, policy in enumerate(document.data.get("policies") or []):
        where: list[str | int] = ["policies", index]
        scope = policy.get("scope") or {}
        problems += _resource_types(
            document, [*where, "scope", "resource_types"], scope.get("resource_types") or []
        )
        if environments is not None:
            for number, environment in enumerate(scope.get("environments") or []):
                if environment not in environments:
                    problems.append(
                        _unknown(
                            document,
                            [*where, "scope", "environments", number],
                            f"environment {environment} is not one the config declares "
                            f"({', '.join(environments)}; add it to environment.names)",
                            environment,
                            environments,
                        )
                    )
        maximum = policy.get("max_size")
        if maximum is not None and size_rank(maximum) is None:
            vocabulary = [
                *SIZES,
                "2xlarge",
                "4xlarge",
                "8xlarge",
                "12xlarge",
                "16xlarge",
                "24xlarge",
                "metal",
            ]
            problems.append(
                _unknown(
                    document,
                    [*where, "max_size"],
                    f"{maximum} is not a size ({', '.join(SIZES)}, Nxlarge or metal)",
                    maximum,
                    vocabulary,
                )
            )
        if policy.get("kind") == "required_tags" and not policy.get("tags"):
            problems.append(
                document.describe(where, "a required_tags policy needs tags: [the keys it requires]")
            )
    return problems


def catalog_services() -> dict[str, tuple[str, ...]]:
    """provider -> the services the embedded catalog holds prices for (AmazonEC2, Compute Engine, ...)."""
    root = resources.files("costgate") / "pricing" / "catalog"
    services: dict[str, tuple[str, ...]] = {}
    for provider in sorted(root.iterdir(), key=lambda entry: entry.name):
        if provider.is_dir():
            stems = {entry.name.split(".")[0].replace("_", " ") for entry in provider.iterdir()}
            services[provider.name] = tuple(sorted(stems))
    return services


def closest_name(name: str, choices: Iterable[str]) -> str | None:
    """The known name nearest to a mistyped one, if any is near."""
    names = list(choices)
    # difflib misses a short name inside a long one (EC2 in AmazonEC2): the name's own letters then
    close = difflib.get_close_matches(name, names, n=1) or [c for c in names if name.lower() in c.lower()][:1]
    return close[0] if close else None


def _resource_types(document: YamlFile, path: KeyPath, types: Iterable[str]) -> list[str]:
    from costgate.resources.registry import COST_MODELS, FREE_TYPES, is_free

    known = sorted({*COST_MODELS, *FREE_TYPES})
    problems = []
    for number, resource_type in enumerate(types):
        at = [*path, number] if path[-1] == "resource_types" else list(path)
        if any(ch in resource_type for ch in "*?["):
            if not any(fnmatch.fnmatchcase(t, resource_type) for t in known):
                problems.append(
                    document.describe(at, f"{resource_type} matches no resource type costgate prices")
                )
        elif resource_type not in COST_MODELS and not is_free(resource_type):
            problems.append(
                _unknown(
                    document,
                    at,
                    f"{resource_type} is not a resource type costgate prices",
                    resource_type,
                    known,
                )
            )
    return problems


def _threshold_order(document: YamlFile, path: list[str | int], limits: Thresholds) -> list[str]:
    if limits.warn_at_percent < limits.block_at_percent:
        return []
    return [
        document.describe(
            [*path, "warn_at_percent"],
            f"warn_at_percent ({limits.warn_at_percent}) must be below block_at_percent ({limits.block_at_percent})",
        )
    ]


def _unknown(
    document: YamlFile,
    path: KeyPath,
    what: str,
    name: str,
    choices: Iterable[str] | Mapping[str, Any],
    of_key: bool = False,
) -> str:
    close = closest_name(name, choices)
    hint = f"; did you mean {close}?" if close else ""
    line = document.line(path, of_key=True) if of_key else None
    return document.describe(path, what + hint, line)
