"""What the schema cannot see in a policy pack: resource types, environments, sizes, required tags.

One line per problem, `file:line key.path: what; did you mean X?`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Collection, Iterable

from costgate.gate.policies.sizes import SIZES, size_rank
from costgate.gate.problems import closest_name
from costgate.yaml_file import KeyPath, YamlFile

SIZE_WORDS = [*SIZES, "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"]


def pack_problems(document: YamlFile, environments: Collection[str] | None) -> list[str]:
    """Problems of a policy pack that passed its schema; environments are checked when given."""
    problems: list[str] = []
    for index, policy in enumerate(document.data.get("policies") or []):
        where: list[str | int] = ["policies", index]
        scope = policy.get("scope") or {}
        problems += resource_type_problems(
            document, [*where, "scope", "resource_types"], scope.get("resource_types") or []
        )
        if environments is not None:
            for number, environment in enumerate(scope.get("environments") or []):
                if environment not in environments:
                    problems.append(
                        unknown_name(
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
            problems.append(
                unknown_name(
                    document,
                    [*where, "max_size"],
                    f"{maximum} is not a size ({', '.join(SIZES)}, Nxlarge or metal)",
                    maximum,
                    SIZE_WORDS,
                )
            )
        if policy.get("kind") == "required_tags" and not policy.get("tags"):
            problems.append(
                document.describe(where, "a required_tags policy needs tags: [the keys it requires]")
            )
    return problems


def resource_type_problems(document: YamlFile, path: KeyPath, types: Iterable[str]) -> list[str]:
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
                unknown_name(
                    document,
                    at,
                    f"{resource_type} is not a resource type costgate prices",
                    resource_type,
                    known,
                )
            )
    return problems


def unknown_name(
    document: YamlFile,
    path: KeyPath,
    what: str,
    name: str,
    choices: Iterable[str],
    of_key: bool = False,
) -> str:
    close = closest_name(name, choices)
    hint = f"; did you mean {close}?" if close else ""
    line = document.line(path, of_key=True) if of_key else None
    return document.describe(path, what + hint, line)
