"""A built wheel holds the whole library and, installed in a fresh virtual environment, estimates
from any folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("install")
    # Built from a copy without build/: setuptools reuses build/lib, so a wheel built in the
    # checkout could carry modules that have since moved or were never listed in setup.cfg.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".*cache*", ".hypothesis", ".venv*"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(work / "dist")],
                   check=True, capture_output=True)
    wheel = next((work / "dist").glob("rumah-*.whl"))
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    return work, work / "venv" / "bin" / "rumah"


def test_wheel_runs_estimate_from_another_folder(installed):
    work, rumah = installed
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([str(rumah), "estimate", "deret-4m5", "--region", "kendal", "--format", "json"],
                            capture_output=True, text=True, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["template"] == "deret-4m5" and data["total_idr"] > 0
    where = subprocess.run([str(work / "venv" / "bin" / "python"), "-c", "import rumah; print(rumah.__file__)"],
                           capture_output=True, text=True, cwd=elsewhere).stdout
    assert str(work / "venv") in where, "the installed copy, not the source tree, answered"
    listed = subprocess.run([str(rumah), "prices", "list"], capture_output=True, text=True, cwd=elsewhere)
    assert "kendal" in listed.stdout


def test_wheel_carries_the_compiled_translations(installed):
    work, rumah = installed
    env = {"PATH": "/usr/bin:/bin", "LANG": "id_ID.UTF-8"}
    result = subprocess.run([str(rumah), "plan"], capture_output=True, text=True, cwd=work, env=env)
    assert result.returncode == 2
    assert "Penggunaan:" in result.stderr and "Kesalahan:" in result.stderr


def test_wheel_holds_every_module_of_the_source_tree(installed):
    # setup.cfg lists the packages one by one: a new folder left out of the list works in a
    # source checkout and is missing from every installed copy.
    work, _ = installed
    wheel = next((work / "dist").glob("rumah-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        packed = {name for name in archive.namelist() if name.endswith(".py")}
    source = {path.relative_to(ROOT).as_posix() for path in (ROOT / "rumah").rglob("*.py")} | {"cli.py"}
    missing = sorted(source - packed)
    assert not missing, f"not in the wheel (is the package in setup.cfg's list?): {missing}"
