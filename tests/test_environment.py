"""The environment files agree, the lock pins everything, and no pinned version has a known advisory."""

import re

import tomllib
import yaml

from tests.conftest import ROOT


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins(lines):
    return dict(re.match(r"\s*([A-Za-z0-9_.\-\[\]]+)==(\S+)", line).groups() for line in lines)


def test_environment_yml_names_the_same_pinned_packages_as_pyproject():
    project = _pyproject()["project"]
    declared = _pins(project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda = _pins(line for line in pip_section if "==" in line)
    assert conda == declared


def test_lock_pins_every_direct_dependency_at_the_declared_version():
    lock = {
        name.lower(): v
        for name, v in _pins(
            line for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line
        ).items()
    }
    project = _pyproject()["project"]
    for name, version in _pins(project["dependencies"] + project["optional-dependencies"]["dev"]).items():
        assert lock[name.lower()] == version, name


def _version_tuple(version):
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def test_no_locked_version_below_a_security_floor():
    floors = {"nbconvert": "7.17.1"}  # CVE-2026-39378: path traversal through embed_images
    lock = _pins(line for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line)
    lock = {k.lower(): v for k, v in lock.items()}
    for package, floor in floors.items():
        assert _version_tuple(lock[package]) >= _version_tuple(floor), package


def test_committed_notebooks_have_no_outputs():
    import json

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert not any(
            c.get("outputs") or c.get("execution_count") for c in cells if c["cell_type"] == "code"
        ), path


def test_each_notebook_has_exactly_one_parameters_cell():
    import json

    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert len(paths) >= 3
    for path in paths:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, path


def test_code_and_notebooks_are_ruff_clean():
    """`make lint` as a test: the package, tests, bench and notebooks pass ruff's checks and formatting."""
    import subprocess
    import sys

    ruff = [sys.executable, "-m", "ruff"]
    folders = ["danvan", "tests", "bench", "notebooks"]
    for command in (["check", *folders], ["format", "--check", *folders]):
        done = subprocess.run([*ruff, *command], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
