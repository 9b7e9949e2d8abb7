"""The README's promises that can drift: network table, commands, checks table."""

from __future__ import annotations

from hygiene_audit.core.registry import load_checks
from hygiene_audit.core.settings import Settings

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_network_declaration_is_listed_in_the_readme() -> None:
    registry = load_checks([REPO / "checks"])
    urls = {
        "wiki": Settings().wiki,
        "commons": Settings().commons_api,
        "meta": Settings().meta_api,
        "hibp": Settings().hibp_api,
        "hibp_accounts": Settings().hibp_accounts_api,
    }
    network = README.split("## What goes over the network", 1)[1].split("\n## ", 1)[0]
    for check_id, loaded in registry.checks.items():
        for endpoint in loaded.cls.endpoints:
            row = f"| {check_id} | `{endpoint.value}`"
            assert row in network, f"README network table lacks {row}"
            assert urls[endpoint.value] in network
        for host in loaded.cls.hosts:
            assert host in network
        assert f"| {check_id}" in README


def test_readme_gives_the_install_run_and_test_commands() -> None:
    assert "pip install . && .venv/bin/hygiene-audit demo" in README
    assert "pip install -e '.[test]' && .venv/bin/python -m pytest -q" in README
    assert "python -m pytest -q" in (REPO / ".ci" / "run").read_text()


def test_readme_lists_every_readable_export() -> None:
    """Every CSV layout's --passwords-format name and every JSON and zip product is in the
    table of supported exports (a row may group a product's layouts)."""
    from hygiene_audit.vault.importers.layouts import LAYOUTS
    from hygiene_audit.vault.importers.registry import JSON_LAYOUTS, ZIP_LAYOUTS

    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("| product | versions / layouts read |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    for layout in LAYOUTS:
        assert any(f"`{layout.key}`" in row.rsplit("|", 2)[-2] for row in rows), layout.key
    for product in {j.product for j in JSON_LAYOUTS} | {z.product for z in ZIP_LAYOUTS}:
        assert any(row.startswith(f"| {product}") for row in rows), product


def test_the_layout_names_only_modules_and_packages_that_exist() -> None:
    """A reader following the Layout section to a file finds it: every ``name.py`` and
    ``name/`` in it exists where the tree puts it, and every package of the source is named."""
    import re

    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    src = REPO / "src" / "hygiene_audit"
    package = None
    for line in layout.splitlines():
        top = re.match(r"  ([a-z_]+)/\s", line)
        if top:
            package = src / top.group(1)
            assert package.is_dir(), line
        elif not line.startswith("   "):
            package = None if not line.startswith("  ") else src
        where = package or src
        for name in re.findall(r"\b([a-z_]+\.py)\b", line):
            found = list(where.rglob(name)) + list((REPO / "scripts").glob(name))
            found += list((REPO / "bench").glob(name)) + list((REPO / "tests").glob(name))
            assert found or (src / name).is_file(), f"{name} ({line.strip()})"
    named = set(re.findall(r"^  ([a-z_]+)/", layout, re.M))
    packages = {p.name for p in src.iterdir() if (p / "__init__.py").is_file()}
    assert packages - {"data"} <= named, packages - named
