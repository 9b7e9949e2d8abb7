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


# ------------------------------------------------------------------ settings and profile


def write_private_text(path: Path, text: str, mode: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


CONFIG_WITH_KEY = 'hibp_api_key = "0123456789abcdef0123456789abcdef"\nonly = ["HA-U"]\n'


@pytest.mark.parametrize("culprit", ["file", "folder"])
def test_a_config_others_could_write_is_refused(tmp_path: Path, culprit: str) -> None:
    """Another user could have pointed the endpoints (and your HIBP key) at their server."""
    config = write_private_text(tmp_path / "cfg" / "config.toml", CONFIG_WITH_KEY, 0o600)
    path = config if culprit == "file" else config.parent
    path.chmod(0o666 if culprit == "file" else 0o777)
    result = invoke("run", "--offline", "--no-input", "-f", "json", "--config", str(config))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{path} can be written by other users" in result.stderr
    assert f"fix that with: chmod go-w {path}" in result.stderr
    assert "0123456789abcdef" not in result.stderr


def test_an_empty_config_others_could_write_changes_nothing_and_is_only_said(
    tmp_path: Path,
) -> None:
    config = write_private_text(tmp_path / "config.toml", "# nothing yet\n", 0o666)
    result = invoke(
        "run", "--offline", "--no-input", "-f", "json", "--only", "HA-U", "--config", str(config)
    )
    assert result.exit_code != 2, result.stderr
    assert f"chmod 600 {config}" in result.stderr


@pytest.mark.parametrize("which", ["config", "profile", "default profile"])
def test_a_file_others_can_read_is_said_with_the_fix_and_never_asked_without_a_terminal(
    tmp_path: Path, which: str
) -> None:
    from hygiene_audit.core.settings import default_profile_file

    if which == "config":
        path = write_private_text(tmp_path / "config.toml", 'only = ["HA-U"]\n', 0o644)
        args = ["--config", str(path)]
    else:
        target = default_profile_file() if which == "default profile" else tmp_path / "p.toml"
        path = write_private_text(target, 'real_name = "Ana López"\n', 0o644)
        args = ["--only", "HA-U"] + ([] if which == "default profile" else ["--profile", str(path)])
    result = invoke("run", "--offline", "-f", "json", "--user", "AnaL", *args)
    assert f"other users can read {path}" in result.stderr
    assert f"make it readable by you only with: chmod 600 {path}" in result.stderr
    assert "[y/N]" not in result.stderr  # standard input is no terminal here: nothing asked
    assert (path.stat().st_mode & 0o777) == 0o644
    assert json.loads(result.stdout)["checks"]


def at_a_terminal(args: list[str], typed: bytes) -> tuple[int, str]:
    """The CLI with a pseudo-terminal as standard input, ``typed`` already typed there."""
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    try:
        os.write(leader, typed)
        env = {k: v for k, v in os.environ.items() if not k.startswith("HYGIENE_AUDIT_")}
        done = subprocess.run(
            [sys.executable, "-m", "hygiene_audit", *args],
            stdin=follower,
            capture_output=True,
            timeout=90,
            env=env,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    return done.returncode, done.stderr.decode()


@pytest.mark.parametrize(("typed", "mode"), [(b"y\n", 0o600), (b"\n", 0o644)])
def test_at_a_terminal_the_fix_is_offered_and_no_is_the_default(
    tmp_path: Path, typed: bytes, mode: int
) -> None:
    profile = write_private_text(tmp_path / "p.toml", 'real_name = "Ana López"\n', 0o644)
    args = ["run", "--offline", "-f", "json", "--only", "HA-U", "--user", "AnaL"]
    code, stderr = at_a_terminal([*args, "--profile", str(profile)], typed)
    assert f"Make {profile} readable by you only (chmod 600) now? [y/N]" in stderr, stderr
    assert (profile.stat().st_mode & 0o777) == mode
    assert code != 2, stderr


def test_no_input_never_asks_even_at_a_terminal(tmp_path: Path) -> None:
    profile = write_private_text(tmp_path / "p.toml", 'real_name = "Ana López"\n', 0o644)
    args = ["run", "--offline", "--no-input", "-f", "json", "--only", "HA-U", "--user", "AnaL"]
    _code, stderr = at_a_terminal([*args, "--profile", str(profile)], b"y\n")
    assert f"chmod 600 {profile}" in stderr and "[y/N]" not in stderr
    assert (profile.stat().st_mode & 0o777) == 0o644
