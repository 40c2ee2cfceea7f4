"""Plan and state JSON -> ResourceChange, for every format version Terraform 0.12..1.14 writes.

`resource_changes` is the source of truth for a plan. A state (show -json without a
plan) has only `values.root_module`; its resources are read as unchanged (no-op), so
the estimate is the current monthly cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from costgate.errors import CostgateError, one_line
from costgate.model import SENSITIVE, Plan, ResourceChange
from costgate.plan.addresses import module_of
from costgate.plan.regions import RegionHooks, RegionResolver

KNOWN_FORMAT_VERSIONS = {"0.1", "0.2", "1.0", "1.1", "1.2"}


def read_plan(
    document: Mapping[str, Any],
    name: str,
    default_region: str | None = None,
    project: str = "",
    region_hooks: RegionHooks | None = None,
) -> Plan:
    """The plan's changes, each located in a region (`region_hooks`: the cost models' type-specific rules)."""
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
    _check_shape(document, name)
    configuration = readable_configuration(document.get("configuration") or {}, name, warnings)
    variables = {
        key: variable
        for key, variable in (document.get("variables") or {}).items()
        if isinstance(variable, dict)
    }
    resolver = RegionResolver(configuration, variables, default_region, region_hooks)
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


_TEXT_FIELDS = ("address", "type", "name", "provider_name", "mode", "module_address")
_SENSITIVE_TYPES = (bool, dict, list)
_MODULE_ADDRESS = re.compile(r"module\.[^.\[\]]+(\[[^\]]*\])?(\.module\.[^.\[\]]+(\[[^\]]*\])?)*")


def _check_shape(document: Mapping[str, Any], name: str) -> None:
    """Refuse a document whose parts have the wrong JSON type, naming the part, before anything reads it.

    `terraform show -json` never writes these; a hand-edited or damaged file does, and each
    must end as one line naming the entry, not as an error deep inside a later stage.
    """
    for key in ("configuration", "variables", "planned_values", "prior_state", "values"):
        _expect(document.get(key), dict, name, key)
    _expect(document.get("resource_changes"), list, name, "resource_changes")
    for index, entry in enumerate(document.get("resource_changes") or []):
        where = f"resource_changes[{index}]"
        _expect(entry, dict, name, where, allow_null=False)
        _check_text_fields(entry, name, where)
        change = entry.get("change")
        where = f"{where} ({_quoted(entry.get('address'))}) change"
        _expect(change, dict, name, where, allow_null=False)
        actions = change.get("actions")
        if not (isinstance(actions, list) and all(isinstance(action, str) for action in actions)):
            raise CostgateError(f"{name}: {where}.actions: expected a list of action names")
        for side in ("before", "after", "after_unknown"):
            _expect(change.get(side), dict, name, f"{where}.{side}")
        for side in ("before_sensitive", "after_sensitive"):
            if change.get(side) is not None and not isinstance(change.get(side), _SENSITIVE_TYPES):
                raise CostgateError(f"{name}: {where}.{side}: expected true, false, an object or a list")
    values = document.get("values")
    if values:
        _expect(values.get("root_module"), dict, name, "values.root_module")
        _check_state_module(values.get("root_module") or {}, name, "values.root_module")


def readable_configuration(
    configuration: Mapping[str, Any], name: str, warnings: list[str]
) -> dict[str, Any]:
    """`configuration` with every part of an unexpected JSON type left out (and a warning naming it).

    The configuration only helps (regions, references, module defaults): a damaged part is
    skipped, so what depends on it reads as unknown, with its reason, rather than failing the run.
    """
    skipped: list[str] = []

    def kept(value: Any, expected: type, where: str) -> Any:
        if value is None or isinstance(value, expected):
            return value
        skipped.append(where)
        return None

    def entries(value: Any, where: str) -> dict[str, Any]:
        """A map of maps (provider configurations, module calls, variables), odd entries left out."""
        found = kept(value, dict, where) or {}
        return {key: entry for key, entry in found.items() if kept(entry, dict, f"{where}.{key}") is not None}

    def expressions(value: Any, where: str) -> Any:
        if isinstance(value, list):
            return [expressions(item, f"{where}[{index}]") for index, item in enumerate(value)]
        if not isinstance(value, dict):
            return value
        result = {}
        for key, item in value.items():
            if key == "references" and not isinstance(item, dict):
                if not (isinstance(item, list) and all(isinstance(r, str) for r in item)):
                    skipped.append(f"{where}.references")
                    continue
            result[key] = item if key == "constant_value" else expressions(item, f"{where}.{key}")
        return result

    def module(value: Any, where: str) -> dict[str, Any]:
        found = kept(value, dict, where) or {}
        result = dict(found)
        if "resources" in found:
            result["resources"] = []
            for index, resource in enumerate(kept(found["resources"], list, f"{where}.resources") or []):
                at = f"{where}.resources[{index}]"
                if kept(resource, dict, at) is None:
                    continue
                resource = dict(resource)
                if kept(resource.get("provider_config_key"), str, f"{at}.provider_config_key") is None:
                    resource.pop("provider_config_key", None)
                given = kept(resource.get("expressions"), dict, f"{at}.expressions") or {}
                result["resources"].append(
                    {**resource, "expressions": expressions(given, f"{at}.expressions")}
                )
        if "variables" in found:
            result["variables"] = entries(found["variables"], f"{where}.variables")
        if "module_calls" in found:
            result["module_calls"] = {}
            for key, call in entries(found["module_calls"], f"{where}.module_calls").items():
                at = f"{where}.module_calls.{key}"
                given = kept(call.get("expressions"), dict, f"{at}.expressions") or {}
                result["module_calls"][key] = {
                    **call,
                    "expressions": expressions(given, f"{at}.expressions"),
                    "module": module(call.get("module"), f"{at}.module"),
                }
        return result

    providers = {}
    for key, entry in entries(configuration.get("provider_config"), "provider_config").items():
        address = entry.get("module_address")
        if address is not None and not (
            isinstance(address, str) and (not address or _MODULE_ADDRESS.fullmatch(address))
        ):
            skipped.append(f"provider_config.{key}.module_address")
            continue
        given = kept(entry.get("expressions"), dict, f"provider_config.{key}.expressions") or {}
        providers[key] = {**entry, "expressions": expressions(given, f"provider_config.{key}.expressions")}
    readable = dict(configuration)
    if "provider_config" in configuration:
        readable["provider_config"] = providers
    if "root_module" in configuration:
        readable["root_module"] = module(configuration["root_module"], "root_module")
    if skipped:
        shown = ", ".join(one_line(where, 120) for where in skipped[:3])
        more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        warnings.append(f"{name}: configuration parts of an unexpected type were ignored ({shown}{more})")
    return readable


def _check_state_module(module: Mapping[str, Any], name: str, where: str) -> None:
    for key in ("resources", "child_modules"):
        _expect(module.get(key), list, name, f"{where}.{key}")
    for index, resource in enumerate(module.get("resources") or []):
        _expect(resource, dict, name, f"{where}.resources[{index}]", allow_null=False)
        _check_text_fields(resource, name, f"{where}.resources[{index}]")
        _expect(resource.get("values"), dict, name, f"{where}.resources[{index}].values")
    for index, child in enumerate(module.get("child_modules") or []):
        _expect(child, dict, name, f"{where}.child_modules[{index}]", allow_null=False)
        _check_state_module(child, name, f"{where}.child_modules[{index}]")


def _check_text_fields(entry: Mapping[str, Any], name: str, where: str) -> None:
    if not isinstance(entry.get("address"), str) or not entry["address"]:
        raise CostgateError(f"{name}: {where}.address: expected the resource address as text")
    for key in _TEXT_FIELDS:  # absent is fine (older Terraform omits some); null is not
        if key in entry and not isinstance(entry[key], str):
            raise CostgateError(
                f"{name}: {where} ({_quoted(entry['address'])}).{key}: expected text, "
                f"got {_json_type(entry[key])}"
            )


def _expect(value: Any, expected: type, name: str, where: str, allow_null: bool = True) -> None:
    if (value is None and allow_null) or isinstance(value, expected):
        return
    wanted = {dict: "an object", list: "a list"}[expected]
    raise CostgateError(f"{name}: {where}: expected {wanted}, got {_json_type(value)}")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return {dict: "an object", list: "a list", str: "text"}.get(type(value), "a number")


def _quoted(address: Any) -> str:
    return repr(one_line(address, 120)) if isinstance(address, str) else "no address"


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


def _state_resources(module: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield from module.get("resources") or []
    for child in module.get("child_modules") or []:
        yield from _state_resources(child)


def short_provider(provider_name: str) -> str:
    """registry.terraform.io/hashicorp/aws -> aws; the 0.12 form is just `aws`."""
    return provider_name.rsplit("/", 1)[-1] if provider_name else ""


def _masked(value: Any, sensitive: Any) -> Any:
    """Replace sensitive leaves with a marker so no later stage can print them.

    A whole object marked sensitive keeps its keys, each masked, so the resource reads as
    "depends on a sensitive value" rather than as an object with nothing set.
    """
    if sensitive is True:
        return {key: SENSITIVE for key in value} if isinstance(value, dict) else SENSITIVE
    if not sensitive or value is None:
        return value
    if isinstance(value, dict) and isinstance(sensitive, dict):
        return {key: _masked(item, sensitive.get(key)) for key, item in value.items()}
    if isinstance(value, list) and isinstance(sensitive, list):
        return [_masked(item, sensitive[i] if i < len(sensitive) else None) for i, item in enumerate(value)]
    return value
