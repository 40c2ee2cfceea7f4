"""Which plan files a run reads, and what each project is called."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError
from costgate.model import ProjectPlan
from costgate.plan.read import plan_document, read_document
from costgate.plan.regions import RegionHook
from costgate.plan.terraform import read_plan


def plan_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; a directory stands for the JSON files in it and its subdirectories (sorted).

    Hidden directories (.terraform, .git) are skipped: they hold provider caches, never plans.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*.json")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1])
            )
            if not inside:
                raise CostgateError(f"{path}: no .json plan files in this directory or below it")
            found.extend(inside)
        else:
            found.append(path)
    if not found:
        raise CostgateError(
            "no plan given: pass a plan JSON file (terraform show -json plan.out > plan.json)"
        )
    return found


def load_projects(
    paths: tuple[str, ...],
    default_region: str | None,
    region_hooks: Mapping[str, RegionHook],
    assume_default_region: bool = True,
    documents: Mapping[str, Any] | None = None,
) -> list[ProjectPlan]:
    """Read every plan of a run; `region_hooks` (the registry's) find regions in type-specific attributes.

    `documents` holds plans already parsed by read_json, by path (`comment github` reads each file
    once to tell reports from plans); the others are read here.
    """
    files = plan_paths(paths)
    names = project_names(files)
    documents = documents or {}
    projects = []
    for path, name in zip(files, names):
        parsed = documents.get(str(path))
        plan = read_plan(
            read_document(path) if parsed is None else plan_document(parsed, str(path)),
            str(path),
            default_region,
            project=name if len(files) > 1 else "",
            region_hooks=region_hooks,
            assume_default_region=assume_default_region,
        )
        projects.append(ProjectPlan(name, str(path), plan))
    return projects


def project_names(files: list[Path]) -> list[str]:
    """The file stem, or the directory when plans share a file name (infra/api/plan.json -> infra/api)."""
    stems = [path.stem for path in files]
    if len(set(stems)) == len(stems):
        return stems
    return [str(path.parent) if stems.count(path.stem) > 1 else path.stem for path in files]
