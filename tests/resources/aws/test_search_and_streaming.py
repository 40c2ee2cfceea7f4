"""OpenSearch/Elasticsearch domains, MSK, Kinesis streams and Amazon MQ brokers."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def test_opensearch_data_nodes_masters_and_storage():
    domain = price_one(
        "aws_opensearch_domain",
        {
            "cluster_config": [
                {
                    "instance_type": "r6g.large.search",
                    "instance_count": 3,
                    "dedicated_master_enabled": True,
                    "dedicated_master_type": "m6g.large.search",
                    "dedicated_master_count": 3,
                }
            ],
            "ebs_options": [{"ebs_enabled": True, "volume_type": "gp3", "volume_size": 100}],
        },
    )
    # 3 x 730 h x $0.167 = $365.73; masters 3 x 730 x $0.128 = $280.32; storage 3 x 100 GB x $0.122 = $36.60
    assert component_costs(domain) == {
        "Instance (r6g.large.search)": Decimal("365.730"),
        "Dedicated master (m6g.large.search)": Decimal("280.320"),
        "Storage (General Purpose SSD, gp3)": Decimal("36.600"),
    }


def test_elasticsearch_names_are_priced_as_opensearch_names():
    domain = price_one(
        "aws_elasticsearch_domain",
        {
            "cluster_config": [{"instance_type": "m5.large.elasticsearch", "instance_count": 2}],
            "ebs_options": [{"ebs_enabled": True, "volume_size": 20}],
        },
    )
    # 2 x 730 h x $0.142 = $207.32; 2 x 20 GB gp2 x $0.135 = $5.40
    assert cents(domain.monthly_after) == Decimal("212.72")


def test_msk_brokers_and_storage():
    cluster = price_one(
        "aws_msk_cluster",
        {
            "number_of_broker_nodes": 3,
            "broker_node_group_info": [
                {
                    "instance_type": "kafka.m5.large",
                    "storage_info": [{"ebs_storage_info": [{"volume_size": 500}]}],
                }
            ],
        },
    )
    # 3 x 730 h x $0.21 = $459.90; 3 x 500 GB x $0.10 = $150.00
    assert cents(cluster.monthly_after) == Decimal("609.90")
    legacy = price_one(
        "aws_msk_cluster",
        {
            "number_of_broker_nodes": 2,
            "broker_node_group_info": [{"instance_type": "kafka.t3.small", "ebs_volume_size": 100}],
        },
    )
    # 2 x 730 x $0.0456 = $66.576; 2 x 100 GB x $0.10 = $20.00
    assert cents(legacy.monthly_after) == Decimal("86.58")


def test_kinesis_provisioned_shards_and_on_demand_stream():
    provisioned = price_one("aws_kinesis_stream", {"name": "s", "shard_count": 4})
    # 4 shards x 730 h x $0.015 = $43.80; PUT payload units depend on usage
    assert component_costs(provisioned) == {
        "Shard hours (provisioned)": Decimal("43.800"),
        "PUT payload units": None,
    }
    on_demand = price_one(
        "aws_kinesis_stream", {"name": "s", "stream_mode_details": [{"stream_mode": "ON_DEMAND"}]}
    )
    # 730 stream-hours x $0.04 = $29.20; data in ($0.08/GB) and out ($0.04/GB) depend on usage
    assert cents(on_demand.monthly_after) == Decimal("29.20")
    assert [c.unit_price for c in on_demand.components[1:]] == [Decimal("0.08"), Decimal("0.04")]


def test_mq_single_instance_and_active_standby():
    single = price_one(
        "aws_mq_broker",
        {
            "engine_type": "ActiveMQ",
            "host_instance_type": "mq.m5.large",
            "deployment_mode": "SINGLE_INSTANCE",
        },
    )
    # 730 h x $0.288 = $210.24; EFS storage $0.30/GB-month depends on usage
    assert cents(single.monthly_after) == Decimal("210.24")
    assert single.components[1].unit_price == Decimal("0.30")
    standby = price_one(
        "aws_mq_broker",
        {
            "engine_type": "ActiveMQ",
            "host_instance_type": "mq.m5.large",
            "deployment_mode": "ACTIVE_STANDBY_MULTI_AZ",
        },
    )
    # two brokers: 730 h x $0.576 = $420.48
    assert cents(standby.monthly_after) == Decimal("420.48")
    cluster = price_one(
        "aws_mq_broker",
        {
            "engine_type": "RabbitMQ",
            "host_instance_type": "mq.m5.large",
            "deployment_mode": "CLUSTER_MULTI_AZ",
        },
    )
    assert cluster.components[0].not_priced_reason == "deployment mode CLUSTER_MULTI_AZ is not priced yet"


def test_msk_without_broker_count_is_not_priced():
    cluster = price_one("aws_msk_cluster", {"broker_node_group_info": [{"instance_type": "kafka.m5.large"}]})
    assert [c.not_priced_reason for c in cluster.components] == [
        "the configuration does not set it (number_of_broker_nodes)"
    ] * 2
