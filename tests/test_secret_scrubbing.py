"""Secrets are withheld where they could have leaked, never by rewriting the report.

A password that is also a word of a site name (``wikipedia``) or of the report's own
structure (``findings``) must not mangle labels or JSON keys, nor tell the reader where the
password sits; a secret inside an exception, in any form Python prints it, must not show.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from hygiene_audit.cli.commands import app
from hygiene_audit.formats.json import schema
from hygiene_audit.safety.secrets import WITHHELD, Scrubber

from .cli_helpers import runner
from .plugins import write_check


def _vault(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    path = tmp_path / "vault.csv"
    lines = ["name,url,username,password"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_password_that_is_a_site_word_does_not_mangle_labels(tmp_path: Path) -> None:
    vault = _vault(
        tmp_path,
        [
            ("Wikipedia", "https://en.wikipedia.org", "ana", "wikipedia"),
            ("Forum", "https://forum.example", "ana", "wikipedia"),
        ],
    )
    result = runner.invoke(
        app, ["run", "--offline", "--only", "HA-P", "-f", "markdown", "--passwords", str(vault)]
    )
    assert result.exit_code == 0, result.output
    assert "en.wikipedia.org" in result.stdout
    assert "[redacted]" not in result.stdout and WITHHELD not in result.stdout


def test_a_password_named_like_a_json_key_keeps_the_report_valid(tmp_path: Path) -> None:
    vault = _vault(
        tmp_path,
        [
            ("A", "https://a.example", "ana", "findings"),
            ("B", "https://b.example", "ana", "password"),
        ],
    )
    result = runner.invoke(
        app, ["run", "--offline", "--only", "HA-P", "-f", "json", "--passwords", str(vault)]
    )
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(schema()))
    assert document["findings"]


def test_repr_and_multiline_forms_are_withheld() -> None:
    scrubber = Scrubber()
    scrubber.add(["C:\\Users\\ana\\Tr0ub4dor", 'it\'s "quoted"'])
    assert scrubber.scrub("KeyError: 'C:\\\\Users\\\\ana\\\\Tr0ub4dor'") == WITHHELD
    assert scrubber.scrub("x = 'it\\'s \"quoted\"'") == WITHHELD
    assert scrubber.scrub('{"p": "it\'s \\"quoted\\""}') == WITHHELD
    text = "first line\n  second C:\\Users\\ana\\Tr0ub4dor here\nthird"
    assert scrubber.scrub(text) == f"first line\n  {WITHHELD}\nthird"


def test_short_secrets_are_withheld_where_they_stand_alone() -> None:
    scrubber = Scrubber()
    scrubber.add(["ab"])
    assert scrubber.scrub("KeyError: 'ab'") == WITHHELD
    assert scrubber.scrub("ab") == WITHHELD
    assert scrubber.scrub("a table about abbeys") == "a table about abbeys"


def test_a_buggy_drop_in_check_with_a_windows_path_secret(tmp_path: Path) -> None:
    plugin_dir = write_check(
        tmp_path / "plugins",
        "T-BUG",
        """
        return {}[reveal(ctx.inputs.vault.entries[0].password)]
    """,
        title="Looks a password up in a dict",
    )
    secret = "C:\\Users\\ana\\Tr0ub4dor"
    vault = _vault(tmp_path, [("A", "https://a.example", "ana", secret)])
    for extra in ([], ["--debug"]):
        result = runner.invoke(
            app,
            [
                "run",
                "--offline",
                "-f",
                "json",
                "--checks-dir",
                str(plugin_dir),
                "--only",
                "T-BUG",
                "--passwords",
                str(vault),
                *extra,
            ],
        )
        rows = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
        assert rows["T-BUG"]["reason"].startswith("crashed: KeyError")
        everything = result.stdout + result.stderr
        assert "Tr0ub4dor" not in everything
        if extra:
            assert "Traceback" in result.stderr and WITHHELD in result.stderr


def test_a_drop_in_check_quoting_a_secret_in_a_finding_is_withheld(tmp_path: Path) -> None:
    plugin_dir = write_check(
        tmp_path / "plugins",
        "T-QUOTE",
        """
        entry = ctx.inputs.vault.entries[0]
        return CheckResult.of([self.finding("T-QUOTE001", evidence="pw=" + reveal(entry.password),
                                            location=entry.label)])
    """,
        title="Quotes a password",
    )
    vault = _vault(tmp_path, [("A", "https://a.example", "ana", "Hunter2-Secret")])
    result = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "-f",
            "json",
            "--checks-dir",
            str(plugin_dir),
            "--only",
            "T-QUOTE",
            "--passwords",
            str(vault),
        ],
    )
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["evidence"] == WITHHELD
    assert finding["location"] == "a.example — A (ana)" or "a.example" in finding["location"]
    assert "Hunter2-Secret" not in result.stdout + result.stderr
