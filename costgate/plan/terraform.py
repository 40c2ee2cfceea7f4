"""Plan and state JSON -> ResourceChange, for every format version Terraform 0.12..1.14 writes.

`resource_changes` is the source of truth for a plan. A state (show -json without a
plan) has only `values.root_module`; its resources are read as unchanged (no-op), so
the estimate is the current monthly cost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from costgate.errors import CostgateError
from costgate.model import SENSITIVE, Plan, ResourceChange
from costgate.plan.addresses import module_of
from costgate.plan.regions import RegionHooks, RegionResolver
from costgate.plan.shape import check_shape, readable_configuration

KNOWN_FORMAT_VERSIONS = {"0.1", "0.2", "1.0", "1.1", "1.2"}


def read_plan(
    document: Mapping[str, Any],
    name: str,
    default_region: str | None = None,
    project: str = "",
    region_hooks: RegionHooks | None = None,
    assume_default_region: bool = True,
) -> Plan:
    """The plan's changes, each located in a region (`region_hooks`: the cost models' type-specific rules;
    `assume_default_region`: a change whose plan names no region gets its provider's default one)."""
    warnings: list[str] = []
    version = str(document.get("format_version", ""))
    if version and version not in KNOWN_FORMAT_VERSIONS:
        major = version.split(".", 1)[0]
        if major not in ("0", "1"):
            raise CostgateError(
                f"{name}: unsupported plan format_version {version}; costgate reads 0.1 to 1.x"
            )
        warnings.append(
            f"{name}: plan format_version {version} is newer than costgate knows (1.2); read as 1.x"
        )
    check_shape(document, name)
    configuration = readable_configuration(document.get("configuration") or {}, name, warnings)
    variables = {
        key: variable
        for key, variable in (document.get("variables") or {}).items()
        if isinstance(variable, dict)
    }
    resolver = RegionResolver(configuration, variables, default_region, region_hooks, assume_default_region)
    if "resource_changes" in document or "planned_values" in document:
        raw_changes = document.get("resource_changes") or []
        is_state = False
        changes = [_change_from_plan(rc, name) for rc in raw_changes]
    elif "values" in document:
        is_state = True
        changes = [
            _change_from_state(res)
            for res in _state_resources((document.get("values") or {}).get("root_module") or {})
        ]
    else:
        raise CostgateError(
            f"{name}: this JSON is not a Terraform plan or state (no resource_changes or values)"
        )
    located = tuple(
        replace(change, project=project, **resolver.resolve(change))
        if change.mode == "managed"
        else replace(change, project=project)
        for change in changes
    )
    return Plan(
        changes=located,
        warnings=tuple(warnings),
        terraform_version=str(document.get("terraform_version", "")),
        is_state=is_state,
        configuration=configuration,
        variables=variables,
    )


def action_of(actions: list[str]) -> str:
    if actions in (["delete", "create"], ["create", "delete"]):
        return "replace"
    if len(actions) == 1 and actions[0] in ("create", "update", "delete", "no-op", "read", "forget"):
        return actions[0]
    if "forget" in actions:
        return "forget"
    raise ValueError(f"unknown actions {actions}")


def _change_from_plan(rc: Mapping[str, Any], name: str) -> ResourceChange:
    try:
        change = rc["change"]
        address = rc["address"]
        action = action_of(list(change.get("actions") or []))
    except (KeyError, TypeError, ValueError) as error:
        raise CostgateError(f"{name}: a resource_changes entry is malformed ({error})") from None
    before, after = change.get("before"), change.get("after")
    deposed = bool(rc.get("deposed"))
    if deposed and action != "delete":
        # A deposed object is always the old object: only its deletion changes cost.
        action = "delete"
    return ResourceChange(
        address=address + (f" (deposed {rc['deposed']})" if deposed else ""),
        type=rc.get("type", ""),
        name=rc.get("name", ""),
        module=rc.get("module_address", "") or module_of(address),
        provider=short_provider(rc.get("provider_name", "")),
        mode=rc.get("mode", "managed"),
        action=action,
        before=_masked(before, change.get("before_sensitive")),
        after=_masked(after, change.get("after_sensitive")),
        after_unknown=change["after_unknown"] if isinstance(change.get("after_unknown"), dict) else {},
        deposed=deposed,
    )


def _change_from_state(resource: Mapping[str, Any]) -> ResourceChange:
    values = _masked(resource.get("values") or {}, resource.get("sensitive_values"))
    address = resource.get("address", "")
    return ResourceChange(
        address=address,
        type=resource.get("type", ""),
        name=resource.get("name", ""),
        module=module_of(address),
        provider=short_provider(resource.get("provider_name", "")),
        mode=resource.get("mode", "managed"),
        action="no-op",
        before=values,
        after=values,
    )


def _state_resources(module: Mapping[str, Any], module_address: str = "") -> Iterator[Mapping[str, Any]]:
    for resource in module.get("resources") or []:
        yield _full_address(resource, module_address)
    for child in module.get("child_modules") or []:
        yield from _state_resources(child, str(child.get("address") or module_address))


def _full_address(resource: Mapping[str, Any], module_address: str) -> Mapping[str, Any]:
    """The resource with its whole address, module path and instance key included.

    Terraform 0.12 writes a state's resources with the address relative to their module
    and without the count/for_each key (which it keeps in `index`, or `index_key`), so
    `module.a.aws_instance.web[0]` and `module.b.aws_instance.web[1]` would both read as
    `aws_instance.web` and merge.
    """
    address = str(resource.get("address", ""))
    module = str(resource.get("module") or module_address)
    if module and not address.startswith(module + "."):
        address = f"{module}.{address}"
    key = resource.get("index", resource.get("index_key"))
    if key is not None and not address.endswith("]"):
        address += f"[{json.dumps(key)}]"
    return {**resource, "address": address}


def short_provider(provider_name: str) -> str:
    """registry.terraform.io/hashicorp/aws -> aws; the 0.12 form is just `aws`."""
    return provider_name.rsplit("/", 1)[-1] if provider_name else ""


def _marks_any(sensitive: Any) -> bool:
    """Whether a sensitivity tree marks any leaf (real plans send trees of empty maps and lists)."""
    if sensitive is True:
        return True
    items = (
        sensitive.values()
        if isinstance(sensitive, dict)
        else sensitive
        if isinstance(sensitive, list)
        else ()
    )
    # Empty maps, lists and False mark nothing; only a non-empty item needs a look inside.
    return any(item is True or (item and _marks_any(item)) for item in items)


def _masked(value: Any, sensitive: Any) -> Any:
    """Replace sensitive leaves with a marker so no later stage can print them.

    A whole object marked sensitive keeps its keys, each masked, so the resource reads as
    "depends on a sensitive value" rather than as an object with nothing set.
    """
    if sensitive is True:
        return {key: SENSITIVE for key in value} if isinstance(value, dict) else SENSITIVE
    if not sensitive or value is None or not _marks_any(sensitive):
        return value  # nothing to hide: no copy
    if isinstance(value, dict) and isinstance(sensitive, dict):
        return {key: _masked(item, sensitive.get(key)) for key, item in value.items()}
    if isinstance(value, list) and isinstance(sensitive, list):
        return [_masked(item, sensitive[i] if i < len(sensitive) else None) for i, item in enumerate(value)]
    return value
