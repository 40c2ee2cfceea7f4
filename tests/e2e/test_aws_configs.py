"""`costgate breakdown` on the terraform-made AWS configurations: exit 0, and the incomplete count in the JSON."""

import json

from tests.helpers import FIXTURES


def test_breakdown_of_real_aws_configs_reports_incomplete_resources(costgate, workdir):
    out = workdir / "report.json"
    plan = FIXTURES / "plans" / "aws-configs" / "plan.json"
    done = costgate("breakdown", str(plan), "--format", "json", "--out", str(out))
    assert (done.returncode, done.stdout) == (0, "")
    report = json.loads(out.read_text())
    resources = {r["address"]: r for r in report["resources"]}
    # 730 h x $0.0416 = $30.37 + 20 GB x $0.10 = $2.00, both provider defaults
    assert resources["aws_eks_node_group.defaults"]["monthly_after"] == "32.37"
    assert resources["aws_instance.old"]["incomplete"] is True  # r3.xlarge hours unpriced: $0.80 is a floor
    assert report["summary"]["incomplete"] == 8
    table = costgate("breakdown", str(plan))
    assert table.returncode == 0 and "t3.medium) (default)" in table.stdout
