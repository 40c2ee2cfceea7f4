"""Build the chain of price sources a run uses, from the --pricing mode.

embedded: the catalog shipped in the package only (no network, no credentials).
live:     cache -> AWS Price List API -> GCP Cloud Billing Catalog -> embedded catalog;
          a live source that fails falls back to the catalog, and the report says so.
auto:     like live, but AWS only when AWS credentials are found and GCP only when
          GOOGLE_API_KEY is set; otherwise the embedded catalog alone.
Each live source has one time budget per run: COSTGATE_LIVE_TIMEOUT (seconds), else the
config's pricing.live_timeout_seconds, else 60 s.
The live modules (boto3, requests) are imported only when a live mode is chosen.
"""

from __future__ import annotations

import os

from costgate.errors import CostgateError
from costgate.pricing.catalog import EmbeddedCatalog
from costgate.pricing.source import DEFAULT_LIVE_SECONDS, PriceChain, PriceSource, live_seconds

PRICING_MODES = ("embedded", "live", "auto")


def price_chain(
    mode: str = "embedded", ttl_days: float | None = None, live_timeout_seconds: float | None = None
) -> PriceChain:
    if mode == "embedded":
        return PriceChain([EmbeddedCatalog()])
    if mode not in PRICING_MODES:
        raise CostgateError(f"unknown pricing mode {mode!r}; choose one of {', '.join(PRICING_MODES)}")
    seconds = live_budget(live_timeout_seconds)
    use_aws = mode == "live" or aws_credentials_found()
    use_gcp = mode == "live" or bool(os.environ.get("GOOGLE_API_KEY"))
    return PriceChain([*live_sources(use_aws, use_gcp, ttl_days, seconds), EmbeddedCatalog()])


def live_budget(configured: float | None = None) -> float:
    """Seconds each live source may spend in a run: the environment beats the config, else 60."""
    from_env = os.environ.get("COSTGATE_LIVE_TIMEOUT")
    if from_env:
        return live_seconds(from_env, "COSTGATE_LIVE_TIMEOUT")
    if configured is not None:
        return live_seconds(configured, "pricing.live_timeout_seconds")
    return DEFAULT_LIVE_SECONDS


def live_sources(
    use_aws: bool,
    use_gcp: bool,
    ttl_days: float | None = None,
    seconds: float = DEFAULT_LIVE_SECONDS,
) -> list[PriceSource]:
    from costgate.pricing.cache import DEFAULT_TTL_DAYS, CachedSource, PriceCache

    cache = PriceCache(ttl_days=DEFAULT_TTL_DAYS if ttl_days is None else ttl_days)
    sources: list[PriceSource] = []
    if use_aws:
        from costgate.pricing.aws import AwsPriceList

        sources.append(CachedSource(AwsPriceList(cache=cache, seconds=seconds), cache))
    if use_gcp:
        from costgate.pricing.gcp import GcpBillingCatalog

        gcp = GcpBillingCatalog(
            os.environ.get("GOOGLE_API_KEY"),
            os.environ.get("COSTGATE_GCP_PRICING_URL"),
            cache=cache,
            seconds=seconds,
        )
        sources.append(CachedSource(gcp, cache))
    return sources


def aws_credentials_found() -> bool:
    """Whether botocore's usual resolution (env, profile, SSO, container, instance role) finds credentials."""
    import botocore.session
    from botocore.exceptions import BotoCoreError

    try:
        return botocore.session.get_session().get_credentials() is not None
    except (
        BotoCoreError
    ):  # a missing profile or broken config file: no usable credentials, auto stays offline
        return False
