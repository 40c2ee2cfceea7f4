"""aws_opensearch_domain / aws_elasticsearch_domain: data and dedicated master node hours, EBS storage per node.

Elasticsearch-era instance names (m5.large.elasticsearch) are priced as their OpenSearch
names (m5.large.search): the price list uses only the latter.
(https://aws.amazon.com/opensearch-service/pricing/)
"""

from __future__ import annotations

from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, aws_query, hourly, monthly, not_priced, number, shown

STORAGE = {"gp2": "GP2", "gp3": "GP3"}


def _search_type(instance_type: Any) -> Any:
    if isinstance(instance_type, str) and instance_type.endswith(".elasticsearch"):
        return instance_type.removesuffix(".elasticsearch") + ".search"
    return instance_type


def _instances(side: Side, label: str, instance_type: Any, count: Any) -> CostComponent:
    search_type = _search_type(instance_type)
    return hourly(
        f"{label} ({shown(search_type)})",
        aws_query(side, "AmazonES", "Amazon OpenSearch Service Instance", instanceType=search_type),
        count,
        unit="instance-hours",
    )


def aws_opensearch_domain(side: Side) -> list[CostComponent]:
    cluster = side.block("cluster_config") or {}
    instance_type = cluster.get("instance_type") or "m4.large.search"  # the provider's default
    count = number(cluster.get("instance_count"), 1)
    components = [_instances(side, "Instance", instance_type, count)]
    if cluster.get("dedicated_master_enabled"):
        components.append(
            _instances(
                side,
                "Dedicated master",
                cluster.get("dedicated_master_type"),
                number(cluster.get("dedicated_master_count"), 3),
            )
        )
    if cluster.get("warm_enabled"):
        components.append(
            not_priced(
                f"UltraWarm ({cluster.get('warm_type')})",
                "instance-hours",
                "UltraWarm nodes are not priced yet",
            )
        )
    ebs = side.block("ebs_options")
    if ebs and ebs.get("ebs_enabled"):
        components.extend(_storage(side, ebs, count))
    return components


def aws_elasticsearch_domain(side: Side) -> list[CostComponent]:
    return aws_opensearch_domain(side)


def _storage(side: Side, ebs: dict, count: Any) -> list[CostComponent]:
    volume_type = ebs.get("volume_type") or "gp2"
    size = number(
        ebs.get("volume_size"), Unknown("ebs_options.volume_size", "the EBS volume size is not set")
    )
    if volume_type not in STORAGE:
        return [
            not_priced(
                f"Storage ({volume_type})", "GB-months", f"OpenSearch {volume_type} storage is not priced yet"
            )
        ]
    quantity = size if isinstance(size, Unknown) else count if isinstance(count, Unknown) else size * count
    components = [
        monthly(
            f"Storage (General Purpose SSD, {volume_type})",
            "GB-months",
            quantity,
            aws_query(
                side,
                "AmazonES",
                "Amazon OpenSearch Service Volume",
                usagetype=usage_type(side.region, f"ES:{STORAGE[volume_type]}-Storage"),
            ),
        )
    ]
    iops, throughput = number(ebs.get("iops")), number(ebs.get("throughput"))
    if volume_type == "gp3" and ((iops or 0) > 3000 or (throughput or 0) > 125):
        # gp3 includes 3,000 IOPS and 125 MiB/s per volume; the extra is billed but not in our catalog.
        components.append(
            not_priced(
                "Provisioned IOPS/throughput above the gp3 baseline",
                "months",
                "extra gp3 IOPS/throughput for OpenSearch is not priced yet",
            )
        )
    return components


AWS_ELASTICSEARCH_DOMAIN = CostModel(
    "aws_elasticsearch_domain",
    aws_elasticsearch_domain,
    free_sub_types=("aws_elasticsearch_domain_policy", "aws_elasticsearch_domain_saml_options"),
)
AWS_OPENSEARCH_DOMAIN = CostModel(
    "aws_opensearch_domain",
    aws_opensearch_domain,
    free_sub_types=("aws_opensearch_domain_policy", "aws_opensearch_domain_saml_options"),
)
