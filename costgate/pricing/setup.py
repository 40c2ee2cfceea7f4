"""Build the chain of price sources a run uses, from the --pricing mode."""

from __future__ import annotations

from costgate.model import CostgateError
from costgate.pricing.catalog import EmbeddedCatalog
from costgate.pricing.source import PriceChain

PRICING_MODES = ("embedded",)


def price_chain(mode: str = "embedded") -> PriceChain:
    if mode == "embedded":
        return PriceChain([EmbeddedCatalog()])
    raise CostgateError(f"unknown pricing mode {mode!r}; choose one of {', '.join(PRICING_MODES)}")
