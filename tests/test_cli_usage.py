"""`costgate usage keys` and `costgate usage template`."""

import json

from click.testing import CliRunner

from costgate.cli import cli
from costgate.estimate.usage import load_usage_file
from tests.helpers import change, plan_document


def test_keys_for_one_type_and_unknown_type():
    result = CliRunner().invoke(cli, ["usage", "keys", "aws_lambda_function"])
    assert result.exit_code == 0
    assert result.output.splitlines()[1].split()[:3] == [
        "aws_lambda_function",
        "monthly_requests",
        "requests",
    ]
    assert "request_duration_ms" in result.output
    missing = CliRunner().invoke(cli, ["usage", "keys", "aws_nothing"], standalone_mode=False)
    assert str(missing.exception).startswith(
        "aws_nothing has no usage keys (types with usage keys: aws_alb, aws_api_gateway_rest_api, aws_apigatewayv2_api"
    )


def test_template_lists_usage_resources_with_unit_prices_and_loads_back(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            plan_document(
                change(
                    "aws_lambda_function",
                    {"memory_size": 256},
                    name="handler",
                    module="module.api",
                    index="eu",
                ),
                change("aws_s3_bucket", {"bucket": "assets"}, name="assets"),
                change("aws_instance", {"instance_type": "m5.large"}, name="web"),
                change("aws_sqs_queue", None, name="gone", before={}),
            )
        )
    )
    out = tmp_path / "usage.yml"
    result = CliRunner().invoke(cli, ["usage", "template", str(plan), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.splitlines()[2:] == [
        "version: 0.1",
        "resource_usage:",
        "  aws_s3_bucket.assets:",
        "    standard:",
        "      # storage_gb: 0  # GB: Average GB stored in S3 Standard over the month; Storage (Standard): $0.023 per GB-months",
        (
            "      # monthly_tier_1_requests: 0  # requests: PUT, COPY, POST and LIST requests per month; "
            "PUT, COPY, POST, LIST requests (Standard): $0.000005 per requests"
        ),
        (
            "      # monthly_tier_2_requests: 0  # requests: GET, SELECT and all other requests per month; "
            "GET, SELECT and all other requests (Standard): $0.0000004 per requests"
        ),
        '  "module.api.aws_lambda_function.handler[\\"eu\\"]":',
        "    # monthly_requests: 0  # requests: Invocations per month; Requests: $0.0000002 per requests",
        (
            "    # request_duration_ms: 0  # ms: Average duration of one invocation (with monthly_requests gives GB-seconds); "
            "Duration (x86_64): $0.0000166667 per GB-seconds"
        ),
    ]
    # The template is itself a valid usage file, and filling it in prices the resource.
    assert load_usage_file(str(out)).by_address['module.api.aws_lambda_function.handler["eu"]'] == {}
    out.write_text(text.replace("# monthly_requests: 0", "monthly_requests: 5000000"))
    result = CliRunner().invoke(cli, ["breakdown", str(plan), "--usage-file", str(out), "--format", "json"])
    handler = next(r for r in json.loads(result.output)["resources"] if r["type"] == "aws_lambda_function")
    # 5M x $0.0000002 = $1.00 (duration still unknown: listed with its unit price)
    assert handler["monthly_after"] == "1.00"


def test_template_prefills_values_from_a_usage_file(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_nat_gateway", {}, name="main"))))
    usage = tmp_path / "old.yml"
    usage.write_text(
        "version: 0.1\nresource_type_default_usage:\n  aws_nat_gateway: {monthly_data_processed_gb: 250}\n"
    )
    result = CliRunner().invoke(cli, ["usage", "template", str(plan), "--usage-file", str(usage)])
    assert (
        "    monthly_data_processed_gb: 250  # GB: Data processed by the NAT gateway per month; Data processed: $0.045 per GB"
        in result.output
    )


def test_template_lists_a_magnetic_volume_io_key_and_filling_it_in_prices_it(tmp_path):
    """Regression: `usage template` raised KeyError on an aws_ebs_volume of type standard."""
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(plan_document(change("aws_ebs_volume", {"type": "standard", "size": 100}, name="logs")))
    )
    out = tmp_path / "usage.yml"
    result = CliRunner().invoke(cli, ["usage", "template", str(plan), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[4:] == [
        "  aws_ebs_volume.logs:",
        (
            "    # monthly_standard_io_requests: 0  # requests: I/O requests per magnetic (standard) volume per month; "
            "Storage: I/O requests (magnetic): $0.00000005 per I/O requests"
        ),
    ]
    out.write_text(
        out.read_text().replace("# monthly_standard_io_requests: 0", "monthly_standard_io_requests: 20000000")
    )
    result = CliRunner().invoke(cli, ["breakdown", str(plan), "--usage-file", str(out), "--format", "json"])
    (volume,) = json.loads(result.output)["resources"]
    # 100 GB x $0.05 = $5.00; 20,000,000 I/O requests x $0.00000005 = $1.00
    assert volume["monthly_after"] == "6.00"


def test_keys_lists_every_declared_key_of_a_type_that_shares_its_function():
    result = CliRunner().invoke(cli, ["usage", "keys", "aws_kms_replica_key"])
    assert result.exit_code == 0
    assert [line.split()[:3] for line in result.output.splitlines()[1:]] == [
        ["aws_kms_replica_key", "monthly_requests", "requests"]
    ]
