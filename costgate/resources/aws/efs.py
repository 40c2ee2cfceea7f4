"""aws_efs_file_system: storage by usage (Standard, or One Zone when availability_zone_name is set); provisioned throughput priced.

https://aws.amazon.com/efs/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import default_setting, marked_default, usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, monthly, not_priced, number, usage

STORAGE_GB = UsageKey("storage_gb", "GB", "Data stored in the file system")


def aws_efs_file_system(side: Side) -> list[CostComponent]:
    # Unset, the provider leaves availability_zone_name "known after apply": a Regional (Standard) file system.
    zone, regional_default = default_setting(side, "availability_zone_name", None)
    if isinstance(zone, Unknown):
        return [usage("Storage", "GB-months", zone, STORAGE_GB, None)]
    one_zone = bool(zone)
    storage = usage(
        "Storage (One Zone)" if one_zone else "Storage (Standard)",
        "GB-months",
        aws_query(
            side,
            "AmazonEFS",
            "Storage",
            usagetype=usage_type(
                side.region, "TimedStorage-Z-ByteHrs" if one_zone else "TimedStorage-ByteHrs"
            ),
        ),
        STORAGE_GB,
        side.usage(STORAGE_GB),
    )
    components = marked_default([storage], regional_default)
    mode = side.setting("throughput_mode", "bursting")
    if mode == "provisioned":
        components.append(
            monthly(
                "Provisioned throughput",
                "MiBps-months",
                number(
                    side.get("provisioned_throughput_in_mibps"),
                    Unknown("provisioned_throughput_in_mibps", "provisioned throughput mode needs it"),
                ),
                aws_query(
                    side,
                    "AmazonEFS",
                    "Provisioned Throughput",
                    usagetype=usage_type(side.region, "ProvisionedTP-MiBpsHrs"),
                ),
            )
        )
    elif mode == "elastic":
        components.append(
            not_priced(
                "Elastic throughput (reads and writes)",
                "GB",
                "elastic throughput data transfer is not priced yet",
            )
        )
    return components


AWS_EFS_FILE_SYSTEM = CostModel(
    "aws_efs_file_system",
    aws_efs_file_system,
    usage_keys=(STORAGE_GB,),
    free_sub_types=(
        "aws_efs_mount_target",
        "aws_efs_access_point",
        "aws_efs_file_system_policy",
        "aws_efs_backup_policy",
    ),
)
