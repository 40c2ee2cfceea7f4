"""In CI (CI=true, as .ci/run sets it) the real-plan corpus must be there: a skipped test is a failure then."""

from __future__ import annotations

import os

import pytest

from tests.helpers import CORPUS


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") == "true" and not CORPUS.is_dir():
        report.outcome = "failed"
        report.longrepr = (
            f"CI=true but the shared corpus is missing at {CORPUS}: check out ../shared beside the "
            f"repository so the corpus tests run (skipped: {report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr})"
        )
