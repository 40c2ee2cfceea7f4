"""The usage file: loading, validation errors with file and line, and priority of entries."""

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from costgate.cli import cli
from costgate.errors import CostgateError
from costgate.estimate.usage import load_usage_file
from costgate.plan.terraform import read_plan
from tests.helpers import change, plan_document


def write(tmp_path, text):
    path = tmp_path / "infracost-usage.yml"
    path.write_text(text)
    return str(path)


def test_resource_entry_beats_type_default_and_module_addresses_with_keys(tmp_path):
    usage = load_usage_file(
        write(
            tmp_path,
            "version: 0.1\n"
            "resource_type_default_usage:\n"
            "  aws_nat_gateway: {monthly_data_processed_gb: 100}\n"
            "resource_usage:\n"
            '  module.net.aws_nat_gateway.main["eu"]: {monthly_data_processed_gb: 500}\n',
        )
    )
    document = plan_document(
        change("aws_nat_gateway", {}, name="main", module="module.net", index="eu"),
        change("aws_nat_gateway", {}, name="other"),
    )
    own, other = read_plan(document, "plan.json", None).changes
    assert usage.quantity(own, "monthly_data_processed_gb") == Decimal(500)
    assert usage.quantity(other, "monthly_data_processed_gb") == Decimal(100)
    assert usage.quantity(other, "nothing") is None


def test_unknown_key_names_the_valid_ones_with_line(tmp_path):
    path = write(tmp_path, "version: 0.1\nresource_usage:\n  aws_nat_gateway.main:\n    monthly_gb: 5\n")
    with pytest.raises(CostgateError) as error:
        load_usage_file(path)
    assert str(error.value) == (
        f"{path}:4 resource_usage.aws_nat_gateway.main: unknown usage key monthly_gb for aws_nat_gateway "
        "(valid: monthly_data_processed_gb)"
    )


@pytest.mark.parametrize("value", ["'lots'", "true", "[1, 2]", "-3"])
def test_wrong_type_is_an_error(tmp_path, value):
    path = write(
        tmp_path,
        f"version: 0.1\nresource_type_default_usage:\n  aws_nat_gateway: {{monthly_data_processed_gb: {value}}}\n",
    )
    with pytest.raises(
        CostgateError,
        match=r":3 resource_type_default_usage.aws_nat_gateway.monthly_data_processed_gb: expected a number",
    ):
        load_usage_file(path)


def test_bad_yaml_and_bad_version_and_missing_file(tmp_path):
    path = write(tmp_path, "version: 0.1\nresource_usage: {a: [\n")
    with pytest.raises(CostgateError, match=r"infracost-usage.yml:\d+: not valid YAML"):
        load_usage_file(path)
    path = write(tmp_path, "version: 2\n")
    with pytest.raises(CostgateError, match=r":1 version: expected 0.1"):
        load_usage_file(path)
    with pytest.raises(CostgateError, match="cannot read the usage file"):
        load_usage_file(str(tmp_path / "missing.yml"))


def test_unmodelled_type_and_unknown_address_are_warnings(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_nat_gateway", {}, name="main"))))
    usage = write(
        tmp_path,
        "version: 0.1\n"
        "resource_type_default_usage:\n"
        "  aws_dynamodb_table_v9: {monthly_read_request_units: 5}\n"
        "resource_usage:\n"
        "  aws_nat_gateway.main: {monthly_data_processed_gb: 1000}\n"
        "  aws_nat_gateway.gone: {monthly_data_processed_gb: 1}\n",
    )
    result = CliRunner().invoke(cli, ["breakdown", str(plan), "--usage-file", usage, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert any("no usage keys for aws_dynamodb_table_v9" in w for w in report["warnings"])
    assert any("aws_nat_gateway.gone, which is not in the plan" in w for w in report["warnings"])
    (nat,) = report["resources"]
    # 730 h x $0.045 = $32.85; 1,000 GB x $0.045 = $45.00
    assert nat["monthly_after"] == "77.85"


def test_nested_groups_read_as_dotted_keys_and_empty_entries_as_no_values(tmp_path):
    usage = load_usage_file(
        write(
            tmp_path,
            "version: '0.1'\n"
            "resource_type_default_usage:\n"
            "  aws_lambda_function:\n"  # every key commented out, as `usage template` writes it
            "    # monthly_requests: 0\n"
            "resource_usage:\n"
            "  aws_s3_bucket.assets:\n"
            "    standard:\n"
            "      storage_gb: 1000\n"
            "      monthly_tier_1_requests: 0.5\n"
            "  aws_s3_bucket.logs:\n"
            "    standard:\n",
        )
    )
    assert usage.by_type == {"aws_lambda_function": {}}
    assert usage.by_address == {
        "aws_s3_bucket.assets": {
            "standard.storage_gb": Decimal(1000),
            "standard.monthly_tier_1_requests": Decimal("0.5"),
        },
        "aws_s3_bucket.logs": {},
    }


def test_an_empty_file_and_empty_sections_are_no_usage(tmp_path):
    assert load_usage_file(write(tmp_path, "# nothing yet\n")).by_address == {}
    usage = load_usage_file(
        write(tmp_path, "version: 0.1\nresource_type_default_usage:\nresource_usage: {}\n")
    )
    assert (usage.by_type, usage.by_address, usage.warnings) == ({}, {}, [])


def test_an_unknown_key_inside_a_group_names_its_line(tmp_path):
    path = write(
        tmp_path,
        "version: 0.1\nresource_usage:\n  aws_s3_bucket.assets:\n    standard:\n      storage_gbs: 5\n",
    )
    with pytest.raises(CostgateError) as error:
        load_usage_file(path)
    assert str(error.value) == (
        f"{path}:5 resource_usage.aws_s3_bucket.assets: unknown usage key standard.storage_gbs for aws_s3_bucket "
        "(valid: standard.monthly_tier_1_requests, standard.monthly_tier_2_requests, standard.storage_gb)"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "    standard: 5\n",
            "4 resource_usage.aws_s3_bucket.assets.standard: expected a mapping of usage keys",
        ),
        (
            "    standard: {storage_gb: }\n",
            "4 resource_usage.aws_s3_bucket.assets.standard.storage_gb: expected a number",
        ),
        (
            "    standard:\n      storage_gb: {gb: 5}\n",
            "5 resource_usage.aws_s3_bucket.assets.standard.storage_gb: expected a number",
        ),
        (
            "    standard: {storage_gb: .inf}\n",
            "4 resource_usage.aws_s3_bucket.assets.standard.storage_gb: expected a finite number, got .inf",
        ),
        ("  - 5\n", "3 resource_usage: expected a mapping or nothing"),
    ],
    ids=["number-for-group", "null-leaf", "map-for-number", "inf", "list-for-entries"],
)
def test_a_value_of_the_wrong_shape_names_its_key(tmp_path, entry, message):
    head = "version: 0.1\nresource_usage:\n" + (
        "" if entry.startswith("  -") else "  aws_s3_bucket.assets:\n"
    )
    path = write(tmp_path, head + entry)
    with pytest.raises(CostgateError) as error:
        load_usage_file(path)
    assert str(error.value) == f"{path}:{message}"


def test_sections_and_version_are_checked_by_the_schema(tmp_path):
    path = write(tmp_path, "version: 0.1\nresource_usag: {}\n")
    with pytest.raises(CostgateError) as error:
        load_usage_file(path)
    assert str(error.value) == f"{path}:2 resource_usag: unknown key; did you mean resource_usage?"
    path = write(tmp_path, "resource_usage: {}\n")
    with pytest.raises(CostgateError) as error:
        load_usage_file(path)
    assert str(error.value) == f"{path}:1 (top level): version is a required property"


def test_an_anchored_entry_prices_every_resource_that_refers_to_it(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            plan_document(change("aws_nat_gateway", {}, name="a"), change("aws_nat_gateway", {}, name="b"))
        )
    )
    usage = write(
        tmp_path,
        "version: 0.1\nresource_usage:\n"
        "  aws_nat_gateway.a: &busy {monthly_data_processed_gb: 1000}\n"
        "  aws_nat_gateway.b: *busy\n",
    )
    result = CliRunner().invoke(cli, ["breakdown", str(plan), "--usage-file", usage, "--format", "json"])
    assert result.exit_code == 0, result.output
    # each: 730 h x $0.045 = $32.85 + 1,000 GB x $0.045 = $45.00 = $77.85; both: $155.70
    assert [r["monthly_after"] for r in json.loads(result.output)["resources"]] == ["77.85", "77.85"]
    assert json.loads(result.output)["totals"]["monthly_after"] == "155.70"


def test_a_nan_in_the_usage_file_stops_the_run_before_any_cost(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_nat_gateway", {}, name="main"))))
    usage = write(
        tmp_path, "version: 0.1\nresource_usage:\n  aws_nat_gateway.main: {monthly_data_processed_gb: .nan}\n"
    )
    result = CliRunner().invoke(cli, ["breakdown", str(plan), "--usage-file", usage, "--format", "json"])
    assert result.exit_code == 2
    assert result.output == (
        f"costgate: error: {usage}:3 resource_usage.aws_nat_gateway.main.monthly_data_processed_gb: "
        "expected a finite number, got .nan\n"
    )
