"""Time costgate on corpus-shaped plans against the floor every Python tool pays: `json.load` of the same file.

For each size (1k, 10k; 100k with --large) it generates a plan with realistic_plan.py and runs, as
separate processes, interleaved and repeated (medians):
- the floor: `python -c "json.load(open(plan))"`;
- `costgate breakdown --format json` and `--format markdown`;
- `costgate check --format markdown` with both shipped policy packs and three teams with budgets;
- `costgate merge` of 50 per-root check reports, against `json.load` of the same 50 files.
It prints wall time, peak RSS (the child's max RSS) and each ratio to the floor measured in the same run.

Run: python benchmarks/run.py [--repeat N] [--large]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from realistic_plan import TEAMS  # noqa: E402

COSTGATE = [sys.executable, "-m", "costgate"]
FLOOR = [sys.executable, "-c", "import json, sys\nfor p in sys.argv[1:]: json.load(open(p, 'rb'))"]


def config_text(packs: str | None = None) -> str:
    teams = "\n".join(
        f"  {team}:\n    monthly_budget: {20000 + 5000 * n}\n    current_monthly_spend: {10000 + 3000 * n}\n"
        f"    owners: {{tags: {{team: {team}}}}}"
        for n, team in enumerate(TEAMS)
    )
    # The shipped packs by name; `--packs` gives them as paths to time a costgate that predates names.
    packs = packs or "[finops-defaults, example-platform]"
    return f"teams:\n{teams}\npolicies: {packs}\n"


def write_plan(path: Path, size: int, seed: int = 7) -> None:
    """Generate a plan in a child process: a child's peak RSS counts what its parent held when it forked,
    so this process must never hold a plan itself."""
    subprocess.run(
        [sys.executable, str(HERE / "realistic_plan.py"), str(size), str(path), str(seed)], check=True
    )


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {error.strip()}")
    return elapsed, usage.ru_maxrss / 1024


def compare(label: str, floor: list[str], commands: dict[str, list[str]], repeat: int) -> None:
    runs: dict[str, list[tuple[float, float]]] = {"json.load": [], **{name: [] for name in commands}}
    for _ in range(repeat):  # interleaved, so drift in machine load hits every command alike
        runs["json.load"].append(measure(floor))
        for name, command in commands.items():
            runs[name].append(measure(command))
    base_time = statistics.median(t for t, _ in runs["json.load"])
    base_rss = statistics.median(m for _, m in runs["json.load"])
    print(f"\n{label}")
    print(f"  {'command':<34} {'wall s':>8} {'x floor':>8} {'RSS MiB':>9} {'x floor':>8}")
    for name, samples in runs.items():
        wall = statistics.median(t for t, _ in samples)
        rss = statistics.median(m for _, m in samples)
        print(f"  {name:<34} {wall:>8.3f} {wall / base_time:>8.2f} {rss:>9.1f} {rss / base_rss:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--large", action="store_true", help="also 100k changes (about 300 MB of JSON)")
    parser.add_argument("--sizes", type=lambda s: [int(n) for n in s.split(",")], default=None)
    parser.add_argument("--packs", help="the policy packs as a YAML list, e.g. [a.yml, b.yml]")
    args = parser.parse_args()
    sizes = args.sizes or ([1_000, 10_000, 100_000] if args.large else [1_000, 10_000])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        config = work / "costgate.yml"
        config.write_text(config_text(args.packs))
        for size in sizes:
            plan = work / f"plan-{size}.json"
            write_plan(plan, size)
            print(f"\n== {size:,} changes, {plan.stat().st_size / 2**20:.1f} MiB")
            plan_s = str(plan)
            compare(
                f"{size:,} changes",
                [*FLOOR, plan_s],
                {
                    "breakdown --format json": [*COSTGATE, "breakdown", plan_s, "--format", "json"],
                    "breakdown --format markdown": [*COSTGATE, "breakdown", plan_s, "--format", "markdown"],
                    "check --format markdown": [
                        *COSTGATE, "check", plan_s, "--config", str(config), "--format", "markdown",
                    ],
                },
                args.repeat,
            )  # fmt: skip
        # merge: 50 per-root check reports of 200 changes each
        reports = []
        for root in range(50):
            plan = work / f"root-{root}.json"
            write_plan(plan, 200, seed=root)
            report = work / f"root-{root}.report.json"
            subprocess.run(
                [
                    *COSTGATE,
                    "check",
                    str(plan),
                    "--config",
                    str(config),
                    "--format",
                    "json",
                    "--out",
                    str(report),
                ],
                check=False,
                stdout=subprocess.DEVNULL,
            )
            reports.append(str(report))
        compare(
            "merge of 50 check reports (200 changes each)",
            [*FLOOR, *reports],
            {"merge --format json": [*COSTGATE, "merge", *reports, "--format", "json"]},
            args.repeat,
        )
        version = min(measure([*COSTGATE, "--version"])[0] for _ in range(args.repeat))
        print(f"\ncostgate --version: {version:.3f} s (best of {args.repeat})")


if __name__ == "__main__":
    main()
