"""The one format dispatcher: any result (an Estimate or a CheckResult) in any output format."""

from __future__ import annotations

from costgate.model import CheckResult, Estimate

FORMATS = ("table", "json", "markdown")


def render(result: Estimate | CheckResult, output_format: str) -> str:
    if output_format == "json":
        from costgate.report.json_report import render_report_json

        return render_report_json(result)
    if output_format == "markdown":
        from costgate.report.markdown import render_markdown

        return render_markdown(result)
    if output_format == "table":
        from costgate.report.table import render_check_table, render_table
        from costgate.report.terminal import Terminal

        terminal = Terminal.detect()
        if isinstance(result, CheckResult):
            return render_check_table(result, terminal)
        return render_table(result, terminal)
    raise ValueError(f"unknown output format {output_format!r}")
