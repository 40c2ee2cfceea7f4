"""Module calls that override a module variable's default with a costlier value.

The plan's `configuration` holds each module call's expressions and the module's variables
(with their defaults). A resource attribute that references `var.X` is priced again with
X's default; the difference is what the override costs. When the plan lacks a default and
the module source is local, its .tf files are read with python-hcl2.

The configuration is plan input: every level is checked for the shape Terraform writes
(a nested block's expressions are a list of maps, a constant may be a map), and anything
else is skipped rather than trusted.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from costgate.gate.policies import Policy
from costgate.gate.policies.subject import Engine, Subject, finding
from costgate.model import Finding
from costgate.report.money import dollars

_MISSING = object()
# Only a single value can stand in for an attribute; a map or list default (tags, settings) is skipped.
_SCALARS = (str, int, float, bool)


def module_defaults(policy: Policy, scoped: list[Subject], engine: Engine) -> list[Finding]:
    wanted = policy.params.get("modules") or ["*"]
    attributes = set(policy.params.get("attributes") or ())
    by_module: dict[str, list[Subject]] = {}
    for subject in scoped:
        by_module.setdefault(_strip_indexes(subject.resource.module), []).append(subject)
    findings: list[Finding] = []
    seen_plans: set[int] = set()
    for subject in scoped:
        if id(subject.plan) in seen_plans:
            continue
        seen_plans.add(id(subject.plan))
        for address, call in module_calls(_mapping(subject.configuration.get("root_module"))):
            if not any(fnmatch.fnmatchcase(address, glob) for glob in wanted):
                continue
            for variable, value, default in _overrides(call, subject.plan_path):
                for resource_address, path in _referencing(call, variable):
                    if attributes and path not in attributes and path.split(".", 1)[0] not in attributes:
                        continue
                    for target in by_module.get(address, []):
                        if (
                            _strip_indexes(target.resource.address).removeprefix(f"{address}.")
                            != resource_address
                        ):
                            continue
                        found = _override(policy, target, engine, address, variable, path, value, default)
                        if found is not None:
                            findings.append(found)
    return findings


def module_calls(module: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(module address without indexes, module call) for every call, depth first."""
    for name, call in _mapping(module.get("module_calls")).items():
        if not isinstance(call, Mapping):
            continue
        address = f"{prefix}module.{name}"
        yield address, call
        yield from module_calls(_mapping(call.get("module")), f"{address}.")


def _overrides(call: Mapping[str, Any], plan_path: str) -> Iterator[tuple[str, Any, Any]]:
    """(variable, the call's constant value, the module's default) for each constant that differs from its default."""
    variables = _mapping(_mapping(call.get("module")).get("variables"))
    from_files: dict[str, Any] | None = None
    for variable, expression in _mapping(call.get("expressions")).items():
        if not isinstance(expression, Mapping) or not isinstance(expression.get("constant_value"), _SCALARS):
            continue
        value = expression["constant_value"]
        default = _mapping(variables.get(variable)).get("default", _MISSING)
        if default is _MISSING:
            if from_files is None:
                from_files = local_defaults(plan_path, str(call.get("source", "")))
            default = from_files.get(variable, _MISSING)
        if isinstance(default, _SCALARS) and default != value:
            yield str(variable), value, default


def _referencing(call: Mapping[str, Any], variable: str) -> Iterator[tuple[str, str]]:
    """(resource address in the module, attribute path) for every attribute that refers to var.<variable>."""
    resources = _mapping(call.get("module")).get("resources")
    for resource in resources if isinstance(resources, list) else ():
        if not isinstance(resource, Mapping) or not resource.get("type") or not resource.get("name"):
            continue
        for path in _paths_referencing(resource.get("expressions"), f"var.{variable}"):
            yield f"{resource['type']}.{resource['name']}", path


def _paths_referencing(expressions: Any, reference: str, prefix: str = "") -> Iterator[str]:
    """Dotted attribute paths under `expressions` whose references include `reference`.

    A nested block (root_block_device) is a list of expression maps: root_block_device.0.volume_type.
    """
    for name, expression in _mapping(expressions).items():
        if isinstance(expression, list):
            for index, block in enumerate(expression):
                yield from _paths_referencing(block, reference, f"{prefix}{name}.{index}.")
        elif isinstance(expression, Mapping):
            references = expression.get("references")
            if isinstance(references, list) and reference in references:
                yield f"{prefix}{name}"


def local_defaults(plan_path: str, source: str) -> dict[str, Any]:
    """Variable defaults of a local module (source ./x or ../x, relative to the plan's directory)."""
    if not source.startswith(("./", "../")):
        return {}
    import hcl2

    defaults: dict[str, Any] = {}
    for file in sorted((Path(plan_path).parent / source).glob("*.tf")):
        try:
            with file.open(encoding="utf-8") as handle:
                parsed = hcl2.load(handle)
        except Exception:  # noqa: BLE001, S112 - an unreadable module file only means no defaults from it
            continue
        for block in parsed.get("variable") or []:
            for name, body in block.items():
                if isinstance(body, Mapping) and "default" in body:
                    defaults[name.strip('"')] = _unquote(body["default"])
    return defaults


def _override(
    policy: Policy,
    subject: Subject,
    engine: Engine,
    call: str,
    variable: str,
    path: str,
    value: Any,
    default: Any,
) -> Finding | None:
    repriced = engine.pricer.reprice(subject.change, subject.plan, {path: default})
    what = f"{call} sets {variable} = {value}"
    if repriced.monthly is None:
        return finding(
            policy, subject, f"{what}; the module default {default} has no price ({repriced.reason})"
        )
    saving = subject.resource.monthly_after - repriced.monthly
    if saving <= 0:
        return None  # the override is not costlier than the default
    message = f"{what}; the module default {default} costs {dollars(saving)} less per month"
    return Finding(policy.id, policy.severity, subject.resource.address, message, saving, subject.team)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _unquote(value: Any) -> Any:
    # Some python-hcl2 versions keep the quotes of string literals.
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def _strip_indexes(address: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", address)
