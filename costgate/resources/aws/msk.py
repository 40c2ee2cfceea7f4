"""aws_msk_cluster: broker instance hours x brokers, plus EBS storage per broker. https://aws.amazon.com/msk/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, aws_query, hourly, monthly, number, shown


def aws_msk_cluster(side: Side) -> list[CostComponent]:
    brokers = number(
        side.get("number_of_broker_nodes"),
        Unknown("number_of_broker_nodes", "the configuration does not set it"),
    )
    group = side.block("broker_node_group_info") or {}
    instance_type = group.get("instance_type") or Unknown(
        "instance_type", "broker_node_group_info.instance_type is not set"
    )
    # provider v5 moved ebs_volume_size into storage_info.ebs_storage_info.volume_size
    storage = (group.get("storage_info") or [{}])[0].get("ebs_storage_info") or [{}]
    size = number(
        storage[0].get("volume_size") or group.get("ebs_volume_size"), 1000
    )  # 1,000 GiB is MSK's default
    quantity = brokers if isinstance(brokers, Unknown) else size * brokers
    return [
        hourly(
            f"Broker instance ({shown(instance_type)})",
            aws_query(
                side, "AmazonMSK", "Managed Streaming for Apache Kafka (MSK)", instanceType=instance_type
            ),
            brokers,
            unit="broker-hours",
        ),
        monthly(
            "Broker storage",
            "GB-months",
            quantity,
            aws_query(side, "AmazonMSK", "Storage", usagetype=usage_type(side.region, "Kafka.Storage.GP2")),
        ),
    ]


AWS_MSK_CLUSTER = CostModel(
    "aws_msk_cluster",
    aws_msk_cluster,
    free_sub_types=("aws_msk_configuration", "aws_msk_scram_secret_association"),
)
