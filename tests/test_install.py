"""A built wheel, installed in a fresh virtual environment, estimates from any folder."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(work / "dist")],
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
