"""Module calls that override a module variable's default with a costlier value.

The plan's `configuration` holds each module call's expressions and the module's variables
(with their defaults). A resource attribute that references `var.X` is priced again with
X's default; the difference is what the override costs. When the plan lacks a default and
the module source is local, its .tf files are read with python-hcl2.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from costgate.gate.policies import Policy
from costgate.model import Finding
from costgate.report.money import dollars

_MISSING = object()


def module_calls(module: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(module address without indexes, module call) for every call, depth first."""
    for name, call in (module.get("module_calls") or {}).items():
        address = f"{prefix}module.{name}"
        yield address, call
        yield from module_calls(call.get("module") or {}, f"{address}.")


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


def _unquote(value: Any) -> Any:
    # Some python-hcl2 versions keep the quotes of string literals.
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def _strip_indexes(address: str) -> str:
    import re

    return re.sub(r"\[[^\]]*\]", "", address)


def module_default_findings(policy: Policy, subjects: list[Any], engine: Any) -> list[Finding]:
    findings: list[Finding] = []
    wanted = policy.params.get("modules") or ["*"]
    attributes_filter = set(policy.params.get("attributes") or ())
    import fnmatch

    by_config: dict[str, list[Any]] = {}
    for subject in subjects:
        by_config.setdefault(_strip_indexes(subject.resource.module), []).append(subject)
    seen_configs: set[int] = set()
    for subject in subjects:
        configuration = subject.configuration
        if id(configuration) in seen_configs:
            continue
        seen_configs.add(id(configuration))
        for address, call in module_calls(configuration.get("root_module") or {}):
            if not any(fnmatch.fnmatchcase(address, glob) for glob in wanted):
                continue
            module = call.get("module") or {}
            variables = module.get("variables") or {}
            from_files: dict[str, Any] | None = None
            for variable, expression in (call.get("expressions") or {}).items():
                if not isinstance(expression, Mapping) or "constant_value" not in expression:
                    continue
                value = expression["constant_value"]
                default = (variables.get(variable) or {}).get("default", _MISSING)
                if default is _MISSING:
                    if from_files is None:
                        from_files = local_defaults(subject.plan_path, str(call.get("source", "")))
                    default = from_files.get(variable, _MISSING)
                if default is _MISSING or default is None or default == value:
                    continue
                for resource in module.get("resources") or []:
                    for attribute, expr in (resource.get("expressions") or {}).items():
                        if attributes_filter and attribute not in attributes_filter:
                            continue
                        if f"var.{variable}" not in ((expr or {}).get("references") or []):
                            continue
                        config_address = f"{resource['type']}.{resource['name']}"
                        for target in by_config.get(address, []):
                            if (
                                _strip_indexes(target.resource.address).removeprefix(f"{address}.")
                                != config_address
                            ):
                                continue
                            finding = _override(
                                policy, target, engine, address, variable, attribute, value, default
                            )
                            if finding is not None:
                                findings.append(finding)
    return findings


def _override(
    policy: Policy,
    subject: Any,
    engine: Any,
    call: str,
    variable: str,
    attribute: str,
    value: Any,
    default: Any,
):
    from costgate.gate.policies.reprice import reprice

    repriced = reprice(
        subject.change, {attribute: default}, subject.context, engine.prices, engine.config.discounts
    )
    what = f"{call} sets {variable} = {value}"
    if repriced.monthly is None:
        message = f"{what}; the module default {default} has no price ({repriced.reason})"
        return Finding(policy.id, policy.severity, subject.resource.address, message, None, subject.team)
    saving = subject.resource.monthly_after - repriced.monthly
    if saving <= 0:
        return None  # the override is not costlier than the default
    message = f"{what}; the module default {default} costs {dollars(saving)} less per month"
    return Finding(policy.id, policy.severity, subject.resource.address, message, saving, subject.team)
