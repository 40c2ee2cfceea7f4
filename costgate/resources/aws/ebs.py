"""EBS volumes, on their own (aws_ebs_volume) and as instance root/extra volumes.

Prices per GB-month of provisioned size; gp3 includes 3,000 IOPS and 125 MiB/s, and
charges only above them; io1/io2 charge per provisioned IOPS-month; standard (magnetic)
charges I/O requests, which depend on usage.
(https://aws.amazon.com/ebs/pricing/)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, monthly, number, usage

MONTHLY_STANDARD_IO_REQUESTS = UsageKey(
    "monthly_standard_io_requests",
    "requests",
    "I/O requests per magnetic (standard) volume per month",
)

GP3_FREE_IOPS = Decimal(3000)
GP3_FREE_THROUGHPUT = Decimal(125)
VOLUME_NAMES = {
    "gp2": "General Purpose SSD, gp2",
    "gp3": "General Purpose SSD, gp3",
    "io1": "Provisioned IOPS SSD, io1",
    "io2": "Provisioned IOPS SSD, io2",
    "st1": "Throughput Optimized HDD, st1",
    "sc1": "Cold HDD, sc1",
    "standard": "Magnetic, standard",
}


def volume_components(
    side: Side,
    volume_type: Any,
    size_gb: Any,
    iops: Any = None,
    throughput: Any = None,
    label: str = "Storage",
) -> list[CostComponent]:
    """The cost components of one EBS volume; `label` prefixes the names ("Root volume: Storage ...").

    Pass IOPS and throughput through Side.setting, so gp3's computed baseline (3,000 /
    125) reads as None rather than unknown.
    """
    if isinstance(volume_type, Unknown):
        return [monthly(f"{label} (volume type unknown)", "GB-months", volume_type, volume_type)]
    volume_type = str(volume_type or "gp2")
    if volume_type not in VOLUME_NAMES:
        reason = f"unknown EBS volume type {volume_type!r}"
        return [CostComponent(f"{label} ({volume_type})", "GB-months", Unknown("type", reason), None, reason)]
    components = [
        monthly(
            f"{label} ({VOLUME_NAMES[volume_type]})",
            "GB-months",
            size_gb,
            aws_query(side, "AmazonEC2", "Storage", volumeApiName=volume_type),
        )
    ]
    iops = number(iops)
    throughput = number(throughput)
    if volume_type == "gp3":
        if iops is not None:
            components.append(
                monthly(
                    f"{label}: provisioned IOPS above 3,000 (gp3)",
                    "IOPS-months",
                    iops if isinstance(iops, Unknown) else max(iops - GP3_FREE_IOPS, Decimal(0)),
                    aws_query(side, "AmazonEC2", "System Operation", volumeApiName="gp3", group="EBS IOPS"),
                )
            )
        if throughput is not None:
            components.append(
                monthly(
                    f"{label}: provisioned throughput above 125 MiB/s (gp3)",
                    "MiBps-months",
                    throughput
                    if isinstance(throughput, Unknown)
                    else max(throughput - GP3_FREE_THROUGHPUT, Decimal(0)),
                    aws_query(
                        side,
                        "AmazonEC2",
                        "Provisioned Throughput",
                        volumeApiName="gp3",
                        group="EBS Throughput",
                    ),
                )
            )
    elif volume_type in ("io1", "io2"):
        components.append(
            monthly(
                f"{label}: provisioned IOPS ({volume_type})",
                "IOPS-months",
                iops if iops is not None else Unknown("iops", f"{volume_type} volumes need iops set"),
                aws_query(side, "AmazonEC2", "System Operation", volumeApiName=volume_type, group="EBS IOPS"),
            )
        )
    elif volume_type == "standard":
        components.append(
            usage(
                f"{label}: I/O requests (magnetic)",
                "I/O requests",
                aws_query(
                    side, "AmazonEC2", "System Operation", volumeApiName="standard", group="EBS I/O Requests"
                ),
                MONTHLY_STANDARD_IO_REQUESTS,
                side.usage(MONTHLY_STANDARD_IO_REQUESTS),
            )
        )
    return [component for component in components if not _is_zero(component)]


def _is_zero(component: CostComponent) -> bool:
    return (
        isinstance(component.monthly_quantity, Decimal)
        and component.monthly_quantity == 0
        and "above" in component.name
    )


def aws_ebs_volume(side: Side) -> list[CostComponent]:
    size = side.get("size")
    if size is None:
        size = Unknown("size", "the volume size comes from its snapshot, known only after apply")
    return volume_components(
        side,
        side.setting("type", "gp2"),
        number(size),
        side.setting("iops", None),
        side.setting("throughput", None),
    )


def aws_ebs_snapshot(side: Side) -> list[CostComponent]:
    # A snapshot is billed for the blocks it stores, at most the volume size; price the volume size.
    size = side.get("volume_size")
    if isinstance(size, Unknown):
        # A snapshot of a volume created in the same plan: its size is the volume's.
        volumes = side.referenced("volume_id", "aws_ebs_volume")
        size = volumes[0].get("size", Unknown("size")) if volumes else size
    if size is None:
        size = Unknown("volume_size")
    return [
        monthly(
            "Snapshot storage",
            "GB-months",
            number(size),
            # usagetype, not storageMedia: archive-tier and Outposts snapshot products share the family.
            aws_query(
                side, "AmazonEC2", "Storage Snapshot", usagetype=usage_type(side.region, "EBS:SnapshotUsage")
            ),
        )
    ]


AWS_EBS_VOLUME = CostModel("aws_ebs_volume", aws_ebs_volume, usage_keys=(MONTHLY_STANDARD_IO_REQUESTS,))
AWS_EBS_SNAPSHOT = CostModel(
    "aws_ebs_snapshot",
    aws_ebs_snapshot,
    free_sub_types=("aws_snapshot_create_volume_permission",),
    follows=("aws_ebs_volume",),
)
AWS_EBS_SNAPSHOT_COPY = CostModel("aws_ebs_snapshot_copy", aws_ebs_snapshot, follows=("aws_ebs_volume",))
