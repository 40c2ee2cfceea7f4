"""Generate the embedded catalog's part files from the pinned public price tables.

    python tools/build_catalog.py [--sources ../shared/pricing-sources] [--out costgate/pricing/catalog]

Reads the dated tables described in the sources' README and writes one part file per service
and table, `<provider>/<ServiceStem>.<table>.json`, whose `source` names the table file, its
repository @ commit and licence, and whose `as_of` is the table's date. The groups it writes
use the exact product families and attributes the cost models query (costgate/resources/).

Rules:
- where two tables price the same thing, the newer table wins; every disagreement is printed;
- a price that differs from the one the output directory held before is printed too (this is
  how a hand-typed price that two tables contradict shows up);
- `*.hand-*.json` files are never written or deleted; a generated file this run no longer
  produces is deleted (it is recognised by its "generator" field);
- the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

from costgate.pricing.catalog import index_groups
from costgate.resources.google.machines import FAMILIES, MACHINE_TYPES, SHARED_CORE, WHOLE_MACHINE_TYPES

GENERATOR = "tools/build_catalog.py"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = ROOT.parent / "shared" / "pricing-sources"
DEFAULT_OUT = ROOT / "costgate" / "pricing" / "catalog"

SPARE_CORES_NOTICE = (
    "Derived from the Spare Cores sc-data table (https://github.com/SpareCores/sc-data), "
    "licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); see NOTICE"
)


@dataclass(frozen=True)
class Table:
    id: str  # short name, used in part file names
    file: str  # path under the sources directory
    repository: str
    commit: str
    path: str  # the file's path in its repository
    as_of: str
    licence: str

    @property
    def label(self) -> str:
        """The price source shown in reports: `embedded catalog (<label>)`."""
        return f"{self.repository.split('/')[1]}@{self.commit}"

    def source(self, note: str = "") -> str:
        text = (
            f"{Path(self.file).name} from {self.repository}@{self.commit} {self.path}, as of {self.as_of} "
            f"({self.licence})"
        )
        if self.licence.startswith("CC BY-SA"):
            text += f"; {SPARE_CORES_NOTICE}"
        return text + (f"; {note}" if note else "")


KARPENTER = Table(
    "karpenter",
    "aws/karpenter-ec2-ondemand-us-east-1-2026-07-20.go",
    "aws/karpenter-provider-aws",
    "1d927085",
    "pkg/providers/pricing/zz_generated.pricing_aws.go",
    "2026-07-20",
    "Apache-2.0",
)
KARPENTER_GOV = Table(
    "karpenter-us-gov",
    "aws/karpenter-ec2-ondemand-us-gov-2026-07-20.go",
    "aws/karpenter-provider-aws",
    "1d927085",
    "pkg/providers/pricing/zz_generated.pricing_aws_us_gov.go",
    "2026-07-20",
    "Apache-2.0",
)
SPARE_CORES = Table(
    "sparecores",
    "aws/sparecores-ec2-linux-ondemand-2024-02-21.csv",
    "SpareCores/sc-data",
    "ce414d8e",
    "src/sc_data/data/sc-data-all.db",
    "2024-02-21",
    "CC BY-SA 4.0",
)
TERRACOST = Table(
    "terracost-eu-west-1",
    "aws/terracost-offer-rows-eu-west-1-2023-02-23.json.gz",
    "cycloidio/terracost",
    "23cf94d2",
    "mysql/testdata/2023-02-23-pricing.sql.gz",
    "2023-02-23",
    "MIT",
)
EC2INSTANCES_RDS = Table(
    "ec2instances-info",
    "aws/ec2instances-info-rds-2021-08-03.json",
    "vantage-sh/ec2instances.info",
    "14ede5a5",
    "www/rds/instances.json",
    "2021-08-03",
    "MIT",
)
EC2INSTANCES_CACHE = Table(
    "ec2instances-info",
    "aws/ec2instances-info-elasticache-2022-02-13.json",
    "vantage-sh/ec2instances.info",
    "3e75a5dd",
    "www/cache/instances.json",
    "2022-02-13",
    "MIT",
)
CYCLENERD = Table(
    "cyclenerd",
    "gcp/cyclenerd-google-cloud-pricing-2026-07-30.yml",
    "Cyclenerd/google-cloud-pricing-cost-calculator",
    "fd66b26f",
    "pricing.yml",
    "2026-07-30",
    "Apache-2.0",
)

GroupSpec = tuple[
    str, str, str, tuple[tuple[str, str], ...], str | None
]  # (service, family, unit, fixed, key)


@dataclass(frozen=True)
class Candidate:
    provider: str
    group: GroupSpec
    key_value: str | None
    region: str
    amount: Any  # a Decimal, or a tuple of (from_quantity, Decimal) tiers
    table: Table
    note: str = ""  # how the price was derived from the table, when it is not read directly
    compared_only: bool = False  # checked against the other tables, never written


def group(service: str, family: str, unit: str, key: str | None, **fixed: str) -> GroupSpec:
    return (service, family, unit, tuple(sorted(fixed.items())), key)


def plain(amount: Decimal) -> str:
    """0.0960000000 -> 0.096 (and never 1E+1)."""
    text = format(amount.normalize(), "f")
    return text


# --- AWS EC2 ---------------------------------------------------------------------------------


def ec2_linux(instance_type: str) -> GroupSpec:
    """Linux shared-tenancy on-demand, as aws_instance asks; the price list files bare-metal types
    (m5.metal) under their own product family (resources/aws/ec2.py instance_query)."""
    return group(
        "AmazonEC2",
        "Compute Instance (bare metal)" if instance_type.endswith(".metal") else "Compute Instance",
        "Hrs",
        "instanceType",
        operatingSystem="Linux",
        tenancy="Shared",
        preInstalledSw="NA",
        capacitystatus="Used",
        licenseModel="No License required",
    )


def karpenter(sources: Path, table: Table) -> Iterator[Candidate]:
    region = None
    for line in (sources / table.file).read_text(encoding="utf-8").splitlines():
        opened = re.match(r'^\t"([a-z0-9-]+)": \{', line)
        if opened:
            region = opened.group(1)
            continue
        for instance_type, price in re.findall(r'"([a-z0-9.-]+)": ([0-9.]+)', line):
            if region:
                yield Candidate("aws", ec2_linux(instance_type), instance_type, region, Decimal(price), table)


def spare_cores(sources: Path) -> Iterator[Candidate]:
    with (sources / SPARE_CORES.file).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region = row["region"]
            if region.startswith("cn-"):  # priced in CNY, not USD
                continue
            # us-east-1 is priced from the 2026 Karpenter table only; these rows are compared with it.
            yield Candidate(
                "aws",
                ec2_linux(row["instance_type"]),
                row["instance_type"],
                region,
                Decimal(row["usd_per_hour"]),
                SPARE_CORES,
                compared_only=region == "us-east-1",
            )


# --- AWS terracost eu-west-1 offer rows ----------------------------------------------------------

# Offer-row attribute names -> the Price List API's names (what costgate's queries use).
ATTRIBUTE_NAMES = {
    "CapacityStatus": "capacitystatus",
    "Group": "group",
    "InstanceType": "instanceType",
    "LicenseModel": "licenseModel",
    "OperatingSystem": "operatingSystem",
    "PreInstalledSW": "preInstalledSw",
    "Tenancy": "tenancy",
    "UsageType": "usagetype",
    "VolumeAPIName": "volumeApiName",
    "VolumeType": "volumeType",
    "DatabaseEdition": "databaseEdition",
    "DatabaseEngine": "databaseEngine",
    "DeploymentOption": "deploymentOption",
    "CacheEngine": "cacheEngine",
    "EBSOptimized": "ebsOptimized",
}


@dataclass(frozen=True)
class RowRule:
    """Which offer rows feed one kind of catalog group, and which of their attributes the query sends."""

    service: str
    families: tuple[str, ...]  # offer-row product families
    query_family: str | None  # the product family costgate's query names; None: the row's own
    fixed: tuple[str, ...]  # attributes (API names) that go into the group
    key: str | None
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()  # attribute -> allowed values


def rule(
    service: str,
    families: str | tuple[str, ...],
    fixed: tuple[str, ...],
    key: str | None,
    query_family: str | None = None,
    **where: tuple[str, ...],
) -> RowRule:
    families = (families,) if isinstance(families, str) else families
    return RowRule(service, families, query_family, fixed, key, tuple(sorted(where.items())))


OS_FIXED = ("operatingSystem", "tenancy", "preInstalledSw", "capacitystatus", "licenseModel")
TERRACOST_RULES = (
    # EC2 instances as aws_instance asks (ec2.instance_query), bare metal under its own family.
    rule(
        "AmazonEC2",
        ("Compute Instance", "Compute Instance (bare metal)"),
        OS_FIXED,
        "instanceType",
        operatingSystem=("Linux", "Windows"),
        tenancy=("Shared", "Dedicated"),
        preInstalledSw=("NA",),
        capacitystatus=("Used",),
        licenseModel=("No License required",),
    ),
    rule("AmazonEC2", "CPU Credits", ("operatingSystem",), "usagetype", operatingSystem=("Linux",)),
    rule("AmazonEC2", "Storage", (), "volumeApiName"),
    rule(
        "AmazonEC2", "System Operation", ("group",), "volumeApiName", group=("EBS IOPS", "EBS I/O Requests")
    ),
    rule("AmazonEC2", "NAT Gateway", (), "usagetype"),
    rule("AmazonEC2", "Dedicated Host", (), "usagetype"),  # aws_ec2_host
    rule("AWSELB", ("Load Balancer", "Load Balancer-Application", "Load Balancer-Network"), (), "usagetype"),
    rule("AWSELB", "Load Balancer-Gateway", (), "usagetype"),
    rule(
        "AmazonCloudWatch",
        ("Metric", "Alarm", "Data Payload", "Storage Snapshot", "Canaries"),
        (),
        "usagetype",
    ),
    rule(
        "AmazonRDS",
        "Database Instance",
        ("databaseEngine", "deploymentOption"),
        "instanceType",
        databaseEngine=("MySQL", "PostgreSQL", "MariaDB"),
    ),
    rule(
        "AmazonRDS",
        "Database Instance",
        ("databaseEngine", "deploymentOption", "databaseEdition", "licenseModel"),
        "instanceType",
        databaseEngine=("Oracle", "SQL Server"),
        licenseModel=("License included", "Bring your own license"),
    ),
    rule(
        "AmazonRDS",
        "Database Instance",
        ("databaseEngine", "instanceType"),
        "usagetype",
        databaseEngine=("Aurora MySQL", "Aurora PostgreSQL"),
    ),
    rule(
        "AmazonRDS",
        "Database Storage",
        ("deploymentOption",),
        "volumeType",
        volumeType=(
            "General Purpose",
            "General Purpose-GP3",
            "Provisioned IOPS",
            "Provisioned IOPS-IO2",
            "Magnetic",
        ),
    ),
    rule(
        "AmazonRDS",
        "Database Storage",
        (),
        "usagetype",
        volumeType=("General Purpose-Aurora", "IO Optimized-Aurora"),
    ),
    # IOPS (io1, io2, gp3 above its baseline) are asked by their usage type.
    rule("AmazonRDS", "Provisioned IOPS", ("deploymentOption",), "usagetype"),
    rule("AmazonRDS", "Provisioned Throughput", ("deploymentOption",), "usagetype"),
    rule("AmazonRDS", "Storage Snapshot", (), "usagetype"),
    rule("AmazonElastiCache", "Cache Instance", ("cacheEngine",), "instanceType"),
)


# Units some offer rows spell differently from the rest of their family.
UNITS = {"GB-month": "GB-Mo"}


def offer_amount(prices: list[dict[str, Any]]) -> Any:
    """The on-demand price of an offer row: one amount, or tiers sorted by their starting quantity."""
    on_demand = sorted(
        (
            Decimal(p["attributes"].get("StartingRange") or "0"),
            Decimal(p["price"]),
            UNITS.get(p["unit"], p["unit"]),
        )
        for p in prices
        if p["attributes"].get("TermType") == "OnDemand"
    )
    if not on_demand:
        return None
    if len(on_demand) == 1:
        return on_demand[0][1], on_demand[0][2]
    return tuple((start, price) for start, price, _ in on_demand), on_demand[0][2]


def terracost(sources: Path) -> Iterator[Candidate]:
    with gzip.open(sources / TERRACOST.file, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    for row in rows:
        attributes = {ATTRIBUTE_NAMES[name]: value for name, value in row["attributes"].items()}
        priced = offer_amount(row["prices"])
        if priced is None:
            continue
        amount, unit = priced
        if row["family"] == "Storage Snapshot" and attributes.get("usagetype", "").endswith(
            "EBS:SnapshotUsage"
        ):
            # EBS snapshots, asked by usage type: storageMedia also matches archive and Outposts products.
            snapshot = group("AmazonEC2", "Storage Snapshot", unit, "usagetype")
            yield Candidate("aws", snapshot, attributes["usagetype"], row["location"], amount, TERRACOST)
        for spec in TERRACOST_RULES:
            if row["service"] != spec.service or row["family"] not in spec.families:
                continue
            if spec.key not in attributes or any(name not in attributes for name in spec.fixed):
                continue
            if any(attributes.get(name) not in allowed for name, allowed in spec.where):
                continue
            fixed = {name: attributes[name] for name in spec.fixed}
            spec_group = group(spec.service, spec.query_family or row["family"], unit, spec.key, **fixed)
            yield Candidate("aws", spec_group, attributes[spec.key], row["location"], amount, TERRACOST)


# --- AWS RDS and ElastiCache from ec2instances.info ------------------------------------------------

# Single-AZ only: the table has no Multi-AZ prices, and Multi-AZ is not always exactly twice
# Single-AZ (in terracost's real eu-west-1 rows 28 of 142 MySQL classes differ from 2x by $0.001),
# so it is not derived; Multi-AZ comes from the offer rows alone.
RDS_STANDARD_ENGINES = ("MySQL", "PostgreSQL", "MariaDB")


def ec2instances_rds(sources: Path) -> Iterator[Candidate]:
    # Only the standard engines: the file merges Oracle and SQL Server editions and licence models.
    for item in json.loads((sources / EC2INSTANCES_RDS.file).read_text(encoding="utf-8")):
        for region, by_engine in sorted(item["pricing"].items()):
            for engine in RDS_STANDARD_ENGINES:
                price = by_engine.get(engine, {}).get("ondemand")
                if price is not None:
                    spec = group(
                        "AmazonRDS",
                        "Database Instance",
                        "Hrs",
                        "instanceType",
                        databaseEngine=engine,
                        deploymentOption="Single-AZ",
                    )
                    yield Candidate(
                        "aws", spec, item["instance_type"], region, Decimal(str(price)), EC2INSTANCES_RDS
                    )


def ec2instances_cache(sources: Path, skipped: list[str]) -> Iterator[Candidate]:
    for item in json.loads((sources / EC2INSTANCES_CACHE.file).read_text(encoding="utf-8")):
        for region, by_engine in sorted(item["pricing"].items()):
            prices = {}
            for engine in ("Redis", "Memcached"):
                offer = by_engine.get(engine, {})
                if offer.get("ondemand") is None:
                    continue
                price = Decimal(str(offer["ondemand"]))
                # An on-demand rate below a reserved one is a broken row (cache.r5.large Redis in
                # us-east-1 says 0.09, under its 1-year reserved 0.147; Memcached says 0.216).
                reserved = [Decimal(str(rate)) for rate in offer.get("reserved", {}).values()]
                if reserved and price < max(reserved):
                    skipped.append(
                        f"ElastiCache {item['instance_type']} {engine} {region}: on-demand {price} is below a reserved rate"
                    )
                    continue
                prices[engine] = price
            # On-demand nodes cost the same for both engines; where this table says otherwise, neither is trusted.
            if len(set(prices.values())) > 1:
                skipped.append(f"ElastiCache {item['instance_type']} {region}: engines disagree {prices}")
                continue
            for engine, price in prices.items():
                spec = group("AmazonElastiCache", "Cache Instance", "Hrs", "instanceType", cacheEngine=engine)
                yield Candidate("aws", spec, item["instance_type"], region, price, EC2INSTANCES_CACHE)


# --- GCP (Cyclenerd) -------------------------------------------------------------------------------


def read_cyclenerd(text: str) -> dict[str, Any]:
    """The Cyclenerd pricing.yml as nested dicts of strings.

    The file is a plain block mapping with two-space indents (plus one block scalar and a few
    lists, which no price needs), so reading it line by line is exact and twenty times faster
    than a YAML parser; every number stays the string the table wrote, so no digit is lost.
    """
    root: dict[str, Any] = {}
    stack: list[tuple[int, dict[str, Any]]] = [(-1, root)]
    block_indent = None
    for line in text.splitlines():
        content = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (indent >= block_indent or not content):
            continue
        block_indent = None
        if not content or content == "---" or content.startswith(("- ", "#")):
            continue
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if content.endswith(":"):
            child: dict[str, Any] = {}
            parent[content[:-1]] = child
            stack.append((indent, child))
            continue
        key, value = content.split(": ", 1)
        if value.startswith("|"):
            block_indent = indent + 1
        parent[key] = value.strip("'\"")
    return root


GCE = "Compute Engine"
# Cyclenerd disk key -> the Cloud Billing SKU description the disk models query.
DISKS = {
    "hdd": "Storage PD Capacity",
    "hdd-replicated": "Regional Storage PD Capacity",
    "balanced": "Balanced PD Capacity",
    "balanced-replicated": "Regional Balanced PD Capacity",
    "ssd": "SSD backed PD Capacity",
    "ssd-replicated": "Regional SSD backed PD Capacity",
    "extreme": "Extreme PD Capacity",
    "local": "SSD backed Local Storage",
    "snapshot": "Storage PD Snapshot",
}
BUCKET_CLASSES = {"standard": "Standard", "nearline": "Nearline", "coldline": "Coldline", "archiv": "Archive"}
MULTI_REGIONS = {"us-multi": "us", "europe-multi": "eu", "asia-multi": "asia"}
_PREDEFINED = re.compile(r"^([a-z0-9]+)-(standard|highmem|highcpu|megamem|ultramem)-(\d+)$")


def gcp_group(service: str, family: str, unit: str) -> GroupSpec:
    return group(service, family, unit, "description", usageType="OnDemand")


def cyclenerd(sources: Path, skipped: list[str]) -> Iterator[Candidate]:
    document = read_cyclenerd((sources / CYCLENERD.file).read_text(encoding="utf-8"))
    compute = document["compute"]
    yield from _machine_rates(compute["instance"], skipped)
    for field, (usage_type, prefix_text) in sorted(MARKETS.items()):
        core = group(GCE, "Compute", "h", "description", usageType=usage_type)
        for machine_type, description in sorted(SHARED_CORE.items()):
            for region, cost in sorted(compute["instance"][machine_type]["cost"].items()):
                if field in cost:
                    price = Decimal(cost[field])
                    yield Candidate("google", core, prefix_text + description, region, price, CYCLENERD)
    # Accelerator-optimized types include their GPUs and have no core/RAM split: priced whole, by name.
    for field, (usage_type, _prefix) in sorted(MARKETS.items()):
        whole = group(GCE, "Compute Instance", "h", "description", usageType=usage_type)
        for machine_type in sorted(name for name in compute["instance"] if WHOLE_MACHINE_TYPES.match(name)):
            for region, cost in sorted(compute["instance"][machine_type]["cost"].items()):
                if field in cost:
                    yield Candidate("google", whole, machine_type, region, Decimal(cost[field]), CYCLENERD)
    disks = gcp_group(GCE, "Storage", "GiBy.mo")
    for name, description in sorted(DISKS.items()):
        for region, cost in sorted(compute["storage"][name]["cost"].items()):
            if "month" in cost and not region.endswith("-multi"):
                yield Candidate("google", disks, description, region, Decimal(cost["month"]), CYCLENERD)
    network = gcp_group("Networking", "Network", "h")
    for path, description in (
        (("ip", "unused"), "Static Ip Charge"),
        (("ip", "vm"), "External IP Charge on a Standard VM"),
        (("vpn", "tunnel"), "VPN Tunnel"),
    ):
        for region, cost in sorted(compute["network"][path[0]][path[1]]["cost"].items()):
            yield Candidate("google", network, description, region, Decimal(cost["hour"]), CYCLENERD)
    data = gcp_group("Networking", "Network", "GiBy")
    for region, cost in sorted(compute["network"]["nat"]["data"]["cost"].items()):
        yield Candidate(
            "google", data, "NAT Gateway: Data processing charge", region, Decimal(cost["month"]), CYCLENERD
        )
    storage = gcp_group("Cloud Storage", "Storage", "GiBy.mo")
    for name, label in sorted(BUCKET_CLASSES.items()):
        for variant in ("", "-dual", "-multi"):
            for region, cost in sorted(document["storage"]["bucket"][name + variant]["cost"].items()):
                location = MULTI_REGIONS.get(region, region)
                yield Candidate(
                    "google", storage, f"{label} Storage", location, Decimal(cost["month"]), CYCLENERD
                )


# Cyclenerd price field -> (Cloud Billing usageType, the SKU description's prefix).
MARKETS = {"hour": ("OnDemand", ""), "hour_spot": ("Preemptible", "Spot Preemptible ")}


def _machine_rates(instances: dict[str, Any], skipped: list[str]) -> Iterator[Candidate]:
    """Per-vCPU and per-GiB rates of each family, on demand and spot, solved from two machine types
    of different shape.

    Every other predefined type of the family in the region must then come out at exactly its
    listed price, else the family's rates are not written for that region.
    """
    for field, (usage_type, prefix_text) in sorted(MARKETS.items()):
        core = group(GCE, "Compute", "h", "description", usageType=usage_type)
        ram = group(GCE, "Compute", "GiBy.h", "description", usageType=usage_type)
        for prefix, family in sorted(FAMILIES.items()):
            shapes = {
                name: (Decimal(item["cpu"]), Decimal(item["ram"]))
                for name, item in instances.items()
                if (match := _PREDEFINED.match(name)) and match.group(1) == prefix and name in MACHINE_TYPES
            }
            regions = sorted({region for name in shapes for region in instances[name]["cost"]})
            for region in regions:
                listed = {
                    name: Decimal(instances[name]["cost"][region][field])
                    for name in sorted(shapes)
                    if field in instances[name]["cost"].get(region, {})
                }
                rates = _solve(shapes, listed)
                if rates is None:
                    skipped.append(
                        f"Compute Engine {prefix} ({usage_type}) in {region}: no two shapes give one core and RAM rate"
                    )
                    continue
                note = "per-vCPU and per-GiB rates solved from its whole machine-type prices"
                yield Candidate("google", core, prefix_text + family.core, region, rates[0], CYCLENERD, note)
                yield Candidate("google", ram, prefix_text + family.ram, region, rates[1], CYCLENERD, note)


def _solve(
    shapes: dict[str, tuple[Decimal, Decimal]], listed: dict[str, Decimal]
) -> tuple[Decimal, Decimal] | None:
    names = sorted(listed, key=lambda name: (shapes[name][0], name))
    with localcontext() as context:
        context.prec = 40
        for first in names:
            for second in names:
                (c1, r1), (c2, r2) = shapes[first], shapes[second]
                determinant = c1 * r2 - c2 * r1
                if determinant == 0:
                    continue
                core = (listed[first] * r2 - listed[second] * r1) / determinant
                memory = (c1 * listed[second] - c2 * listed[first]) / determinant
                if all(shapes[name][0] * core + shapes[name][1] * memory == listed[name] for name in names):
                    return core.normalize(), memory.normalize()
                return None
    return None


# --- merging and writing ---------------------------------------------------------------------------


@dataclass
class Result:
    documents: dict[str, dict[str, Any]]  # "<provider>/<file name>" -> part file
    overrides: list[str]  # where a newer table won over an older one that disagreed
    ambiguous: list[str]  # slots one table prices twice, differently (left out)
    skipped: list[str]  # rows not trusted or shapes not solvable


def candidates(sources: Path, skipped: list[str]) -> Iterable[Candidate]:
    yield from karpenter(sources, KARPENTER)
    yield from karpenter(sources, KARPENTER_GOV)
    yield from spare_cores(sources)
    yield from terracost(sources)
    yield from ec2instances_rds(sources)
    yield from ec2instances_cache(sources, skipped)
    yield from cyclenerd(sources, skipped)


def _describe(slot: tuple[str, GroupSpec, str | None, str]) -> str:
    _, (service, family, _, fixed, _), key_value, region = slot
    attributes = ", ".join(f"{name}={value}" for name, value in fixed)
    return f"{service} {family} {key_value or ''} [{attributes}] {region}".replace("  ", " ")


def _shown(amount: Any) -> str:
    if isinstance(amount, tuple):
        return "[" + ", ".join(f"{plain(start)}: {plain(price)}" for start, price in amount) + "]"
    return plain(amount)


def build(sources: Path) -> Result:
    skipped: list[str] = []
    by_slot: dict[tuple[str, GroupSpec, str | None, str], dict[Table, Candidate]] = defaultdict(dict)
    ambiguous: set[tuple[Any, ...]] = set()
    for candidate in candidates(sources, skipped):
        slot = (candidate.provider, candidate.group, candidate.key_value, candidate.region)
        previous = by_slot[slot].get(candidate.table)
        if previous is not None and previous.amount != candidate.amount:
            ambiguous.add((slot, candidate.table))
        by_slot[slot][candidate.table] = candidate
    overrides: list[str] = []
    ambiguous_lines: list[str] = []
    files: dict[tuple[str, str, str, str], dict[GroupSpec, dict[str | None, dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(dict))
    )
    for slot in sorted(by_slot, key=lambda s: (s[0], repr(s[1]), s[2] or "", s[3])):
        offered = {table: c for table, c in by_slot[slot].items() if (slot, table) not in ambiguous}
        for table in by_slot[slot]:
            if (slot, table) in ambiguous:
                ambiguous_lines.append(f"{_describe(slot)}: {table.id} lists two different prices; left out")
        writable = [table for table, candidate in offered.items() if not candidate.compared_only]
        if not writable:
            continue
        newest = sorted(writable, key=lambda t: t.as_of)[-1]
        winner = offered[newest]
        for table, other in offered.items():
            if table is not newest and other.amount != winner.amount:
                overrides.append(
                    f"{_describe(slot)}: {newest.id} ({newest.as_of}) {_shown(winner.amount)} "
                    f"over {table.id} ({table.as_of}) {_shown(other.amount)}"
                )
        provider, spec, key_value, region = slot
        files[(provider, spec[0], newest.id, winner.note)][spec][key_value][region] = winner.amount
    tables = {
        t.id + t.file: t
        for t in (
            KARPENTER,
            KARPENTER_GOV,
            SPARE_CORES,
            TERRACOST,
            EC2INSTANCES_RDS,
            EC2INSTANCES_CACHE,
            CYCLENERD,
        )
    }
    documents = {}
    for (provider, service, table_id, note), groups in sorted(files.items()):
        used = sorted(
            {t for t in tables.values() if t.id == table_id and _feeds(t, provider, service)},
            key=lambda t: t.file,
        )
        name = f"{provider}/{service.replace(' ', '_')}.{table_id}{'-solved' if note else ''}.json"
        documents[name] = _document(provider, service, used, note, groups)
    return Result(documents, overrides, ambiguous_lines, skipped)


def _feeds(table: Table, provider: str, service: str) -> bool:
    if table in (EC2INSTANCES_RDS, EC2INSTANCES_CACHE):
        return service == ("AmazonRDS" if table is EC2INSTANCES_RDS else "AmazonElastiCache")
    return (provider == "google") == (table is CYCLENERD)


def _document(
    provider: str, service: str, tables: list[Table], note: str, groups: dict[GroupSpec, Any]
) -> dict[str, Any]:
    out_groups = []
    for spec in sorted(groups, key=repr):
        _, family, unit, fixed, key = spec
        by_value = groups[spec]
        prices: Any = {
            value: {region: _json_amount(by_value[value][region]) for region in sorted(by_value[value])}
            for value in sorted(by_value, key=lambda v: v or "")
        }
        entry: dict[str, Any] = {"product_family": family, "unit": unit, "attributes": dict(fixed)}
        if key is None:
            entry["prices"] = prices[None]
        else:
            entry["key"] = key
            entry["prices"] = prices
        out_groups.append(entry)
    return {
        "provider": provider,
        "service": service,
        "generator": GENERATOR,
        "source": "; ".join(t.source(note) for t in tables),
        "label": ", ".join(t.label for t in tables),
        "as_of": min(t.as_of for t in tables),
        "groups": out_groups,
    }


def _json_amount(amount: Any) -> Any:
    if isinstance(amount, tuple):
        return [[plain(start), plain(price)] for start, price in amount]
    return plain(amount)


def serialise(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def previous_prices(out: Path) -> dict[tuple[str, str, Any, str], tuple[str, str]]:
    """Every price the output directory's other (hand-entered) files hold: slot -> (amount, file)."""
    held = {}
    for path in sorted(out.glob("*/*.json")):
        name = f"{path.parent.name}/{path.name}"
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("generator") == GENERATOR:
            continue
        index: dict[Any, dict[str, Any]] = {}
        index_groups(document["groups"], document["as_of"], index)
        for (family, attributes), by_region in index.items():
            for region, entry in by_region.items():
                held[(path.parent.name, document["service"], (family, attributes), region)] = (entry[0], name)
    return held


def write(result: Result, out: Path) -> list[str]:
    """Write the part files into `out`; delete generated files no longer produced. Returns the changes."""
    before = previous_prices(out)
    after: dict[tuple[str, str, Any, str], tuple[str, str]] = {}
    for name, document in result.documents.items():
        index: dict[Any, dict[str, Any]] = {}
        index_groups(document["groups"], document["as_of"], index)
        for (family, attributes), by_region in index.items():
            for region, entry in by_region.items():
                after[(document["provider"], document["service"], (family, attributes), region)] = (
                    entry[0],
                    name,
                )
    changes = []
    for slot, (amount, name) in sorted(after.items(), key=repr):
        old = before.get(slot)
        if old is not None and old[1] != name and _differs(old[0], amount):
            provider, service, (family, attributes), region = slot
            shown = ", ".join(f"{k}={v}" for k, v in attributes)
            changes.append(f"{service} {family} [{shown}] {region}: {old[0]} ({old[1]}) -> {amount} ({name})")
    for path in sorted(out.glob("*/*.json")):
        name = f"{path.parent.name}/{path.name}"
        if ".hand-" in path.name or name in result.documents:
            continue
        if json.loads(path.read_text(encoding="utf-8")).get("generator") == GENERATOR:
            path.unlink()
    for name, document in result.documents.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(serialise(document), encoding="utf-8")
    return changes


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, tuple) or isinstance(new, tuple):
        return old != new
    return Decimal(old) != Decimal(new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    result = build(args.sources)
    changes = write(result, args.out)
    for line in result.overrides:
        print(f"override: {line}")
    for line in changes:
        print(f"changed: {line}")
    for line in result.ambiguous + result.skipped:
        print(f"left out: {line}")
    prices = sum(
        len(by_region) if group.get("key") is None else sum(len(r) for r in group["prices"].values())
        for document in result.documents.values()
        for group in document["groups"]
        for by_region in [group["prices"]]
    )
    print(
        f"{prices} prices in {len(result.documents)} files written to {args.out}; "
        f"{len(result.overrides)} overrides, {len(changes)} changed, "
        f"{len(result.ambiguous) + len(result.skipped)} left out"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
