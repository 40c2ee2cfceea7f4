"""Reports mark costs priced from usage estimates and split totals into baseline and usage parts."""

import json

from click.testing import CliRunner

from costgate.cli import cli
from tests.helpers import change, plan_document


def run(tmp_path, fmt):
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            plan_document(
                change("aws_nat_gateway", {}, name="main"),
                change("aws_sqs_queue", None, name="old", before={"fifo_queue": False}),
            )
        )
    )
    usage = tmp_path / "usage.yml"
    usage.write_text(
        "version: 0.1\nresource_usage:\n  aws_nat_gateway.main: {monthly_data_processed_gb: 1000}\n"
        "  aws_sqs_queue.old: {monthly_requests: 10000000}\n"
    )
    result = CliRunner().invoke(cli, ["breakdown", str(plan), "--usage-file", str(usage), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_totals_split_baseline_and_usage(tmp_path):
    report = json.loads(run(tmp_path, "json"))
    # after: NAT 730 h x $0.045 = $32.85 baseline + 1,000 GB x $0.045 = $45.00 usage
    # before: the deleted queue, 10M x $0.0000004 = $4.00, all from usage
    assert report["totals"] == {
        "monthly_before": "4.00",
        "monthly_after": "77.85",
        "monthly_delta": "73.85",
        "monthly_baseline_before": "0.00",
        "monthly_baseline_after": "32.85",
        "monthly_usage_before": "4.00",
        "monthly_usage_after": "45.00",
    }
    nat = next(r for r in report["resources"] if r["type"] == "aws_nat_gateway")
    assert [(c["name"], c.get("from_usage")) for c in nat["components"]] == [
        ("NAT gateway", None),
        ("Data processed", True),
    ]
    assert nat["components"][1]["usage_key"] == "monthly_data_processed_gb"


def test_table_marks_usage_lines_and_splits_totals(tmp_path):
    table = run(tmp_path, "table")
    assert "* Data processed: 1000 GB" in table
    assert "of which baseline (plan)" in table and "$32.85" in table
    line = next(line for line in table.splitlines() if "of which usage estimates" in line)
    assert line.split()[-3:] == ["$4.00", "$45.00", "+$41.00"]
    assert "(*) priced from the usage file's estimates" in table


def test_markdown_headline_splits_the_change_into_plan_and_usage(tmp_path):
    markdown = run(tmp_path, "markdown")
    # change +$73.85: baseline $0.00 -> $32.85 (+$32.85), usage $4.00 -> $45.00 (+$41.00)
    assert "**Monthly cost change: +$73.85** ($4.00 → $77.85, " in markdown
    assert "; of the change, +$32.85 comes from the plan and +$41.00 from usage estimates" in markdown


def test_table_says_when_a_price_is_tiered(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_s3_bucket", {"bucket": "b"}, name="big"))))
    usage = tmp_path / "usage.yml"
    usage.write_text(
        "version: 0.1\nresource_usage:\n  aws_s3_bucket.big:\n    standard: {storage_gb: 60000}\n"
    )
    table = CliRunner().invoke(cli, ["breakdown", str(plan), "--usage-file", str(usage)]).output
    # 51,200 GB x $0.023 + 8,800 GB x $0.022 = $1,371.20 (not 60,000 x $0.023 = $1,380.00)
    line = next(line for line in table.splitlines() if "Storage (Standard)" in line)
    assert "60000 GB-months × $0.023 first tier" in line and line.endswith("$1,371.20")
