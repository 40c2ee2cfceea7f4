"""The breakdown command end to end: formats, --out, multiple plans, and errors as exit code 2."""

import json
import subprocess
import sys
from decimal import Decimal

import jsonschema
import pytest

from costgate.report.json_report import report_schema
from tests.helpers import FIXTURES

EXAMPLE = str(FIXTURES / "plans" / "example.json")


def costgate(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "costgate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_table_is_the_default_and_fits_100_columns():
    run = costgate("breakdown", EXAMPLE)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].startswith("Resource")
    # the largest change comes first: deleting the io1 volume (500 x 0.125 + 3000 x 0.065 = 257.50)
    assert lines[2].startswith("aws_ebs_volume.scratch (delete)")
    assert "−$257.50" in lines[2]
    assert any(line.startswith("Monthly total") for line in lines)


def test_json_report_to_a_file(tmp_path):
    out = tmp_path / "costs.json"
    run = costgate("breakdown", EXAMPLE, "--format", "json", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    report = json.loads(out.read_text())
    jsonschema.validate(report, report_schema())
    assert report["version"] == "1" and report["currency"] == "USD"
    web = next(r for r in report["resources"] if r["address"] == "aws_instance.web")
    assert web["monthly_after"] == "72.48"  # 730 x 0.096 + 30 GB gp3 x 0.08 = 70.08 + 2.40
    instance = web["components"][0]
    assert instance == {
        "name": "Instance usage (Linux/UNIX, on-demand, m5.large)",
        "unit": "hours",
        "monthly_quantity": "730",
        "unit_price": "0.096",
        "monthly_cost": "70.08",
        "price_source": "embedded catalog",
        "price_as_of": "2026-11-01",
        "usage_based": False,
    }
    assert Decimal(report["totals"]["monthly_delta"]) == Decimal(report["totals"]["monthly_after"]) - Decimal(
        report["totals"]["monthly_before"]
    )


def test_markdown_summary():
    run = costgate("breakdown", EXAMPLE, "--format", "markdown")
    assert run.returncode == 0, run.stderr
    assert "Monthly cost change" in run.stdout
    assert "| aws\\_instance\\.web | create | $0.00 | $72.48 | +$72.48 |" in run.stdout


def test_several_plans_and_a_directory(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    (a / "network.json").write_text((FIXTURES / "plans" / "example.json").read_text())
    (a / "state.json").write_text((FIXTURES / "plans" / "core" / "state.json").read_text())
    run = costgate("breakdown", "--plan", str(a), "--format", "json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert [p["name"] for p in report["projects"]] == ["network", "state"]
    assert {r["project"] for r in report["resources"]} == {"network", "state"}
    # state: t3.medium us-east-2 30.368 + 1.60 + sc1 15.00 = 46.968 unchanged
    assert report["projects"][1]["monthly_after"] == "46.97"


@pytest.mark.parametrize(
    "content, message",
    [
        (
            b"PK\x03\x04rest",
            "this is a binary Terraform plan file; run `terraform show -json plan.out > plan.json`",
        ),
        (b'{"format_version": "1.2", "resource_changes": [', "the JSON ends early"),
        (b"", "the file is empty"),
        (b'{"hello": 1}', "this JSON is not a Terraform plan or state"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(tmp_path, content, message):
    bad = tmp_path / "plan.json"
    bad.write_bytes(content)
    out = tmp_path / "out.json"
    run = costgate("breakdown", str(bad), "--format", "json", "--out", str(out))
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not out.exists()  # nothing half-written


def test_out_into_a_missing_directory_is_exit_2(tmp_path):
    run = costgate("breakdown", EXAMPLE, "--out", str(tmp_path / "no" / "such.json"))
    assert run.returncode == 2
    assert "does not exist" in run.stderr


def test_usage_errors_and_version():
    assert costgate("breakdown").returncode == 2
    assert costgate("breakdown", EXAMPLE, "--format", "yaml").returncode == 2
    version = costgate("--version")
    assert version.returncode == 0 and version.stdout.startswith("costgate, version ")


def test_version_does_not_import_boto3_or_requests():
    code = "import sys; import costgate.cli as cli; print('boto3' in sys.modules, 'requests' in sys.modules)"
    assert (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        ).stdout.strip()
        == "False False"
    )
