"""A live source that fails is given up for the run: whole plans against failing stand-ins on 127.0.0.1."""

from __future__ import annotations

import json
from contextlib import closing

import boto3
import pytest
from click.testing import CliRunner

from costgate.cli import cli
from costgate.pricing.aws import CONCURRENT_READS
from costgate.pricing.aws import MAX_ATTEMPTS as AWS_ATTEMPTS
from costgate.pricing.gcp import MAX_ATTEMPTS as GCP_ATTEMPTS
from tests.helpers import change, plan_document
from tests.standin import Reply, StandIn

GCP_KEY = "AIza-test-secret-key"


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("COSTGATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)


def breakdown(tmp_path, document) -> dict:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(document))
    run = CliRunner().invoke(cli, ["breakdown", "--pricing", "live", "--format", "json", str(plan)])
    assert run.exit_code == 0, run.output
    return json.loads(run.stdout)


def test_a_failing_gcp_catalog_gets_one_retry_budget_for_the_whole_plan(tmp_path, monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr("costgate.deliver.http.time.sleep", slept.append)
    monkeypatch.setenv("GOOGLE_API_KEY", GCP_KEY)
    document = plan_document(
        change(
            "google_compute_instance", {"machine_type": "n2-standard-8", "zone": "us-central1-a"}, name="a"
        ),
        change(
            "google_compute_instance",
            {
                "machine_type": "n1-standard-16",
                "boot_disk": [{"initialize_params": [{"type": "pd-ssd", "size": 50}]}],
            },
            name="b",
        ),
        change("google_compute_instance", {"machine_type": "e2-micro"}, name="c"),
        region="us-central1",
        provider="google",
    )
    with closing(StandIn(Reply(500, {"error": {"message": f"key {GCP_KEY} broke"}}))) as api:
        monkeypatch.setenv("COSTGATE_GCP_PRICING_URL", api.url + "/v1")
        report = breakdown(tmp_path, document)
    # one SKU list read, retried GCP_ATTEMPTS times, for 3 machines and 8 distinct prices
    # (vCPU and RAM of n2, n1 and e2; pd-standard and pd-ssd boot disks)
    assert len(api.seen) == GCP_ATTEMPTS == 5
    assert slept == [0.5, 1.0, 2.0, 4.0]
    (warning,) = report["warnings"]
    assert warning.startswith(
        "gcp cloud billing catalog failed (GCP billing catalog still answering HTTP 500 after 5 attempts) "
        "and was not asked again this run: 8 prices fell back to the embedded catalog ("
    )
    assert GCP_KEY not in json.dumps(report)
    # the catalog's prices stand in: n2-standard-8 in us-central1 with 20 % sustained use, as in test_compute
    machines = {r["address"]: r["monthly_after"] for r in report["resources"]}
    assert machines["google_compute_instance.a"] == "227.27"


def test_a_throttled_aws_endpoint_gets_one_retry_budget_for_the_whole_plan(tmp_path, monkeypatch):
    monkeypatch.setattr("costgate.pricing.aws.time.sleep", lambda seconds: None)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-example-secret")
    document = plan_document(
        change("aws_instance", {"instance_type": "m5.large"}, name="a"),
        change("aws_instance", {"instance_type": "m5.xlarge"}, name="b"),
        change("aws_nat_gateway", {}, name="nat"),
        change("aws_ebs_volume", {"type": "gp3", "size": 100}, name="data"),
    )
    throttled = Reply(400, {"__type": "ThrottlingException", "message": "Rate exceeded"})
    with closing(StandIn(throttled)) as endpoint:
        monkeypatch.setenv("AWS_ENDPOINT_URL_PRICING", endpoint.url)
        report = breakdown(tmp_path, document)
    # The batches (instances, EBS volumes, NAT hours and bytes) are read 4 at a time: a run of 3 throttled
    # answers opens the breaker, and only the reads already in flight then add one each; never 3 per price
    assert AWS_ATTEMPTS <= len(endpoint.seen) <= AWS_ATTEMPTS + CONCURRENT_READS - 1
    (warning,) = report["warnings"]
    assert warning.startswith(
        "aws price list api failed (AWS price list still throttling (ThrottlingException) after 3 attempts in a row) "
        "and was not asked again this run: "
    )
    # m5.large 730 h x $0.096 = $70.08 + 8 GB gp2 root x $0.10 = $0.80, from the embedded catalog
    machines = {r["address"]: r["monthly_after"] for r in report["resources"]}
    assert machines["aws_instance.a"] == "70.88"
    assert "wJalrXUtnFEMI" not in json.dumps(report)
