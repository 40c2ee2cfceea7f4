"""aws_ec2_host: a Dedicated Host bills per hour by instance family, whatever runs on it.

https://aws.amazon.com/ec2/dedicated-hosts/pricing/. The instances placed on the host
(tenancy "host") are priced as instances; the host itself is this one hourly charge. The
family comes from `instance_family`, else from `instance_type` (c5.large -> c5).
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, aws_query, hourly, shown


def aws_ec2_host(side: Side) -> list[CostComponent]:
    # the provider computes instance_family from instance_type when only the type is configured
    family = side.setting("instance_family", None)
    if not family:
        instance_type = side.get("instance_type")
        family = instance_type.split(".")[0] if isinstance(instance_type, str) else instance_type
    if not family:
        family = Unknown("instance_family", "the plan sets neither instance_family nor instance_type")
    price = (
        family
        if isinstance(family, Unknown)
        else aws_query(
            side, "AmazonEC2", "Dedicated Host", usagetype=usage_type(side.region, f"HostUsage:{family}")
        )
    )
    return [hourly(f"Dedicated host ({shown(family)})", price)]


AWS_EC2_HOST = CostModel("aws_ec2_host", aws_ec2_host)
