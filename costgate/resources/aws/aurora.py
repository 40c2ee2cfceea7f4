"""Aurora: aws_rds_cluster (storage, I/O, backups) and aws_rds_cluster_instance (instance or ACU hours).

Aurora bills instances (or Serverless v2 capacity units) per instance and storage per
cluster. Standard storage also bills every I/O request; I/O-Optimized
(`storage_type = "aurora-iopt1"`) bills no I/O, more per GB and 30 % more per instance
hour. Serverless v2 instances run between the cluster's min and max ACU; the minimum is
priced and the maximum shown as the range. (https://aws.amazon.com/rds/aurora/pricing/)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import HOURS_PER_MONTH, Capacity, CostComponent, Unknown
from costgate.resources.aws.common import usage_type
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

STORAGE_GB = UsageKey("storage_gb", "GB", "Aurora storage used by the cluster")
MONTHLY_IO_REQUESTS = UsageKey(
    "monthly_io_requests",
    "requests",
    "Aurora I/O requests per month (standard storage)",
)
BACKUP_SNAPSHOT_SIZE_GB = UsageKey(
    "backup_snapshot_size_gb",
    "GB",
    "Backup storage beyond the free allowance",
)

ENGINES = {"aurora": "Aurora MySQL", "aurora-mysql": "Aurora MySQL", "aurora-postgresql": "Aurora PostgreSQL"}
IO_OPTIMIZED = "aurora-iopt1"


def _io_optimized(storage_type: Any) -> Any:
    return storage_type if isinstance(storage_type, Unknown) else storage_type == IO_OPTIMIZED


def _cluster(side: Side) -> Side | None:
    clusters = side.referenced("cluster_identifier", "aws_rds_cluster")
    return clusters[0] if clusters else None


def aws_rds_cluster(side: Side) -> list[CostComponent]:
    engine = side.get("engine", "aurora")
    if isinstance(engine, str) and engine not in ENGINES:
        # Multi-AZ DB clusters of MySQL/PostgreSQL bill three instances of db_cluster_instance_class.
        return [
            not_priced(
                f"Multi-AZ DB cluster ({engine})",
                "hours",
                f"RDS Multi-AZ DB clusters ({engine}) are not priced yet",
            )
        ]
    if side.get("engine_mode") == "serverless":
        return [
            not_priced(
                "Aurora Serverless v1 capacity",
                "ACU-hours",
                "Aurora Serverless v1 (engine_mode serverless) is not priced yet",
            )
        ]
    optimized = _io_optimized(side.setting("storage_type", ""))
    if isinstance(optimized, Unknown):
        return [monthly("Storage", "GB-months", optimized, optimized)]
    storage = "IO-OptimizedStorageUsage" if optimized else "StorageUsage"
    components = [
        usage(
            "Storage (I/O-Optimized)" if optimized else "Storage",
            "GB-months",
            aws_query(
                side, "AmazonRDS", "Database Storage", usagetype=usage_type(side.region, f"Aurora:{storage}")
            ),
            STORAGE_GB,
            quantity=side.usage(STORAGE_GB),
        )
    ]
    if not optimized:
        components.append(
            usage(
                "I/O requests",
                "requests",
                aws_query(
                    side,
                    "AmazonRDS",
                    "System Operation",
                    usagetype=usage_type(side.region, "Aurora:StorageIOUsage"),
                ),
                MONTHLY_IO_REQUESTS,
                quantity=side.usage(MONTHLY_IO_REQUESTS),
            )
        )
    components.append(
        usage(
            "Backup storage beyond the free allowance",
            "GB-months",
            aws_query(
                side, "AmazonRDS", "Storage Snapshot", usagetype=usage_type(side.region, "Aurora:BackupUsage")
            ),
            BACKUP_SNAPSHOT_SIZE_GB,
            quantity=side.usage(BACKUP_SNAPSHOT_SIZE_GB),
        )
    )
    return components


def aws_rds_cluster_instance(side: Side) -> list[CostComponent]:
    engine = side.get("engine", "aurora")
    instance_class = side.get("instance_class")
    if isinstance(engine, str) and engine not in ENGINES:
        return [
            not_priced(
                f"Database instance ({engine})",
                "hours",
                f"cluster instances of engine {engine!r} are not priced yet",
            )
        ]
    database_engine = ENGINES[engine] if isinstance(engine, str) else engine
    cluster = _cluster(side)
    optimized = _io_optimized(cluster.setting("storage_type", "") if cluster else "")
    if isinstance(optimized, Unknown):
        return [monthly(f"Database instance ({shown(instance_class)})", "hours", optimized, optimized)]
    if instance_class == "db.serverless":
        return [serverless_v2(side, cluster, database_engine, optimized)]
    label = "on-demand, I/O-Optimized" if optimized else "on-demand"
    usage_kind = "InstanceUsageIOOptimized" if optimized else "InstanceUsage"
    return [
        hourly(
            f"Database instance ({label}, {shown(instance_class)})",
            aws_query(
                side,
                "AmazonRDS",
                "Database Instance",
                instanceType=instance_class,
                databaseEngine=database_engine,
                usagetype=instance_class
                if isinstance(instance_class, Unknown)
                else usage_type(side.region, f"{usage_kind}:{instance_class}"),
            ),
        )
    ]


def serverless_v2(side: Side, cluster: Side | None, database_engine: Any, optimized: bool) -> CostComponent:
    name = "Aurora Serverless v2 capacity" + (" (I/O-Optimized)" if optimized else "")
    scaling = cluster.block("serverlessv2_scaling_configuration") if cluster else None
    if not scaling:
        reason = "the cluster's serverlessv2_scaling_configuration is not in the plan"
        return not_priced(name, "ACU-hours", reason)
    low, high = number(scaling.get("min_capacity")), number(scaling.get("max_capacity"))
    if low is None or high is None:
        return not_priced(
            name, "ACU-hours", "serverlessv2_scaling_configuration needs min_capacity and max_capacity"
        )
    # Capacity counts whole units; ACUs move in steps of 0.5, so count half-ACUs when needed.
    step = Decimal(1) if low == low.to_integral() and high == high.to_integral() else Decimal("0.5")
    unit_label = "ACUs" if step == 1 else "half-ACUs"
    kind = "ServerlessV2IOOptimizedUsage" if optimized else "ServerlessV2Usage"
    return monthly(
        name,
        "ACU-hours",
        HOURS_PER_MONTH * step,
        aws_query(
            side,
            "AmazonRDS",
            "ServerlessV2",
            databaseEngine=database_engine,
            usagetype=usage_type(side.region, f"Aurora:{kind}"),
        ),
        per=Capacity(
            f"serverlessv2_scaling_configuration ({unit_label})",
            int(low / step),
            int(low / step),
            int(high / step),
        ),
    )


AWS_RDS_CLUSTER = CostModel(
    "aws_rds_cluster",
    aws_rds_cluster,
    usage_keys=(STORAGE_GB, MONTHLY_IO_REQUESTS, BACKUP_SNAPSHOT_SIZE_GB),
    free_sub_types=(
        "aws_rds_cluster_parameter_group",
        "aws_rds_cluster_endpoint",
        "aws_rds_cluster_role_association",
        "aws_rds_global_cluster",
    ),
)
AWS_RDS_CLUSTER_INSTANCE = CostModel(
    "aws_rds_cluster_instance", aws_rds_cluster_instance, follows=("aws_rds_cluster",)
)
