"""Every real plan in ../shared/corpus/plans: no crash, a schema-valid report, one outcome per change."""

import json

import jsonschema
import pytest

from costgate.estimate.pricer import Pricer
from costgate.model import STATUSES, ProjectPlan
from costgate.plan.read import read_document
from costgate.plan.terraform import read_plan
from costgate.pricing.setup import price_chain
from costgate.report.json_report import report_dict, report_schema
from tests.helpers import CORPUS

PLANS = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not PLANS, reason="the shared corpus is not present")
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_corpus_plan(path):
    document = read_document(path)
    plan = read_plan(document, path.name, default_region=None)
    result = Pricer(price_chain("embedded")).estimate([ProjectPlan(path.stem, str(path), plan)])
    report = report_dict(result)
    jsonschema.validate(report, report_schema())
    managed = [rc for rc in document.get("resource_changes", []) if rc.get("mode", "managed") == "managed"]
    if "resource_changes" in document:
        assert len(result.resources) == len(managed)
    for resource in report["resources"]:
        assert resource["status"] in STATUSES
        if resource["status"] == "not_priced":
            assert resource["reason"]
    # sensitive values never reach the report
    text = json.dumps(report)
    for rc in managed:
        for side in ("before", "after"):
            sensitive, values = rc["change"].get(f"{side}_sensitive"), rc["change"].get(side)
            if isinstance(sensitive, dict) and isinstance(values, dict):
                for key, flag in sensitive.items():
                    if flag is True and isinstance(values.get(key), str) and len(values[key]) > 5:
                        assert values[key] not in text
