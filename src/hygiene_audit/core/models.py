"""The report model: immutable, serialisable, and ignorant of any terminal.

The JSON Schema printed by ``hygiene-audit schema`` is generated from :class:`Report`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from hygiene_audit.i18n import N_, _


class Frozen(BaseModel):
    """Base for every boundary model: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe; sorts findings worst first."""
        return list(Severity).index(self)

    @property
    def label(self) -> str:
        return _(SEVERITY_LABELS[self])


SEVERITY_LABELS: dict[Severity, str] = {
    Severity.CRITICAL: N_("Critical"),
    Severity.HIGH: N_("High"),
    Severity.MEDIUM: N_("Medium"),
    Severity.LOW: N_("Low"),
    Severity.INFO: N_("Info"),
}


SEVERITY_URGENCY: dict[Severity, int] = {
    Severity.CRITICAL: 100,
    Severity.HIGH: 40,
    Severity.MEDIUM: 15,
    Severity.LOW: 5,
    Severity.INFO: 0,
}
"""How much harm a kind of finding does, when its catalogue entry does not say."""


class ActionScope(StrEnum):
    """What one action of the report is about, for a finding of this kind.

    ``finding``: the finding is its own action. ``password``: the entries it names share one
    password (exact reuse, a breached password) or it is about each entry's own password (weak,
    empty): the report makes one action per password, with all its accounts and problems.
    ``similar``: the entries' passwords are variations of one another; they join that action.
    """

    FINDING = "finding"
    PASSWORD = "password"  # noqa: S105 (the name of a scope, not a secret)
    SIMILAR = "similar"


class Status(StrEnum):
    PASSED = "passed"
    FINDINGS = "findings"
    SKIPPED = "skipped"
    ERROR = "error"

    @property
    def assessed(self) -> bool:
        """Whether the check actually looked: skipped and errored checks did not."""
        return self in (Status.PASSED, Status.FINDINGS)


class Category(StrEnum):
    ACCOUNT = "account"
    PASSWORDS = "passwords"
    BREACHES = "breaches"
    EXPOSURE = "exposure"
    PRACTICES = "practices"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(CATEGORY_LABELS[self])


CATEGORY_LABELS: dict[Category, str] = {
    Category.ACCOUNT: N_("Account and username"),
    Category.PASSWORDS: N_("Passwords"),
    Category.BREACHES: N_("Breaches"),
    Category.EXPOSURE: N_("Personal information on the wiki"),
    Category.PRACTICES: N_("Security practices"),
    Category.OTHER: N_("Other"),
}

FindingCode = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*-[A-Z][A-Z0-9]*[0-9]{3}$")]
CheckId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*-[A-Z][A-Z0-9]*$")]


class PersonalKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"
    COORDINATES = "coordinates"
    DATE = "date"
    PLACE = "place"
    HANDLE = "handle"
    OTHER = "other"


class PersonalValue(Frozen):
    """A piece of personal data quoted in a finding; ``--redact`` masks each one."""

    kind: PersonalKind
    value: str = Field(min_length=1)


class EntryRef(Frozen):
    """A password-manager entry a finding is about: never its secret."""

    title: str = ""
    site: str = ""
    login: str = ""
    source: str = ""
    row: int | None = None
    group: int | None = Field(
        None,
        description="The action (its id in `actions`) that changes this entry's password",
    )

    @property
    def label(self) -> str:
        """How reports name the entry: title, site and login, never the secret."""
        site = self.site or self.title or "?"
        name = self.title if self.title and self.title.lower() != site else ""
        text = f"{name} — {site}" if name else site
        return f"{text} ({self.login})" if self.login else text


class Finding(Frozen):
    """One problem, with what to do about it. ``evidence`` never contains a secret.

    ``personal`` lists the personal data quoted in the text fields, so that redaction can
    mask it; it is not part of the serialised report.
    """

    check: CheckId
    id: FindingCode
    severity: Severity
    title: str
    evidence: str | None = None
    location: str | None = None
    remediation: tuple[str, ...] = Field(min_length=1)
    references: tuple[str, ...] = ()
    message: str | None = Field(
        None,
        description="A ready-to-send text for this finding, e.g. a private request to "
        "the wiki's oversight team; it never quotes the personal data itself",
    )
    entries: tuple[EntryRef, ...] = Field(
        (), description="The vault entries this finding is about (title, site, login, row)"
    )
    count: int | None = Field(
        None, description="How often, where that ranks findings (e.g. times seen in breaches)"
    )
    wiki: str | None = Field(
        None, description="The wiki (host) a finding on a user page or an upload is about"
    )
    urgency: int | None = Field(
        None,
        ge=0,
        le=100,
        description="How much harm this kind of finding does (0-100), from its check's "
        "catalogue; null: by severity",
    )
    action: str | None = Field(
        None, description="The one-sentence action for this kind of finding, from its catalogue"
    )
    problem: str | None = Field(
        None, description='What it says about a password, in a few words ("weak")'
    )
    scope: ActionScope = Field(
        ActionScope.FINDING, description="Whether it is its own action or one password's"
    )
    personal: tuple[PersonalValue, ...] = Field((), exclude=True)

    @property
    def harm(self) -> int:
        return SEVERITY_URGENCY[self.severity] if self.urgency is None else self.urgency


class Action(Frozen):
    """One thing to do, ranked: a password to change on all its accounts, or one finding."""

    id: int = Field(ge=1, description="Its rank: 1 is the most urgent")
    scope: ActionScope
    text: str = Field(description="The action, one sentence")
    findings: tuple[int, ...] = Field(
        description="The findings it settles (their positions in `findings`, from 0)"
    )
    accounts: int = Field(ge=0, description="How many vault entries it changes")
    urgency: int = Field(ge=0, description="The harm of its worst finding (0-100)")
    importance: int = Field(ge=1, description="The importance of its most important account")
    weight: int = Field(ge=0, description="urgency × importance × accounts: what ranks it")


class CheckOutcome(Frozen):
    """One check's row in the report (a plugin that failed to load has its origin as id)."""

    id: str
    title: str
    category: Category
    status: Status
    reason: str | None = None
    duration_ms: int = 0
    assessed_items: int | None = Field(
        None,
        description="How many items the check looked at (e.g. vault entries); the score "
        "weighs findings by their share of these",
    )
    failed_input: bool = Field(
        False, description="The check could not use an input the user gave (see input_problems)"
    )
    input_problems: tuple[str, ...] = Field(
        (),
        description="Inputs the user gave that this check could not use, one line each, "
        "when it still assessed the rest",
    )


class ToolInfo(Frozen):
    name: str
    version: str


class CategoryScore(Frozen):
    category: Category
    title: str
    score: int | None = Field(description="0-100, or null when no check of the category ran")
    assessed: bool


class Report(Frozen):
    """Everything an audit produced. Formatters render it; nothing else changes it."""

    tool: ToolInfo
    generated_at: datetime
    subject: str | None = Field(None, description="Whose hygiene was audited (wiki username)")
    language: str = "en"
    score: int | None = Field(ge=0, le=100, description="null when nothing was assessed")
    grade: str | None = Field(pattern=r"^[A-F]$", description="null when nothing was assessed")
    input_problems: tuple[str, ...] = Field(
        (),
        description="Inputs you gave that could not be used, each with the fix; when "
        "present the report is incomplete and the exit code is 4",
    )
    assessed_checks: int = Field(ge=0)
    total_checks: int = Field(ge=0)
    categories: tuple[CategoryScore, ...] = ()
    checks: tuple[CheckOutcome, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = Field(
        (), description="Run-level notices for the reader (e.g. delete a plaintext export)"
    )
    network_route: str | None = Field(
        None,
        description="How this run reached the network (direct, which proxy, Tor), as the "
        "sites it contacted saw it; null when it made no network request (--offline, demo)",
    )
    redacted: bool = Field(False, description="Whether personal data in evidence is masked")
    actions: tuple[Action, ...] = Field(
        (),
        description="What to do, most urgent first; every format derives them from the "
        "findings, JSON states them",
    )

    @property
    def incomplete(self) -> bool:
        """An input the user gave failed, or nothing at all was assessed (exit code 4)."""
        return bool(self.input_problems) or self.score is None

    @property
    def clean(self) -> bool:
        """Complete and without findings: the only report that may say "No findings"."""
        return not self.findings and not self.incomplete

    def findings_by_severity(self) -> dict[Severity, list[Finding]]:
        grouped: dict[Severity, list[Finding]] = {s: [] for s in Severity}
        for finding in self.findings:
            grouped[finding.severity].append(finding)
        return grouped

    def counts(self) -> dict[Severity, int]:
        return {s: len(items) for s, items in self.findings_by_severity().items()}


class TextKind(StrEnum):
    """What a text field of a finding holds, for a change that treats them apart."""

    LINE = "line"  # one line of prose or a name
    MULTILINE = "multiline"  # a ready-to-send message: its line breaks are meant
    LINK = "link"  # an address


ENTRY_TEXT_FIELDS = ("title", "site", "login", "source")


def map_finding_texts(finding: Finding, change: Callable[[str, TextKind], str]) -> Finding:
    """The finding with every text field it shows passed through ``change``, the vault
    entries' included: the one list of them that scrubbing, neutralising and redaction share
    (a field one of them forgot is how hostile text once reached a report)."""

    def line(text: str) -> str:
        return change(text, TextKind.LINE)

    def optional(text: str | None, kind: TextKind = TextKind.LINE) -> str | None:
        return None if text is None else change(text, kind)

    return finding.model_copy(
        update={
            "title": line(finding.title),
            "evidence": optional(finding.evidence),
            "location": optional(finding.location),
            "remediation": tuple(line(s) for s in finding.remediation),
            "references": tuple(change(r, TextKind.LINK) for r in finding.references),
            "message": optional(finding.message, TextKind.MULTILINE),
            "action": optional(finding.action),
            "problem": optional(finding.problem),
            "wiki": optional(finding.wiki),
            "entries": tuple(
                e.model_copy(update={name: line(getattr(e, name)) for name in ENTRY_TEXT_FIELDS})
                for e in finding.entries
            ),
        }
    )


def map_report_texts(report: Report, change: Callable[[str, TextKind], str]) -> Report:
    """The report with every text it shows passed through ``change``: each finding's (see
    :func:`map_finding_texts`), each check row's, the notes, the input problems, the
    category titles and the subject. Neutralising and redaction both walk this one list."""

    def line(text: str) -> str:
        return change(text, TextKind.LINE)

    return report.model_copy(
        update={
            "subject": None if report.subject is None else line(report.subject),
            "findings": tuple(map_finding_texts(f, change) for f in report.findings),
            "checks": tuple(
                c.model_copy(
                    update={
                        "id": line(c.id),
                        "title": line(c.title),
                        "reason": None if c.reason is None else line(c.reason),
                        "input_problems": tuple(line(p) for p in c.input_problems),
                    }
                )
                for c in report.checks
            ),
            "notes": tuple(line(n) for n in report.notes),
            "input_problems": tuple(line(p) for p in report.input_problems),
            "categories": tuple(
                c.model_copy(update={"title": line(c.title)}) for c in report.categories
            ),
            "actions": tuple(a.model_copy(update={"text": line(a.text)}) for a in report.actions),
        }
    )
