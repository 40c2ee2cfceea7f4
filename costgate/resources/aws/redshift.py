"""aws_redshift_cluster: node hours x nodes; RA3 managed storage depends on usage. https://aws.amazon.com/redshift/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, number, shown, usage

MANAGED_STORAGE_GB = UsageKey("managed_storage_gb", "GB", "RA3 managed storage used")


def aws_redshift_cluster(side: Side) -> list[CostComponent]:
    node_type = side.get("node_type")
    nodes = number(side.setting("number_of_nodes", 1), 1)
    components = [
        hourly(
            f"Cluster usage (on-demand, {shown(node_type)})",
            aws_query(side, "AmazonRedshift", "Compute Instance", instanceType=node_type),
            nodes,
            unit="node-hours",
        )
    ]
    if isinstance(node_type, str) and node_type.startswith("ra3."):
        components.append(
            usage(
                "Managed storage",
                "GB-months",
                aws_query(
                    side,
                    "AmazonRedshift",
                    "Redshift Managed Storage",
                    usagetype=usage_type(side.region, "RMS:GB-Mo"),
                ),
                MANAGED_STORAGE_GB,
                quantity=side.usage(MANAGED_STORAGE_GB),
            )
        )
    return components


AWS_REDSHIFT_CLUSTER = CostModel(
    "aws_redshift_cluster",
    aws_redshift_cluster,
    usage_keys=(MANAGED_STORAGE_GB,),
    free_sub_types=(
        "aws_redshift_subnet_group",
        "aws_redshift_parameter_group",
        "aws_redshift_snapshot_schedule",
        "aws_redshift_snapshot_schedule_association",
    ),
)
