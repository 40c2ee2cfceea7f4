"""The interface every price source satisfies, and the chain that tries them in order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from costgate.model import Price, PriceQuery


class PricingUnavailable(Exception):
    """A live source could not answer (network, credentials, throttling): the chain falls back to the next source."""


class AmbiguousQuery(Exception):
    """A query matched several different prices: a bug in the cost model's query, never averaged or guessed."""


class PriceSource(Protocol):
    name: str

    def lookup(self, query: PriceQuery) -> Price | None:
        """The on-demand price for the query, None when this source has no such price; may raise PricingUnavailable."""
        ...


@dataclass(frozen=True)
class Lookup:
    price: Price | None
    missing_reason: str  # why price is None
    fallback_note: str  # set when an earlier source failed and a later one answered


class PriceChain:
    """Tries sources in order; the first answer wins. Each distinct query is looked up once per run."""

    def __init__(self, sources: list[PriceSource]):
        self.sources = sources
        self._answers: dict[PriceQuery, Lookup] = {}
        # why a live source failed (or a query is wrong) -> the prices concerned
        self._fallbacks: dict[str, list[str]] = {}

    @property
    def warnings(self) -> list[str]:
        """One line per failure reason, naming the prices that fell back (an estimate is never silently degraded)."""
        lines = []
        for note, priced in self._fallbacks.items():
            shown = ", ".join(priced[:_SHOWN_FALLBACKS]) + (
                f" and {len(priced) - _SHOWN_FALLBACKS} more" if len(priced) > _SHOWN_FALLBACKS else ""
            )
            lines.append(f"{note} ({len(priced)} price{'s' if len(priced) != 1 else ''}: {shown})")
        return lines

    def lookup(self, query: PriceQuery) -> Lookup:
        answer = self._answers.get(query)
        if answer is None:
            answer = self._answers[query] = self._ask(query)
        return answer

    def _ask(self, query: PriceQuery) -> Lookup:
        failures: list[str] = []
        for source in self.sources:
            try:
                price = source.lookup(query)
            except PricingUnavailable as error:
                failures.append(f"{source.name}: {error}")
                continue
            except AmbiguousQuery as error:
                # Loud: the component is not priced, and the report's warnings name the query bug.
                self._fallbacks.setdefault(f"query bug: {error}", []).append(describe(query))
                return Lookup(None, f"{source.name}: {error}", "")
            if price is not None:
                note = f"priced by {source.name} because " + "; ".join(failures) if failures else ""
                if note:
                    self._fallbacks.setdefault(note, []).append(describe(query))
                return Lookup(price, "", note)
        names = " or ".join(source.name for source in self.sources)
        reason = f"no price in the {names} for {describe(query)}"
        if failures:
            reason += " (" + "; ".join(failures) + ")"
        elif all(source.name == "embedded catalog" for source in self.sources):
            reason += "; try --pricing live"
        return Lookup(None, reason, "")


def describe(query: PriceQuery) -> str:
    """A short human description of a query: `m5.large (Linux, Shared) in us-east-1`."""
    interesting = [value for key, value in query.attributes if key not in _BORING_ATTRIBUTES]
    what = ", ".join(interesting) if interesting else query.product_family
    return f"{query.service} {what} in {query.region}"


_SHOWN_FALLBACKS = 5
_BORING_ATTRIBUTES = {"preInstalledSw", "capacitystatus", "licenseModel", "usageType"}
