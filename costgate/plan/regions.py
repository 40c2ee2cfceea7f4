"""Which region a resource lives in. First match wins:

1. the resource's own attributes (GCP region/zone/location, AWS provider 6 `region`,
   an `availability_zone`), then its type's region hook (Spanner's instance `config`,
   Bigtable's first cluster zone: each cost model declares its own, the caller passes them);
2. the provider configuration the resource uses (aliases, module-scoped keys in both the
   0.12 `x:aws` and the later `module.x:aws` form, providers inherited from the parent
   module, `region` as a constant or a reference to a variable);
3. `--region`, then AWS_REGION / AWS_DEFAULT_REGION (AWS) or GOOGLE_REGION (GCP);
4. the provider's default region (AWS us-east-1, GCP us-central1, as Infracost assumes), marked
   `region_assumed` so the report can say so; `pricing.assume_default_region: false` turns this off.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from costgate.model import ResourceChange
from costgate.plan.addresses import config_module_path, resource_part
from costgate.plan.context import config_resources

_AWS_REGION = re.compile(r"^((?:[a-z]{2}(?:-gov|-iso[a-z]?)?)-[a-z]+-\d+)")
_GCP_ZONE = re.compile(r"^([a-z]+-[a-z]+\d+)-[a-z]$")
_GCP_REGION = re.compile(r"^[a-z]+-[a-z]+\d+$")
_MODULE_STEP = re.compile(r"module\.([^.\[]+)")

# The region a plan that names none is priced at, for the providers costgate prices.
DEFAULT_REGIONS = {"aws": "us-east-1", "google": "us-central1"}
REGION_UNKNOWN = "region unknown: set it in the provider block or pass --region"

# A type-specific rule for the region a resource's attributes name (Spanner's `config`), keyed by type.
RegionHook = Callable[[Mapping[str, Any]], "str | None"]
RegionHooks = Mapping[str, RegionHook]


def gcp_region(value: Any) -> str | None:
    """The region a GCP zone or region name stands for (`us-central1-a` -> `us-central1`); None otherwise."""
    if not isinstance(value, str):
        return None
    zone = _GCP_ZONE.match(value)
    if zone:
        return zone.group(1)
    return value if _GCP_REGION.match(value) else None


def cloud_of(provider: str) -> str:
    """The cloud a provider bills in: google-beta resources are Google Cloud resources."""
    return "google" if provider == "google-beta" else provider


def region_from_attributes(provider: str, values: Mapping[str, Any] | None) -> str | None:
    if not isinstance(values, Mapping):
        return None
    if cloud_of(provider) == "google":
        for key in ("region", "zone", "location"):
            value = values.get(key)
            if isinstance(value, str) and value:
                value = value.rsplit("/", 1)[-1]  # self links: projects/p/zones/us-central1-a
                zone = _GCP_ZONE.match(value)
                if zone:
                    return zone.group(1)
                if _GCP_REGION.match(value) or key != "location":
                    return value
                return value.lower()  # multi-region locations: US, EU, ASIA
        return None
    for key in ("region", "availability_zone"):
        value = values.get(key)
        if isinstance(value, str):
            match = _AWS_REGION.match(value)
            if match:
                return match.group(1)
    return None


class RegionResolver:
    def __init__(
        self,
        configuration: Mapping[str, Any],
        variables: Mapping[str, Any],
        default_region: str | None,
        region_hooks: RegionHooks | None = None,
        assume_default_region: bool = True,
    ):
        self._assume_default = assume_default_region
        self._hooks: RegionHooks = region_hooks or {}
        self._providers: Mapping[str, Any] = configuration.get("provider_config") or {}
        self._root: Mapping[str, Any] = configuration.get("root_module") or {}
        self._variables = variables
        self._default = default_region
        self._config_keys = {
            key: resource["provider_config_key"]
            for key, resource in config_resources(self._root).items()
            if "provider_config_key" in resource
        }
        self._by_config: dict[tuple[str, str, str], str | None] = {}

    def resolve(self, change: ResourceChange) -> dict[str, Any]:
        """Keyword arguments for dataclasses.replace: region, and region_assumed or region_reason."""
        hook = self._hooks.get(change.type)
        for values in (change.after, change.before):
            region = region_from_attributes(change.provider, values)
            if not region and hook is not None and isinstance(values, Mapping):
                region = hook(values)
            if region:
                return {"region": region}
        region = self._from_provider_config(change)
        if region:
            return {"region": region}
        region = self._default or _environment_region(change.provider)
        if region:
            return {"region": region}
        assumed = DEFAULT_REGIONS.get(cloud_of(change.provider)) if self._assume_default else None
        if assumed:
            return {"region": assumed, "region_assumed": True}
        return {"region": None, "region_reason": REGION_UNKNOWN}

    def _from_provider_config(self, change: ResourceChange) -> str | None:
        # Every instance of a module or resource uses the same provider configuration: resolve it once.
        key = (config_module_path(change.module), resource_part(change.address), change.provider)
        if key not in self._by_config:
            self._by_config[key] = self._provider_region(change)
        return self._by_config[key]

    def _provider_region(self, change: ResourceChange) -> str | None:
        module_path = [step for step in _MODULE_STEP.findall(change.module)]
        resource_key = (".".join(f"module.{m}" for m in module_path), resource_part(change.address))
        key = self._config_keys.get(resource_key, change.provider)
        local_name = key.split(":", 1)[1] if ":" in key else key
        candidates = [key]
        # Walk from the resource's module up to the root: module.a.module.b:aws, module.a:aws, aws.
        for depth in range(len(module_path), 0, -1):
            candidates.append(".".join(f"module.{m}" for m in module_path[:depth]) + ":" + local_name)
        candidates.append(local_name)
        if ":" not in key:
            candidates.append(key.split(".", 1)[0])
        for candidate in dict.fromkeys(candidates):
            entry = self._providers.get(candidate)
            if not isinstance(entry, Mapping):
                continue
            expression = (entry.get("expressions") or {}).get("region")
            if expression:
                region = self._evaluate(expression, entry.get("module_address", ""))
                if region:
                    return region
        return None

    def _evaluate(self, expression: Mapping[str, Any], module_address: str, depth: int = 0) -> str | None:
        if not isinstance(expression, Mapping) or depth > 10:
            return None
        value = expression.get("constant_value")
        if isinstance(value, str) and value:
            return value
        for reference in expression.get("references") or []:
            if not reference.startswith("var."):
                continue
            variable = reference[4:].split(".", 1)[0]
            if not module_address:
                found = (self._variables.get(variable) or {}).get("value")
                if isinstance(found, str) and found:
                    return found
                default = ((self._root.get("variables") or {}).get(variable) or {}).get("default")
                return default if isinstance(default, str) and default else None
            parent, call = _parent_and_call(module_address)
            module_call = _module_call(self._root, parent, call)
            passed = (module_call.get("expressions") or {}).get(variable)
            if passed:
                return self._evaluate(passed, parent, depth + 1)
            default = (((module_call.get("module") or {}).get("variables") or {}).get(variable) or {}).get(
                "default"
            )
            return default if isinstance(default, str) and default else None
        return None


def assumed_region_warning(regions: list[str | None]) -> str | None:
    """The one report warning for resources priced at an assumed region (`regions`: the region of each)."""
    if not regions:
        return None
    defaults = ", ".join(
        f"{provider} {region}" for provider, region in DEFAULT_REGIONS.items() if region in regions
    )
    count = len(regions)
    return (
        f"{count} resource{'s' if count != 1 else ''} priced at an assumed region ({defaults}) because "
        "the plan names none: set `region` in the provider block, pass --region, or set AWS_REGION / "
        "GOOGLE_REGION"
    )


def _environment_region(provider: str) -> str | None:
    provider = cloud_of(provider)
    if provider == "aws":
        return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
    if provider == "google":
        return os.environ.get("GOOGLE_REGION") or os.environ.get("CLOUDSDK_COMPUTE_REGION") or None
    return None


def _parent_and_call(module_address: str) -> tuple[str, str]:
    steps = _MODULE_STEP.findall(module_address)
    return ".".join(f"module.{m}" for m in steps[:-1]), steps[-1]


def _module_call(root: Mapping[str, Any], parent: str, call: str) -> Mapping[str, Any]:
    module = root
    for step in _MODULE_STEP.findall(parent):
        module = ((module.get("module_calls") or {}).get(step) or {}).get("module") or {}
    return (module.get("module_calls") or {}).get(call) or {}
