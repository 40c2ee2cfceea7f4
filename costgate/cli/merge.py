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
    help="costgate.yml: budgets, PR limits and the verdict decided again over the summed change (as one check would).",
)
def merge(reports: tuple[str, ...], out: str | None, output_format: str, config_path: str | None) -> None:
    """Combine costgate JSON reports (one per Terraform root) into one report."""
    from costgate.gate.merge import merge_results
    from costgate.report.json_load import load_report
    from costgate.report.render import render

    results = [(path, load_report(path)) for path in reports]
    if config_path:
        from costgate.gate.config import load_config
        from costgate.gate.reports import gated

        merged = gated(results, load_config(config_path))  # with a config, the result is always gated
    else:
        merged = merge_results(results)
    emit(render(merged, output_format), out)
