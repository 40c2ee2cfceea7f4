"""The live AWS Price List source, against botocore's Stubber (checks parameters against the real service model)."""

from __future__ import annotations

import json
from contextlib import closing
from dataclasses import replace
from decimal import Decimal

import boto3
import pytest
from botocore.stub import Stubber

from costgate.model import PriceQuery
from costgate.pricing.aws import AWS_SOURCE, AmbiguousPrice, AwsPriceList
from costgate.pricing.source import PricingUnavailable
from tests.pricing.aws_items import ec2_instance_item, storage_item, tiered_item
from tests.standin import Reply, StandIn

M5_LARGE = PriceQuery.of(
    "aws",
    "AmazonEC2",
    "us-east-1",
    "Compute Instance",
    instanceType="m5.large",
    operatingSystem="Linux",
    tenancy="Shared",
    preInstalledSw="NA",
    capacitystatus="Used",
    licenseModel="No License required",
)


def expected_params(query: PriceQuery, token: str | None = None) -> dict:
    """The get_products call of the query's batch: its filters without the attribute the batch is indexed by."""
    by = {"Compute Instance": "instanceType", "Storage": "volumeApiName"}.get(query.product_family)
    filters = [{"Type": "TERM_MATCH", "Field": "productFamily", "Value": query.product_family}]
    filters += [{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in query.attributes if k != by]
    filters.append({"Type": "TERM_MATCH", "Field": "regionCode", "Value": query.region})
    params = {"ServiceCode": query.service, "Filters": filters, "FormatVersion": "aws_v1", "MaxResults": 100}
    if token:
        params["NextToken"] = token
    return params


def test_an_instance_batch_drops_only_the_instance_type_from_the_filters():
    params = expected_params(M5_LARGE)
    assert [f["Field"] for f in params["Filters"]] == [
        "productFamily",
        "capacitystatus",
        "licenseModel",
        "operatingSystem",
        "preInstalledSw",
        "tenancy",
        "regionCode",
    ]


@pytest.fixture
def stubbed():
    client = boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="x"
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def source(client) -> AwsPriceList:
    return AwsPriceList(lambda read_timeout: client, sleep=lambda seconds: None)


def test_one_match_gives_the_on_demand_price(stubbed):
    client, stubber = stubbed
    stubber.add_response(
        "get_products",
        {"FormatVersion": "aws_v1", "PriceList": [ec2_instance_item("m5.large", "0.0960000000")]},
        expected_params(M5_LARGE),
    )
    price = source(client).lookup(M5_LARGE)
    assert price is not None
    assert (price.amount, price.unit, price.source, price.as_of) == (
        Decimal("0.096"),
        "Hrs",
        AWS_SOURCE,
        "2026-03-20",
    )
    assert price.cost(Decimal(730)) == Decimal("70.08")  # 730 h x $0.096


def test_pagination_reads_every_page(stubbed):
    client, stubber = stubbed
    gp3 = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")
    # An empty first page with a token, as the API sometimes returns, then the product.
    stubber.add_response(
        "get_products",
        {"PriceList": [], "NextToken": "WGDY7ko8fQXdlaUZVdasFQ==:RVSagy"},
        expected_params(gp3),
    )
    stubber.add_response(
        "get_products",
        {"PriceList": [storage_item("gp3", "0.0800000000")]},
        expected_params(gp3, "WGDY7ko8fQXdlaUZVdasFQ==:RVSagy"),
    )
    price = source(client).lookup(gp3)
    assert price is not None and (price.amount, price.unit) == (Decimal("0.08"), "GB-Mo")


def test_no_match_is_no_price(stubbed):
    client, stubber = stubbed
    stubber.add_response(
        "get_products", {"FormatVersion": "aws_v1", "PriceList": []}, expected_params(M5_LARGE)
    )
    assert source(client).lookup(M5_LARGE) is None


def test_same_price_twice_is_one_price(stubbed):
    client, stubber = stubbed
    items = [
        ec2_instance_item("m5.large", "0.096", sku="A"),
        ec2_instance_item("m5.large", "0.0960000000", sku="B"),
    ]
    stubber.add_response("get_products", {"PriceList": items}, expected_params(M5_LARGE))
    assert source(client).lookup(M5_LARGE).amount == Decimal("0.096")


def test_several_distinct_matches_fail_loudly(stubbed):
    client, stubber = stubbed
    items = [ec2_instance_item("m5.large", "0.096", sku="A"), ec2_instance_item("m5.large", "0.101", sku="B")]
    stubber.add_response("get_products", {"PriceList": items}, expected_params(M5_LARGE))
    with pytest.raises(AmbiguousPrice, match="matches 2 different prices"):
        source(client).lookup(M5_LARGE)


THROTTLED = Reply(400, {"__type": "ThrottlingException", "message": "Rate exceeded"})


@pytest.fixture
def local_endpoint(monkeypatch):
    """The real client (botocore's standard retries) pointed at a stand-in on 127.0.0.1; its waits recorded."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-example-secret")
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)  # it caches credentials and endpoints across tests
    sleeps: list[float] = []

    def start(*replies: Reply):
        server = StandIn(*replies)
        monkeypatch.setenv("AWS_ENDPOINT_URL_PRICING", server.url)
        return server, AwsPriceList(sleep=sleeps.append), sleeps

    return start


def test_throttling_is_retried_with_jittered_backoff(local_endpoint):
    server, live, sleeps = local_endpoint(
        THROTTLED,
        THROTTLED,
        Reply(200, {"FormatVersion": "aws_v1", "PriceList": [ec2_instance_item("m5.large", "0.096")]}),
    )
    with closing(server):
        assert live.lookup(M5_LARGE).amount == Decimal("0.096")
    assert len(server.seen) == live.requests == 3
    assert json.loads(server.seen[0].body)["ServiceCode"] == "AmazonEC2"
    # full jitter: uniform(0, 1 s x 2^(attempt - 1)), so at most 1 s, then at most 2 s
    assert len(sleeps) == 2 and 0 <= sleeps[0] <= 1 and 0 <= sleeps[1] <= 2


def test_a_run_of_throttling_opens_the_breaker(local_endpoint):
    from costgate.pricing.aws import MAX_ATTEMPTS

    server, live, _ = local_endpoint(THROTTLED)
    with closing(server), pytest.raises(PricingUnavailable) as raised:
        live.lookup(M5_LARGE)
    assert (
        str(raised.value) == "AWS price list still throttling (ThrottlingException) after 3 attempts in a row"
    )
    assert len(server.seen) == MAX_ATTEMPTS == 3
    assert "wJalrXUtnFEMI" not in str(raised.value)
    gp3 = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")
    with pytest.raises(PricingUnavailable, match="after 3 attempts in a row"):
        live.lookup(gp3)  # another batch: the breaker is open, so no request
    assert len(server.seen) == 3


def test_the_first_connect_failure_opens_the_breaker(local_endpoint):
    server, live, sleeps = local_endpoint()
    server.close()  # nothing listens on its port any more
    with pytest.raises(PricingUnavailable, match=r"AWS price list unreachable \(EndpointConnectionError\)"):
        live.lookup(M5_LARGE)
    assert live.requests == 1 and sleeps == []


def test_a_product_of_the_wrong_shape_is_unavailable_not_a_crash(stubbed):
    client, stubber = stubbed
    stubber.add_response("get_products", {"PriceList": ["<html>"]}, expected_params(M5_LARGE))
    with pytest.raises(
        PricingUnavailable, match="the AWS price list answered a product of an unexpected shape"
    ):
        source(client).lookup(M5_LARGE)


def test_invalid_credentials_give_one_clear_message_and_stop_asking(stubbed):
    client, stubber = stubbed
    stubber.add_client_error(
        "get_products",
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
        400,
    )
    live = source(client)
    with pytest.raises(
        PricingUnavailable, match=r"AWS rejected the credentials \(UnrecognizedClientException\)"
    ):
        live.lookup(M5_LARGE)
    with pytest.raises(PricingUnavailable, match="AWS rejected the credentials"):
        live.lookup(M5_LARGE)  # no second request: the stubber has none queued


def test_missing_credentials(monkeypatch, tmp_path):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    client = boto3.client("pricing", region_name="us-east-1")
    with pytest.raises(PricingUnavailable, match="no AWS credentials found"):
        source(client).lookup(M5_LARGE)


def test_tiered_dimensions_become_tiers(stubbed):
    client, stubber = stubbed
    s3 = PriceQuery.of(
        "aws", "AmazonS3", "us-east-1", "Storage", storageClass="General Purpose", volumeType="Standard"
    )
    stubber.add_response("get_products", {"PriceList": [tiered_item()]}, expected_params(s3))
    price = source(client).lookup(s3)
    assert price.tiers == ((0, Decimal("0.023")), (51200, Decimal("0.022")), (512000, Decimal("0.021")))
    # 51,200 GB x $0.023 + 10,000 GB x $0.022 = $1,177.60 + $220 = $1,397.60
    assert price.cost(Decimal(61200)) == Decimal("1397.600")


def test_other_providers_are_not_asked():
    assert (
        AwsPriceList(lambda read_timeout: pytest.fail("no client needed")).lookup(
            PriceQuery.of(
                "google", "Compute Engine", "us-central1", "Compute", description="x", usageType="OnDemand"
            )
        )
        is None
    )


def test_client_honours_the_standard_endpoint_setting(monkeypatch):
    from costgate.pricing.aws import make_client

    monkeypatch.setenv("AWS_ENDPOINT_URL_PRICING", "http://127.0.0.1:9")
    assert make_client().meta.endpoint_url == "http://127.0.0.1:9"


def test_one_batch_answers_every_instance_type_of_a_region(stubbed):
    """Every Linux shared-tenancy type of a region in one paginated read; each type then a local look-up."""
    client, stubber = stubbed
    page_one = [ec2_instance_item(f"m5.{size}", price, sku=f"A{size}") for size, price in M5_PRICES[:2]]
    page_two = [ec2_instance_item(f"m5.{size}", price, sku=f"B{size}") for size, price in M5_PRICES[2:]]
    stubber.add_response(
        "get_products",
        {"FormatVersion": "aws_v1", "PriceList": page_one, "NextToken": "WGDY7ko8fQXdlaUZVdasFQ==:RVSagy"},
        expected_params(M5_LARGE),
    )
    stubber.add_response(
        "get_products",
        {"FormatVersion": "aws_v1", "PriceList": page_two},
        expected_params(M5_LARGE, "WGDY7ko8fQXdlaUZVdasFQ==:RVSagy"),
    )
    live = source(client)
    prices = {
        size: live.lookup(replace(M5_LARGE, attributes=_with_type(f"m5.{size}"))).amount
        for size, _ in M5_PRICES
    }
    assert prices == {size: Decimal(price) for size, price in M5_PRICES}
    assert live.requests == 2  # 2 pages for 4 instance types
    # a type the region does not have is no price, answered from the same read
    assert live.lookup(replace(M5_LARGE, attributes=_with_type("m5.huge"))) is None


def test_prefetch_reads_each_batch_once_for_many_queries(stubbed, monkeypatch):
    monkeypatch.setattr("costgate.pricing.source.CONCURRENT_READS", 1)  # the Stubber answers in order
    client, stubber = stubbed
    stubber.add_response(
        "get_products",
        {"PriceList": [ec2_instance_item(f"m5.{size}", price, sku=size) for size, price in M5_PRICES]},
        expected_params(M5_LARGE),
    )
    gp3 = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")
    stubber.add_response("get_products", {"PriceList": [storage_item("gp3", "0.08")]}, expected_params(gp3))
    live = source(client)
    queries = [replace(M5_LARGE, attributes=_with_type(f"m5.{size}")) for size, _ in M5_PRICES] * 3 + [gp3]
    live.prefetch(queries)
    assert live.requests == 2
    assert [live.lookup(query).amount for query in queries[:4]] == [Decimal(p) for _, p in M5_PRICES]
    assert live.requests == 2  # the look-ups came from the index


M5_PRICES = [("large", "0.096"), ("xlarge", "0.192"), ("2xlarge", "0.384"), ("4xlarge", "0.768")]


def _with_type(instance_type: str) -> tuple[tuple[str, str], ...]:
    return tuple((k, instance_type if k == "instanceType" else v) for k, v in M5_LARGE.attributes)


def _with_unit_and_location(item: str, unit: str | None = None, location_type: str | None = None) -> str:
    product = json.loads(item)
    if location_type:
        product["product"]["attributes"]["locationType"] = location_type
    if unit:
        for term in product["terms"]["OnDemand"].values():
            for dimension in term["priceDimensions"].values():
                dimension["unit"] = unit
    return json.dumps(product)


def test_gp3_throughput_listed_per_gib_per_second_is_priced_per_mib_per_second(stubbed):
    client, stubber = stubbed
    throughput = PriceQuery.of(
        "aws", "AmazonEC2", "eu-west-1", "Provisioned Throughput", group="EBS Throughput", volumeApiName="gp3"
    )
    # eu-west-1 lists gp3 throughput at $45.056 per GiBps-mo (terracost's 2023-02-23 offer rows)
    item = _with_unit_and_location(storage_item("gp3", "45.0560000000", region="eu-west-1"), unit="GiBps-mo")
    stubber.add_response("get_products", {"PriceList": [item]}, expected_params(throughput))
    price = source(client).lookup(throughput)
    # 45.056 / 1024 = $0.044 per MiBps-month; 250 MiB/s above the baseline x $0.044 = $11.00
    assert (price.amount, price.unit) == (Decimal("0.044"), "MiBps-Mo")
    assert price.cost(Decimal(250)) == Decimal("11.000")


def test_outposts_products_are_not_the_regions_price(stubbed):
    client, stubber = stubbed
    redis = PriceQuery.of(
        "aws",
        "AmazonElastiCache",
        "eu-west-1",
        "Cache Instance",
        cacheEngine="Redis",
        instanceType="cache.m5.large",
    )
    region = _with_unit_and_location(
        ec2_instance_item("cache.m5.large", "0.172", sku="R"), location_type="AWS Region"
    )
    outposts = _with_unit_and_location(
        ec2_instance_item("cache.m5.large", "0.065", sku="O"), location_type="AWS Outposts"
    )
    params = expected_params(redis)
    params["Filters"] = [f for f in params["Filters"] if f["Field"] != "instanceType"]
    stubber.add_response("get_products", {"PriceList": [outposts, region]}, params)
    # both share the regionCode eu-west-1; without the skip the query would be ambiguous (0.065 and 0.172)
    assert source(client).lookup(redis).amount == Decimal("0.172")


def test_a_page_without_a_price_list_is_a_source_failure_not_no_price(stubbed):
    client, stubber = stubbed
    stubber.add_response("get_products", {"FormatVersion": "aws_v1"}, expected_params(M5_LARGE))
    live = source(client)
    with pytest.raises(PricingUnavailable, match="the AWS price list answered a page without a PriceList"):
        live.lookup(M5_LARGE)
    gp3 = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")
    with pytest.raises(PricingUnavailable, match="without a PriceList"):
        live.lookup(gp3)  # the breaker is open: no second request (the Stubber has none queued)
