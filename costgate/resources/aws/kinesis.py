"""aws_kinesis_stream: provisioned shard hours (PUT payload units by usage), or on-demand stream hours and data.

https://aws.amazon.com/kinesis/data-streams/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, number, usage

MONTHLY_PUT_PAYLOAD_UNITS = UsageKey(
    "monthly_put_payload_units",
    "units",
    "25 KB PUT payload units per month (provisioned mode)",
)
MONTHLY_ON_DEMAND_DATA_IN_GB = UsageKey(
    "monthly_on_demand_data_in_gb",
    "GB",
    "Data written per month (on-demand mode)",
)
MONTHLY_ON_DEMAND_DATA_OUT_GB = UsageKey(
    "monthly_on_demand_data_out_gb",
    "GB",
    "Data read per month (on-demand mode)",
)


def _query(side: Side, suffix: str):
    return aws_query(side, "AmazonKinesis", "Kinesis Streams", usagetype=usage_type(side.region, suffix))


def aws_kinesis_stream(side: Side) -> list[CostComponent]:
    mode = (side.block("stream_mode_details") or {}).get("stream_mode") or "PROVISIONED"
    if mode == "ON_DEMAND":
        return [
            hourly("Stream (on-demand)", _query(side, "OnDemand-StreamHour"), unit="stream-hours"),
            usage(
                "Data ingested (on-demand)",
                "GB",
                _query(side, "OnDemand-BilledIncomingBytes"),
                MONTHLY_ON_DEMAND_DATA_IN_GB,
                side.usage(MONTHLY_ON_DEMAND_DATA_IN_GB),
            ),
            usage(
                "Data retrieved (on-demand)",
                "GB",
                _query(side, "OnDemand-BilledOutgoingBytes"),
                MONTHLY_ON_DEMAND_DATA_OUT_GB,
                side.usage(MONTHLY_ON_DEMAND_DATA_OUT_GB),
            ),
        ]
    return [
        hourly(
            "Shard hours (provisioned)",
            _query(side, "Storage-ShardHour"),
            number(side.get("shard_count"), 1),
            unit="shard-hours",
        ),
        usage(
            "PUT payload units",
            "units",
            _query(side, "PutRequestPayloadUnits"),
            MONTHLY_PUT_PAYLOAD_UNITS,
            side.usage(MONTHLY_PUT_PAYLOAD_UNITS),
        ),
    ]


AWS_KINESIS_STREAM = CostModel(
    "aws_kinesis_stream",
    aws_kinesis_stream,
    usage_keys=(MONTHLY_PUT_PAYLOAD_UNITS, MONTHLY_ON_DEMAND_DATA_IN_GB, MONTHLY_ON_DEMAND_DATA_OUT_GB),
)
