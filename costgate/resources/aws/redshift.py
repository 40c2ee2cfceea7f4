"""aws_redshift_cluster: node hours x nodes; RA3 managed storage depends on usage. https://aws.amazon.com/redshift/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, hourly, number, shown, usage


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
                usage_key="managed_storage_gb",
                quantity=side.usage("managed_storage_gb"),
            )
        )
    return components


USAGE_KEYS = {"aws_redshift_cluster": (UsageKey("managed_storage_gb", "GB", "RA3 managed storage used"),)}
