"""Discovery, contract validation and isolation: one bad plugin never loses the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hygiene_audit.core.engine import RunEnvironment, run_audit
from hygiene_audit.core.errors import PluginError
from hygiene_audit.core.inputs import AuditInputs
from hygiene_audit.core.models import Status
from hygiene_audit.core.registry import load_checks, validate_check
from hygiene_audit.core.settings import Settings
from hygiene_audit.plugin import Category, Check, CheckContext, CheckResult

from .conftest import REPO

BROKEN = Path(__file__).parent / "data" / "plugins" / "broken"


def test_builtin_checks_come_from_the_entry_point_group() -> None:
    registry = load_checks()
    assert "HA-P" in registry.checks
    assert registry.checks["HA-P"].origin == "built-in"
    assert registry.checks["HA-P"].builtin


def test_drop_in_directory_is_loaded_and_its_origin_named() -> None:
    registry = load_checks([REPO / "checks"], entry_point_checks=False)
    loaded = registry.checks["LOCAL-EXPORTS"]
    assert loaded.origin.endswith("leftover_exports.py")
    assert not registry.rejected


def test_broken_plugins_are_rejected_loudly_with_name_and_reason() -> None:
    registry = load_checks([BROKEN], entry_point_checks=False)
    reasons = {r.name: r.reason for r in registry.rejected}
    assert "import_error" in reasons and "cannot even be imported" in reasons["import_error"]
    assert "NoCatalogue" in reasons and "codes" in reasons["NoCatalogue"]


@pytest.mark.parametrize(
    ("attrs", "problem"),
    [
        ({"id": "lower-case"}, "PREFIX-NAME"),
        ({"title": "  "}, "title"),
        ({"category": "nonsense"}, "category"),
        ({"inputs": frozenset({"telepathy"})}, "inputs"),
    ],
)
def test_contract_violations_name_the_attribute(attrs: dict[str, Any], problem: str) -> None:
    from hygiene_audit.plugin import FindingSpec, Severity, catalogue

    base = {
        "id": "T-OK",
        "title": "t",
        "category": Category.OTHER,
        "codes": catalogue(
            FindingSpec(code="T-OK001", severity=Severity.LOW, title="x", remediation=("y",))
        ),
        "run": lambda self, ctx: CheckResult.of([]),
    }
    cls = type("Candidate", (Check,), {**base, **attrs})
    with pytest.raises(PluginError, match=problem):
        validate_check(cls)


def test_a_non_check_object_is_rejected() -> None:
    with pytest.raises(PluginError, match="not a subclass"):
        validate_check(object)


def test_every_misbehaviour_becomes_one_error_row_and_the_rest_still_runs() -> None:
    registry = load_checks([BROKEN], entry_point_checks=False)
    report = run_audit(Settings(offline=False), registry, AuditInputs(), RunEnvironment())
    rows = {c.id: c for c in report.checks}
    assert rows["T-FINE"].status is Status.FINDINGS
    assert [f.id for f in report.findings] == ["T-FINE001"]
    assert rows["T-CRASH"].status is Status.ERROR
    assert rows["T-CRASH"].reason == "crashed: RuntimeError: boom"
    assert "time budget" in (rows["T-SLOW"].reason or "")
    assert "not in the catalogue" in (rows["T-FOREIGN"].reason or "")
    assert "without declaring it" in (rows["T-SNOOP"].reason or "")
    assert "did not declare that host" in (rows["T-PHONE"].reason or "")
    assert rows["import_error"].status is Status.ERROR
    assert rows["NoCatalogue"].status is Status.ERROR
    assert report.assessed_checks == 1


def test_only_and_skip_select_checks_and_unknown_names_are_an_error() -> None:
    from hygiene_audit.core.errors import ConfigError

    registry = load_checks([BROKEN], entry_point_checks=False)
    report = run_audit(Settings(only=("T-FINE",)), registry, AuditInputs())
    assert [c.id for c in report.checks if c.id.startswith("T-")] == ["T-FINE"]
    report = run_audit(Settings(skip=("T-SLOW", "T-CRASH")), registry, AuditInputs())
    assert {"T-SLOW", "T-CRASH"}.isdisjoint(c.id for c in report.checks)
    with pytest.raises(ConfigError, match="Unknown check 'T-NOPE'"):
        run_audit(Settings(only=("T-NOPE",)), registry, AuditInputs())


def test_ignored_finding_ids_are_dropped() -> None:
    registry = load_checks([BROKEN], entry_point_checks=False)
    report = run_audit(Settings(only=("T-FINE",), ignore=("T-FINE001",)), registry, AuditInputs())
    assert report.findings == ()


def test_a_check_gets_only_its_declared_inputs_and_endpoints() -> None:
    from hygiene_audit.plugin import (
        Endpoint,
        FindingSpec,
        Input,
        Severity,
        UndeclaredError,
        catalogue,
    )

    seen: dict[str, object] = {}

    class Probe(Check):
        id = "T-PROBE"
        title = "probe"
        category = Category.OTHER
        inputs = frozenset({Input.WIKI_USERNAME})
        endpoints = frozenset({Endpoint.WIKI})
        codes = catalogue(
            FindingSpec(code="T-PROBE001", severity=Severity.LOW, title="x", remediation=("y",))
        )

        def run(self, ctx: CheckContext) -> CheckResult:
            seen["user"] = ctx.inputs.wiki_username
            seen["wiki"] = ctx.endpoint(Endpoint.WIKI)
            with pytest.raises(UndeclaredError):
                ctx.endpoint(Endpoint.HIBP)
            with pytest.raises(UndeclaredError):
                _ = ctx.inputs.profile
            return CheckResult.of([])

    from hygiene_audit.core.registry import Registry

    registry = Registry()
    registry.add(Probe, "test", "Probe")
    report = run_audit(
        Settings(wiki="de.wikipedia.org"), registry, AuditInputs(wiki_username="Ana")
    )
    assert report.checks[0].status is Status.PASSED, report.checks[0].reason
    assert seen == {"user": "Ana", "wiki": "https://de.wikipedia.org/w/api.php"}


def test_a_package_on_the_unversioned_group_is_rejected_by_name_and_one_on_v1_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed third-party package (a real .dist-info on the path) written for the
    contract before it had a version is listed as rejected, saying where it must register;
    it is never silently ignored. The same package's v1 entry point loads."""
    from hygiene_audit.plugin import CHECK_GROUP, UNVERSIONED_CHECK_GROUP

    (tmp_path / "thirdparty_checks.py").write_text(
        "from hygiene_audit.plugin import Category, Check, CheckResult, FindingSpec, Severity\n"
        "from hygiene_audit.plugin import catalogue\n"
        "class Fresh(Check):\n"
        "    id = 'TP-FRESH'\n"
        "    title = 'A check written for v1'\n"
        "    category = Category.OTHER\n"
        "    codes = catalogue(FindingSpec(code='TP-FRESH001', severity=Severity.LOW,\n"
        "                                  title='x', remediation=('y',)))\n"
        "    def run(self, ctx):\n"
        "        return CheckResult.of([])\n",
        encoding="utf-8",
    )
    info = tmp_path / "thirdparty_checks-2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: thirdparty-checks\nVersion: 2.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{UNVERSIONED_CHECK_GROUP}]\nstale = thirdparty_checks:Fresh\n\n"
        f"[{CHECK_GROUP}]\nfresh = thirdparty_checks:Fresh\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = load_checks()
    assert "TP-FRESH" in registry.checks, registry.rejected
    assert "thirdparty-checks 2.0" in registry.checks["TP-FRESH"].origin
    [stale] = [r for r in registry.rejected if r.name == "stale"]
    assert "thirdparty-checks 2.0" in stale.origin
    assert UNVERSIONED_CHECK_GROUP in stale.reason and CHECK_GROUP in stale.reason
    assert all(r.name != "stale" for r in load_checks(builtin_only=True).rejected)


def test_a_format_on_the_unversioned_group_is_named_with_the_group_to_move_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-f NAME of a format registered only under the group without a contract version used to
    say "Unknown format", as if nothing were installed."""
    from typer.testing import CliRunner

    from hygiene_audit.cli.commands import app
    from hygiene_audit.plugin import FORMAT_GROUP, UNVERSIONED_FORMAT_GROUP

    (tmp_path / "thirdparty_format.py").write_text(
        "def render(report, options=None):\n    return 'x'\n", encoding="utf-8"
    )
    info = tmp_path / "thirdparty_format-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: thirdparty-format\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{UNVERSIONED_FORMAT_GROUP}]\nsheet = thirdparty_format:render\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    result = CliRunner().invoke(app, ["run", "--offline", "--no-input", "-f", "sheet"])
    assert result.exit_code == 2
    assert UNVERSIONED_FORMAT_GROUP in result.stderr and FORMAT_GROUP in result.stderr
    assert "thirdparty-format 1.0" in result.stderr


def test_a_check_gives_run_notes_through_the_contract_and_each_is_said_once() -> None:
    """The plaintext-export reminder used to be written by the engine itself, which knew about
    vault exports: a third-party check had no way to put a note at the top of the report."""
    from hygiene_audit.core.registry import Registry
    from hygiene_audit.plugin import FindingSpec, Severity, catalogue

    def noting(check_id: str) -> type[Check]:
        class Noting(Check):
            id = check_id
            title = check_id
            category = Category.OTHER
            codes = catalogue(
                FindingSpec(
                    code=f"{check_id}001", severity=Severity.LOW, title="x", remediation=("y",)
                )
            )

            def run(self, ctx: CheckContext) -> CheckResult:
                return CheckResult.of([], notes=["Unplug the old backup disk and wipe it."])

        return Noting

    registry = Registry()
    registry.add(noting("T-A"), "test", "A")
    registry.add(noting("T-B"), "test", "B")
    report = run_audit(Settings(), registry, AuditInputs())
    assert report.notes.count("Unplug the old backup disk and wipe it.") == 1
