"""google_redis_instance and google_memcache_instance (Memorystore).

Redis is billed per GB-hour of provisioned capacity at a rate set by the tier (BASIC,
STANDARD_HA) and the capacity band of the instance size: M1 1-4 GB, M2 5-10 GB, M3 11-35 GB,
M4 36-100 GB, M5 above 100 GB. (https://cloud.google.com/memorystore/docs/redis/pricing)
SKU descriptions (service "Cloud Memorystore for Redis", resourceFamily "ApplicationServices"):
"Redis Capacity <Basic|Standard> <M1..M5>"; the live SKU appends the region's city
("Redis Capacity Basic M1 Iowa"), which the source strips like " in <region>".

Memcached is billed per vCPU-hour and GB-hour of every node.
(https://cloud.google.com/memorystore/docs/memcached/pricing) SKU descriptions (service
"Cloud Memorystore for Memcached", resourceFamily "ApplicationServices"): "Memcached Core"
and "Memcached Ram" (wording not confirmed against the live catalog). The embedded catalog
has no Memcached prices yet (not priced offline).
"""

from __future__ import annotations

from decimal import Decimal

from costgate.model import CostComponent, Unknown
from costgate.resources.base import (
    CostModel,
    Side,
    gcp_query,
    hourly,
    not_priced,
    number,
    shown,
    unknown_among,
)

REDIS_SERVICE = "Cloud Memorystore for Redis"
MEMCACHED_SERVICE = "Cloud Memorystore for Memcached"
FAMILY = "ApplicationServices"

REDIS_TIERS = {"BASIC": "Basic", "STANDARD_HA": "Standard"}
# Upper bound (GB, inclusive) of each capacity band.
REDIS_BANDS = ((Decimal(4), "M1"), (Decimal(10), "M2"), (Decimal(35), "M3"), (Decimal(100), "M4"))


def capacity_band(size_gb: Decimal) -> str:
    for upper, band in REDIS_BANDS:
        if size_gb <= upper:
            return band
    return "M5"


def google_redis_instance(side: Side) -> list[CostComponent]:
    tier = side.setting("tier", "BASIC")
    size = number(side.get("memory_size_gb"))
    if isinstance(tier, str) and tier not in REDIS_TIERS:
        return [
            not_priced(
                f"Redis capacity ({tier})", "GB-hours", f"Memorystore Redis tier {tier!r} is not priced yet"
            )
        ]
    if size is None:
        return [not_priced("Redis capacity", "GB-hours", "memory_size_gb is not set")]
    if isinstance(tier, Unknown) or isinstance(size, Unknown):
        missing = tier if isinstance(tier, Unknown) else size
        return [not_priced(f"Redis capacity ({shown(tier)})", "GB-hours", missing.reason)]
    name, band = REDIS_TIERS[tier], capacity_band(size)
    return [
        hourly(
            f"Redis capacity ({name.lower()}, {band})",
            gcp_query(side, REDIS_SERVICE, FAMILY, f"Redis Capacity {name} {band}"),
            size,
            unit="GB-hours",
        )
    ]


def google_memcache_instance(side: Side) -> list[CostComponent]:
    nodes = number(side.get("node_count"))
    cpus = number(side.get("node_config.0.cpu_count"))
    memory_mb = number(side.get("node_config.0.memory_size_mb"))
    if nodes is None or cpus is None or memory_mb is None:
        return [not_priced("Memcached nodes", "hours", "node_count and node_config must be set")]
    missing = unknown_among(nodes, cpus, memory_mb)
    vcpus = missing or nodes * cpus
    memory_gb = missing or nodes * memory_mb / 1024
    return [
        hourly(
            f"Memcached vCPUs ({shown(nodes)} nodes)",
            gcp_query(side, MEMCACHED_SERVICE, FAMILY, "Memcached Core"),
            vcpus,
            unit="vCPU-hours",
        ),
        hourly(
            f"Memcached memory ({shown(nodes)} nodes)",
            gcp_query(side, MEMCACHED_SERVICE, FAMILY, "Memcached Ram"),
            memory_gb,
            unit="GB-hours",
        ),
    ]


GOOGLE_REDIS_INSTANCE = CostModel("google_redis_instance", google_redis_instance)
GOOGLE_MEMCACHE_INSTANCE = CostModel("google_memcache_instance", google_memcache_instance)
