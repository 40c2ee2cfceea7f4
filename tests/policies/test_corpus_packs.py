"""Both shipped packs over every real plan of ../shared/corpus/plans: findings or none, never an exception."""

import pytest
from click.testing import CliRunner

from costgate.cli.check import check
from costgate.gate.policies import shipped_packs
from tests.helpers import CORPUS

PLANS = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []
PACKS = shipped_packs()["finops-defaults"].parent


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    path = tmp_path_factory.mktemp("config") / "costgate.yml"
    path.write_text(
        f"policies:\n  - {PACKS / 'example-platform.yml'}\n  - {PACKS / 'finops-defaults.yml'}\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.skipif(not PLANS, reason="the shared corpus is not present")
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_check_with_both_packs(plan, config):
    # The command itself, not the group: an exception is raised here instead of becoming "internal error".
    run = CliRunner().invoke(
        check, [str(plan), "--config", config, "--format", "json"], catch_exceptions=False
    )
    assert run.exit_code in (0, 1), run.output
    assert '"verdict"' in run.output
