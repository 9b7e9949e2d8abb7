"""Files, pipes and databases someone else shaped: bounded, refused in one line, never a hang.

Each test here failed on the code before the hardening step (a followed symlink, a FIFO that
blocked forever, ``/dev/zero`` read until MemoryError, a KDF that ran for hours, a photo that
lost the whole check, a disorder that read as "not breached").
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from hygiene_audit.cli.commands import app
from hygiene_audit.hibp.interface import PwnedSourceError
from hygiene_audit.hibp.offline_file import SortedFileSource
from hygiene_audit.vault.entries import ImportError_
from hygiene_audit.vault.importers.kdbx import read_kdbx

from .cli_helpers import runner
from .hibp_helpers import breached_corpus, sha1, write_sorted_file
from .vaults import vault_csv, write_vault

REPO = Path(__file__).resolve().parent.parent


def cli(
    *args: str, stdin: bytes | None = None, shell: str | None = None, timeout: float = 90
) -> subprocess.CompletedProcess[bytes]:
    """The installed CLI in its own process: a hang is a test failure, not a stuck run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYGIENE_AUDIT_")}
    if shell is not None:
        return subprocess.run(
            ["bash", "-c", shell], capture_output=True, timeout=timeout, env=env, check=False
        )
    return subprocess.run(
        [sys.executable, "-m", "hygiene_audit", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def rows(stdout: bytes) -> dict[str, dict[str, object]]:
    return {c["id"]: c for c in json.loads(stdout)["checks"]}


# ------------------------------------------------------------------ writing the report


def test_output_refuses_a_planted_symlink_and_leaves_its_target(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    target.chmod(0o644)
    link = tmp_path / "report.html"
    link.symlink_to(target)
    result = runner.invoke(app, ["demo", "-f", "html", "-o", str(link)])
    assert result.exit_code == 2
    assert "symbolic link" in result.stderr
    assert target.read_text() == "keep me" and (target.stat().st_mode & 0o777) == 0o644


def test_output_refuses_a_fifo_and_replaces_a_regular_file_privately(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert runner.invoke(app, ["demo", "-f", "json", "-o", str(fifo)]).exit_code == 2
    existing = tmp_path / "r.json"
    existing.write_text("old")
    existing.chmod(0o644)
    result = runner.invoke(app, ["demo", "-f", "json", "-o", str(existing)])
    assert result.exit_code == 0
    assert (existing.stat().st_mode & 0o777) == 0o600
    assert json.loads(existing.read_text())["tool"]["name"] == "hygiene-audit"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".hygiene-audit-")]


# ------------------------------------------------------------------ reading inputs


def test_a_fifo_nobody_writes_to_does_not_hang(tmp_path: Path) -> None:
    """The read deadline (30 s in a real run) is injected: the same path, in a second."""
    from hygiene_audit.cli.prompts import TerminalPrompts
    from hygiene_audit.core.engine import RunEnvironment, run_audit
    from hygiene_audit.core.gather import gather_inputs
    from hygiene_audit.core.registry import load_checks
    from hygiene_audit.core.settings import Settings
    from hygiene_audit.safety.secrets import Scrubber

    fifo = tmp_path / "vault.csv"
    os.mkfifo(fifo)
    settings = Settings(offline=True, only=("HA-P",), passwords=(str(fifo),), no_input=True)
    started = time.monotonic()
    inputs = gather_inputs(
        settings, scrubber=Scrubber(), prompts=TerminalPrompts(), read_deadline=1.0
    )
    report = run_audit(settings, load_checks([], builtin_only=True), inputs, RunEnvironment())
    assert time.monotonic() - started < 15
    (outcome,) = (o for o in report.checks if o.id == "HA-P")
    assert outcome.status == "error"
    assert "no end of data" in str(outcome.reason)


def test_process_substitution_works(tmp_path: Path) -> None:
    vault = write_vault(tmp_path, "bitwarden")
    done = cli(
        shell=f"{sys.executable} -m hygiene_audit run --offline --only HA-P -f json "
        f"--passwords <(cat {vault})"
    )
    row = rows(done.stdout)["HA-P"]
    assert row["status"] == "findings", done.stderr


@pytest.mark.parametrize("option", ["--passwords", "--userpage-file"])
def test_dev_zero_is_refused_by_what_is_read_not_by_stat(option: str) -> None:
    check = "HA-P" if option == "--passwords" else "HA-W"
    done = cli("run", "--offline", "--only", check, "-f", "json", option, "/dev/zero")
    row = rows(done.stdout)[check]
    assert row["status"] == "error"
    assert "MB" in str(row["reason"])


def test_an_endless_stdin_is_bounded() -> None:
    done = cli(
        shell=f"yes 'a,b,c,d' | {sys.executable} -m hygiene_audit run --offline "
        "--only HA-P -f json --passwords -"
    )
    row = rows(done.stdout)["HA-P"]
    assert row["status"] == "error" and "MB" in str(row["reason"])


# ------------------------------------------------------------------ KeePass KDF bounds


def _kdbx_with(tmp_path: Path, key: bytes, value: int) -> bytes:
    from pykeepass import create_database

    path = tmp_path / "v.kdbx"
    db = create_database(str(path), password="pw")
    db.add_entry(db.root_group, "site", "ana", "Secret-1")
    db.save()
    data = bytearray(path.read_bytes())
    marker = b"\x05" + struct.pack("<i", len(key)) + key + struct.pack("<i", 8)
    at = data.index(marker) + len(marker)
    data[at : at + 8] = struct.pack("<Q", value)
    return bytes(data)


@pytest.mark.parametrize(("key", "value"), [(b"M", 1 << 40), (b"I", 2**32 - 1)])
def test_absurd_key_derivation_is_refused_before_any_work(
    tmp_path: Path, key: bytes, value: int
) -> None:
    from pydantic import SecretStr

    data = _kdbx_with(tmp_path, key, value)
    started = time.monotonic()
    with pytest.raises(ImportError_, match="refused before deriving any key"):
        read_kdbx(data, "v.kdbx", SecretStr("pw"), None)
    assert time.monotonic() - started < 5


# ------------------------------------------------------------------ photos


def test_a_decompression_bomb_is_one_line_and_the_other_photos_stand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    small = Image.new("RGB", (4, 4))
    exif = small.getexif()
    exif[0x013B] = "Ana Lopez"  # Artist: the owner's name
    small.save(photos / "a-small.jpg", exif=exif)
    Image.new("RGB", (64, 64)).save(photos / "b-bomb.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # 64×64 is then a "bomb"
    result = runner.invoke(
        app, ["run", "--offline", "--only", "HA-W", "-f", "json", "--photos", str(photos)]
    )
    report = json.loads(result.stdout)
    assert {f["id"] for f in report["findings"]} >= {"HA-W014"}
    assert "decompression bomb" in json.dumps(report)


# ------------------------------------------------------------------ the offline breach file


def test_a_disorder_met_by_the_search_is_an_error_never_a_miss(tmp_path: Path) -> None:
    corpus = breached_corpus({"Summer2023!": 1234}, extra=40_000)
    path = write_sorted_file(tmp_path / "pwned.txt", corpus, newline="\n")
    lines = path.read_bytes().split(b"\n")
    target = sha1("Summer2023!").encode()
    at = next(i for i, ln in enumerate(lines) if ln.startswith(target))
    lines[at], lines[at + 1] = lines[at + 1], lines[at]  # one line out of order
    path.write_bytes(b"\n".join(lines))
    source = SortedFileSource(path)  # the sampled check at load cannot see it
    with pytest.raises(PwnedSourceError, match="not sorted"):
        source.count(sha1("Summer2023!"))
    source.close()


def test_vault_readers_still_accept_a_real_export_from_stdin() -> None:
    result = runner.invoke(
        app,
        ["run", "--offline", "--only", "HA-P", "-f", "json", "--passwords", "-"],
        input=vault_csv("chrome"),
    )
    assert {c["id"]: c for c in json.loads(result.stdout)["checks"]}["HA-P"]["status"] == "findings"


# ------------------------------------------------------------------ configuration and profile


def _one_line_exit_2(done: subprocess.CompletedProcess[bytes]) -> str:
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr and "MemoryError" not in stderr
    assert done.stdout == b""
    return stderr


@pytest.mark.parametrize("option", ["--config", "--profile"])
@pytest.mark.parametrize("source", ["/dev/zero", "sparse"])
def test_config_and_profile_reads_are_bounded(tmp_path: Path, option: str, source: str) -> None:
    """``--config /dev/zero`` was read until MemoryError, a 1 GB file into memory whole.
    (``ulimit -v``: on a regression the test fails instead of eating the machine's memory.)"""
    if source == "sparse":
        path = tmp_path / "huge.toml"
        with path.open("wb") as handle:
            handle.truncate(1024**3)  # 1 GB of NUL, no disk used
        path.chmod(0o600)
        source = str(path)
    done = cli(
        shell=f"ulimit -v 3000000; {sys.executable} -m hygiene_audit run --offline --no-input "
        f"-f json {option} {source}"
    )
    stderr = _one_line_exit_2(done)
    assert "more than 1 MB" in stderr and source in stderr


def test_a_fifo_nobody_writes_to_as_profile_or_config_does_not_hang(tmp_path: Path) -> None:
    """The read deadline (30 s in a real run) is injected: the same path, in a second."""
    from hygiene_audit.cli.prompts import TerminalPrompts
    from hygiene_audit.core.errors import ConfigError, InputFileError
    from hygiene_audit.core.gather import gather_inputs
    from hygiene_audit.core.settings import Settings, load_settings
    from hygiene_audit.safety.secrets import Scrubber

    fifo = tmp_path / "profile.toml"
    os.mkfifo(fifo)
    settings = Settings(offline=True, profile=fifo, no_input=True)
    with pytest.raises(InputFileError, match="no end of data within 1 s"):
        gather_inputs(settings, scrubber=Scrubber(), prompts=TerminalPrompts(), read_deadline=1.0)
    with pytest.raises(ConfigError, match="no end of data within 1 s"):
        load_settings({}, env={}, config_file=fifo, read_deadline=1.0)


def test_a_config_from_a_pipe_is_read_once(tmp_path: Path) -> None:
    """Process substitution: the file was read twice (checked, then parsed), and a pipe has
    nothing left the second time."""
    done = cli(
        shell=f"{sys.executable} -m hygiene_audit run --offline --no-input -f json "
        "--config <(printf 'only = [\"HA-U\"]\\n') --user Ana"
    )
    assert list(rows(done.stdout)) == ["HA-U"], done.stderr
