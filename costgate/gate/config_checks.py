"""What the schema cannot see in costgate.yml: names that must exist.

Each check gives one line per problem, `file:line key.path: what; did you mean X?` (every
problem of a run is reported at once, gate.problems.Problems): owner tag keys against
attribution.tag_keys, discount providers and services against the embedded catalog's,
resource types against the cost-model registry, approvers' form, and files that must exist.
The packs' own names are checked in gate/policies/pack_checks.py.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from costgate.gate.policies import is_pack_name, shipped_packs
from costgate.gate.policies.pack_checks import resource_type_problems, unknown_name
from costgate.yaml_file import YamlFile

# A GitHub login (letters, digits, single hyphens) or @org/team-slug.
APPROVER = re.compile(r"^(?:@?[A-Za-z0-9](?:-?[A-Za-z0-9])*|@[A-Za-z0-9-]+/[A-Za-z0-9._-]+)$")


def config_problems(document: YamlFile, base: Path, tag_keys: tuple[str, ...]) -> list[str]:
    """Problems of the names in a costgate.yml that passed its schema (its paths are relative to `base`)."""
    data = document.data
    problems: list[str] = []
    for name, team in (data.get("teams") or {}).items():
        for key in ((team or {}).get("owners") or {}).get("tags") or {}:
            if key not in tag_keys:
                problems.append(
                    unknown_name(
                        document,
                        ["teams", name, "owners", "tags", key],
                        f"tag key {key} is not in attribution.tag_keys ({', '.join(tag_keys)})",
                        key,
                        tag_keys,
                        of_key=True,
                    )
                )
    services = catalog_services()
    for index, discount in enumerate(data.get("discounts") or []):
        where = ["discounts", index]
        provider = discount["provider"]
        if provider not in services:
            problems.append(
                unknown_name(
                    document, [*where, "provider"], f"unknown provider {provider}", provider, services
                )
            )
        elif discount.get("service") and discount["service"] not in services[provider]:
            service = discount["service"]
            problems.append(
                unknown_name(
                    document,
                    [*where, "service"],
                    f"{service} is not a service of the {provider} catalog",
                    service,
                    services[provider],
                )
            )
        if discount.get("resource_type"):
            problems += resource_type_problems(
                document, [*where, "resource_type"], [discount["resource_type"]]
            )
    for index, approver in enumerate((data.get("approval") or {}).get("approvers") or []):
        if not APPROVER.match(approver):
            problems.append(
                document.describe(
                    ["approval", "approvers", index],
                    f"{approver!r} is not a GitHub login or an @org/team slug",
                )
            )
    for where in (["usage_file"], ["attribution", "codeowners"]):  # files that must exist
        path = data.get(where[0]) if len(where) == 1 else (data.get(where[0]) or {}).get(where[1])
        if path and not (base / path).is_file():
            problems.append(document.describe(where, f"file {path} not found (relative to {document.name})"))

    for index, entry in enumerate(data.get("policies") or []):
        if is_pack_name(entry):
            packs = shipped_packs()
            if entry not in packs:
                problems.append(
                    unknown_name(
                        document, ["policies", index], f"no shipped policy pack {entry}", entry, packs
                    )
                )
        elif not (base / entry).is_file():
            problems.append(
                document.describe(
                    ["policies", index], f"policy file {entry} not found (relative to {document.name})"
                )
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
