"""Pricing modes: the chain each builds, fallback with a warning, and --pricing live end to end (stubbed AWS)."""

from __future__ import annotations

import json
from decimal import Decimal

import boto3
import pytest
import responses
from botocore.stub import Stubber
from click.testing import CliRunner

from costgate.cli import cli
from costgate.errors import CostgateError
from costgate.model import Price, PriceQuery
from costgate.pricing import setup
from costgate.pricing.source import AmbiguousQuery, PriceChain, PricingUnavailable
from tests.helpers import change, plan_document
from tests.pricing.aws_items import ec2_instance_item, storage_item
from tests.pricing.test_aws import expected_params

INSTANCE = PriceQuery.of(
    "aws",
    "AmazonEC2",
    "us-east-1",
    "Compute Instance",
    capacitystatus="Used",
    instanceType="m5.large",
    licenseModel="No License required",
    operatingSystem="Linux",
    preInstalledSw="NA",
    tenancy="Shared",
)
GP3 = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("COSTGATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GOOGLE_API_KEY", raising=False)


def source_names(chain: PriceChain) -> list[str]:
    return [source.name for source in chain.sources]


def test_modes_build_their_chains(monkeypatch):
    assert source_names(setup.price_chain("embedded")) == ["embedded catalog"]
    assert source_names(setup.price_chain("live")) == [
        "aws price list api",
        "gcp cloud billing catalog",
        "embedded catalog",
    ]
    monkeypatch.setattr(setup, "aws_credentials_found", lambda: False)
    assert source_names(setup.price_chain("auto")) == ["embedded catalog"]
    monkeypatch.setenv("GOOGLE_API_KEY", "k")
    assert source_names(setup.price_chain("auto")) == ["gcp cloud billing catalog", "embedded catalog"]
    monkeypatch.setattr(setup, "aws_credentials_found", lambda: True)
    assert source_names(setup.price_chain("auto")) == [
        "aws price list api",
        "gcp cloud billing catalog",
        "embedded catalog",
    ]
    with pytest.raises(CostgateError, match="unknown pricing mode 'cheap'"):
        setup.price_chain("cheap")


def test_auto_finds_credentials_in_the_environment(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    assert setup.aws_credentials_found()


class Failing:
    name = "aws price list api"

    def __init__(self):
        self.asked = 0

    def lookup(self, query):
        self.asked += 1
        raise PricingUnavailable("no AWS credentials found")


class Fixed:
    name = "embedded catalog"

    def lookup(self, query):
        return Price(Decimal("0.096"), "Hrs", "embedded catalog", "2026-11-01")


N2_CORE_QUERY = PriceQuery.of(
    "google", "Compute Engine", "us-central1", "Compute", description="N2 Instance Core", usageType="OnDemand"
)


def test_a_failed_source_is_given_up_with_one_warning_counting_the_prices():
    failing = Failing()
    chain = PriceChain([failing, Fixed()])
    assert chain.lookup(INSTANCE).price.source == "embedded catalog"
    assert chain.lookup(GP3).price.source == "embedded catalog"
    assert chain.lookup(N2_CORE_QUERY).price.source == "embedded catalog"  # not an AWS price: not counted
    assert failing.asked == 1
    assert chain.warnings == [
        (
            "aws price list api failed (no AWS credentials found) and was not asked again this run: "
            "2 prices fell back to the embedded catalog (AmazonEC2 m5.large, Linux, Shared in us-east-1, "
            "AmazonEC2 gp3 in us-east-1)"
        )
    ]


def test_a_price_no_source_has_names_the_given_up_source():
    class Empty:
        name = "embedded catalog"

        def lookup(self, query):
            return None

    chain = PriceChain([Failing(), Empty()])
    assert chain.lookup(INSTANCE).missing_reason == (
        "no price in the aws price list api or embedded catalog for AmazonEC2 m5.large, Linux, Shared in us-east-1 "
        "(aws price list api: no AWS credentials found)"
    )
    assert chain.warnings == [
        (
            "aws price list api failed (no AWS credentials found) and was not asked again this run: "
            "no price fell back to another source"
        )
    ]


class Ambiguous:
    name = "aws price list api"

    def __init__(self):
        self.asked = 0

    def lookup(self, query):
        self.asked += 1
        raise AmbiguousQuery("matches 2 different prices (0.096 per Hrs, 0.121 per Hrs)")


def test_an_ambiguous_query_is_not_priced_and_reported_not_fallen_back():
    ambiguous = Ambiguous()
    chain = PriceChain([ambiguous, Fixed()])
    lookup = chain.lookup(INSTANCE)
    assert lookup.price is None
    assert (
        lookup.missing_reason
        == "aws price list api: matches 2 different prices (0.096 per Hrs, 0.121 per Hrs)"
    )
    assert chain.lookup(GP3).price is None and ambiguous.asked == 2  # a query bug is per query, not a give-up
    assert chain.warnings == [
        (
            "query bug: matches 2 different prices (0.096 per Hrs, 0.121 per Hrs) (2 prices: AmazonEC2 m5.large, "
            "Linux, Shared in us-east-1, AmazonEC2 gp3 in us-east-1)"
        )
    ]


def write_plan(tmp_path) -> str:
    document = plan_document(
        change(
            "aws_instance",
            {"instance_type": "m5.large", "root_block_device": [{"volume_size": 30, "volume_type": "gp3"}]},
            name="web",
        )
    )
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document))
    return str(path)


def stubbed_client():
    client = boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="x"
    )
    return client, Stubber(client)


def test_pricing_live_end_to_end(monkeypatch, tmp_path):
    monkeypatch.setattr("costgate.pricing.source.CONCURRENT_READS", 1)  # the Stubber answers in order
    client, stubber = stubbed_client()
    stubber.add_response(
        "get_products",
        {"PriceList": [ec2_instance_item("m5.large", "0.0960000000")]},
        expected_params(INSTANCE),
    )
    stubber.add_response(
        "get_products", {"PriceList": [storage_item("gp3", "0.0800000000")]}, expected_params(GP3)
    )
    monkeypatch.setattr("costgate.pricing.aws.make_client", lambda *_: client)
    with stubber:
        result = CliRunner().invoke(
            cli, ["breakdown", "--pricing", "live", "--format", "json", write_plan(tmp_path)]
        )
        stubber.assert_no_pending_responses()
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    (resource,) = report["resources"]
    components = {c["name"]: c for c in resource["components"]}
    instance = components["Instance usage (Linux/UNIX, on-demand, m5.large)"]
    root = components["Root volume (General Purpose SSD, gp3)"]
    assert (instance["monthly_cost"], instance["price_source"]) == (
        "70.08",
        "aws price list api",
    )  # 730 h x $0.096
    assert (root["monthly_cost"], root["price_source"]) == ("2.40", "aws price list api")  # 30 GB x $0.08
    assert report["warnings"] == []

    # A second run answers from the cache: no stubbed response is queued, so any request would fail.
    client2, stubber2 = stubbed_client()
    monkeypatch.setattr("costgate.pricing.aws.make_client", lambda *_: client2)
    with stubber2:
        again = CliRunner().invoke(
            cli, ["breakdown", "--pricing", "live", "--format", "json", write_plan(tmp_path)]
        )
    assert json.loads(again.output)["resources"][0]["components"][0]["price_source"] == "aws price list api"


def test_pricing_live_falls_back_to_the_catalog_with_a_warning(monkeypatch, tmp_path):
    client, stubber = stubbed_client()
    stubber.add_client_error(
        "get_products",
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
        400,
    )
    monkeypatch.setattr("costgate.pricing.aws.make_client", lambda *_: client)
    with stubber:
        result = CliRunner().invoke(
            cli, ["breakdown", "--pricing", "live", "--format", "json", write_plan(tmp_path)]
        )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    costs = {c["name"]: (c["monthly_cost"], c["price_source"]) for c in report["resources"][0]["components"]}
    assert costs["Instance usage (Linux/UNIX, on-demand, m5.large)"] == (
        "70.08",
        "embedded catalog (karpenter-provider-aws@1d927085)",
    )
    (warning,) = report["warnings"]
    assert warning.startswith(
        "aws price list api failed (AWS rejected the credentials (UnrecognizedClientException); "
    )
    assert "not asked again this run: 2 prices fell back to the embedded catalog" in warning


def test_unknown_mode_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["breakdown", "--pricing", "cheap", write_plan(tmp_path)])
    assert result.exit_code == 2 and "'cheap' is not one of" in result.output


@responses.activate
def test_live_chain_prices_gcp_through_the_catalog_api_once_then_from_the_cache(monkeypatch):
    from tests.pricing.test_gcp import N2_CORE

    monkeypatch.setenv("GOOGLE_API_KEY", "test-key")
    monkeypatch.setenv("COSTGATE_GCP_PRICING_URL", "https://billing-proxy.test/v1")
    responses.get("https://billing-proxy.test/v1/services/6F81-5844-456A/skus", json={"skus": [N2_CORE]})
    core = PriceQuery.of(
        "google",
        "Compute Engine",
        "us-central1",
        "Compute",
        description="N2 Instance Core",
        usageType="OnDemand",
    )
    ram = PriceQuery.of(
        "google",
        "Compute Engine",
        "us-central1",
        "Compute",
        description="N2 Instance Ram",
        usageType="OnDemand",
    )
    first = setup.price_chain("live")
    lookup = first.lookup(core)
    assert (lookup.price.amount, lookup.price.source) == (Decimal("0.031611"), "gcp cloud billing catalog")
    # not in the API's SKU list: the embedded catalog answers (N2 RAM, $0.004237 per GiB-hour)
    fallback = first.lookup(ram).price
    assert (fallback.amount, fallback.source) == (
        Decimal("0.004237"),
        "embedded catalog (google-cloud-pricing-cost-calculator@fd66b26f)",
    )
    # a later run reads the SKU index from the cache: no second request
    again = setup.price_chain("live").lookup(core)
    assert again.price.amount == Decimal("0.031611")
    assert len(responses.calls) == 1


def test_the_live_budget_comes_from_the_environment_then_the_config_then_60_seconds(monkeypatch):
    monkeypatch.delenv("COSTGATE_LIVE_TIMEOUT", raising=False)
    assert setup.live_budget() == 60
    assert setup.live_budget(12.5) == 12.5
    monkeypatch.setenv("COSTGATE_LIVE_TIMEOUT", "5")
    assert setup.live_budget(12.5) == 5
    chain = setup.price_chain("live", live_timeout_seconds=30)
    assert [getattr(s.source, "budget").seconds for s in chain.sources[:2]] == [5, 5]


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "1e309", "3601", "soon"])
def test_a_bad_live_budget_is_a_user_error(monkeypatch, value):
    monkeypatch.setenv("COSTGATE_LIVE_TIMEOUT", value)
    with pytest.raises(CostgateError, match="COSTGATE_LIVE_TIMEOUT: the live pricing time budget must be"):
        setup.price_chain("live")
