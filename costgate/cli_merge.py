"""`costgate merge`: one report from the JSON reports of parallel jobs."""

from __future__ import annotations

import click

FORMATS = ("json", "markdown", "table")


@click.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path())
@click.option("--out", type=click.Path(dir_okay=False), help="Write the merged report to this file (atomically).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--config", "config_path", type=click.Path(), help="costgate.yml: re-evaluates a team's budget over the summed change.")
def merge(reports: tuple[str, ...], out: str | None, output_format: str, config_path: str | None) -> None:
    """Combine costgate JSON reports (one per Terraform root) into one report."""
    from costgate.cli import emit
    from costgate.merge import merge_results
    from costgate.report.json_load import load_report

    config = None
    if config_path:
        from costgate.config import load_config

        config = load_config(config_path)
    merged = merge_results([(path, load_report(path)) for path in reports], config)
    emit(render_result(merged, output_format), out)


def render_result(result, output_format: str) -> str:
    """Render an Estimate or a CheckResult in any output format."""
    from costgate.model import CheckResult

    if output_format == "json":
        from costgate.report.json_report import render_report_json

        return render_report_json(result)
    if output_format == "markdown":
        from costgate.report.markdown import render_markdown

        return render_markdown(result)
    from costgate.report.table import render_table

    return render_table(result.estimate if isinstance(result, CheckResult) else result)
