"""google_sql_database_instance: vCPU and memory (or a shared-core tier), storage, SQL Server license, backups.

Cloud SQL bills dedicated-core instances per vCPU-hour plus per GB-hour of memory; the
shared-core tiers db-f1-micro and db-g1-small have one SKU each. High availability
(`availability_type = "REGIONAL"`) has its own "Regional" SKUs at twice the zonal price,
for compute and storage alike. Storage is per GB-month (default 10 GB PD_SSD). Backups
depend on usage. (https://cloud.google.com/sql/pricing)

SKU descriptions (Cloud Billing, service "Cloud SQL", resourceFamily "ApplicationServices"),
without their " in <region group>" suffix:
  "Cloud SQL for <MySQL|PostgreSQL|SQL Server>: <Zonal|Regional> - vCPU"            (per hour)
  "Cloud SQL for <engine>: <Zonal|Regional> - RAM"                                   (per GiB-hour)
  "Cloud SQL for <engine>: <Zonal|Regional> - Enterprise Plus vCPU" / "... RAM"      (Enterprise Plus edition)
  "Cloud SQL for <engine>: <Zonal|Regional> - Micro instance" / "... Small instance" (shared core)
  "Cloud SQL for <engine>: <Zonal|Regional> - Standard storage"                      (PD_SSD, per GiB-month)
  "Cloud SQL for <engine>: <Zonal|Regional> - Low cost storage"                      (PD_HDD, per GiB-month)
  "Cloud SQL for SQL Server: <Standard|Enterprise|Web> license"                      (per vCPU-hour)
  "Cloud SQL: Backups"                                                               (per GiB-month)
The vCPU, RAM, storage, shared-core and backup descriptions are the ones the reference
(pricing-apis.md 3.4, Infracost's regexes) gives; the Enterprise Plus and license wording is
not confirmed against the live catalog, and the embedded catalog has no price for them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.base import (
    CostModel,
    Side,
    UsageKey,
    gcp_query,
    hourly,
    monthly,
    not_priced,
    number,
    shown,
    usage,
)

BACKUP_STORAGE_GB = UsageKey(
    "backup_storage_gb",
    "GB",
    "Backup storage beyond the free allowance (equal to the provisioned storage)",
)

SERVICE = "Cloud SQL"
FAMILY = "ApplicationServices"
DEFAULT_DISK_GB = 10


ENGINES = {"MYSQL": "MySQL", "POSTGRES": "PostgreSQL", "SQLSERVER": "SQL Server"}
SHARED_CORE = {"db-f1-micro": "Micro instance", "db-g1-small": "Small instance"}
# Legacy db-n1 tiers are billed as their vCPUs and memory (GB per vCPU), like custom tiers.
LEGACY_MEMORY_PER_VCPU = {"standard": Decimal("3.75"), "highmem": Decimal("6.5")}
DISKS = {"PD_SSD": ("Standard storage", "SSD"), "PD_HDD": ("Low cost storage", "HDD")}
# SQL Server editions with a license charge; Express has none.
LICENSED_EDITIONS = {"STANDARD": "Standard", "ENTERPRISE": "Enterprise", "WEB": "Web"}

_CUSTOM = re.compile(r"^db-custom-(\d+)-(\d+)$")
_LEGACY = re.compile(r"^db-n1-(standard|highmem)-(\d+)$")
# The Enterprise edition's predefined shapes, as the console and the pricing calculator name them
# ("Lightweight", "Standard", "High memory"): billed as their vCPUs and memory, like custom tiers.
# db-standard-N: N vCPUs with 3.75 GB each; db-highmem-N: 6.5 GB each; db-lightweight-N: N vCPUs
# sharing 3.75 GB (db-lightweight-2 is db-custom-2-3840). (cloud.google.com/sql/pricing,
# cloud.google.com/sql/docs/mysql/instance-settings)
_PREDEFINED = re.compile(r"^db-(standard|highmem)-(\d+)$")
_LIGHTWEIGHT = re.compile(r"^db-lightweight-(1|2|4)$")
LIGHTWEIGHT_MEMORY_GB = Decimal("3.75")
# Enterprise Plus performance-optimized tiers: N vCPUs with 8 GB each (db-perf-optimized-N-8 = 8 vCPU, 64 GB).
_PERF_OPTIMIZED = re.compile(r"^db-perf-optimized-N-(\d+)$")
PERF_OPTIMIZED_MEMORY_PER_VCPU = Decimal(8)


def machine(tier: str) -> tuple[Decimal, Decimal] | None:
    """(vCPUs, GB of memory) of a dedicated-core tier, or None when the tier is not one we know."""
    custom = _CUSTOM.match(tier)
    if custom:
        return Decimal(custom.group(1)), Decimal(custom.group(2)) / 1024
    legacy = _LEGACY.match(tier) or _PREDEFINED.match(tier)
    if legacy:
        vcpus = Decimal(legacy.group(2))
        return vcpus, vcpus * LEGACY_MEMORY_PER_VCPU[legacy.group(1)]
    lightweight = _LIGHTWEIGHT.match(tier)
    if lightweight:
        return Decimal(lightweight.group(1)), LIGHTWEIGHT_MEMORY_GB
    perf = _PERF_OPTIMIZED.match(tier)
    if perf:
        return Decimal(perf.group(1)), Decimal(perf.group(1)) * PERF_OPTIMIZED_MEMORY_PER_VCPU
    return None


def google_sql_database_instance(side: Side) -> list[CostComponent]:
    version = side.get("database_version")
    if isinstance(version, Unknown):
        return [not_priced("Database instance", "hours", version.reason)]
    engine = ENGINES.get(str(version).split("_", 1)[0]) if version else None
    if engine is None:
        return [not_priced("Database instance", "hours", f"database_version {version!r} is not priced yet")]
    availability = side.setting("settings.0.availability_type", "ZONAL")
    location = (
        availability
        if isinstance(availability, Unknown)
        else ("Regional" if availability == "REGIONAL" else "Zonal")
    )
    prefix = f"Cloud SQL for {engine}: {shown(location)} - "
    label = (
        "regional" if location == "Regional" else "zonal" if location == "Zonal" else "unknown availability"
    )
    components = compute_components(side, engine, location, prefix, label)
    components.append(storage_component(side, location, prefix, label))
    components.append(
        usage(
            "Backups",
            "GB-months",
            gcp_query(side, SERVICE, FAMILY, "Cloud SQL: Backups"),
            BACKUP_STORAGE_GB,
            quantity=side.usage(BACKUP_STORAGE_GB),
        )
    )
    return components


def compute_components(
    side: Side, engine: str, location: Any, prefix: Any, label: str
) -> list[CostComponent]:
    tier = side.get("settings.0.tier")
    if isinstance(tier, Unknown) or isinstance(location, Unknown):
        missing = tier if isinstance(tier, Unknown) else location
        return [not_priced(f"Database instance ({label}, {shown(tier)})", "hours", missing.reason)]
    if tier in SHARED_CORE:
        return [
            hourly(
                f"Database instance (shared core, {label}, {tier})",
                gcp_query(side, SERVICE, FAMILY, prefix + SHARED_CORE[tier]),
            )
        ]
    size = machine(str(tier))
    if size is None:
        return [
            not_priced(
                f"Database instance ({label}, {tier})", "hours", f"Cloud SQL tier {tier!r} is not priced yet"
            )
        ]
    vcpus, memory_gb = size
    edition = side.setting("settings.0.edition", "ENTERPRISE")
    plus = "Enterprise Plus " if edition == "ENTERPRISE_PLUS" or _PERF_OPTIMIZED.match(str(tier)) else ""
    edition_label = ", Enterprise Plus" if plus else ""
    components = [
        hourly(
            f"vCPUs ({label}{edition_label}, {tier})",
            gcp_query(side, SERVICE, FAMILY, f"{prefix}{plus}vCPU"),
            vcpus,
            unit="vCPU-hours",
        ),
        hourly(
            f"Memory ({label}{edition_label}, {tier})",
            gcp_query(side, SERVICE, FAMILY, f"{prefix}{plus}RAM"),
            memory_gb,
            unit="GB-hours",
        ),
    ]
    if engine == "SQL Server":
        components.extend(license_components(side, vcpus))
    return components


def license_components(side: Side, vcpus: Decimal) -> list[CostComponent]:
    version = str(side.get("database_version"))
    edition = version.rsplit("_", 1)[-1]
    if edition == "EXPRESS":
        return []
    if edition not in LICENSED_EDITIONS:
        return [
            not_priced(
                "SQL Server license", "vCPU-hours", f"SQL Server edition of {version!r} is not priced yet"
            )
        ]
    name = LICENSED_EDITIONS[edition]
    return [
        hourly(
            f"SQL Server license ({name})",
            gcp_query(side, SERVICE, FAMILY, f"Cloud SQL for SQL Server: {name} license"),
            vcpus,
            unit="vCPU-hours",
        )
    ]


def storage_component(side: Side, location: Any, prefix: str, label: str) -> CostComponent:
    disk_type = side.setting("settings.0.disk_type", "PD_SSD")
    if isinstance(disk_type, str) and disk_type not in DISKS:
        return not_priced(
            f"Storage ({disk_type})", "GB-months", f"Cloud SQL disk type {disk_type!r} is not priced yet"
        )
    sku, kind = DISKS[disk_type] if isinstance(disk_type, str) else (disk_type, "unknown type")
    configured_size = side.setting("settings.0.disk_size", None)
    size = (
        number(configured_size, DEFAULT_DISK_GB) if configured_size is not None else Decimal(DEFAULT_DISK_GB)
    )
    query = gcp_query(side, SERVICE, FAMILY, sku if isinstance(sku, Unknown) else prefix + sku)
    if isinstance(location, Unknown):
        query = location
    note = " (default)" if configured_size is None else ""  # 10 GB when the plan sets no size
    return monthly(f"Storage ({kind}, {label}){note}", "GB-months", size, query)


GOOGLE_SQL_DATABASE_INSTANCE = CostModel(
    "google_sql_database_instance",
    google_sql_database_instance,
    usage_keys=(BACKUP_STORAGE_GB,),
    free_sub_types=("google_sql_database", "google_sql_user", "google_sql_ssl_cert"),
)
