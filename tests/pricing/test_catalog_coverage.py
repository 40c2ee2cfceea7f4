"""Every price the cost models ask for, over every fixture plan, in every listed region, is in the embedded catalog.

Each resource of each fixture plan under fixtures/plans/ is priced again in each region
its provider's catalog must cover (by overriding the resource's region), and every price
query its components make must resolve offline. Gaps we know of and accept are listed,
with the reason, in ALLOWED_GAPS; anything else is a catalog gap to fix.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import pytest

from costgate.errors import CostgateError
from costgate.estimate.pricer import _side
from costgate.model import PriceQuery
from costgate.plan.context import PlanContext
from costgate.plan.terraform import read_plan
from costgate.pricing.catalog import EmbeddedCatalog
from costgate.resources.registry import cost_model, is_free
from tests.helpers import FIXTURES

REGIONS = {
    "aws": ("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"),
    "google": ("us-central1", "us-east1", "europe-west1", "asia-southeast1"),
}

NON_US = ("eu-west-1", "eu-central-1", "ap-southeast-1")
# Memcached and Filestore have no embedded price at all yet; the rest are regional gaps.
NOT_VERIFIED: dict[tuple[str, str], tuple[str, ...]] = {
    ("AWSELB", "Load Balancer"): ("eu-central-1", "ap-southeast-1"),
    ("AWSELB", "Load Balancer-Application"): ("eu-central-1", "ap-southeast-1"),
    ("AWSELB", "Load Balancer-Network"): ("eu-central-1", "ap-southeast-1"),
    ("AmazonCloudWatch", "Alarm"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonCloudWatch", "Metric"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonDocDB", "Database Instance"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonDocDB", "Database Storage"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonDocDB", "Storage Snapshot"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonDocDB", "System Operation"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonDynamoDB", "Amazon DynamoDB PayPerRequest Throughput"): (
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
    ),
    ("AmazonDynamoDB", "Database Storage"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonDynamoDB", "Provisioned IOPS"): ("eu-central-1", "ap-southeast-1"),
    ("AmazonECS", "Compute"): ("eu-central-1", "ap-southeast-1"),
    ("AmazonEFS", "Provisioned Throughput"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonEFS", "Storage"): ("eu-central-1", "ap-southeast-1"),
    ("AmazonES", "Amazon OpenSearch Service Instance"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonES", "Amazon OpenSearch Service Volume"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonElastiCache", "Cache Instance"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonFSx", "Backup"): ("us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonFSx", "Provisioned Throughput"): (
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
    ),
    ("AmazonFSx", "Storage"): ("us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonKinesis", "Kinesis Streams"): (
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
    ),
    ("AmazonMQ", "Broker Instances"): (
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
    ),
    ("AmazonMQ", "Broker Storage"): ("us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonMSK", "Managed Streaming for Apache Kafka (MSK)"): (
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
    ),
    ("AmazonMSK", "Storage"): ("us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonRedshift", "Compute Instance"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonRedshift", "Redshift Managed Storage"): ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ("AmazonSageMaker", "ML Instance"): (
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
    ),
    ("AmazonVPC", "Transit Gateway"): ("eu-central-1", "ap-southeast-1"),
    ("AmazonVPC", "VpcEndpoint"): ("eu-central-1", "ap-southeast-1"),
    ("Cloud Filestore", "Storage"): ("us-central1", "us-east1", "europe-west1", "asia-southeast1"),
    ("Cloud Memorystore for Memcached", "ApplicationServices"): (
        "us-central1",
        "us-east1",
        "europe-west1",
        "asia-southeast1",
    ),
    ("Cloud Memorystore for Redis", "ApplicationServices"): ("us-east1", "europe-west1", "asia-southeast1"),
    ("Cloud SQL", "ApplicationServices"): ("europe-west1", "asia-southeast1"),
    ("Compute Engine", "Compute"): ("europe-west1", "asia-southeast1"),
    ("Compute Engine", "Storage"): ("europe-west1", "asia-southeast1"),
    ("Networking", "Network"): ("europe-west1", "asia-southeast1"),
    # issue 14 types, hand-entered for us-east-1 only (CloudTrail for the US regions, dashboards also eu-west-1)
    **dict.fromkeys(
        [
            ("AWSCloudTrail", "Management Tools - AWS CloudTrail Data Events Recorded"),
            ("AWSCloudTrail", "Management Tools - AWS CloudTrail Insights Events"),
            ("AWSCloudTrail", "Management Tools - AWS CloudTrail Paid Events Recorded"),
        ],
        ("eu-west-1", "eu-central-1", "ap-southeast-1"),
    ),
    **dict.fromkeys(
        [
            ("AmazonApiGateway", "API Calls"),
            ("AmazonApiGateway", "Amazon API Gateway Cache"),
            ("AmazonCloudWatch", "Canary"),
            ("CodeBuild", "Compute"),
            ("awswaf", "Web Application Firewall"),
        ],
        ("us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"),
    ),
    ("AmazonCloudWatch", "Dashboard"): ("eu-central-1", "ap-southeast-1"),
}
# (service, product family, region, the query attribute value that identifies it: "*" any,
# "m6g." any value starting so). Every entry is a price not verified yet: it shows as not
# priced with a hint to use --pricing live, which is right until someone verifies it.
ALLOWED_GAPS = {
    # RDS outside the US regions.
    *(("AmazonRDS", "*", region, "*") for region in NON_US),
    # Magnetic EBS I/O requests outside the US regions.
    *(("AmazonEC2", "System Operation", region, "standard") for region in NON_US),
    # Windows on-demand rates outside the US regions.
    *(("AmazonEC2", "Compute Instance", region, "Windows") for region in NON_US),
    # Services whose list prices in these regions nobody has verified yet (service, product family): regions.
    *(
        (service, family, region, "*")
        for (service, family), regions in NOT_VERIFIED.items()
        for region in regions
    ),
    # t3a, Graviton and 7th-generation Intel instances outside the US regions.
    *(
        ("AmazonEC2", "Compute Instance", region, family + ".")
        for region in NON_US
        for family in ("t3a", "t4g", "m6g", "m7g", "m7i", "c6g", "c7g", "r6g", "r7g")
    ),
}


def matches(gap: tuple[str, str, str, str], query: PriceQuery) -> bool:
    service, family, region, value = gap
    values = [v for _, v in query.attributes]
    return (
        service == query.service
        and family in ("*", query.product_family)
        and region == query.region
        and (value == "*" or any(v == value or (value.endswith(".") and v.startswith(value)) for v in values))
    )


def allowed(query: PriceQuery) -> bool:
    return any(matches(gap, query) for gap in ALLOWED_GAPS)


def fixture_queries() -> Iterator[tuple[str, str, PriceQuery]]:
    for path in sorted((FIXTURES / "plans").rglob("*.json")):
        try:
            plan = read_plan(json.loads(path.read_text(encoding="utf-8")), path.name, "us-east-1")
        except (CostgateError, ValueError):
            continue  # fixtures of malformed input
        context = PlanContext(plan.changes, plan.configuration, None)
        for change in plan.changes:
            model = cost_model(change.type)
            if change.mode != "managed" or is_free(change.type) or model is None:
                continue
            for region in REGIONS.get(change.provider, ()):
                moved = dataclasses.replace(change, region=region)
                for after in (True, False):
                    side = _side(moved, context, model, after=after)
                    if side is None:
                        continue
                    for component in model(side):
                        if isinstance(component.price_query, PriceQuery) and not component.not_priced_reason:
                            yield str(path.relative_to(FIXTURES)), change.address, component.price_query


def test_fixture_plans_ask_for_something():
    assert sum(1 for _ in fixture_queries()) > 50


def test_catalog_answers_every_query_of_every_fixture_plan_in_every_region():
    catalog = EmbeddedCatalog()
    missing = sorted(
        {f"{query.service} {query.product_family} {dict(query.attributes)} in {query.region} ({where}: {address})"
         for where, address, query in fixture_queries()
         if catalog.lookup(query) is None and not allowed(query)}
    )  # fmt: skip
    assert not missing, f"{len(missing)} prices missing from the embedded catalog:\n" + "\n".join(
        missing[:40]
    )


@pytest.mark.parametrize("gap", sorted(ALLOWED_GAPS))
def test_allowed_gaps_are_real_gaps(gap):
    """Each allow-listed gap is asked for by some fixture and still unpriced (else it leaves the list)."""
    catalog = EmbeddedCatalog()
    hits = [query for _, _, query in fixture_queries() if matches(gap, query)]
    assert hits, f"no fixture asks for {gap}: remove it from ALLOWED_GAPS"
    assert all(catalog.lookup(query) is None for query in hits), (
        f"{gap} is priced now: remove it from ALLOWED_GAPS"
    )
