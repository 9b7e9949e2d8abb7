"""The check contract. Third-party checks import only from this module.

A check is a class with class-level metadata and one ``run`` method::

    class MyCheck(Check):
        id = "X-DEMO"                      # stable, upper-case, "<PREFIX>-<NAME>"
        title = "What it looks at"
        category = Category.OTHER
        inputs = frozenset({Input.PROFILE})  # what the engine hands it; nothing else
        endpoints = frozenset()             # configured services it may call (none = offline)
        hosts = ()                          # host names it may call ("*.example.org": all under)
        codes = catalogue(
            FindingSpec(code="X-DEMO001", severity=Severity.LOW, title=N_("..."),
                        remediation=(N_("Do this."), N_("Then that.")),
                        references=("https://...",),
                        urgency=10,                       # harm, 0-100 (default: severity)
                        action=N_("Do this now ({where})")),  # its line in "Fix these first"
        )

        def run(self, ctx: CheckContext) -> CheckResult:
            if ctx.inputs.profile.is_empty:
                raise SkipCheck(_("No profile given."))
            return CheckResult.of([self.finding("X-DEMO001", evidence="...")])

A package registers its checks under the entry-point group named by :data:`CHECK_GROUP`
(``hygiene_audit.checks.v1``), formats under :data:`FORMAT_GROUP`; the number is
:data:`CONTRACT_VERSION`, raised only by a change that would break a check written against
this module, so an old plugin is rejected by name instead of misbehaving::

    [project.entry-points."hygiene_audit.checks.v1"]
    my_check = "my_package.checks:MyCheck"

The metadata is validated when the check is loaded: a check that does not satisfy the contract
is rejected with its name and the reason, never skipped silently. A check never prints, never
reads the environment and never builds its own HTTP client: it gets what it declared through
:class:`CheckContext`. New capabilities are added to the context, never to ``run``'s signature.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, Protocol, TypeVar

from pydantic import BaseModel, Field

from hygiene_audit.core.errors import CheckError, UndeclaredError
from hygiene_audit.core.inputs import Input, InputView
from hygiene_audit.core.models import (
    ActionScope,
    Category,
    EntryRef,
    Finding,
    Frozen,
    PersonalKind,
    PersonalValue,
    Severity,
    Status,
)
from hygiene_audit.core.profile import ANSWER_LABELS, Answer, UserProfile
from hygiene_audit.i18n import N_, _, country, duration, ngettext, number
from hygiene_audit.vault.entries import (
    VaultEntry,
    describe_entries,
    entry_locations,
    entry_personal,
    entry_refs,
)
from hygiene_audit.vault.model import Vault

if TYPE_CHECKING:
    import httpx

CONTRACT_VERSION = 1  # raised only by a change that would break a check written against this
CHECK_GROUP = f"hygiene_audit.checks.v{CONTRACT_VERSION}"
FORMAT_GROUP = f"hygiene_audit.formats.v{CONTRACT_VERSION}"
UNVERSIONED_CHECK_GROUP = "hygiene_audit.checks"  # before the contract had a version
UNVERSIONED_FORMAT_GROUP = "hygiene_audit.formats"


OptionsT = TypeVar("OptionsT", bound=BaseModel)

__all__ = [
    "ANSWER_LABELS",
    "N_",
    "ActionScope",
    "Answer",
    "Category",
    "Check",
    "CheckContext",
    "CheckResult",
    "Endpoint",
    "EntryRef",
    "Finding",
    "FindingSpec",
    "Input",
    "PersonalKind",
    "PersonalValue",
    "Progress",
    "Severity",
    "SkipCheck",
    "UndeclaredError",
    "UserProfile",
    "Vault",
    "VaultEntry",
    "_",
    "catalogue",
    "country",
    "describe_entries",
    "duration",
    "entry_locations",
    "entry_personal",
    "entry_refs",
    "ngettext",
    "number",
    "password_export_format",
]


class Endpoint(StrEnum):
    """Remote services whose address comes from the settings."""

    WIKI = "wiki"
    COMMONS = "commons"
    META = "meta"
    HIBP = "hibp"
    HIBP_ACCOUNTS = "hibp_accounts"


class SkipCheck(Exception):
    """Raise from ``run`` to end the check as ``skipped`` with a reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FindingSpec(Frozen):
    """One entry of a check's catalogue: a finding code and its defaults."""

    code: str = Field(pattern=r"^[A-Z][A-Z0-9]*-[A-Z][A-Z0-9]*[0-9]{3}$")
    severity: Severity
    title: str = Field(min_length=1)
    remediation: tuple[str, ...] = Field(min_length=1)
    references: tuple[str, ...] = ()
    urgency: int | None = Field(None, ge=0, le=100)
    """How much harm one finding of this kind does, 0-100 (None: by severity, critical 100,
    high 40, medium 15, low 5, info 0). The report ranks its actions by urgency × the
    importance of the accounts concerned × their number; an urgency of 0 is never an action."""
    action: str | None = None
    """The one-sentence action shown in "Fix these first", marked with ``N_``; ``{where}``
    is replaced by the entries or the location concerned. None: the title and where."""
    problem: str | None = None
    """For a ``scope`` of password or similar: what the finding says about that password, a
    few words (``N_("weak")``; ``{count}`` is the finding's count). The report then makes one
    action per password ("Change this password on these K accounts"), listing its problems."""
    scope: ActionScope = ActionScope.FINDING


def catalogue(*specs: FindingSpec) -> Mapping[str, FindingSpec]:
    codes = [s.code for s in specs]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise ValueError(f"duplicate finding codes: {sorted(duplicates)}")
    return {s.code: s for s in specs}


class CheckResult(Frozen):
    """What ``run`` returns. Build it with :meth:`of` or :meth:`skipped`."""

    status: Status
    reason: str | None = None
    findings: tuple[Finding, ...] = ()
    assessed_items: int | None = None
    input_problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        findings: Iterable[Finding],
        reason: str | None = None,
        *,
        assessed_items: int | None = None,
        input_problems: Iterable[str] = (),
        notes: Iterable[str] = (),
    ) -> CheckResult:
        """``assessed_items``: how many things were looked at (entries, pages); the score
        weighs each kind of finding by its share of them. ``input_problems``: inputs the user
        gave that could not be used while the rest were (one line each): the report then says
        it is incomplete, first, and exits 4 — a failed input is never a clean bill.
        ``notes``: what the reader must do beyond any finding (delete a plaintext export), said
        once at the top of the report however many checks give the same note."""
        items = tuple(findings)
        return cls(
            status=Status.FINDINGS if items else Status.PASSED,
            reason=reason,
            findings=items,
            assessed_items=assessed_items,
            input_problems=tuple(input_problems),
            notes=tuple(notes),
        )

    @classmethod
    def skipped(cls, reason: str) -> CheckResult:
        return cls(status=Status.SKIPPED, reason=reason)


class Progress(Protocol):
    """Where a check reports progress; the CLI draws it, checks never do."""

    def start(self, description: str, total: int | None = None) -> None: ...
    def advance(self, amount: int = 1) -> None: ...
    def finish(self) -> None: ...


class NullProgress:
    def start(self, description: str, total: int | None = None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(frozen=True)
class CheckContext:
    """Everything a check gets. New capabilities become new fields here."""

    check_id: str
    inputs: InputView
    offline: bool
    endpoints: Mapping[Endpoint, str]
    http_factory: Callable[[], httpx.Client]
    options: BaseModel | None = None
    progress: Progress = field(default_factory=NullProgress)
    cancelled: threading.Event = field(default_factory=threading.Event)
    route: str = ""
    """How this run reaches the network, in words (direct, which proxy, Tor)."""
    say: Callable[[str], None] = field(default=lambda _line: None)
    """One line for the person running the audit, now (stderr), e.g. before a lookup that
    shows a platform where the request comes from."""
    # --allow-http: plain http:// addresses a check finds in an answer (Meta's list of wikis)
    # may be asked; without it only those on this computer may.
    allow_http: bool = False

    def options_as(self, model: type[OptionsT]) -> OptionsT:
        """The check's own settings (``[checks."ID"]`` in the configuration file), validated
        by its ``options`` model when the run started; the model's defaults if none given."""
        if isinstance(self.options, model):
            return self.options
        return model()

    def endpoint(self, which: Endpoint) -> str:
        """The configured base URL of a declared endpoint."""
        if which not in self.endpoints:
            raise UndeclaredError(
                _("check {check} used endpoint '{endpoint}' without declaring it").format(
                    check=self.check_id, endpoint=which.value
                )
            )
        return self.endpoints[which]

    def http(self) -> httpx.Client:
        """An HTTP client that can reach only the declared hosts, and nothing when offline."""
        return self.http_factory()


class Check(ABC):
    """Base class of every check. See the module docstring for the contract."""

    id: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str] = ""
    category: ClassVar[Category]
    inputs: ClassVar[frozenset[Input]] = frozenset()
    endpoints: ClassVar[frozenset[Endpoint]] = frozenset()
    hosts: ClassVar[tuple[str, ...]] = ()
    codes: ClassVar[Mapping[str, FindingSpec]]
    options: ClassVar[type[BaseModel] | None] = None
    opt_in: ClassVar[bool] = False
    # An opt-in check is also turned on by this yes/no input (e.g. --handle-reuse).
    enabled_by: ClassVar[Input | None] = None
    time_budget: ClassVar[float | None] = None
    # Command lines the check may run on this computer, exactly (``checks`` lists them).
    commands: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def run(self, ctx: CheckContext) -> CheckResult:
        """Look, and return what was found. Raise :class:`SkipCheck` to skip with a reason."""

    def finding(
        self,
        code: str,
        *,
        evidence: str | None = None,
        location: str | None = None,
        steps: Sequence[str] = (),
        references: Sequence[str] = (),
        title: str | None = None,
        personal: Sequence[PersonalValue] = (),
        message: str | None = None,
        entries: Sequence[EntryRef] = (),
        count: int | None = None,
        wiki: str | None = None,
    ) -> Finding:
        """A finding from this check's catalogue.

        ``steps`` are concrete, already translated steps for this instance; they come before
        the catalogue's general remediation. ``title`` overrides the catalogue title for this
        instance (already translated). ``personal`` lists the personal data the text quotes,
        so that ``--redact`` can mask it. ``message`` is a ready-to-send text (a request
        to write to someone) shown verbatim.
        """
        spec = self.codes.get(code)
        if spec is None:
            raise CheckError(
                _("check {check} emitted finding code {code} that is not in its catalogue").format(
                    check=self.id, code=code
                )
            )
        return Finding(
            check=self.id,
            id=code,
            severity=spec.severity,
            title=title or _(spec.title),
            evidence=evidence,
            location=location,
            remediation=(*steps, *(_(s) for s in spec.remediation)),
            references=tuple(dict.fromkeys((*references, *spec.references))),
            personal=tuple(personal),
            message=message,
            entries=tuple(entries),
            count=count,
            wiki=wiki,
            urgency=spec.urgency,
            action=None if spec.action is None else _(spec.action),
            problem=None if spec.problem is None else _(spec.problem),
            scope=spec.scope,
        )


def password_export_format(first_line: str) -> str | None:
    """The product whose CSV export starts with this header line, or None.

    Part of the public contract so that drop-in checks recognise exports exactly as the
    importers do.
    """
    from hygiene_audit.vault.importers.csv_exports import sniff_header

    return sniff_header(first_line)
