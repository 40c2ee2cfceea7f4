"""ElastiCache node hours: aws_elasticache_cluster and aws_elasticache_replication_group.

A node costs the same per hour for Redis and Memcached; Valkey costs less and has its
own SKUs. (https://aws.amazon.com/elasticache/pricing/)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.base import CostModel, Side, aws_query, hourly, not_priced, number, shown

CACHE_ENGINES = {"redis": "Redis", "memcached": "Memcached", "valkey": "Valkey"}


def nodes(side: Side, node_type: Any, count: Any, engine: Any) -> CostComponent:
    if isinstance(engine, str) and engine not in CACHE_ENGINES:
        return not_priced(f"ElastiCache ({engine})", "hours", f"unknown ElastiCache engine {engine!r}")
    cache_engine = (
        CACHE_ENGINES[engine]
        if isinstance(engine, str)
        else engine or Unknown("engine", "the engine is not set")
    )
    return hourly(
        f"ElastiCache ({shown(cache_engine)}, on-demand, {shown(node_type)})",
        aws_query(
            side, "AmazonElastiCache", "Cache Instance", instanceType=node_type, cacheEngine=cache_engine
        ),
        count,
        unit="node-hours",
    )


def aws_elasticache_cluster(side: Side) -> list[CostComponent]:
    group = side.get("replication_group_id")
    if isinstance(group, str) and group:
        return [
            not_priced(
                "ElastiCache nodes",
                "node-hours",
                f"a member of replication group {group}, whose nodes are priced there",
            )
        ]
    return [
        nodes(side, side.get("node_type"), number(side.setting("num_cache_nodes", 1), 1), side.get("engine"))
    ]


def aws_elasticache_replication_group(side: Side) -> list[CostComponent]:
    return [
        nodes(side, side.get("node_type"), replication_group_nodes(side), side.setting("engine", "redis"))
    ]


def replication_group_nodes(side: Side) -> Any:
    """Primary plus replicas: num_cache_clusters (non-clustered), else shards x (replicas + 1).

    Whichever of the two the configuration does not set is computed by the provider
    and unknown in the plan.
    """
    clusters = number(side.get("num_cache_clusters")) or number(side.get("number_cache_clusters"))
    if isinstance(clusters, Decimal):
        return clusters
    node_groups, replicas = (
        number(side.get("num_node_groups")),
        number(side.get("replicas_per_node_group"), Decimal(0)),
    )
    if isinstance(node_groups, Decimal):
        return replicas if isinstance(replicas, Unknown) else node_groups * (replicas + 1)
    return (
        clusters
        if isinstance(clusters, Unknown)
        else node_groups
        if isinstance(node_groups, Unknown)
        else Decimal(1)
    )


AWS_ELASTICACHE_CLUSTER = CostModel(
    "aws_elasticache_cluster",
    aws_elasticache_cluster,
    free_sub_types=("aws_elasticache_subnet_group", "aws_elasticache_parameter_group"),
)
AWS_ELASTICACHE_REPLICATION_GROUP = CostModel(
    "aws_elasticache_replication_group",
    aws_elasticache_replication_group,
    free_sub_types=(
        "aws_elasticache_user",
        "aws_elasticache_user_group",
        "aws_elasticache_user_group_association",
    ),
)
