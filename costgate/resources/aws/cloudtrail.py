"""aws_cloudtrail: the first copy of management events is free; additional copies ($2.00 per
100,000), data events ($0.10 per 100,000) and Insights events ($0.35 per 100,000) come from
usage. https://aws.amazon.com/cloudtrail/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, usage

ADDITIONAL_MANAGEMENT = UsageKey(
    "monthly_additional_management_events",
    "events",
    "Management events per month, beyond the first free copy",
)
DATA_EVENTS = UsageKey("monthly_data_events", "events", "Data events per month")
INSIGHT_EVENTS = UsageKey("monthly_insight_events", "events", "Insights events per month")
FAMILY = "Management Tools - AWS CloudTrail {} Events{}"


def aws_cloudtrail(side: Side) -> list[CostComponent]:
    parts = (
        ("Additional management events", FAMILY.format("Paid", " Recorded"), ADDITIONAL_MANAGEMENT),
        ("Data events", FAMILY.format("Data", " Recorded"), DATA_EVENTS),
        ("Insights events", FAMILY.format("Insights", ""), INSIGHT_EVENTS),
    )
    return [
        usage(name, "events", aws_query(side, "AWSCloudTrail", family), key, side.usage(key))
        for name, family, key in parts
    ]


AWS_CLOUDTRAIL = CostModel(
    "aws_cloudtrail", aws_cloudtrail, usage_keys=(ADDITIONAL_MANAGEMENT, DATA_EVENTS, INSIGHT_EVENTS)
)
