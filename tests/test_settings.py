"""Flags beat environment variables, which beat the configuration file."""

from __future__ import annotations

from pathlib import Path

import pytest

from hygiene_audit.core.errors import ConfigError
from hygiene_audit.core.settings import Settings, load_settings, normalize_api_url


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_flag_beats_env_beats_file(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", 'wiki = "fr.wikipedia.org"\ntimeout = 5\nusername = "F"\n')
    env = {
        "HYGIENE_AUDIT_WIKI_API": "https://de.wikipedia.org/w/api.php",
        "HYGIENE_AUDIT_TIMEOUT": "7",
    }
    only_file = load_settings({}, env={}, config_file=config)
    assert only_file.wiki == "https://fr.wikipedia.org/w/api.php" and only_file.timeout == 5
    with_env = load_settings({}, env=env, config_file=config)
    assert with_env.wiki == "https://de.wikipedia.org/w/api.php" and with_env.timeout == 7
    with_flag = load_settings(
        {"wiki": "es.wikipedia.org", "timeout": None}, env=env, config_file=config
    )
    assert with_flag.wiki == "https://es.wikipedia.org/w/api.php"
    assert with_flag.timeout == 7  # a flag not given does not override
    assert with_flag.username == "F"


def test_default_config_file_in_the_user_config_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hygiene_audit.core.settings import default_config_file

    path = default_config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    write(path, "offline = true\n")
    assert load_settings({}, env={}).offline is True
    assert load_settings({}, env={"HYGIENE_AUDIT_OFFLINE": "0"}).offline is False


def test_every_endpoint_is_configurable_by_environment() -> None:
    env = {
        "HYGIENE_AUDIT_WIKI_API": "http://127.0.0.1:8089/w/api.php",
        "HYGIENE_AUDIT_COMMONS_API": "http://127.0.0.1:8090/w/api.php",
        "HYGIENE_AUDIT_META_API": "http://127.0.0.1:8091",
        "HYGIENE_AUDIT_HIBP_API": "http://127.0.0.1:9000/",
        "HYGIENE_AUDIT_OFFLINE": "1",
    }
    s = load_settings({}, env=env)
    assert s.wiki == "http://127.0.0.1:8089/w/api.php"
    assert s.commons_api == "http://127.0.0.1:8090/w/api.php"
    assert s.meta_api == "http://127.0.0.1:8091/w/api.php"
    assert s.hibp_api == "http://127.0.0.1:9000"
    assert s.offline is True


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("en.wikipedia.org", "https://en.wikipedia.org/w/api.php"),
        ("https://en.wikipedia.org/", "https://en.wikipedia.org/w/api.php"),
        ("https://en.wikipedia.org/w", "https://en.wikipedia.org/w/api.php"),
        ("http://127.0.0.1:8089/w/api.php", "http://127.0.0.1:8089/w/api.php"),
        ("wiki.example.org/mw/api.php", "https://wiki.example.org/mw/api.php"),
    ],
)
def test_wiki_addresses_are_normalised(given: str, expected: str) -> None:
    assert normalize_api_url(given) == expected


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("wiki = 'ftp://x'\n", "Invalid setting 'wiki'"),
        ("timeout = -1\n", "Invalid setting 'timeout'"),
        ("colour = true\n", "Unknown setting"),
        ("this is not toml", "Cannot read the configuration file"),
    ],
)
def test_bad_configuration_is_one_clear_error(tmp_path: Path, config: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings({}, env={}, config_file=write(tmp_path / "c.toml", config))


def test_a_named_config_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings({}, env={}, config_file=tmp_path / "missing.toml")


def test_username_accepts_user_prefix_and_underscores() -> None:
    assert Settings(username="User:Ana_López").username == "Ana López"


def test_a_misspelt_variable_is_an_error_not_ignored() -> None:
    """HYGIENE_AUDIT_OFLINE=1 must never leave someone online who believes otherwise."""
    with pytest.raises(ConfigError, match="HYGIENE_AUDIT_OFLINE"):
        load_settings({}, env={"HYGIENE_AUDIT_OFLINE": "1"})
    with pytest.raises(ConfigError, match="HYGIENE_AUDIT_CONCURRENCY"):
        load_settings({}, env={"HYGIENE_AUDIT_CONCURRENCY": "8"})  # was accepted, never read
    assert load_settings(
        {},
        env={
            "HYGIENE_AUDIT_LANG": "es",
            "HYGIENE_AUDIT_DEBUG": "1",
            "HYGIENE_AUDIT_WIKI": "de.wikipedia.org",
        },
    ).wiki.startswith("https://de.wikipedia.org")


def test_lists_from_the_environment() -> None:
    import os

    settings = load_settings(
        {},
        env={
            "HYGIENE_AUDIT_ONLY": "HA-P, HA-B",
            "HYGIENE_AUDIT_WIKIS": "etwiki,arwiki",
            "HYGIENE_AUDIT_PASSWORDS": os.pathsep.join(["/a/vault.csv", "-"]),
        },
    )
    assert settings.only == ("HA-P", "HA-B") and settings.wikis == ("etwiki", "arwiki")
    assert settings.passwords == ("/a/vault.csv", "-")


@pytest.mark.parametrize(
    ("name", "closest"),
    [
        ("hygiene_audit_oflline", "HYGIENE_AUDIT_OFFLINE"),  # lower case and misspelt
        ("HYGIENE_AUDIT_TEST_OFFLINE", "HYGIENE_AUDIT_OFFLINE"),  # not a test-tier variable
        ("HYGIENE_AUDIT_OFLINE", "HYGIENE_AUDIT_OFFLINE"),
        ("HYGIENE_AUDIT_HIBP_APIKEY", "HYGIENE_AUDIT_HIBP_API_KEY"),
    ],
)
def test_an_unknown_variable_in_any_case_is_an_error_naming_the_closest(
    name: str, closest: str
) -> None:
    """Someone who set it believes they are offline (or using their key): never ignored."""
    with pytest.raises(ConfigError) as caught:
        load_settings({}, env={name: "1"})
    assert name in str(caught.value) and f"did you mean {closest}?" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "upper"),
    [
        ("hygiene_audit_offline", "HYGIENE_AUDIT_OFFLINE"),
        ("Hygiene_Audit_Offline", "HYGIENE_AUDIT_OFFLINE"),
        ("HYGIENE_AUDIT_wiki", "HYGIENE_AUDIT_WIKI"),  # the field name is also an alias
    ],
)
def test_a_known_variable_in_another_case_is_an_error_not_half_read(name: str, upper: str) -> None:
    """Not every reader of the environment ignores case (HYGIENE_AUDIT_CONFIG, _DEBUG are read
    by name), so only the documented upper-case spelling is accepted, and the error says it."""
    with pytest.raises(ConfigError) as caught:
        load_settings({}, env={name: "en.wikipedia.org"})
    assert f"{name} (names are upper case: {upper})" in str(caught.value)


def test_the_test_tiers_own_variables_are_known() -> None:
    """.ci/run and tests/integration set these; they are no setting, and no error either."""
    env = {
        "HYGIENE_AUDIT_TEST_WIKI": "1",
        "HYGIENE_AUDIT_TEST_WIKI_PORT": "8091",
        "HYGIENE_AUDIT_TEST_WIKI_PORT_2": "8092",
    }
    assert load_settings({}, env=env).offline is False


def test_the_readme_names_every_variable_read_outside_the_settings() -> None:
    from hygiene_audit.core.settings import OTHER_VARIABLES, TEST_VARIABLES

    from .conftest import REPO

    section = (REPO / "README.md").read_text(encoding="utf-8").split("\n## Settings", 1)[1]
    for name in OTHER_VARIABLES | TEST_VARIABLES:
        assert f"`HYGIENE_AUDIT_{name}`" in section.split("\n## ", 1)[0], name
