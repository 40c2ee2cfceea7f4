"""`costgate breakdown` as a user runs it: every format, --out, a directory of plans, and bad input."""

import json
import shutil

import pytest

from tests.e2e.expect import expect
from tests.helpers import FIXTURES

M5_LARGE = str(FIXTURES / "e2e" / "m5-large.json")
EXAMPLE = str(FIXTURES / "plans" / "example.json")


def test_table_shows_each_component_with_its_arithmetic(costgate):
    run = expect(costgate("breakdown", M5_LARGE), 0)
    lines = run.stdout.splitlines()
    assert lines[0].split() == ["Resource", "Before", "After", "Change"]
    # m5.large in us-east-1: 730 h x $0.096 = $70.08; 8 GB gp2 root x $0.10 = $0.80; total $70.88
    assert lines[2].split() == ["aws_instance.api", "(create)", "$0.00", "$70.88", "+$70.88"]
    assert "730 hours × $0.096" in lines[3] and lines[3].endswith("$70.08")
    assert "8 GB-months × $0.1" in lines[4] and lines[4].endswith("$0.80")
    assert any(line.split() == ["Monthly", "total", "$0.00", "$70.88", "+$70.88"] for line in lines)
    assert run.stderr == ""


def test_the_example_table_fits_100_columns_largest_change_first(costgate):
    lines = expect(costgate("breakdown", EXAMPLE), 0).stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    # deleting the io1 volume: 500 GB x $0.125 + 3,000 IOPS x $0.065 = $257.50
    assert lines[2].startswith("aws_ebs_volume.scratch (delete)") and "−$257.50" in lines[2]


def test_json_to_a_file_writes_nothing_to_stdout(costgate, workdir):
    run = expect(costgate("breakdown", M5_LARGE, "--format", "json", "--out", "report.json"), 0)
    assert run.stdout == ""
    report = json.loads((workdir / "report.json").read_text())
    # 730 h x $0.096 + 8 GB x $0.10 = $70.88
    assert report["totals"]["monthly_delta"] == report["totals"]["monthly_after"] == "70.88"
    (instance, root) = report["resources"][0]["components"]
    assert (instance["monthly_quantity"], instance["unit_price"], instance["monthly_cost"]) == (
        "730",
        "0.096",
        "70.08",
    )
    assert (root["monthly_quantity"], root["unit_price"], root["monthly_cost"]) == ("8", "0.1", "0.80")


def test_markdown(costgate):
    run = expect(costgate("breakdown", M5_LARGE, "--format", "markdown"), 0)
    assert "| aws\\_instance\\.api | create | $0.00 | $70.88 | +$70.88 |" in run.stdout


def test_a_directory_of_plans_is_one_project_per_file(costgate, workdir):
    plans = workdir / "plans"
    plans.mkdir()
    shutil.copy(M5_LARGE, plans / "api.json")
    shutil.copy(FIXTURES / "check" / "plan.json", plans / "orders.json")
    run = expect(costgate("breakdown", "--plan", str(plans), "--format", "json"), 0)
    report = json.loads(run.stdout)
    assert [(p["name"], p["monthly_after"]) for p in report["projects"]] == [
        ("api", "70.88"),
        # db.m5.2xlarge Multi-AZ 730 h x $1.424 = $1,039.52 + 20 GB gp2 x $0.23 = $4.60; 100 GB gp2 x $0.10 = $10.00
        ("orders", "1054.12"),
    ]
    assert report["totals"]["monthly_after"] == "1125.00"  # 70.88 + 1,054.12


@pytest.mark.parametrize(
    "content, message",
    [
        (
            b"PK\x03\x04\x14\x00binary",
            "binary Terraform plan file; run `terraform show -json plan.out > plan.json`",
        ),
        (b'{"format_version": "1.2", "resource_changes": [{"address": "aws_', "the JSON ends early"),
        (b'{"resources": "not a plan", "hello": 1}', "not a Terraform plan"),
        (b"", "the file is empty"),
        (b"\xff\xfe{\x00}", "not valid UTF-16 text"),  # a UTF-16 byte order mark, then an odd number of bytes
    ],
    ids=["binary plan", "truncated JSON", "not a plan", "empty", "broken UTF-16"],
)
def test_bad_input_is_one_line_exit_2_and_no_file(costgate, workdir, content, message):
    (workdir / "plan.json").write_bytes(content)
    run = expect(costgate("breakdown", "plan.json", "--format", "json", "--out", "report.json"), 2)
    assert "plan.json" in run.stderr and message in run.stderr
    assert (
        "internal error" not in run.stderr
    )  # the user is told what is wrong with the file, not asked to report a bug
    assert not (workdir / "report.json").exists()
    assert list(workdir.iterdir()) == [workdir / "plan.json"]  # not even a temporary file is left


def test_a_missing_plan_is_exit_2(costgate, workdir):
    run = expect(costgate("breakdown", "missing.json", "--out", "report.json"), 2)
    assert "missing.json" in run.stderr
    assert not (workdir / "report.json").exists()


def test_out_into_a_missing_directory_is_exit_2(costgate):
    run = expect(costgate("breakdown", M5_LARGE, "--out", "no/such/report.txt"), 2)
    assert "does not exist" in run.stderr


def test_no_plan_or_an_unknown_format_is_exit_2(costgate):
    assert "no plan given: pass a plan JSON file" in expect(costgate("breakdown"), 2).stderr
    run = costgate("breakdown", M5_LARGE, "--format", "yaml")
    assert run.returncode == 2 and "Invalid value for '--format'" in run.stderr
