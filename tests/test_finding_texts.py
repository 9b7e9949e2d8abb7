"""Every text a finding shows goes through the same walker, so neutralising, redaction and
the secret guard cannot drift apart again (a field one of them forgot let a vault title's
terminal escape sequence reach the report)."""

from __future__ import annotations

import typing

from hygiene_audit.core.models import (
    ENTRY_TEXT_FIELDS,
    EntryRef,
    Finding,
    Report,
    Severity,
    TextKind,
    ToolInfo,
    map_finding_texts,
)
from hygiene_audit.safety.neutralise import neutralise_report

ESC = "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x1b[2J"


def text_fields(model: type[Finding] | type[EntryRef]) -> set[str]:
    """The fields whose type holds text (str, optional or in a tuple), by annotation."""
    hints = typing.get_type_hints(model, include_extras=False)
    return {
        name for name, hint in hints.items() if "str" in repr(hint) and name in model.model_fields
    }


def every_field(text: str) -> Finding:
    entry = EntryRef(title=text, site=text, login=text, source=text, row=3)
    return Finding(
        check="T-X",
        id="T-X001",
        severity=Severity.HIGH,
        title=text,
        evidence=text,
        location=text,
        remediation=(text, text),
        references=(text,),
        message=text,
        entries=(entry, entry),
        wiki=text,
        action=text,
        problem=text,
    )


def test_the_walker_visits_every_text_field_of_a_finding_and_its_entries() -> None:
    # the codes are validated patterns, not free text; everything else that holds str is shown
    assert text_fields(Finding) - {"check", "id"} == {
        "title",
        "evidence",
        "location",
        "remediation",
        "references",
        "message",
        "wiki",
        "action",
        "problem",
    }
    assert text_fields(EntryRef) == set(ENTRY_TEXT_FIELDS)
    seen: list[TextKind] = []

    def mark(text: str, kind: TextKind) -> str:
        seen.append(kind)
        return "changed"

    changed = map_finding_texts(every_field("original"), mark)
    dumped = changed.model_dump_json()
    assert "original" not in dumped, dumped
    assert TextKind.MULTILINE in seen and TextKind.LINK in seen


def test_a_vault_entry_title_with_escape_sequences_is_inert_in_the_report() -> None:
    finding = every_field("plain")
    finding = finding.model_copy(
        update={"entries": (EntryRef(title=ESC, site=ESC, login=ESC, source=ESC),)}
    )
    report = Report(
        tool=ToolInfo(name="hygiene-audit", version="0"),
        generated_at="2026-01-01T00:00:00Z",
        subject=None,
        language="en",
        score=50,
        grade="C",
        input_problems=(),
        assessed_checks=1,
        total_checks=1,
        categories=(),
        checks=(),
        findings=(finding,),
        notes=(),
    )
    shown = neutralise_report(report).model_dump_json()
    assert "\x1b" not in shown and "\\u001b" not in shown and "\x07" not in shown


def test_a_check_rows_input_problem_is_redacted_and_neutralised_like_everything_else() -> None:
    """A failed export's path in a check row names its owner (/home/ana.lopez/…): on a
    projector it is written from ``~``, and a hostile file name in it is inert."""
    from hygiene_audit.core.models import Category, CheckOutcome, Status
    from hygiene_audit.safety.redaction import redact_report

    row = CheckOutcome(
        id="HA-P",
        title="Passwords",
        category=Category.PASSWORDS,
        status=Status.FINDINGS,
        reason="Read 3 logins from /home/ana.lopez/export.csv",
        duration_ms=1,
        failed_input=True,
        input_problems=("/home/ana.lopez/broken\x1b[2J.csv: not a known export",),
    )
    report = Report(
        tool=ToolInfo(name="hygiene-audit", version="0"),
        generated_at="2026-01-01T00:00:00Z",
        subject="AnaL",
        language="en",
        score=50,
        grade="C",
        input_problems=row.input_problems,
        assessed_checks=1,
        total_checks=1,
        categories=(),
        checks=(row,),
        findings=(every_field("plain"),),
        notes=(),
    )
    shown = neutralise_report(redact_report(report, home="/home/ana.lopez")).model_dump_json()
    assert "ana.lopez" not in shown and "~/broken" in shown and "\x1b" not in shown
