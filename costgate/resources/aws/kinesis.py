"""aws_kinesis_stream: provisioned shard hours (PUT payload units by usage), or on-demand stream hours and data.

https://aws.amazon.com/kinesis/data-streams/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, hourly, number, usage


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
                "monthly_on_demand_data_in_gb",
                side.usage("monthly_on_demand_data_in_gb"),
            ),
            usage(
                "Data retrieved (on-demand)",
                "GB",
                _query(side, "OnDemand-BilledOutgoingBytes"),
                "monthly_on_demand_data_out_gb",
                side.usage("monthly_on_demand_data_out_gb"),
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
            "monthly_put_payload_units",
            side.usage("monthly_put_payload_units"),
        ),
    ]


USAGE_KEYS = {
    "aws_kinesis_stream": (
        UsageKey(
            "monthly_put_payload_units", "units", "25 KB PUT payload units per month (provisioned mode)"
        ),
        UsageKey("monthly_on_demand_data_in_gb", "GB", "Data written per month (on-demand mode)"),
        UsageKey("monthly_on_demand_data_out_gb", "GB", "Data read per month (on-demand mode)"),
    ),
}
