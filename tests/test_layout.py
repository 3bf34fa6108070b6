"""The library's layout is a contract (setup.cfg, [importlinter]): folders are layers of the
pipeline and no modules of one folder import each other in a circle.  The contract is checked
on the real package, and on copies with a forbidden import added, to show that it can fail.
Heavy libraries (drawing, PDF, solver) load only in the commands that need them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).parent / "lint-imports"
#: Libraries that only drawings (ezdxf), the PDF (reportlab), charts and the optimizer's
#: references (numpy, scipy) or a cluster (dask) need.
HEAVY = ("dask", "ezdxf", "matplotlib", "numpy", "reportlab", "scipy")


def lint(where: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the package found in ``where`` with the project's contract."""
    env = dict(os.environ, PYTHONPATH=str(where))
    return subprocess.run([str(LINT), "--no-cache", str(ROOT / "setup.cfg")], cwd=where, env=env,
                          capture_output=True, text=True)


def copy_of(tmp_path: Path) -> Path:
    """A copy of the package in ``tmp_path``, to be changed by a test."""
    shutil.copytree(ROOT / "rumah", tmp_path / "rumah", ignore=shutil.ignore_patterns("__pycache__", "_data"))
    return tmp_path


def copy_with(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package in which ``module`` (a path under rumah/) also says ``line``."""
    target = copy_of(tmp_path) / "rumah" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return tmp_path


def test_the_package_keeps_its_layers_and_has_no_circles():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_a_cost_module_importing_documents_breaks_the_layers(tmp_path):
    result = lint(copy_with(tmp_path, "cost/pricing.py", "from rumah.documents import bill_report  # noqa"))
    assert result.returncode == 1
    assert "A folder of the pipeline imports only the folders below it BROKEN" in result.stdout
    assert "rumah.cost.pricing -> rumah.documents.bill_report" in result.stdout


def test_a_module_left_out_of_the_layers_is_refused(tmp_path):
    where = copy_of(tmp_path)
    (where / "rumah" / "register.py").write_text('"""A module no layer names."""\n', encoding="utf-8")
    result = lint(where)
    assert result.returncode == 1
    assert "A folder of the pipeline imports only the folders below it BROKEN" in result.stdout
    assert "- rumah.register" in result.stdout


def test_two_modules_importing_each_other_break_the_no_circle_rule(tmp_path):
    result = lint(copy_with(tmp_path, "documents/quote.py", "from rumah.documents import quote_pdf  # noqa"))
    assert result.returncode == 1
    assert "No two modules of one folder import each other, even through others BROKEN" in result.stdout


def test_the_library_importing_the_command_line_is_refused(tmp_path):
    result = lint(copy_with(tmp_path, "plan/planner.py", "import cli  # noqa"))
    assert result.returncode == 1
    assert "The library never imports the command line built on it BROKEN" in result.stdout


@pytest.mark.parametrize("command", [["estimate", "inti-6m", "--region", "kendal", "--format", "json"],
                                     ["plan", str(ROOT / "examples" / "madiun-pabrik.yaml"), "--format", "json"]])
def test_estimate_and_plan_load_no_heavy_library(command):
    code = ("import sys, cli\n"
            f"cli.main({command!r}, standalone_mode=False)\n"
            f"print('loaded:', sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["template"]
    assert result.stderr.splitlines()[-1] == "loaded: []"
