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
    # r3.xlarge from the generated catalog: 730 h x $0.333 = $243.09 + $0.80 root
    assert (resources["aws_instance.old"]["incomplete"], resources["aws_instance.old"]["monthly_after"]) == (
        False,
        "243.89",
    )
    # Oracle, SQL Server (x2), MySQL 5.7 extended support and OpenSearch c4 have no embedded price
    assert resources["aws_db_instance.oracle"]["incomplete"] is True
    # mssql, mssql_web, oracle, mysql57, c4 and, since MySQL 8.0 left standard support, primary and replica
    assert report["summary"]["incomplete"] == 7
    table = costgate("breakdown", str(plan))
    assert table.returncode == 0 and "t3.medium) (default)" in table.stdout
