"""aws_cloudwatch_metric_alarm: per alarm metric per month; high resolution (period under
60 s) costs more; an anomaly detection alarm bills 3 metrics (the metric and the two bounds).
https://aws.amazon.com/cloudwatch/pricing/
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, aws_query, monthly, number

HIGH_RESOLUTION_BELOW_SECONDS = 60
ANOMALY_DETECTION_METRICS = 3


def aws_cloudwatch_metric_alarm(side: Side) -> list[CostComponent]:
    queries = side.get("metric_query") or []
    if isinstance(queries, Unknown):
        return [monthly("Standard resolution alarm", "alarm metrics", queries, queries)]
    metrics = (
        [q for q in queries if isinstance(q, dict) and q.get("metric")] if isinstance(queries, list) else []
    )
    periods: list[Any] = (
        [side.get("period")] if not metrics else [(m["metric"][0] or {}).get("period") for m in metrics]
    )
    count = len(metrics) or 1
    if side.get("threshold_metric_id"):
        count = ANOMALY_DETECTION_METRICS * count
    high = any(isinstance(number(p), Decimal) and number(p) < HIGH_RESOLUTION_BELOW_SECONDS for p in periods)
    label, usage_name = (
        ("High resolution", "CW:HighResAlarmMonitorUsage")
        if high
        else ("Standard resolution", "CW:AlarmMonitorUsage")
    )
    return [
        monthly(
            f"{label} alarm",
            "alarm metrics",
            count,
            aws_query(side, "AmazonCloudWatch", "Alarm", usagetype=usage_type(side.region, usage_name)),
        )
    ]


AWS_CLOUDWATCH_METRIC_ALARM = CostModel("aws_cloudwatch_metric_alarm", aws_cloudwatch_metric_alarm)
