"""aws_db_instance: instance hours by engine, edition, licence and deployment, storage, provisioned IOPS, backups.

Multi-AZ doubles both instance and storage prices; the price list has separate
Multi-AZ SKUs carrying the doubled price. Unset allocated_storage is the provider's
20 GB default; with iops set and no storage_type the provider picks io1. gp3 includes
a baseline of IOPS and throughput that grows with the volume (3,000 IOPS / 125 MiB/s
below 400 GB for MySQL, MariaDB and PostgreSQL, 200 GB for Oracle, always for SQL
Server; 12,000 / 500 above) and charges only what is provisioned above it.
(https://aws.amazon.com/rds/pricing/, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html)
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.aurora import ENGINES as AURORA_ENGINES
from costgate.resources.aws.aurora import aws_rds_cluster_instance
from costgate.resources.aws.common import default_setting, usage_type
from costgate.resources.base import (
    CostModel,
    Side,
    UsageKey,
    aws_query,
    hourly,
    monthly,
    not_priced,
    number,
    shown,
    usage,
)

ADDITIONAL_BACKUP_STORAGE_GB = UsageKey(
    "additional_backup_storage_gb",
    "GB",
    "Backup storage beyond the free allowance per month",
)

DEFAULT_STORAGE_GB = 20

# Terraform engine -> (price list databaseEngine, databaseEdition or "")
ENGINES = {
    "mysql": ("MySQL", ""),
    "postgres": ("PostgreSQL", ""),
    "mariadb": ("MariaDB", ""),
    "oracle-se": ("Oracle", "Standard"),
    "oracle-se1": ("Oracle", "Standard One"),
    "oracle-se2": ("Oracle", "Standard Two"),
    "oracle-se2-cdb": ("Oracle", "Standard Two"),
    "oracle-ee": ("Oracle", "Enterprise"),
    "oracle-ee-cdb": ("Oracle", "Enterprise"),
    "sqlserver-ex": ("SQL Server", "Express"),
    "sqlserver-web": ("SQL Server", "Web"),
    "sqlserver-se": ("SQL Server", "Standard"),
    "sqlserver-ee": ("SQL Server", "Enterprise"),
}

LICENSE_MODELS = {"license-included": "License included", "bring-your-own-license": "Bring your own license"}

STORAGE = {
    "gp2": ("General Purpose", "General Purpose SSD, gp2"),
    "gp3": ("General Purpose-GP3", "General Purpose SSD, gp3"),
    "io1": ("Provisioned IOPS", "Provisioned IOPS SSD, io1"),
    "io2": ("Provisioned IOPS-IO2", "Provisioned IOPS SSD, io2"),
    "standard": ("Magnetic", "Magnetic"),
}


def deployment(side: Side) -> Any:
    multi_az = side.setting("multi_az", False)
    return multi_az if isinstance(multi_az, Unknown) else ("Multi-AZ" if multi_az else "Single-AZ")


def license_model(side: Side, engine: str) -> Any:
    """The price list licenseModel of a commercial engine; SQL Server on RDS is always licence-included."""
    if engine.startswith("sqlserver"):
        return LICENSE_MODELS["license-included"]
    given = side.setting("license_model", None)
    if isinstance(given, Unknown):
        return given
    if given is None:
        if engine.startswith("oracle-ee"):  # Enterprise Edition is only offered with your own licence
            return LICENSE_MODELS["bring-your-own-license"]
        # SE, SE1 and SE2 default to license-included when license_model is unset
        # (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Oracle.Concepts.Licensing.html).
        return LICENSE_MODELS["license-included"]
    return LICENSE_MODELS.get(given, Unknown("license_model", f"unknown license_model {given!r}"))


def instance_component(side: Side, engine: Any, deploy: Any) -> CostComponent:
    instance_class = side.get("instance_class")
    name = f"Database instance (on-demand, {shown(deploy)}, {shown(instance_class)})"
    if isinstance(engine, str) and engine not in ENGINES:
        return not_priced(f"Database instance ({engine})", "hours", f"engine {engine!r} is not priced yet")
    if not isinstance(engine, str):
        engine = engine if isinstance(engine, Unknown) else Unknown("engine", "the engine is not set")
        return hourly(name, engine)
    database_engine, edition = ENGINES[engine]
    attributes: dict[str, Any] = {}
    if edition:
        attributes = {"databaseEdition": edition, "licenseModel": license_model(side, engine)}
    return hourly(
        name,
        aws_query(
            side,
            "AmazonRDS",
            "Database Instance",
            instanceType=instance_class,
            databaseEngine=database_engine,
            deploymentOption=deploy,
            **attributes,
        ),
    )


# The day a major version leaves RDS standard support; past it, RDS Extended Support bills every vCPU-hour
# (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support.html, "release calendars").
END_OF_STANDARD_SUPPORT = {
    ("mysql", "5.7"): date(2024, 2, 29),
    ("mysql", "8.0"): date(2026, 7, 31),
    ("postgres", "11"): date(2024, 2, 29),
    ("postgres", "12"): date(2025, 2, 28),
    ("postgres", "13"): date(2026, 2, 28),
}
# Settings a read replica takes from its source database unless it sets them itself.
FROM_SOURCE = ("engine", "engine_version", "allocated_storage", "storage_type", "iops", "storage_throughput")


def aws_db_instance(side: Side) -> list[CostComponent]:
    side = with_source_settings(side)
    engine = side.get("engine")
    if isinstance(engine, str) and engine in AURORA_ENGINES:
        # An Aurora instance declared as aws_db_instance: its storage is billed by the cluster.
        return aws_rds_cluster_instance(side)
    deploy = deployment(side)
    components = [instance_component(side, engine, deploy)]
    components.extend(extended_support(side, engine, date.today()))
    components.extend(storage_components(side, deploy, engine))
    components.append(
        usage(
            "Backup storage beyond the free allowance",
            "GB-months",
            aws_query(
                side,
                "AmazonRDS",
                "Storage Snapshot",
                usagetype=usage_type(side.region, "RDS:ChargedBackupUsage"),
            ),
            ADDITIONAL_BACKUP_STORAGE_GB,
            quantity=side.usage(ADDITIONAL_BACKUP_STORAGE_GB),
        )
    )
    return components


def with_source_settings(side: Side) -> Side:
    """A read replica (`replicate_source_db`) as priced: the engine and storage of its source in the plan."""
    if side.get("replicate_source_db") is None:
        return side
    sources = side.referenced("replicate_source_db", "aws_db_instance")
    if not sources:
        return side
    values, unknown = dict(side.values), dict(side.unknown)
    for key in FROM_SOURCE:
        if side.setting(key, None) is None:
            values[key] = sources[0].values.get(key)
            unknown[key] = sources[0].unknown.get(key, False)
    return replace(side, values=values, unknown=unknown)


def extended_support(side: Side, engine: Any, today: date) -> list[CostComponent]:
    version = side.get("engine_version")
    if not isinstance(engine, str) or not isinstance(version, str):
        return []
    major = ".".join(version.split(".")[: 2 if engine == "mysql" else 1])
    end = END_OF_STANDARD_SUPPORT.get((engine, major))
    if end is None or today <= end:
        return []
    return [
        not_priced(
            f"Extended support ({engine} {major})",
            "vCPU-hours",
            "RDS Extended Support is billed per vCPU-hour; its prices are not in the offline catalog",
        )
    ]


def gp3_baseline(engine: Any, size: Any) -> tuple[Decimal, Decimal] | Unknown:
    """(IOPS, MiB/s) included with a gp3 volume of `size` GB for this engine."""
    if isinstance(size, Unknown):
        return size
    threshold = {"oracle": Decimal(200), "sqlserver": None}.get(str(engine).split("-")[0], Decimal(400))
    if threshold is None or size < threshold:
        return Decimal(3000), Decimal(125)
    return Decimal(12000), Decimal(500)


def storage_components(side: Side, deploy: Any, engine: Any = None) -> list[CostComponent]:
    iops = number(side.setting("iops", None))
    # The provider's default: io1 when iops is set, else gp2 (a plan marks it "known after apply").
    storage_type, default_type = default_setting(side, "storage_type", "io1" if iops else "gp2")
    if isinstance(storage_type, str) and storage_type not in STORAGE:
        return [
            not_priced(
                f"Storage ({storage_type})",
                "GB-months",
                f"RDS storage type {storage_type!r} is not priced yet",
            )
        ]
    volume_type, label = (
        STORAGE[storage_type] if isinstance(storage_type, str) else (storage_type, "unknown type")
    )
    size = number(side.setting("allocated_storage", DEFAULT_STORAGE_GB), DEFAULT_STORAGE_GB)
    components = [
        monthly(
            f"Storage ({label})" + (" (default)" if default_type else ""),
            "GB-months",
            size,
            aws_query(side, "AmazonRDS", "Database Storage", volumeType=volume_type, deploymentOption=deploy),
        )
    ]
    if storage_type == "io1":
        components.append(
            monthly(
                "Provisioned IOPS (io1)",
                "IOPS-months",
                iops if iops is not None else Unknown("iops", "io1 storage needs iops set"),
                # usagetype too: gp3 IOPS share the family and the deployment option at another price.
                aws_query(
                    side,
                    "AmazonRDS",
                    "Provisioned IOPS",
                    deploymentOption=deploy,
                    usagetype=_usage(side, deploy, "PIOPS"),
                ),
            )
        )
    elif storage_type == "io2":
        components.append(
            monthly(
                "Provisioned IOPS (io2)",
                "IOPS-months",
                iops if iops is not None else Unknown("iops", "io2 storage needs iops set"),
                aws_query(
                    side,
                    "AmazonRDS",
                    "Provisioned IOPS",
                    deploymentOption=deploy,
                    usagetype=_usage(side, deploy, "PIOPS-IO2"),
                ),
            )
        )
    elif storage_type == "gp3":
        components.extend(_gp3_extras(side, deploy, engine, size, iops))
    return components


def _usage(side: Side, deploy: Any, suffix: str) -> Any:
    if isinstance(deploy, Unknown):
        return deploy
    return usage_type(side.region, "RDS:" + ("Multi-AZ-" if deploy == "Multi-AZ" else "") + suffix)


def _gp3_extras(side: Side, deploy: Any, engine: Any, size: Any, iops: Any) -> list[CostComponent]:
    baseline = gp3_baseline(engine, size)
    throughput = number(side.setting("storage_throughput", None))
    extras = []
    for value, index, name, unit, family, suffix in (
        (iops, 0, "Provisioned IOPS above the gp3 baseline", "IOPS-months", "Provisioned IOPS", "GP3-PIOPS"),
        (
            throughput,
            1,
            "Provisioned throughput above the gp3 baseline",
            "MiBps-months",
            "Provisioned Throughput",
            "GP3-Throughput",
        ),
    ):
        if value is None:
            continue
        if isinstance(value, Unknown) or isinstance(baseline, Unknown):
            above: Any = value if isinstance(value, Unknown) else baseline
        else:
            above = max(value - baseline[index], Decimal(0))
            if above == 0:
                continue
        extras.append(
            monthly(
                name,
                unit,
                above,
                aws_query(
                    side, "AmazonRDS", family, deploymentOption=deploy, usagetype=_usage(side, deploy, suffix)
                ),
            )
        )
    return extras


AWS_DB_INSTANCE = CostModel(
    "aws_db_instance",
    aws_db_instance,
    usage_keys=(ADDITIONAL_BACKUP_STORAGE_GB,),
    follows=("aws_db_instance", "aws_rds_cluster"),
    free_sub_types=(
        "aws_db_subnet_group",
        "aws_db_parameter_group",
        "aws_db_option_group",
        "aws_db_instance_role_association",
        "aws_db_event_subscription",
    ),
)
