"""ElastiCache node hours for clusters and replication groups."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def test_memcached_cluster_nodes():
    cluster = price_one(
        "aws_elasticache_cluster",
        {"engine": "memcached", "node_type": "cache.m5.large", "num_cache_nodes": 3},
    )
    # 3 nodes x 730 h x $0.156 = $341.64
    assert component_costs(cluster) == {
        "ElastiCache (Memcached, on-demand, cache.m5.large)": Decimal("341.640")
    }
    redis = price_one(
        "aws_elasticache_cluster", {"engine": "redis", "node_type": "cache.t4g.micro"}, region="us-west-2"
    )
    # 1 node x 730 h x $0.016 = $11.68
    assert cents(redis.monthly_after) == Decimal("11.68")


def test_replication_group_counts_primary_and_replicas():
    non_clustered = price_one(
        "aws_elasticache_replication_group", {"node_type": "cache.r6g.large", "num_cache_clusters": 2}
    )
    # 2 nodes x 730 h x $0.206 = $300.76
    assert cents(non_clustered.monthly_after) == Decimal("300.76")
    clustered = price_one(
        "aws_elasticache_replication_group",
        {
            "engine": "redis",
            "node_type": "cache.r5.large",
            "num_node_groups": 3,
            "replicas_per_node_group": 1,
        },
        after_unknown={"num_cache_clusters": True},
    )
    # 3 shards x (1 primary + 1 replica) = 6 nodes x 730 h x $0.216 = $946.08
    assert cents(clustered.monthly_after) == Decimal("946.08")


def test_member_of_a_replication_group_is_priced_on_the_group():
    member = price_one(
        "aws_elasticache_cluster", {"replication_group_id": "sessions", "node_type": "cache.r5.large"}
    )
    assert (
        member.reason
        == "ElastiCache nodes: a member of replication group sessions, whose nodes are priced there"
    )


def test_unknown_node_type_is_not_priced():
    cluster = price_one("aws_elasticache_cluster", {"engine": "redis", "node_type": "cache.x9.huge"})
    assert (
        cluster.status == "not_priced"
        and "no price in the embedded catalog" in cluster.components[0].not_priced_reason
    )
