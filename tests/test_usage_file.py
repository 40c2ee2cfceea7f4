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


def test_an_unknown_key_is_a_warning_naming_the_key_the_resource_and_the_line(tmp_path):
    path = write(
        tmp_path,
        "version: 0.1\nresource_usage:\n  aws_dynamodb_table.t:\n    pitr_backup_storage_gb: 5\n    storage_gb: 10\n",
    )
    usage = load_usage_file(path)
    assert usage.warnings == [
        f"{path}:4 resource_usage.aws_dynamodb_table.t: usage key pitr_backup_storage_gb is not used "
        "for aws_dynamodb_table (ignored)"
    ]
    assert usage.by_address == {"aws_dynamodb_table.t": {"storage_gb": Decimal(10)}}


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


def test_a_misspelt_key_inside_a_group_is_a_warning_with_did_you_mean(tmp_path):
    path = write(
        tmp_path,
        "version: 0.1\nresource_usage:\n  aws_s3_bucket.assets:\n    standard:\n      storage_gbs: 5\n",
    )
    assert load_usage_file(path).warnings == [
        f"{path}:5 resource_usage.aws_s3_bucket.assets: usage key standard.storage_gbs is not used for "
        "aws_s3_bucket (ignored); did you mean standard.storage_gb?"
    ]


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


def test_infracost_text_settings_and_unused_keys_say_why(tmp_path):
    path = write(
        tmp_path,
        "version: 0.1\nresource_usage:\n  aws_instance.web:\n"
        "    operating_system: linux\n    reserved_instance_term: 1_year\n    monthly_hrs: 450\n"
        "  aws_lb.web: {new_connections: 10000}\n"
        "  aws_cloudfront_distribution.cdn:\n    monthly_data_transfer_to_internet_gb: {us: 10, europe: 5}\n",
    )
    usage = load_usage_file(path)
    assert [w.split(" (ignored)")[1] for w in usage.warnings] == [
        ": costgate reads the operating system from the plan",
        ": costgate prices on-demand rates (set discounts in the costgate config)",
        ": costgate prices a running resource for all 730 hours of a month",
        ": costgate prices load balancer capacity from monthly_lcu_hours",
        ": costgate reads only monthly_data_transfer_to_internet_gb.us of monthly_data_transfer_to_internet_gb",
    ]
    assert usage.warnings[0].startswith(
        f"{path}:4 resource_usage.aws_instance.web: usage key operating_system"
    )
    assert usage.by_address["aws_cloudfront_distribution.cdn"] == {
        "monthly_data_transfer_to_internet_gb.us": Decimal(10)
    }


def test_text_for_a_key_costgate_reads_is_still_an_error(tmp_path):
    path = write(
        tmp_path, "version: 0.1\nresource_usage:\n  aws_nat_gateway.a: {monthly_data_processed_gb: lots}\n"
    )
    with pytest.raises(CostgateError) as error:
        load_usage_file(path)
    assert str(error.value) == (
        f"{path}:3 resource_usage.aws_nat_gateway.a.monthly_data_processed_gb: expected a number"
    )


def test_cpu_credit_hours_are_multiplied_by_vcpu_count(tmp_path):
    usage = load_usage_file(
        write(
            tmp_path,
            "version: 0.1\nresource_usage:\n"
            "  aws_instance.a: {monthly_cpu_credit_hrs: 350, vcpu_count: 2}\n"
            "  aws_instance.b: {monthly_cpu_credit_hrs: 350}\n",
        )
    )
    # Infracost: hours bursting x vCPUs; 350 h x 2 = 700 vCPU-hours. Without vcpu_count, costgate's vCPU-hours.
    assert usage.by_address == {
        "aws_instance.a": {"monthly_cpu_credit_hrs": Decimal(700)},
        "aws_instance.b": {"monthly_cpu_credit_hrs": Decimal(350)},
    }
    assert usage.warnings == []


def test_wildcard_addresses_sit_between_the_own_entry_and_the_type_default(tmp_path):
    usage = load_usage_file(
        write(
            tmp_path,
            "version: 0.1\nresource_type_default_usage:\n  aws_lambda_function: {monthly_requests: 1}\n"
            "resource_usage:\n"
            "  module.api[*].aws_lambda_function.fn[*]: {monthly_requests: 2, request_duration_ms: 20}\n"
            '  module.api["eu"].aws_lambda_function.fn[*]: {monthly_requests: 3}\n'
            '  module.api["eu"].aws_lambda_function.fn["a"]: {monthly_requests: 4}\n',
        )
    )
    fn = "aws_lambda_function"
    assert usage.value('module.api["eu"].aws_lambda_function.fn["a"]', fn, "monthly_requests") == 4
    assert usage.value('module.api["eu"].aws_lambda_function.fn["b"]', fn, "monthly_requests") == 3
    # the most specific matching wildcard is the one read, as Infracost does
    assert usage.value('module.api["eu"].aws_lambda_function.fn["b"]', fn, "request_duration_ms") is None
    assert usage.value('module.api["us"].aws_lambda_function.fn[0]', fn, "request_duration_ms") == 20
    assert usage.value("aws_lambda_function.other", fn, "monthly_requests") == 1
    assert usage.unmatched(['module.api["us"].aws_lambda_function.fn[0]']) == [
        f'{usage.path}: resource_usage names module.api["eu"].aws_lambda_function.fn["a"], which is not in '
        "the plan (ignored)",
        f'{usage.path}: resource_usage names module.api["eu"].aws_lambda_function.fn[*], which is not in '
        "the plan (ignored)",
    ]


def test_an_empty_resource_usage_section_loads(tmp_path):
    usage = load_usage_file(write(tmp_path, "version: 0.1\nresource_usage:\n"))
    assert (usage.by_address, usage.by_wildcard, usage.warnings) == ({}, {}, [])


def test_nodes_per_zone_from_the_usage_file_replace_node_count():
    from tests.helpers import cents, price_with_usage

    pool = price_with_usage(
        "google_container_node_pool",
        {"location": "us-central1-a", "node_count": 2, "node_config": [{"machine_type": "e2-standard-4"}]},
        {"nodes": 5},
        region="us-central1",
    )
    # 5 nodes in one zone: node (4 x $0.02181159 + 16 x $0.00292353) x 730 = $97.8366732 + 100 GB x $0.04 = $4.00
    # 5 x $101.8366732 = $509.183366
    assert cents(pool.monthly_after) == Decimal("509.18")


def test_instances_from_the_usage_file_replace_the_desired_size():
    from tests.helpers import cents, price_with_usage

    group = price_with_usage(
        "aws_eks_node_group",
        {"scaling_config": [{"desired_size": 2, "min_size": 1, "max_size": 5}]},
        {"instances": 4},
    )
    # 4 nodes x 730 h x $0.0416 (t3.medium) = $121.472; 4 x 20 GB gp2 x $0.10 = $8.00
    assert cents(group.monthly_after) == Decimal("129.47")
