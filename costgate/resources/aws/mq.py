"""aws_mq_broker: broker instance hours (active/standby bills two instances, a RabbitMQ cluster three), storage by usage.

https://aws.amazon.com/amazon-mq/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, not_priced, shown, usage

STORAGE_SIZE_GB = UsageKey("storage_size_gb", "GB", "Message storage used by the broker")

DEPLOYMENTS = {"SINGLE_INSTANCE": "Single-AZ", "ACTIVE_STANDBY_MULTI_AZ": "Multi-AZ"}
ENGINES = {"activemq": "ActiveMQ", "rabbitmq": "RabbitMQ"}


def aws_mq_broker(side: Side) -> list[CostComponent]:
    instance_type = side.get("host_instance_type")
    engine_type = side.get("engine_type")
    engine = (
        ENGINES.get(engine_type.lower(), engine_type)
        if isinstance(engine_type, str)
        else Unknown("engine_type", "the engine is not set")
    )
    mode = side.setting("deployment_mode", "SINGLE_INSTANCE")
    if not isinstance(mode, str) or mode not in DEPLOYMENTS:
        instance = not_priced(
            f"Broker instance ({shown(mode)})", "hours", f"deployment mode {shown(mode)} is not priced yet"
        )
    else:
        instance = hourly(
            f"Broker instance ({shown(engine)}, {DEPLOYMENTS[mode]}, {shown(instance_type)})",
            aws_query(
                side,
                "AmazonMQ",
                "Broker Instances",
                instanceType=instance_type,
                brokerEngine=engine,
                deploymentOption=DEPLOYMENTS[mode],
            ),
        )
    # ActiveMQ stores on EFS by default; RabbitMQ always on EBS.
    storage = str(side.setting("storage_type", "efs" if engine == "ActiveMQ" else "ebs")).upper()
    return [
        instance,
        usage(
            f"Broker storage ({storage})",
            "GB-months",
            aws_query(
                side,
                "AmazonMQ",
                "Broker Storage",
                usagetype=usage_type(side.region, f"TimedStorage-{storage}-ByteHrs"),
            ),
            STORAGE_SIZE_GB,
            side.usage(STORAGE_SIZE_GB),
        ),
    ]


AWS_MQ_BROKER = CostModel(
    "aws_mq_broker", aws_mq_broker, usage_keys=(STORAGE_SIZE_GB,), free_sub_types=("aws_mq_configuration",)
)
