"""aws_cloudwatch_dashboard ($3 a month each) and aws_synthetics_canary ($0.0012 a run, the runs
counted from its `rate(...)` schedule). https://aws.amazon.com/cloudwatch/pricing/
"""

from __future__ import annotations

import re
from decimal import Decimal

from costgate.model import HOURS_PER_MONTH, CostComponent, Unknown
from costgate.resources.aws.billing_codes import coded_usage_type
from costgate.resources.base import CostModel, Side, aws_query, monthly

RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
MINUTES = {"minute": 1, "hour": 60, "day": 1440}


def aws_cloudwatch_dashboard(side: Side) -> list[CostComponent]:
    return [
        monthly(
            "Dashboard",
            "months",
            1,
            aws_query(side, "AmazonCloudWatch", "Dashboard", usagetype="DashboardsUsageHour"),
        )
    ]


def aws_synthetics_canary(side: Side) -> list[CostComponent]:
    expression = side.get("schedule.0.expression")
    runs: Decimal | Unknown
    match = RATE.fullmatch(expression) if isinstance(expression, str) else None
    if isinstance(expression, Unknown):
        runs = expression
    elif match is None:
        runs = Unknown(
            "schedule.expression",
            f"runs of schedule {str(expression)[:40]!r} are not counted: costgate counts rate(...) schedules",
        )
    elif int(match.group(1)) == 0:
        runs = Decimal(0)  # rate(0 minutes): runs once when started
    else:
        minutes = int(match.group(1)) * MINUTES[match.group(2).rstrip("s")]
        runs = HOURS_PER_MONTH * 60 / minutes
    price = aws_query(
        side, "AmazonCloudWatch", "Canaries", usagetype=coded_usage_type(side.region, "CW:Canary-runs")
    )
    return [monthly("Canary runs", "runs", runs, price)]


AWS_CLOUDWATCH_DASHBOARD = CostModel("aws_cloudwatch_dashboard", aws_cloudwatch_dashboard)
AWS_SYNTHETICS_CANARY = CostModel("aws_synthetics_canary", aws_synthetics_canary)
