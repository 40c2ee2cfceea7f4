"""Plan and state JSON -> ResourceChange, for every format version Terraform 0.12..1.14 writes.

`resource_changes` is the source of truth for a plan. A state (show -json without a
plan) has only `values.root_module`; its resources are read as unchanged (no-op), so
the estimate is the current monthly cost.
"""

from __future__ import annotations

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
    configuration = document.get("configuration") or {}
    variables = document.get("variables") or {}
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
    _check_configuration(document.get("configuration") or {}, document.get("variables") or {}, name)
    values = document.get("values")
    if values:
        _expect(values.get("root_module"), dict, name, "values.root_module")
        _check_state_module(values.get("root_module") or {}, name, "values.root_module")


def _check_configuration(configuration: Mapping[str, Any], variables: Mapping[str, Any], name: str) -> None:
    """The parts of `configuration` and `variables` the region resolver and the plan context follow."""
    for key, variable in variables.items():
        _expect(variable, dict, name, f"variables.{key}", allow_null=False)
    providers = configuration.get("provider_config")
    _expect(providers, dict, name, "configuration.provider_config")
    for key, entry in (providers or {}).items():
        where = f"configuration.provider_config.{key}"
        _expect(entry, dict, name, where, allow_null=False)
        _check_texts(entry, ("name", "full_name", "alias", "module_address"), name, where)
        _check_expressions(entry.get("expressions"), name, f"{where}.expressions")
    _check_config_module(configuration.get("root_module"), name, "configuration.root_module")


def _check_config_module(module: Any, name: str, where: str) -> None:
    _expect(module, dict, name, where)
    if not module:
        return
    _expect(module.get("resources"), list, name, f"{where}.resources")
    for index, resource in enumerate(module.get("resources") or []):
        at = f"{where}.resources[{index}]"
        _expect(resource, dict, name, at, allow_null=False)
        _check_texts(resource, ("address", "type", "name", "mode", "provider_config_key"), name, at)
        _check_expressions(resource.get("expressions"), name, f"{at}.expressions")
    for part in ("module_calls", "variables"):
        _expect(module.get(part), dict, name, f"{where}.{part}")
        for key, entry in (module.get(part) or {}).items():
            _expect(entry, dict, name, f"{where}.{part}.{key}", allow_null=False)
    for key, call in (module.get("module_calls") or {}).items():
        _check_expressions(call.get("expressions"), name, f"{where}.module_calls.{key}.expressions")
        _check_config_module(call.get("module"), name, f"{where}.module_calls.{key}.module")


def _check_expressions(expressions: Any, name: str, where: str) -> None:
    """An attribute -> expression map; nested blocks are lists of such maps; `references` lists text."""
    _expect(expressions, dict, name, where)
    pending = [expressions or {}]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            references = value.get("references")
            # a list is an expression's references; a map is an attribute that happens to be called so
            if references is not None and not isinstance(references, dict):
                if not (isinstance(references, list) and all(isinstance(r, str) for r in references)):
                    raise CostgateError(f"{name}: {where}: `references` must be a list of addresses")
            pending.extend(item for key, item in value.items() if key != "constant_value")


def _check_texts(entry: Mapping[str, Any], keys: tuple[str, ...], name: str, where: str) -> None:
    for key in keys:
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise CostgateError(f"{name}: {where}.{key}: expected text, got {_json_type(entry[key])}")


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
