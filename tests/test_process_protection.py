"""A crash or a signal never leaves the passwords on disk, and Ctrl-C is one line.

With the core limit unlimited, Ctrl-\\ during rating used to leave a 107 MB core holding the
vault's passwords about twelve thousand times; Ctrl-C printed a traceback per rating worker.
These run the real program on a real-sized vault and signal it while it rates.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .realistic_vault import vault_csv

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="signals, core files and prctl as on Linux"
)


def _core_pattern_is_local() -> bool:
    try:
        return Path("/proc/sys/kernel/core_pattern").read_text().strip().startswith("core")
    except OSError:
        return False


def _start(tmp_path: Path) -> subprocess.Popen[bytes]:
    vault = tmp_path / "bitwarden_export.csv"
    vault.write_bytes(vault_csv(3000))

    def unlimited_cores() -> None:
        hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))

    env = {**os.environ, "PYTHONFAULTHANDLER": ""}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hygiene_audit",
            "run",
            "--offline",
            "--no-input",
            "--only",
            "HA-P",
            "-f",
            "json",
            "--passwords",
            str(vault),
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=unlimited_cores,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # the thread ended meanwhile
        return ""


def _wait_until_rating(tmp_path: Path, process: subprocess.Popen[bytes]) -> None:
    """Until the rating workers are forked (the process has children), at most 20 s."""
    ends = time.monotonic() + 20
    while time.monotonic() < ends and process.poll() is None:
        tasks = Path(f"/proc/{process.pid}/task").glob("*/children")  # forked by any thread
        if any(_read(children).split() for children in tasks):
            time.sleep(0.3)
            return
        time.sleep(0.05)
    pytest.fail("the audit never started rating")


@pytest.mark.skipif(not _core_pattern_is_local(), reason="cores are not written to the cwd")
def test_a_quit_signal_during_rating_leaves_no_core_file(tmp_path: Path) -> None:
    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0:
        pytest.skip("this machine forbids core files already")
    process = _start(tmp_path)
    _wait_until_rating(tmp_path, process)
    os.killpg(process.pid, signal.SIGQUIT)  # Ctrl-\ at a terminal: the whole group
    process.communicate(timeout=60)
    assert process.returncode != 0
    cores = [p.name for p in tmp_path.iterdir() if p.name.startswith("core")]
    assert cores == [], f"core files written: {cores}"


def test_ctrl_c_during_rating_is_one_line_and_exit_130(tmp_path: Path) -> None:
    process = _start(tmp_path)
    _wait_until_rating(tmp_path, process)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C at a terminal: the whole group
    out, err = process.communicate(timeout=60)
    text = err.decode()
    assert process.returncode == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert len(text.strip().splitlines()) <= 2, text
    assert out == b""  # no half report


def test_the_program_and_its_workers_are_not_dumpable() -> None:
    probe = (
        "import sys, resource\n"
        "sys.argv = ['hygiene-audit', '--version']\n"
        "from hygiene_audit.cli.launch import main\n"
        "main()\n"
        "from hygiene_audit.safety.process import dumpable, start_worker\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE), dumpable())\n"
        "import multiprocessing, signal\n"
        "def look(_):\n"
        "    return dumpable(), signal.getsignal(signal.SIGINT) == signal.SIG_IGN\n"
        "with multiprocessing.get_context('fork').Pool(1, initializer=start_worker) as pool:\n"
        "    print(pool.map(look, [0]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    lines = result.stdout.splitlines()
    assert lines[1] == "(0, 0) False"
    assert lines[2] == "[(False, True)]"
