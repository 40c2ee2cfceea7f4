"""`costgate breakdown --usage-file` with the shapes of Infracost's own usage files: exit 0, warnings only."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES

USAGE = FIXTURES / "usage"


def test_an_infracost_shaped_usage_file_prices_with_warnings(costgate):
    run = expect(
        costgate(
            "breakdown",
            str(USAGE / "plan.json"),
            "--usage-file",
            str(USAGE / "infracost-shapes.yml"),
            "--format",
            "json",
        ),
        0,
    )
    report = json.loads(run.stdout)
    costs = {r["address"]: r["monthly_after"] for r in report["resources"]}
    assert costs == {
        # 730 h x $0.0104 = $7.592; 350 h x 2 vCPUs = 700 vCPU-h x $0.05 = $35.00; 8 GB gp2 x $0.10 = $0.80
        "aws_instance.burst": "43.39",
        # the wildcard: 730 h x $0.045 = $32.85 + 100 GB x $0.045 = $4.50
        "aws_nat_gateway.egress[0]": "37.35",
        # its own entry: $32.85 + 1,000 GB x $0.045 = $45.00
        "aws_nat_gateway.egress[1]": "77.85",
        # the misspelt key is not read: the hours alone
        "aws_nat_gateway.main": "32.85",
        # instances: 4 x 730 h x $0.0416 = $121.472 + 4 x 20 GB x $0.10 = $8.00
        "aws_eks_node_group.workers": "129.47",
    }
    warnings = "\n".join(report["warnings"])
    for expected in (
        ":6 resource_type_default_usage.aws_dynamodb_table: usage key pitr_backup_storage_gb is not used",
        ":9 resource_usage.aws_instance.burst: usage key operating_system is not used",
        ":13 resource_usage.aws_instance.burst: usage key monthly_hrs is not used for aws_instance (ignored): "
        "costgate prices a running resource for all 730 hours of a month",
        ":19 resource_usage.aws_nat_gateway.main: usage key monthly_data_procesed_gb is not used for "
        "aws_nat_gateway (ignored); did you mean monthly_data_processed_gb?",
        ":21 resource_usage.aws_alb.web: usage key new_connections is not used",
        ":26 resource_usage.aws_cloudfront_distribution.cdn: usage key "
        "monthly_data_transfer_to_internet_gb.europe is not used",
        ":32 resource_usage.aws_cloudhsm_v2_hsm.hsm: costgate has no usage keys for aws_cloudhsm_v2_hsm",
        "resource_usage names google_container_node_pool.pool, which is not in the plan (ignored)",
    ):
        assert expected in warnings
    assert len(report["warnings"]) == 11
    assert report["totals"]["monthly_after"] == "320.91"


def test_an_empty_resource_usage_section_is_no_usage(costgate):
    run = expect(
        costgate(
            "breakdown",
            str(USAGE / "plan.json"),
            "--usage-file",
            str(USAGE / "empty-resource-usage.yml"),
            "--format",
            "json",
        ),
        0,
    )
    report = json.loads(run.stdout)
    assert report["warnings"] == []
    # hours only: 7.59 + 0.80 + 3 x 32.85 + 2 x 730 x 0.0416 + 2 x 20 x 0.10 = 8.392 + 98.55 + 64.736
    assert report["totals"]["monthly_after"] == "171.68"
