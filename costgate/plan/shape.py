"""The shape of a plan or state document: every part a later stage reads has the JSON type it expects.

`terraform show -json` never writes a part of the wrong type; a hand-edited, damaged or hostile
file does. The parts the plan reader maps (resource changes, state resources) are checked
first and refused with one line naming the part; the configuration, which only helps (regions,
references, module defaults), is read with its damaged parts left out and a warning naming them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from costgate.errors import CostgateError, one_line

_TEXT_FIELDS = ("address", "type", "name", "provider_name", "mode", "module_address")
_SENSITIVE_TYPES = (bool, dict, list)
_MODULE_ADDRESS = re.compile(r"module\.[^.\[\]]+(\[[^\]]*\])?(\.module\.[^.\[\]]+(\[[^\]]*\])?)*")


def check_shape(document: Mapping[str, Any], name: str) -> None:
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
