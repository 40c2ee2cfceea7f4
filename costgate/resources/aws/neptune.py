"""Neptune: cluster instances by the hour; cluster storage, I/O and backups, and manual
snapshots, from usage. https://aws.amazon.com/neptune/pricing/ (standard storage; the
I/O-Optimized configuration and serverless capacity are not priced yet).
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, not_priced, shown, usage

STORAGE_GB = UsageKey("storage_gb", "GB", "Cluster storage in use")
MONTHLY_IO_REQUESTS = UsageKey("monthly_io_requests", "requests", "Storage I/O requests per month")
BACKUP_STORAGE_GB = UsageKey("backup_storage_gb", "GB", "Backup storage beyond the free allowance")
SNAPSHOT_STORAGE_GB = UsageKey("backup_storage_gb", "GB", "Storage of this manual snapshot")
SERVICE = "AmazonNeptune"


def aws_neptune_cluster_instance(side: Side) -> list[CostComponent]:
    instance_class = side.get("instance_class")
    price = aws_query(side, SERVICE, "Database Instance", instanceType=instance_class)
    return [hourly(f"Database instance (on-demand, {shown(instance_class)})", price)]


def aws_neptune_cluster(side: Side) -> list[CostComponent]:
    if side.setting("storage_type", "standard") not in ("standard", ""):
        return [
            not_priced("Storage (I/O-Optimized)", "GB-months", "I/O-Optimized prices are not in the catalog")
        ]
    return [
        usage(
            "Storage",
            "GB-months",
            aws_query(side, SERVICE, "Database Storage"),
            STORAGE_GB,
            side.usage(STORAGE_GB),
        ),
        usage(
            "I/O requests",
            "requests",
            aws_query(side, SERVICE, "System Operation"),
            MONTHLY_IO_REQUESTS,
            side.usage(MONTHLY_IO_REQUESTS),
        ),
        usage(
            "Backup storage",
            "GB-months",
            aws_query(side, SERVICE, "Storage Snapshot"),
            BACKUP_STORAGE_GB,
            side.usage(BACKUP_STORAGE_GB),
        ),
    ]


def aws_neptune_cluster_snapshot(side: Side) -> list[CostComponent]:
    price = aws_query(side, SERVICE, "Storage Snapshot")
    return [
        usage("Snapshot storage", "GB-months", price, SNAPSHOT_STORAGE_GB, side.usage(SNAPSHOT_STORAGE_GB))
    ]


AWS_NEPTUNE_CLUSTER = CostModel(
    "aws_neptune_cluster",
    aws_neptune_cluster,
    usage_keys=(STORAGE_GB, MONTHLY_IO_REQUESTS, BACKUP_STORAGE_GB),
)
AWS_NEPTUNE_CLUSTER_INSTANCE = CostModel("aws_neptune_cluster_instance", aws_neptune_cluster_instance)
AWS_NEPTUNE_CLUSTER_SNAPSHOT = CostModel(
    "aws_neptune_cluster_snapshot", aws_neptune_cluster_snapshot, usage_keys=(SNAPSHOT_STORAGE_GB,)
)
