"""Files and folders other people can write (issue 26 §6): code and settings another user
could have planted are refused, files others can read are said, with the command that fixes
each. POSIX permissions: on Windows these checks are skipped (safety/permissions.py says why).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hygiene_audit.core.settings import default_checks_dir

from .cli_helpers import invoke
from .plugins import write_check

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
AS_ROOT = os.name == "posix" and os.getuid() == 0
NOBODY = 65534


def plant(directory: Path, marker: Path) -> Path:
    """A drop-in check that leaves ``marker`` behind as soon as it is imported."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    write_check(
        directory,
        "T-PLANT",
        "return CheckResult.of([])",
        inputs="Input.PROFILE",
        imports=f"open({str(marker)!r}, 'w').write('imported')",
    )
    directory.chmod(0o755)
    script = directory / "t_plant.py"
    script.chmod(0o644)
    return script


def run_report(*args: str) -> tuple[dict[str, dict[str, str]], str]:
    result = invoke("run", "--offline", "--no-input", "-f", "json", *args)
    report = json.loads(result.stdout)
    return {c["id"]: c for c in report["checks"]}, result.stderr


@pytest.mark.parametrize("culprit", ["checks folder", "config folder", "file"])
def test_a_check_in_the_config_folder_that_others_could_write_is_not_even_imported(
    tmp_path: Path, culprit: str
) -> None:
    marker = tmp_path / "imported"
    script = plant(default_checks_dir(), marker)
    path = {"checks folder": script.parent, "config folder": script.parent.parent}.get(
        culprit, script
    )
    path.chmod(0o666 if culprit == "file" else 0o777)
    rows, stderr = run_report()
    assert not marker.exists()
    fix = f"fix that with: chmod go-w {path}"
    assert f"{path} can be written by other users" in stderr and fix in stderr
    assert rows["t_plant"]["status"] == "error" and fix in rows["t_plant"]["reason"]
    assert "T-PLANT" not in rows
    path.chmod(0o644 if culprit == "file" else 0o755)  # what the message says, then it loads
    rows, stderr = run_report()
    assert marker.exists() and "T-PLANT" in rows and "loaded drop-in check T-PLANT" in stderr


def test_a_checks_dir_below_a_group_writable_folder_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o775)
    script = plant(shared / "mine" / "checks", tmp_path / "imported")
    (shared / "mine").chmod(0o755)
    rows, _stderr = run_report("--checks-dir", str(script.parent))
    assert f"fix that with: chmod go-w {shared}" in rows["t_plant"]["reason"]
    assert not (tmp_path / "imported").exists()


def test_a_sticky_folder_like_tmp_above_your_own_is_fine(tmp_path: Path) -> None:
    """Others may add entries to /tmp (1777), not replace yours: only yours are loaded."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    script = plant(shared / "mine", tmp_path / "imported")
    rows, _stderr = run_report("--checks-dir", str(script.parent))
    assert "T-PLANT" in rows and (tmp_path / "imported").exists()


@pytest.mark.skipif(not AS_ROOT, reason="giving a file to another user needs root")
@pytest.mark.parametrize("culprit", ["folder", "file"])
def test_a_check_owned_by_another_user_is_refused(tmp_path: Path, culprit: str) -> None:
    marker = tmp_path / "imported"
    script = plant(tmp_path / "plugins", marker)
    path = script.parent if culprit == "folder" else script
    os.chown(path, NOBODY, NOBODY)
    rows, stderr = run_report("--checks-dir", str(script.parent))
    assert "belongs to another user" in rows["t_plant"]["reason"]
    assert f"fix that with: chown root {path}" in stderr
    assert not marker.exists()


def test_a_symlinked_check_is_judged_where_it_leads(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    script = plant(elsewhere, tmp_path / "imported")
    elsewhere.chmod(0o777)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "t_plant.py").symlink_to(script)
    rows, _stderr = run_report("--checks-dir", str(mine))
    assert f"chmod go-w {elsewhere}" in rows["t_plant"]["reason"]
