"""`costgate breakdown` on the issue 14 types (a real AWS provider plan) and on a free provider's resource."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES, change, plan_document

PLAN = FIXTURES / "plans" / "new-types"


def test_new_types_price_from_the_plan_and_the_usage_file(costgate):
    run = expect(
        costgate(
            "breakdown", str(PLAN / "plan.json"), "--usage-file", str(PLAN / "usage.yml"), "--format", "json"
        ),
        0,
    )
    report = json.loads(run.stdout)
    assert report["warnings"] == []
    assert not [r for r in report["resources"] if r["status"] == "not_priced"]
    # plan: cache $146.00 + canary $10.512 + web ACL $7.00 + dashboard $3.00 = $166.512
    # usage: REST $1,633.10 + HTTP $390.00 + WAF requests $6.00 + functions $2.00 + CodeBuild $10.00
    #        + CloudTrail $21.35 = $2,062.45; total $2,228.962
    assert report["totals"]["monthly_after"] == "2228.96"


def test_a_kubernetes_resource_is_free_with_its_reason(costgate, workdir):
    (workdir / "plan.json").write_text(
        json.dumps(plan_document(change("kubernetes_deployment", {}, name="web", provider="kubernetes")))
    )
    report = json.loads(expect(costgate("breakdown", "plan.json", "--format", "json"), 0).stdout)
    (resource,) = report["resources"]
    assert (resource["status"], resource["reason"]) == ("free", "no cloud charge of its own")
