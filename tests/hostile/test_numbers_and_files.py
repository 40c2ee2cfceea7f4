"""Numbers at the edge, hostile files and write failures: a clear line and exit 2, or not priced, never a lie."""

from __future__ import annotations

import codecs
import json
import subprocess
from decimal import Decimal

import pytest

from costgate.errors import CostgateError, redacted
from costgate.gate.budgets import read_spend_file
from costgate.model import Unknown
from costgate.resources.base import number
from tests.e2e.runner import clean_environment, console_script
from tests.helpers import FIXTURES
from tests.hostile.runs import assert_handled, run_in_process

M5_LARGE = str(FIXTURES / "e2e" / "m5-large.json")
NEAR_BUDGET = str(FIXTURES / "e2e" / "near-budget.yml")


def volume(name: str, size: object) -> dict:
    return {
        "address": f"aws_ebs_volume.{name}",
        "mode": "managed",
        "type": "aws_ebs_volume",
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": ["create"],
            "before": None,
            "after": {"size": size, "type": "gp3", "availability_zone": "us-east-1a"},
            "after_unknown": {},
        },
    }


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (-20000, "the plan holds an amount below 0 (value -20000)"),
        (float("nan"), "the plan holds a number that is not finite or not below 10^15 (value nan)"),
        (float("inf"), "the plan holds a number that is not finite or not below 10^15 (value inf)"),
        (Decimal("9" * 5000), "the plan holds a number that is not finite or not below 10^15 (value 9999"),
        (10**15, "the plan holds a number that is not finite or not below 10^15 (value 1000000000000000)"),
        ("-5", "the plan holds an amount below 0 (value -5)"),
        ("lots", "the plan holds a str where a number was expected (value 'lots')"),
        ([1], "the plan holds a list where a number was expected (value)"),
    ],
)
def test_number_refuses_what_cannot_be_a_size_or_count(value, why):
    found = number(value, 8)
    assert isinstance(found, Unknown) and found.reason.startswith(why)


def test_number_reads_sane_values():
    assert number(50) == Decimal(50) and number("0.5") == Decimal("0.5") and number(0) == 0
    assert number(None, 8) == 8 and number("", 8) == 8


def test_a_negative_or_absurd_volume_is_not_priced_and_hides_nothing(tmp_path):
    plan = {
        "format_version": "1.2",
        "resource_changes": [
            volume("ok", 100),
            volume("negative", -20000),
            volume("huge", 10**400),
        ],
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    code, stdout, stderr = run_in_process("breakdown", str(path), "--format", "json")
    assert_handled(code, stdout, stderr)
    report = json.loads(stdout)
    assert report["totals"]["monthly_after"] == "8.00"  # 100 GB x $0.08 = $8.00; the others are not priced
    by_address = {r["address"]: r for r in report["resources"]}
    assert by_address["aws_ebs_volume.negative"]["status"] == "not_priced"
    assert by_address["aws_ebs_volume.negative"]["reason"] == (
        "Storage (General Purpose SSD, gp3): the plan holds an amount below 0 (value -20000)"
    )
    assert by_address["aws_ebs_volume.huge"]["status"] == "not_priced"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("negative.json", '{"payments": -1000}', "team payments: monthly spend -1000 is below 0"),
        (
            "nan.json",
            '{"payments": NaN}',
            "team payments: monthly spend NaN is not a finite number below 10^15",
        ),
        ("inf.json", '{"payments": Infinity}', "monthly spend Infinity is not a finite number below 10^15"),
        ("big.json", '{"payments": 1e309}', "monthly spend 1E+309 is not a finite number below 10^15"),
        ("digits.json", '{"payments": ' + "9" * 5000 + "}", "is not a finite number below 10^15"),
        ("text.csv", "team,monthly_spend\npayments,-5\n", "team payments: monthly spend '-5' is below 0"),
        ("bool.json", '{"payments": true}', "team payments: monthly spend True is not a number"),
    ],
)
def test_a_bad_spend_value_names_file_team_and_value(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(CostgateError) as caught:
        read_spend_file(str(path))
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_a_spend_csv_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "spend.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"team,monthly_spend\r\npayments,171500.50\r\n")
    assert read_spend_file(str(path)) == {"payments": Decimal("171500.50")}


def test_negative_current_spend_is_exit_2_not_a_budget_that_is_ok(tmp_path):
    spend = tmp_path / "spend.json"
    spend.write_text('{"payments": -100000}')
    code, _, stderr = run_in_process("check", M5_LARGE, "--config", NEAR_BUDGET, "--spend-file", str(spend))
    assert (
        code == 2 and stderr == f"costgate: error: {spend}: team payments: monthly spend -100000 is below 0\n"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-20000", "expected a number at least 0"),
        (".nan", "expected a finite number, got .nan"),
        (".inf", "expected a finite number, got .inf"),
        ("1.0e+309", "expected a finite number, got 1.0e+309"),
        ("9" * 5000, "expected a number below 10^15"),
    ],
)
def test_a_bad_usage_value_is_exit_2_naming_file_key_and_value(tmp_path, value, message):
    usage = tmp_path / "usage.yml"
    usage.write_text(
        f"version: 0.1\nresource_usage:\n  aws_instance.api:\n    monthly_cpu_credit_hrs: {value}\n"
    )
    code, _, stderr = run_in_process("breakdown", M5_LARGE, "--usage-file", str(usage))
    assert code == 2 and stderr.startswith(f"costgate: error: {usage}:4 ") and message in stderr


def test_an_alias_bomb_is_refused(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    config = tmp_path / "costgate.yml"
    config.write_text("\n".join(lines) + "\n")
    assert len(config.read_bytes()) < 456
    code, _, stderr = run_in_process("config", "validate", "--config", str(config))
    assert code == 2 and "more than 500,000 values once aliases are expanded" in stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_a_config_in_utf16_or_with_a_bom_is_read(tmp_path, encoding):
    config = tmp_path / "costgate.yml"
    config.write_bytes(plain_text(NEAR_BUDGET).encode(encoding))
    code, stdout, stderr = run_in_process("config", "validate", "--config", str(config))
    assert (code, stdout) == (0, f"{config}: valid (1 teams, 0 policies)\n"), stderr


def test_a_latin1_config_is_a_clear_error(tmp_path):
    config = tmp_path / "costgate.yml"
    config.write_bytes("# équipe\nteams: {}\n".encode("latin-1"))
    code, _, stderr = run_in_process("config", "validate", "--config", str(config))
    assert code == 2 and stderr == (
        "costgate: error: costgate.yml:1: not UTF-8 text (invalid continuation byte); save the file as UTF-8\n"
    )


def plain_text(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def test_secrets_in_urls_are_redacted():
    text = "pricing at http://user:hunter2@proxy.example:8080/prices?token=abc failed; see https://x.test/a"
    assert redacted(text) == "pricing at http://proxy.example:8080/prices?… failed; see https://x.test/a"


def script(tmp_path, *args: str, stdin: bytes | None = None, stdout=subprocess.PIPE):
    return subprocess.run(
        [str(console_script()), *args],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=clean_environment(tmp_path),
        timeout=120,
        check=False,
    )


def test_the_script_reads_a_plan_from_stdin(tmp_path):
    run = script(tmp_path, "breakdown", "-", "--format", "json", stdin=open(M5_LARGE, "rb").read())
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["totals"]["monthly_after"] == "70.88"  # 730 h x $0.096 + 8 GB x $0.10


def test_the_script_refuses_a_plan_that_is_a_device(tmp_path):
    link = tmp_path / "plan.json"
    link.symlink_to("/dev/zero")
    run = script(tmp_path, "breakdown", str(link))
    assert run.returncode == 2
    assert run.stderr.decode() == (
        f"costgate: error: {link}: not a regular file (a device or socket); "
        "run `terraform show -json plan.out > plan.json` and pass plan.json\n"
    )


def test_a_plan_past_the_size_bound_is_refused(tmp_path, monkeypatch):
    from costgate.plan import read

    monkeypatch.setattr(read, "MAX_BYTES", 1024)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"format_version": "1.2", "resource_changes": [], "pad": "x" * 2000}))
    with pytest.raises(CostgateError, match="larger than 0 MB"):
        read.read_document(path)


@pytest.mark.parametrize(
    "args",
    [
        ("breakdown", M5_LARGE),
        ("breakdown", M5_LARGE, "--format", "json"),
        ("usage", "template", M5_LARGE),
        ("config", "validate", "--config", NEAR_BUDGET),
    ],
    ids=" ".join,
)
def test_stdout_on_a_full_device_is_one_line_exit_2(tmp_path, args):
    with open("/dev/full", "w") as full:
        run = script(tmp_path, *args, stdout=full)
    assert run.returncode == 2
    assert run.stderr.decode().endswith("cannot write to standard output: No space left on device\n") or (
        run.stderr.decode() == "costgate: error: cannot read or write: No space left on device\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("breakdown", M5_LARGE, "--out"),
        ("usage", "template", M5_LARGE, "--out"),
        ("check", M5_LARGE, "--config", NEAR_BUDGET, "--out"),
    ],
    ids=lambda a: a[0] + " " + a[1],
)
def test_an_out_file_that_cannot_be_written_is_one_line_exit_2(tmp_path, args):
    code, _, stderr = run_in_process(*args, "/proc/costgate-report.json")
    assert code == 2 and stderr == (
        "costgate: error: /proc/costgate-report.json: cannot write: No such file or directory\n"
    )


def test_merge_out_that_cannot_be_written(tmp_path):
    report = tmp_path / "r.json"
    code, _, _ = run_in_process("breakdown", M5_LARGE, "--format", "json", "--out", str(report))
    assert code == 0
    code, _, stderr = run_in_process("merge", str(report), "--out", "/proc/merged.json")
    assert (
        code == 2
        and stderr == "costgate: error: /proc/merged.json: cannot write: No such file or directory\n"
    )


def test_comment_report_out_that_cannot_be_written_is_one_line_exit_2(tmp_path):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "head": {"sha": "abc123"}, "labels": []}}))
    env = clean_environment(tmp_path) | {"GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_PATH": str(event)}
    run = subprocess.run(
        [str(console_script()), "comment", "github", M5_LARGE, "--dry-run", "--report-out", "/proc/r.json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr == "costgate: error: /proc/r.json: cannot write: No such file or directory\n"


def test_a_url_with_credentials_never_reaches_the_report(tmp_path):
    # A usage-file address the plan does not hold is quoted in a warning: the one redaction strips the secret.
    usage = tmp_path / "usage.yml"
    usage.write_text(
        "version: 0.1\nresource_usage:\n  'aws_instance.x http://deploy:hunter2@proxy.test/p?key=AIzaX':\n"
        "    monthly_cpu_credit_hrs: 5\n"
    )
    run = script(tmp_path, "breakdown", M5_LARGE, "--format", "json", "--usage-file", str(usage))
    assert run.returncode == 0, run.stderr
    assert b"hunter2" not in run.stdout + run.stderr and b"AIzaX" not in run.stdout
    (warning,) = [w for w in json.loads(run.stdout)["warnings"] if "not in the plan" in w]
    assert "http://proxy.test/p?…" in warning
