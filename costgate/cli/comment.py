"""`costgate comment github`: price plans (or read reports), check them, post the PR comment."""

from __future__ import annotations

import os
from typing import Any

import click

from costgate.cli.options import config_option, plan_options
from costgate.model import FAIL_ON


@click.group()
def comment() -> None:
    """Post the cost estimate as a pull request comment."""


@comment.command("github")
@plan_options
@config_option
@click.option(
    "--behavior",
    type=click.Choice(("update", "new", "delete-and-new", "hide-and-new")),
    default=None,
    help="What to do with the previous comment (default: the config's comment.behavior, else update).",
)
@click.option(
    "--skip-no-diff",
    is_flag=True,
    help="Post nothing when there is no cost change and no finding; delete an old comment.",
)
@click.option(
    "--github-token",
    envvar="GITHUB_TOKEN",
    help="Token that can write pull requests (default: $GITHUB_TOKEN).",
)
@click.option("--repo", help="OWNER/NAME (default: $GITHUB_REPOSITORY).")
@click.option("--pr", "pr_number", type=int, help="Pull request number (default: from the event payload).")
@click.option("--api-url", help="GitHub API URL (default: $GITHUB_API_URL, else https://api.github.com).")
@click.option(
    "--comment-author",
    envvar="COSTGATE_COMMENT_AUTHOR",
    help="The login costgate posts as when the token is a person's (a bot account, such as GITHUB_TOKEN's, needs nothing).",
)
@click.option(
    "--comment-key",
    default="main",
    show_default=True,
    help="Keeps separate comments apart (one per project set).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="block",
    show_default=True,
    help="Which verdict makes the exit code 1.",
)
@click.option(
    "--report-out", type=click.Path(dir_okay=False), help="Also write the JSON check report to this file."
)
@click.option("--dry-run", is_flag=True, help="Print the comment instead of posting it.")
@click.pass_context
def github(
    ctx: click.Context,
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    region: str | None,
    pricing_mode: str | None,
    usage_file: str | None,
    config_path: str | None,
    behavior: str | None,
    skip_no_diff: bool,
    github_token: str | None,
    repo: str | None,
    pr_number: int | None,
    api_url: str | None,
    comment_author: str | None,
    comment_key: str,
    fail_on: str,
    report_out: str | None,
    dry_run: bool,
) -> None:
    """Post one comment on the pull request with the cost change, budgets, findings and verdict.

    Each PATH is a terraform plan JSON or a costgate JSON report (for example from `costgate merge`).
    """
    from costgate.deliver import github as gh
    from costgate.deliver.github_event import pull_request_from_env
    from costgate.gate.approval import approval_of, noted
    from costgate.gate.check import exit_code
    from costgate.gate.config import load_config
    from costgate.report.comment_facts import CommentFacts
    from costgate.report.markdown import render_markdown

    env = os.environ
    config = load_config(config_path)
    pr = pull_request_from_env(env, repo=repo, number=pr_number, api_url=api_url)
    lookups = gh.ApprovalLookups(gh.GitHubClient(github_token, pr.api_url), pr) if github_token else None
    approval = approval_of(config.approval_label, config.approvers, pr.labels, pr.head_sha, lookups)
    result = noted(
        checked_result(paths + plans, region, pricing_mode, usage_file, config, approval.approved),
        approval.note,
    )

    facts = CommentFacts.from_env(env, commit=pr.head_sha)
    if env.get("GITHUB_STEP_SUMMARY"):
        summary = render_markdown(result, max_chars=1_000_000, facts=facts)
        gh.append_file(env["GITHUB_STEP_SUMMARY"], summary + "\n")
    for line in gh.annotations(result):
        click.echo(line)
    if report_out:
        from costgate.deliver.output import write_atomic
        from costgate.report.json_report import render_report_json

        write_atomic(report_out, render_report_json(result))
    if env.get("GITHUB_OUTPUT"):
        outputs = {"monthly_delta": f"{result.estimate.monthly_delta:.2f}", "verdict": result.verdict.status}
        if report_out:
            outputs["report_path"] = report_out
        gh.append_file(env["GITHUB_OUTPUT"], "".join(f"{k}={v}\n" for k, v in outputs.items()))

    quiet = not gh.worth_posting(result, config.comment_min_change_usd, config.comment_min_change_percent)
    no_diff = skip_no_diff and not gh.has_diff(result)
    body = render_markdown(
        result, max_chars=gh.COMMENT_LIMIT - 200, facts=facts
    )  # room for the hidden marker
    if dry_run:
        click.echo(body, nl=False)
    else:
        client = gh.GitHubClient(github_token or "", pr.api_url)
        if pr.head_sha:
            pr = _with_commit_time(client, pr)
        outcome = gh.post(
            client,
            pr,
            body,
            key=comment_key,
            behavior=behavior or getattr(config, "comment_behavior", None) or "update",
            skip=no_diff,
            delete_when_skipped=no_diff,
            quiet=quiet,
            author=comment_author,
        )
        url = f" {outcome.url}" if outcome.url else ""
        detail = f": {outcome.detail}" if outcome.detail else ""
        click.echo(f"costgate: comment {outcome.action}{url}{detail}", err=True)
    ctx.exit(exit_code(result, fail_on))


def _with_commit_time(client, pr):
    from dataclasses import replace

    from costgate.errors import CostgateError

    try:
        return replace(pr, estimated_at=client.commit_time(pr.repo, pr.head_sha))
    except CostgateError:
        return pr  # the run time stands in: still ordered for runs of one workflow


def checked_result(
    paths: tuple[str, ...],
    region: str | None,
    pricing_mode: str | None,
    usage_file: str | None,
    config,
    approved: bool,
):
    """Plans are priced and checked; reports are read as they are (gate.reports decides what they say)."""
    from costgate.cli.options import priced_plans, pricer_for
    from costgate.errors import CostgateError
    from costgate.gate.check import run_check
    from costgate.gate.reports import gated
    from costgate.plan.files import plan_paths
    from costgate.plan.read import READ_PARTS, read_json
    from costgate.report.json_load import REPORT_HINT, is_report, report_from_dict

    plan_files: list[str] = []
    plans: dict[str, Any] = {}  # each file is parsed once: what is not a report is priced as a plan
    results = []
    for path in plan_paths(paths):
        try:
            document = read_json(path, REPORT_HINT, READ_PARTS)
        except CostgateError:
            document = None  # the plan reader reads it again and says what is wrong with it
        if is_report(document):
            results.append((str(path), report_from_dict(document, str(path))))
        else:
            plan_files.append(str(path))
            if document is not None:
                plans[str(path)] = document
    if plan_files:
        pricer = pricer_for(pricing_mode, usage_file, config)
        estimate = priced_plans(tuple(plan_files), region, pricer, config, plans)
        results.insert(0, ("", run_check(estimate, config, pricer, approved=approved)))
    return gated(results, config, approved)
