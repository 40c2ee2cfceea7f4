"""aws_db_instance: instance hours by engine and deployment, storage, provisioned IOPS, backups.

Multi-AZ doubles both instance and storage prices; the price list has separate
Multi-AZ SKUs carrying the doubled price. Unset allocated_storage is the provider's
20 GB default; with iops set and no storage_type the provider picks io1.
(https://aws.amazon.com/rds/pricing/)
"""

from __future__ import annotations

from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, shown, aws_query, hourly, monthly, not_priced, number, usage

DEFAULT_STORAGE_GB = 20

# Terraform engine -> (price list databaseEngine, databaseEdition or "")
ENGINES = {
    "mysql": ("MySQL", ""),
    "postgres": ("PostgreSQL", ""),
    "mariadb": ("MariaDB", ""),
}

STORAGE = {
    "gp2": ("General Purpose", "General Purpose SSD, gp2"),
    "gp3": ("General Purpose-GP3", "General Purpose SSD, gp3"),
    "io1": ("Provisioned IOPS", "Provisioned IOPS SSD, io1"),
    "standard": ("Magnetic", "Magnetic"),
}


def deployment(side: Side) -> Any:
    multi_az = side.setting("multi_az", False)
    return multi_az if isinstance(multi_az, Unknown) else ("Multi-AZ" if multi_az else "Single-AZ")


def aws_db_instance(side: Side) -> list[CostComponent]:
    instance_class = side.get("instance_class")
    engine = side.get("engine")
    deploy = deployment(side)
    components: list[CostComponent] = []
    if isinstance(engine, str) and engine not in ENGINES:
        components.append(not_priced(f"Database instance ({engine})", "hours", f"engine {engine!r} is not priced yet"))
    else:
        database_engine, _ = ENGINES[engine] if isinstance(engine, str) else (engine or Unknown("engine"), "")
        components.append(
            hourly(
                f"Database instance (on-demand, {shown(deploy)}, {shown(instance_class)})",
                aws_query(
                    side,
                    "AmazonRDS",
                    "Database Instance",
                    instanceType=instance_class,
                    databaseEngine=database_engine,
                    deploymentOption=deploy,
                ),
            )
        )
    components.extend(storage_components(side, deploy))
    components.append(
        usage(
            "Backup storage beyond the free allowance",
            "GB-months",
            aws_query(side, "AmazonRDS", "Storage Snapshot", usagetype=_backup_usage_type(side.region)),
            usage_key="additional_backup_storage_gb",
        )
    )
    return components


def storage_components(side: Side, deploy: Any) -> list[CostComponent]:
    iops = number(side.setting("iops", None))
    storage_type = side.setting("storage_type", "io1" if iops else "gp2")
    if isinstance(storage_type, str) and storage_type not in STORAGE:
        return [not_priced(f"Storage ({storage_type})", "GB-months", f"RDS storage type {storage_type!r} is not priced yet")]
    volume_type, label = STORAGE[storage_type] if isinstance(storage_type, str) else (storage_type, "unknown type")
    size = number(side.setting("allocated_storage", DEFAULT_STORAGE_GB), DEFAULT_STORAGE_GB)
    components = [
        monthly(
            f"Storage ({label})",
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
                aws_query(side, "AmazonRDS", "Provisioned IOPS", deploymentOption=deploy),
            )
        )
    return components


def _backup_usage_type(region: str) -> str:
    return usage_type(region, "RDS:ChargedBackupUsage")

