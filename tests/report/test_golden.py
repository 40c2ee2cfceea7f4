"""Golden comments for three plans a reviewer can read in tests/report/golden/: small, multi-project, huge.

A change to pricing, policies or rendering shows as a diff of these files. To accept one, run
`COSTGATE_UPDATE_GOLDEN=1 python -m pytest tests/report/test_golden.py` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from costgate.report.markdown import GITHUB_COMMENT_LIMIT, render_markdown
from tests.report import comment_cases
from tests.report.test_comment import huge, multi

GOLDEN = Path(__file__).parent / "golden"
CASES = {"small": comment_cases.small, "multi-project": multi, "huge": huge}


@pytest.mark.parametrize("name", CASES)
def test_golden_comment(name):
    text = render_markdown(CASES[name](), facts=comment_cases.FACTS)
    path = GOLDEN / f"{name}.md"
    if os.environ.get("COSTGATE_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert len(text) <= GITHUB_COMMENT_LIMIT
    assert text == path.read_text(encoding="utf-8"), f"{path} differs: see the module docstring to update it"
