"""`costgate pricing`: what the embedded catalog holds, the live-price cache, and rebuilding the catalog."""

from __future__ import annotations

import json
from pathlib import Path

import click

from costgate.errors import CostgateError


@click.group()
def pricing() -> None:
    """The embedded price catalog and the live-price cache."""


@pricing.command()
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def info(as_json: bool) -> None:
    """Per provider and service: the regions covered, the number of prices, the oldest and newest as-of date."""
    from costgate.pricing.catalog import EmbeddedCatalog

    services = []
    for catalog in EmbeddedCatalog().files():
        entries = [entry for by_region in catalog.index.values() for entry in by_region.values()]
        dates = sorted({entry[2] for entry in entries})
        services.append(
            {
                "provider": catalog.provider,
                "service": catalog.service,
                "as_of": dates,
                "oldest_as_of": dates[0],
                "newest_as_of": dates[-1],
                "regions": sorted({region for by_region in catalog.index.values() for region in by_region}),
                "prices": len(entries),
                "sources": sorted({entry[3] for entry in entries}),
                "files": list(catalog.parts),
            }
        )
    if as_json:
        click.echo(json.dumps({"services": services, "prices": sum(s["prices"] for s in services)}, indent=2))
        return
    for service in services:
        dates = service["oldest_as_of"]
        if service["newest_as_of"] != dates:
            dates += f" to {service['newest_as_of']}"
        click.echo(
            f"{service['provider']:<7} {service['service']:<30} {service['prices']:>6} prices  as of {dates}"
            f"  {len(service['regions'])} regions: {', '.join(service['regions'])}"
        )
    total = sum(s["prices"] for s in services)
    click.echo(f"{total} prices in {len(services)} services (embedded catalog; public on-demand list prices)")


@pricing.group()
def cache() -> None:
    """The cache of live prices ($COSTGATE_CACHE_DIR, else $XDG_CACHE_HOME/costgate, else ~/.cache/costgate)."""


@cache.command()
def clear() -> None:
    """Forget every cached live price."""
    from costgate.pricing.cache import PriceCache

    store = PriceCache()
    removed = store.clear()
    click.echo(f"removed {removed} cached entr{'y' if removed == 1 else 'ies'} from {store.path}")


@pricing.command()
@click.option(
    "--aws-offer",
    "aws_offers",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="An AWS bulk offer file (index.json of a service, per region or all regions); repeatable.",
)
@click.option(
    "--gcp-skus",
    "gcp_skus",
    multiple=True,
    help="SERVICE=FILE: saved Cloud Billing /skus pages for a service display name; repeatable.",
)
@click.option(
    "--catalog",
    "catalog_dir",
    type=click.Path(exists=True, file_okay=False),
    help="The catalog to rebuild (default: the embedded one).",
)
@click.option(
    "--live", is_flag=True, help="Ask the live AWS Price List and GCP Cloud Billing APIs instead of files."
)
@click.option(
    "--as-of",
    "as_of",
    required=True,
    help="The date of the prices (YYYY-MM-DD), written into each part file.",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Directory to write the rebuilt catalog into (<out>/<provider>/<file>.json).",
)
def build(
    aws_offers: tuple[str, ...],
    gcp_skus: tuple[str, ...],
    catalog_dir: str | None,
    live: bool,
    as_of: str,
    out_dir: str,
) -> None:
    """Regenerate the embedded catalog's part files: every listed price is asked again of the providers' data."""
    from importlib import resources

    from costgate.deliver.output import write_atomic
    from costgate.pricing.build import AwsOfferFile, FirstAnswer, GcpSkuFile, catalog_parts, rebuild

    offers = [AwsOfferFile(Path(path)) for path in aws_offers]
    covered = {("aws", offer.service) for offer in offers}
    sources: list = list(offers)
    by_service: dict[str, list[Path]] = {}
    for spec in gcp_skus:
        service, _, path = spec.partition("=")
        if not path or not Path(path).is_file():
            raise CostgateError(f"--gcp-skus wants SERVICE=FILE with an existing file, got {spec!r}")
        by_service.setdefault(service, []).append(Path(path))
    sources += [GcpSkuFile(service, paths) for service, paths in by_service.items()]
    covered |= {("google", service) for service in by_service}
    if live:
        from costgate.pricing.setup import live_sources

        sources += live_sources(True, True)
    if not sources:
        raise CostgateError("pricing build needs --aws-offer, --gcp-skus or --live")
    source = FirstAnswer(sources)
    parts = [
        (provider, part)
        for provider, part in catalog_parts(
            Path(catalog_dir) if catalog_dir else resources.files("costgate.pricing") / "catalog"
        )
        if live or (provider, part.name.split(".")[0].replace("_", " ")) in covered
    ]
    priced = 0
    dropped: list[str] = []
    with click.progressbar(
        parts, label="Rebuilding catalog", item_show_func=lambda p: p[1].name if p else ""
    ) as bar:
        for provider, part in bar:
            result = rebuild(json.loads(part.read_text(encoding="utf-8")), provider, source, as_of)
            priced += result.priced
            dropped += result.dropped
            if result.priced:
                (Path(out_dir) / provider).mkdir(parents=True, exist_ok=True)
                write_atomic(
                    str(Path(out_dir) / provider / part.name), json.dumps(result.document, indent=1) + "\n"
                )
    click.echo(f"{priced} prices written to {out_dir}; {len(dropped)} not found in the given data")
    for line in dropped[:50]:
        click.echo(f"  not found: {line}")
