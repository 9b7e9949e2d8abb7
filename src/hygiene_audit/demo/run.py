"""Everything a demo run needs, built the way a real run is: settings, inputs, a transport.

The only differences from ``hygiene-audit run``: the wikis are answered in-process by the
persona's fake wikis (any other host is refused, so the demo cannot reach the network), the
clock that measures check durations is fixed (the report is the same on every run), and only
the built-in checks are loaded (the user's drop-in checks and config are not used).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from hygiene_audit.computer.state import ComputerState
from hygiene_audit.core.inputs import AuditInputs, inputs_from
from hygiene_audit.core.profile import load_profile
from hygiene_audit.core.settings import Settings
from hygiene_audit.demo import laptop, persona
from hygiene_audit.demo.fakewiki import FakeWikiTransport
from hygiene_audit.i18n import _
from hygiene_audit.safety.secrets import Scrubber
from hygiene_audit.vault.entries import VaultImport
from hygiene_audit.vault.importers.csv_exports import parse_csv


@dataclass(frozen=True)
class Demo:
    settings: Settings
    inputs: AuditInputs
    transport: FakeWikiTransport
    notes: tuple[str, ...]


def build_demo(scrubber: Scrubber, *, lang: str | None = None) -> Demo:
    with resources.as_file(persona.data_file("profile.toml")) as profile_path:
        profile = load_profile(Path(profile_path))
    vault_bytes = persona.data_file("vault.csv").read_bytes()

    def load_vault() -> tuple[VaultImport, ...]:
        imported = parse_csv(vault_bytes, "demo-vault.csv")
        scrubber.add([e.password for e in imported.entries])
        return (imported,)

    hibp = resources.files(persona.DATA).joinpath("pwned-subset.txt")
    hibp_path = Path(str(hibp))  # the package is installed as files (hatchling wheel/editable)
    settings = Settings(
        username=persona.USERNAME, hibp_file=hibp_path, no_input=True, lang=lang, history_limit=500
    )
    inputs = inputs_from(
        settings,
        profile=profile,
        vault_loader=load_vault,
        vault_sources=("demo-vault.csv",),
        answers=profile.answers,
        computer=ComputerState(answers=laptop.laptop()),
        clock=laptop.clock,
    )
    note = _(
        "Demo: this editor is fictional; her wikis, password export and breach data are "
        "bundled and nothing goes over the network. To audit yourself: 'hygiene-audit "
        "profile' (your name, places, e-mails; asked once, kept on this computer), then "
        "'hygiene-audit run --user YOUR_NAME --passwords export.csv'"
    )
    return Demo(settings, inputs, FakeWikiTransport(*persona.wikis()), (note,))
