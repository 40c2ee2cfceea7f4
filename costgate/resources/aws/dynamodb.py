"""aws_dynamodb_table: provisioned read/write capacity hours, or on-demand requests; storage by usage.

Provisioned capacity is billed per capacity-unit hour, for the table and for each global
secondary index with its own capacity. An aws_appautoscaling_target in the plan for the
table scales it between its min and max: the provisioned value (else the minimum) is
priced and the range reported for writes (or reads when only they scale; a resource has
one range). (https://aws.amazon.com/dynamodb/pricing/)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import HOURS_PER_MONTH, Capacity, CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import (
    CostModel,
    Side,
    UsageKey,
    aws_query,
    hourly,
    monthly,
    number,
    query,
    usage,
)

MONTHLY_WRITE_REQUEST_UNITS = UsageKey(
    "monthly_write_request_units",
    "request units",
    "On-demand write request units per month",
)
MONTHLY_READ_REQUEST_UNITS = UsageKey(
    "monthly_read_request_units",
    "request units",
    "On-demand read request units per month",
)
STORAGE_GB = UsageKey("storage_gb", "GB", "Table storage")

DIMENSIONS = {"read": "dynamodb:table:ReadCapacityUnits", "write": "dynamodb:table:WriteCapacityUnits"}


def aws_dynamodb_table(side: Side) -> list[CostComponent]:
    components: list[CostComponent] = []
    if side.setting("billing_mode", "PROVISIONED") == "PAY_PER_REQUEST":
        for kind, key, suffix in (
            ("Write", MONTHLY_WRITE_REQUEST_UNITS, "WriteRequestUnits"),
            ("Read", MONTHLY_READ_REQUEST_UNITS, "ReadRequestUnits"),
        ):
            components.append(
                usage(
                    f"{kind} request units (on-demand)",
                    "request units",
                    aws_query(
                        side,
                        "AmazonDynamoDB",
                        "Amazon DynamoDB PayPerRequest Throughput",
                        usagetype=usage_type(side.region, suffix),
                    ),
                    key,
                    quantity=side.usage(key),
                )
            )
    else:
        ranges = _autoscaling(side)
        scaled = "write" if "write" in ranges else "read" if "read" in ranges else None
        for kind in ("write", "read"):
            components.append(_capacity(side, kind, ranges.get(kind) if kind == scaled else None))
        for index in side.get("global_secondary_index") or []:
            for kind in ("write", "read"):
                units = number(index.get(f"{kind}_capacity"))
                if units:
                    components.append(
                        hourly(
                            f"GSI {index.get('name')}: {kind} capacity units",
                            _capacity_query(side, kind),
                            units,
                            unit="capacity-unit-hours",
                        )
                    )
    components.append(_storage(side, side.region, "Data storage"))
    for replica in side.get("replica") or []:
        region = replica.get("region_name") if isinstance(replica, dict) else None
        if isinstance(region, str) and region:
            components.extend(_replica(side, region))
    return components


def _storage(side: Side, region: str, name: str) -> CostComponent:
    return usage(
        name,
        "GB-months",
        query(
            "aws",
            "AmazonDynamoDB",
            region,
            "Database Storage",
            usagetype=usage_type(region, "TimedStorage-ByteHrs"),
        ),
        STORAGE_GB,
        quantity=side.usage(STORAGE_GB),
    )


def _replica(side: Side, region: str) -> list[CostComponent]:
    """A global table replica is a full copy in `region`: every write is replicated to it, reads and
    storage are its own. Since the November 2024 price cut, a replicated write unit costs the same as a
    write unit in that region (https://aws.amazon.com/dynamodb/pricing/provisioned/,
    https://aws.amazon.com/dynamodb/pricing/on-demand/, "Global tables")."""
    label = f"Replica {region}"
    components: list[CostComponent] = []
    if side.setting("billing_mode", "PROVISIONED") == "PAY_PER_REQUEST":
        for kind, key, suffix in (
            ("Replicated write", MONTHLY_WRITE_REQUEST_UNITS, "WriteRequestUnits"),
            ("Read", MONTHLY_READ_REQUEST_UNITS, "ReadRequestUnits"),
        ):
            price = query(
                "aws",
                "AmazonDynamoDB",
                region,
                "Amazon DynamoDB PayPerRequest Throughput",
                usagetype=usage_type(region, suffix),
            )
            components.append(
                usage(f"{label}: {kind.lower()} request units", "request units", price, key, side.usage(key))
            )
    else:
        for kind in ("write", "read"):
            components.append(
                hourly(
                    f"{label}: {'replicated write' if kind == 'write' else 'read'} capacity units",
                    _capacity_query(side, kind, region),
                    number(side.get(f"{kind}_capacity"), Decimal(0)),
                    unit="capacity-unit-hours",
                )
            )
    components.append(_storage(side, region, f"{label}: data storage"))
    return components


def _capacity_query(side: Side, kind: str, region: str | None = None) -> Any:
    suffix = "WriteCapacityUnit-Hrs" if kind == "write" else "ReadCapacityUnit-Hrs"
    region = region or side.region
    return query("aws", "AmazonDynamoDB", region, "Provisioned IOPS", usagetype=usage_type(region, suffix))


def _capacity(side: Side, kind: str, scaling: tuple[int, int] | None) -> CostComponent:
    units = number(side.get(f"{kind}_capacity"), Decimal(0))
    name = f"{kind.capitalize()} capacity units (provisioned)"
    if scaling is None:
        return hourly(name, _capacity_query(side, kind), units, unit="capacity-unit-hours")
    low, high = scaling
    current = int(units) if isinstance(units, Decimal) and units else low
    return monthly(
        name,
        "capacity-unit-hours",
        HOURS_PER_MONTH,
        _capacity_query(side, kind),
        per=Capacity(f"{kind}_capacity", current, low, high),
    )


def _autoscaling(side: Side) -> dict[str, tuple[int, int]]:
    """{"read"/"write": (min, max)} from aws_appautoscaling_target resources scaling this table."""
    name = side.get("name")
    found: dict[str, tuple[int, int]] = {}
    if not isinstance(name, str):
        return found
    for target in side.of_type_with("aws_appautoscaling_target", "resource_id", f"table/{name}"):
        dimension = target.get("scalable_dimension")
        if target.get("service_namespace") != "dynamodb":
            continue
        for kind, wanted in DIMENSIONS.items():
            low, high = number(target.get("min_capacity")), number(target.get("max_capacity"))
            if dimension == wanted and isinstance(low, Decimal) and isinstance(high, Decimal):
                found[kind] = (int(low), int(high))
    return found


AWS_DYNAMODB_TABLE = CostModel(
    "aws_dynamodb_table",
    aws_dynamodb_table,
    usage_keys=(MONTHLY_WRITE_REQUEST_UNITS, MONTHLY_READ_REQUEST_UNITS, STORAGE_GB),
    free_sub_types=("aws_dynamodb_table_item", "aws_dynamodb_tag", "aws_dynamodb_resource_policy"),
    follows=("aws_appautoscaling_target",),
)
