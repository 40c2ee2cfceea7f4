"""`costgate merge`: one report from the JSON reports of parallel jobs."""

from __future__ import annotations

import click

from costgate.cli.options import FORMATS, emit, format_option, out_option


@click.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path())
@out_option
@format_option(default="json", formats=FORMATS)
@click.option(
    "--config",
    "config_path",
    type=click.Path(),
    help="costgate.yml: re-evaluates a team's budget over the summed change.",
)
def merge(reports: tuple[str, ...], out: str | None, output_format: str, config_path: str | None) -> None:
    """Combine costgate JSON reports (one per Terraform root) into one report."""
    from costgate.gate.merge import merge_results
    from costgate.report.json_load import load_report
    from costgate.report.render import render

    config = None
    if config_path:
        from costgate.gate.config import load_config

        config = load_config(config_path)
    merged = merge_results([(path, load_report(path)) for path in reports], config)
    emit(render(merged, output_format), out)
