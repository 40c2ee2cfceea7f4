"""aws_efs_file_system: storage by usage (Standard, or One Zone when availability_zone_name is set); provisioned throughput priced.

https://aws.amazon.com/efs/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, monthly, not_priced, number, usage


def aws_efs_file_system(side: Side) -> list[CostComponent]:
    one_zone = bool(side.get("availability_zone_name"))
    components = [
        usage(
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
            "storage_gb",
            side.usage("storage_gb"),
        )
    ]
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


USAGE_KEYS = {"aws_efs_file_system": (UsageKey("storage_gb", "GB", "Data stored in the file system"),)}
