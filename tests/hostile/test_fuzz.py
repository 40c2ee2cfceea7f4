"""A bounded, seeded fuzz run over the fixture plans: types, values, nesting and encodings mutated.

Every case must end in exit 0, 1 or 2; an error is one specific line (never "internal error",
never a traceback); and a JSON report holds no NaN, Infinity or negative figure that no delete
or decrease explains. Most cases run in-process; a sample runs through the installed script.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.e2e.runner import clean_environment, console_script
from tests.hostile.fuzz import cases
from tests.hostile.runs import CHECK_CONFIG, assert_handled, run_in_process

SEED = 20261201
CASES = 300
SCRIPT_SAMPLE = 6  # of the cases, also run through the console script (breakdown and check)


def assert_specific(code: int, stdout: str, stderr: str) -> None:
    assert_handled(code, stdout, stderr)
    assert "internal error" not in stderr
    assert "Unknown(" not in stdout  # a value the plan cannot tell never shows as its repr


def commands(path: str) -> list[list[str]]:
    return [
        ["breakdown", path, "--format", "json"],
        ["check", path, "--format", "json", "--config", CHECK_CONFIG],
    ]


def test_fuzzed_plans_never_crash_or_lie(tmp_path):
    outcomes: dict[int, int] = {0: 0, 1: 0, 2: 0}
    failures = []
    for index, (name, raw) in enumerate(cases(CASES, SEED)):
        path = tmp_path / f"{index}.json"
        path.write_bytes(raw)
        for args in commands(str(path)) if index % 3 == 0 else commands(str(path))[:1]:
            code, stdout, stderr = run_in_process(*args)
            outcomes[code] = outcomes.get(code, 0) + 1
            try:
                assert_specific(code, stdout, stderr)
            except AssertionError as error:
                failures.append(f"{name} {args[0]}: exit {code}: {stderr.strip()[:200] or error}")
    assert failures == []
    # The cases reach both ends: plans that are read and priced, and plans refused with a reason.
    assert outcomes[0] > CASES // 4 and outcomes[2] > CASES // 10, outcomes


@pytest.mark.parametrize("index", range(SCRIPT_SAMPLE))
def test_a_sample_through_the_console_script(tmp_path, index):
    name, raw = list(cases(SCRIPT_SAMPLE * 7, SEED + 1))[index * 7]
    path = tmp_path / "plan.json"
    path.write_bytes(raw)
    for args in commands(str(path)):
        run = subprocess.run(
            [str(console_script()), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=clean_environment(tmp_path),
            timeout=120,
            check=False,
        )
        assert_specific(run.returncode, run.stdout, run.stderr)
        if run.returncode == 0:
            json.loads(run.stdout)
