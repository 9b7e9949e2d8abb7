"""No planted password, nor its SHA-1, nor more than five hex characters of it, leaves.

Checked in stdout, stderr, every output format, the written report file, and every HTTP
request (URL, headers, body) captured at the transport layer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hygiene_audit.safety.http as http
from hygiene_audit.cli.commands import app

from .cli_helpers import runner
from .hibp_helpers import FakeRangeApi, breached_corpus, sha1
from .plugins import write_check
from .vaults import HEADERS, PASSWORDS, vault_csv, write_vault


def forbidden(password: str) -> list[str]:
    digest = sha1(password)
    return [password, digest, digest.lower(), digest[:6], digest[-35:], digest[-35:].lower()]


def assert_clean(text: str, passwords: list[str]) -> None:
    for password in passwords:
        for needle in forbidden(password):
            if len(needle) >= 6 or needle == password:
                assert needle not in text, f"leaked a form of a planted password: {needle[:2]}…"


@pytest.fixture
def fake_hibp(monkeypatch: pytest.MonkeyPatch) -> FakeRangeApi:
    api = FakeRangeApi(breached_corpus({"Summer2023!": 1234, "Library2024": 77}))
    monkeypatch.setattr(http, "default_transport", lambda: api.transport)
    return api


def requests_text(api: FakeRangeApi) -> str:
    return "\n".join(f"{r.method} {r.url} {dict(r.headers)} {r.content!r}" for r in api.requests)


@pytest.mark.parametrize("fmt", sorted(HEADERS))
@pytest.mark.parametrize("output_format", ["terminal", "json", "markdown", "html"])
def test_no_secret_in_any_format_or_request(
    tmp_path: Path, fake_hibp: FakeRangeApi, fmt: str, output_format: str
) -> None:
    vault = write_vault(tmp_path, fmt)
    out = tmp_path / f"report.{output_format}"
    args = [
        "run",
        "-f",
        output_format,
        "--passwords",
        str(vault),
        "-u",
        "AnaL",
        "--only",
        "HA-P",
        "--only",
        "HA-B",
    ]
    to_stdout = runner.invoke(app, args)
    to_file = runner.invoke(app, [*args, "--output", str(out)])
    assert to_stdout.exit_code == 0, to_stdout.output
    assert to_file.exit_code == 0, to_file.output
    assert "HA-B001" in to_stdout.stdout  # the breach lookup really ran
    for text in (
        to_stdout.stdout,
        to_stdout.stderr,
        to_file.stdout,
        to_file.stderr,
        out.read_text(),
        requests_text(fake_hibp),
    ):
        assert_clean(text, PASSWORDS)
    for request in fake_hibp.requests:
        prefix = request.url.path.rsplit("/", 1)[-1]
        assert len(prefix) == 5 and all(c in "0123456789ABCDEF" for c in prefix)


def test_no_secret_through_stdin_prompt_and_kdbx(tmp_path: Path, fake_hibp: FakeRangeApi) -> None:
    from pykeepass import create_database

    outputs = []
    result = runner.invoke(
        app, ["run", "-f", "json", "--passwords", "-"], input=vault_csv("lastpass")
    )
    outputs += [result.stdout, result.stderr]
    typed = "en.wikipedia.org\nSummer2023!\nforum\nLibrary2024\n\n"
    result = runner.invoke(app, ["run", "-f", "markdown", "--ask-passwords"], input=typed)
    outputs += [
        result.stdout.replace("en.wikipedia.org\n", "").replace("forum\n", ""),
        result.stderr,
    ]
    db_path = tmp_path / "v.kdbx"
    db = create_database(str(db_path), password="Master-Secret-42")
    for number, password in enumerate(PASSWORDS):
        db.add_entry(
            db.root_group, f"site {number}", "ana", password, url=f"https://s{number}.example"
        )
    db.save()
    result = runner.invoke(
        app, ["run", "-f", "html", "--passwords", str(db_path)], input="Master-Secret-42\n"
    )
    outputs += [result.stdout, result.stderr]
    assert "HA-B001" in outputs[-2]
    for text in [*outputs, requests_text(fake_hibp)]:
        assert_clean(text, [*PASSWORDS, "Master-Secret-42"])


def test_a_check_that_raises_with_a_secret_does_not_show_it(tmp_path: Path) -> None:
    plugin_dir = write_check(
        tmp_path / "plugins",
        "T-LEAK",
        """
        secret = reveal(ctx.inputs.vault.entries[0].password)
        raise ValueError(f"cannot handle {secret!r}")
    """,
        title="Raises with the password in the message",
    )
    vault = write_vault(tmp_path, "chrome")
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
                "T-LEAK",
                "--passwords",
                str(vault),
                *extra,
            ],
        )
        rows = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
        assert rows["T-LEAK"]["status"] == "error"
        assert "[withheld" in rows["T-LEAK"]["reason"]
        assert_clean(result.stdout + result.stderr, PASSWORDS)
        if extra:
            assert "Traceback" in result.stderr
