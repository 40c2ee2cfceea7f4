"""Size of the embedded price catalog, its first-load time, and the time of 10,000 look-ups.

Look-ups go straight to the catalog (no per-run memo of the PriceChain), cycling over every
price the catalog holds, so each one is a real index access. Run: python benchmarks/pricing_lookups.py [N]
"""

from __future__ import annotations

import sys
import time
from importlib import resources

from costgate.model import PriceQuery
from costgate.pricing.catalog import EmbeddedCatalog


def main(count: int = 10_000) -> None:
    root = resources.files("costgate.pricing") / "catalog"
    files = [
        part
        for provider in root.iterdir()
        if provider.is_dir()
        for part in provider.iterdir()
        if part.name.endswith(".json")
    ]
    size = sum(len(part.read_bytes()) for part in files)

    started = time.perf_counter()
    catalog = EmbeddedCatalog()
    services = list(catalog.files())  # reads and indexes every part file
    load = time.perf_counter() - started

    queries = [
        PriceQuery(service.provider, service.service, region, family, attributes)
        for service in services
        for (family, attributes), by_region in service.index.items()
        for region in by_region
    ]
    started = time.perf_counter()
    for n in range(count):
        assert catalog.lookup(queries[n % len(queries)]) is not None
    lookups = time.perf_counter() - started

    print(f"catalog: {len(files)} files, {len(queries)} prices, {size:,} bytes, {len(services)} services")
    print(f"first load (parse + index every file): {load * 1000:.1f} ms")
    print(f"{count:,} look-ups: {lookups * 1000:.1f} ms ({lookups / count * 1e6:.2f} us each)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
