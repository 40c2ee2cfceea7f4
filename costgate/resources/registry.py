"""Every cost model and every known-free resource type, in one place.

Each provider package exports MODELS (resource type -> cost model function) and
FREE_TYPES (types that have no charge of their own). Nothing is discovered by magic:
read this file and the two provider __init__ files to know every supported type.
"""

from __future__ import annotations

from costgate.resources import aws, google
from costgate.resources.base import CostModelFunction, UsageKey

# Providers whose resources never cost money: they create local values, keys, or wait.
_FREE_PROVIDER_PREFIXES = (
    "random_",
    "null_",
    "time_",
    "tls_",
    "local_",
    "template_",
    "archive_",
    "external_",
    "http_",
)
_FREE_TYPES_ANY_PROVIDER = frozenset({"terraform_data", "null_resource"})

COST_MODELS: dict[str, CostModelFunction] = {**aws.MODELS, **google.MODELS}
USAGE_KEYS: dict[str, tuple[UsageKey, ...]] = {**aws.USAGE_KEYS, **google.USAGE_KEYS}
FREE_TYPES: frozenset[str] = aws.FREE_TYPES | google.FREE_TYPES | _FREE_TYPES_ANY_PROVIDER


def is_free(resource_type: str) -> bool:
    return resource_type in FREE_TYPES or resource_type.startswith(_FREE_PROVIDER_PREFIXES)


def cost_model(resource_type: str) -> CostModelFunction | None:
    return COST_MODELS.get(resource_type)
