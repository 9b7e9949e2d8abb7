"""What every format shows, decided once: the actions to take first, the findings folded into
one block per kind, the affected entries in a natural order, and the per-entry view.

Formats only lay these out. Nothing is dropped from the report: JSON keeps every finding;
the grouped view folds repeats (remediation and links printed once per kind), and
``--view details`` shows one block per finding as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from hygiene_audit.core.models import EntryRef, Finding, Report, Severity
from hygiene_audit.i18n import N_, _, ngettext, number
from hygiene_audit.wiki.wikimedia import is_wikimedia_host

VIEWS = ("grouped", "entries", "details")
MAX_ACTIONS = 5
BAR_WIDTH = 10

WIKIMEDIA_PASSWORD_CODES = frozenset({"HA-P001", "HA-P004", "HA-P007"})
BREACH_CODE = "HA-B001"

L_FIX_FIRST = N_("Fix these first")
L_INPUT_FAILED = N_("Incomplete: an input you gave could not be used")
L_NO_GRADE = N_("No grade: nothing could be assessed.")
L_ENTRY = N_("Entry")
L_SITE = N_("Site")
L_LOGIN = N_("Login")
L_ROW = N_("Row")
L_SEEN = N_("Seen")
L_PROBLEMS = N_("Problems")
L_ENTRIES_VIEW = N_("Entries needing work")


def entry_label(ref: EntryRef) -> str:
    site = ref.site or ref.title or "?"
    name = ref.title if ref.title and ref.title.lower() != site else ""
    text = f"{name} — {site}" if name else site
    return f"{text} ({ref.login})" if ref.login else text


def entry_where(ref: EntryRef) -> str:
    return ref.source + (f" #{ref.row}" if ref.row else "")


def entry_short(ref: EntryRef) -> str:
    """Site (login): how actions and compact lists name an entry."""
    site = ref.site or ref.title or "?"
    return f"{site} ({ref.login})" if ref.login else site


def row_short(ref: EntryRef) -> str:
    """The file's name and the row, without the directories."""
    name = ref.source.replace("\\", "/").rsplit("/", 1)[-1]
    return name + (f" #{ref.row}" if ref.row else "")


def _natural(ref: EntryRef) -> tuple[str, int, str]:
    return (ref.source, ref.row if ref.row is not None else 1 << 60, ref.site)


@dataclass(frozen=True)
class Row:
    """One line of a group's table: an entry (vault findings) or a finding's own text."""

    entry: EntryRef | None
    text: str
    where: str
    count: int | None


@dataclass(frozen=True)
class Group:
    code: str
    title: str
    severity: Severity
    findings: tuple[Finding, ...]
    steps: tuple[str, ...]  # remediation common to every finding of the kind, in order
    references: tuple[str, ...]

    @property
    def tabular(self) -> bool:
        """Entries in a table when every finding names vault entries and there are several."""
        return len(self.findings) > 1 and all(f.entries for f in self.findings)

    @property
    def size(self) -> int:
        return sum(max(1, len(f.entries)) for f in self.findings)

    def by_wiki(self) -> list[tuple[str | None, tuple[Finding, ...]]]:
        """The findings by wiki, in the order the wikis first appear, when they come from
        several ("et.wikipedia.org" then its findings); one unnamed part otherwise."""
        wikis = list(dict.fromkeys(f.wiki for f in self.findings))
        if len([w for w in wikis if w]) < 2:
            return [(None, self.findings)]
        return [(wiki, tuple(f for f in self.findings if f.wiki == wiki)) for wiki in wikis]

    def extra_steps(self, finding: Finding) -> tuple[str, ...]:
        return tuple(s for s in finding.remediation if s not in self.steps)

    def rows(self) -> list[Row]:
        """Each affected entry once, breached ones by times seen, the rest by row."""
        rows: dict[tuple[str, int | None, str, str], Row] = {}
        for finding in self.findings:
            for ref in finding.entries:
                key = (ref.source, ref.row, ref.site, ref.login)
                if key not in rows:
                    rows[key] = Row(ref, entry_label(ref), entry_where(ref), finding.count)
        ordered = sorted(rows.values(), key=lambda r: _natural(r.entry) if r.entry else ("",))
        if any(r.count for r in ordered):
            ordered.sort(key=lambda r: -(r.count or 0))
        return ordered


class StepLedger:
    """Remediation already printed for an earlier kind is not printed again: a reader of a
    grouped report meets each piece of advice once, and a pointer to where it stands."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def split(self, group: Group) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(steps to print, codes of the kinds where the others were already printed)."""
        fresh = []
        earlier: list[str] = []
        for step in group.steps:
            code = self._first.get(step)
            if code is None:
                self._first[step] = group.code
                fresh.append(step)
            elif code not in earlier:
                earlier.append(code)
        return tuple(fresh), tuple(earlier)


def also_line(earlier: tuple[str, ...]) -> str:
    return _("… and the advice given above for {codes}").format(
        codes=", ".join(f"[{c}]" for c in earlier)
    )


def groups(report: Report) -> list[Group]:
    by_code: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_code.setdefault(finding.id, []).append(finding)
    result = []
    for code, items in by_code.items():
        first = items[0]
        common = tuple(s for s in first.remediation if all(s in f.remediation for f in items))
        refs = tuple(dict.fromkeys(r for f in items for r in f.references))
        result.append(
            Group(
                code=code,
                title=first.title,
                severity=first.severity,
                findings=tuple(items),
                steps=common,
                references=refs,
            )
        )
    result.sort(key=lambda g: (g.severity.rank, g.code))
    return result


def group_count(group: Group) -> str:
    """`` — 12 entries`` after a kind's title; nothing for a single finding."""
    if group.tabular:
        return " — " + ngettext("{n} entry", "{n} entries", group.size).format(n=group.size)
    if len(group.findings) > 1:
        return " — " + ngettext("{n} finding", "{n} findings", len(group.findings)).format(
            n=len(group.findings)
        )
    return ""


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _labels(refs: tuple[EntryRef, ...], limit: int = 2) -> str:
    labels = [r.site or r.title or "?" for r in sorted(refs, key=_natural)]
    if len(labels) > limit:
        more = len(labels) - limit
        return (
            ", ".join(labels[:limit])
            + " "
            + ngettext("and {n} more", "and {n} more", more).format(n=more)
        )
    return ", ".join(labels)


def _action(finding: Finding) -> str:
    if finding.id == BREACH_CODE:
        return _(
            "Change the breached password on {entries} (seen {count} times in breaches)"
        ).format(entries=_labels(finding.entries), count=number(finding.count or 0))
    if finding.id in ("HA-P001", "HA-P002"):
        return _("Give each of {entries} its own password (they share one)").format(
            entries=_labels(finding.entries)
        )
    if finding.id == "HA-P007":
        return _("Change your Wikimedia password ({entry}): it is weak").format(
            entry=_labels(finding.entries, 1)
        )
    if finding.message:
        return _("{title}: send the request below to have it hidden ({where})").format(
            title=finding.title, where=_short(finding.location or "", 60)
        )
    where = _labels(finding.entries) if finding.entries else finding.location or ""
    return f"{finding.title}" + (f" — {_short(where, 70)}" if where else "")


def _touches_wikimedia(finding: Finding) -> bool:
    return any(is_wikimedia_host(r.site) for r in finding.entries)


def top_actions(report: Report, limit: int = MAX_ACTIONS) -> list[str]:
    """At most ``limit`` one-line actions, most urgent first: the Wikimedia account's own
    password problems and reuse, breached passwords by times seen, personal data that the
    page history still shows, then the rest by severity."""

    def rank(finding: Finding) -> tuple[int, int, int]:
        if finding.id in WIKIMEDIA_PASSWORD_CODES or (
            finding.id == BREACH_CODE and _touches_wikimedia(finding)
        ):
            tier = 0
        elif finding.id == BREACH_CODE:
            tier = 1
        elif finding.message:
            tier = 2
        else:
            tier = 3
        return tier, finding.severity.rank, -(finding.count or 0)

    candidates = [f for f in report.findings if f.severity is not Severity.INFO]
    actions: list[str] = []
    for finding in sorted(candidates, key=rank):
        text = _action(finding)
        if text not in actions:
            actions.append(text)
        if len(actions) == limit:
            break
    return actions


@dataclass(frozen=True)
class EntryProblems:
    entry: EntryRef
    problems: tuple[str, ...]
    worst: Severity


def entries_view(report: Report) -> list[EntryProblems]:
    """Every vault entry with a problem, once, with all of its problems in one row."""
    found: dict[tuple[str, int | None, str, str], tuple[EntryRef, list[str], Severity]] = {}
    for finding in report.findings:
        if finding.severity is Severity.INFO:
            continue
        for ref in finding.entries:
            key = (ref.source, ref.row, ref.site, ref.login)
            entry, titles, worst = found.get(key, (ref, [], finding.severity))
            if finding.title not in titles:
                titles.append(finding.title)
            if finding.severity.rank < worst.rank:
                worst = finding.severity
            found[key] = (entry, titles, worst)
    rows = [EntryProblems(e, tuple(t), w) for e, t, w in found.values()]
    rows.sort(key=lambda r: (r.worst.rank, _natural(r.entry)))
    return rows


def without_entries(report: Report) -> Report:
    """The findings that name no vault entry (wiki, username…), shown after the entry table."""
    return report.model_copy(
        update={"findings": tuple(f for f in report.findings if not f.entries)}
    )


def bar(score: int | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score * width / 100)
    return "█" * filled + "░" * (width - filled)


def score_text(report: Report) -> str:
    if report.score is None:
        return _(L_NO_GRADE)
    return _("Score {score}/100, grade {grade}").format(score=report.score, grade=report.grade)
