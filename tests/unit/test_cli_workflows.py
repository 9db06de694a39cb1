"""The GitHub Actions workflows: valid YAML, and they run the commands this repository has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lilith.cli import app
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True; GitHub reads it as "on".
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z0-9_./-]+):", text, re.MULTILINE)) | {".venv/.installed-run"}


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_every_workflow_is_valid_yaml_with_jobs_that_run_somewhere(path):
    data = load(path.name)
    assert data["name"] and data["on"] and data["jobs"]
    for job in data["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        assert steps(job), "a job without steps"
        for step in steps(job):
            assert ("run" in step) != ("uses" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step["uses"]
        for target in re.findall(r"\bmake ([\w./-]+)", runs(job)):
            assert target in make_targets(), f"{path.name} runs 'make {target}', which the Makefile lacks"


def test_every_push_and_pull_request_runs_make_test():
    site = load("site.yml")
    assert "push" in site["on"] and "pull_request" in site["on"]
    test = site["jobs"]["test"]
    assert "if" not in test
    assert re.search(r"^make test$", runs(test), re.MULTILINE)
    assert "python -m lilith check --format github" in runs(test)


def test_main_builds_and_deploys_to_github_pages_after_the_tests():
    jobs = load("site.yml")["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["needs"] == "test"
    assert "refs/heads/main" in build["if"] and "push" in build["if"]
    assert "make build" in runs(build)
    assert "actions/upload-pages-artifact" in uses(build)
    upload = next(s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] == "build"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_external_links_are_checked_weekly_without_blocking():
    links = load("links.yml")
    (schedule,) = links["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert minute.isdigit() and hour.isdigit(), "once a week, at a fixed time"
    assert (day, month) == ("*", "*") and weekday.isdigit()
    (job,) = links["jobs"].values()
    assert job["continue-on-error"] is True
    check = next(s for s in steps(job) if "lilith links" in s.get("run", ""))
    assert check["continue-on-error"] is True
    assert "--format github" in check["run"] and "--external" in check["run"]
    assert "make build" in runs(job)


def test_the_commands_the_workflows_run_accept_their_options():
    """Every `python -m lilith …` line in a workflow parses (its --help works with those options)."""
    runner = CliRunner()
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in re.findall(r"python -m lilith ([^\n]+)", path.read_text(encoding="utf-8")):
            args = line.split()
            command, options = args[0], [a for a in args[1:] if a.startswith("--")]
            help_text = runner.invoke(app, [command, "--help"]).output
            for option in options:
                assert option in help_text, f"{path.name}: '{command}' has no option {option}"
