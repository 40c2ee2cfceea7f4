"""Hostile YAML through the installed `costgate` console script: exit 2, one line on stderr, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import change, plan_document

COSTGATE = Path(sys.executable).parent / "costgate"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COSTGATE), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"costgate: error: {message}\n"
    assert "Traceback" not in result.stderr


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_document(change("aws_nat_gateway", {}, name="main"))))
    return path


def test_an_infinite_budget_in_costgate_yml(tmp_path):
    (tmp_path / "costgate.yml").write_text("teams:\n  payments:\n    monthly_budget: .inf\n")
    result = run("config", "validate", cwd=tmp_path)
    assert_one_line_error(
        result, "costgate.yml:3 teams.payments.monthly_budget: expected a finite number, got .inf"
    )


def test_a_billion_laughs_policy_pack_listed_by_the_config(tmp_path):
    levels = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    (tmp_path / "laughs.yml").write_text("\n".join(levels) + "\n")
    (tmp_path / "costgate.yml").write_text("policies: [laughs.yml]\n")
    result = run("config", "validate", cwd=tmp_path)
    assert_one_line_error(result, "laughs.yml:6 l5: more than 500,000 values once aliases are expanded")


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("9" * 5000, "expected a number below 10^15"),
        ("-250", "expected a number at least 0"),
        ("'lots'", "expected a number"),
    ],
    ids=["5000-digits", "negative", "text"],
)
def test_a_bad_usage_value_stops_breakdown(tmp_path, plan, value, what):
    usage = tmp_path / "usage.yml"
    usage.write_text(
        f"version: 0.1\nresource_usage:\n  aws_nat_gateway.main:\n    monthly_data_processed_gb: {value}\n"
    )
    result = run("breakdown", str(plan), "--usage-file", "usage.yml", cwd=tmp_path)
    assert_one_line_error(
        result, f"usage.yml:4 resource_usage.aws_nat_gateway.main.monthly_data_processed_gb: {what}"
    )


def test_check_reads_the_usage_file_the_config_names(tmp_path, plan):
    (tmp_path / "costgate.yml").write_text("usage_file: usage.yml\n")
    (tmp_path / "usage.yml").write_text(
        "version: 0.1\nresource_type_default_usage:\n  aws_nat_gateway: {monthly_data_processed_gb: .nan}\n"
    )
    result = run("check", str(plan), cwd=tmp_path)
    # the config's paths are relative to its directory: ./usage.yml
    message = "usage.yml:3 resource_type_default_usage.aws_nat_gateway.monthly_data_processed_gb: "
    assert_one_line_error(result, message + "expected a finite number, got .nan")
