"""What every format shows, decided once: the actions to take first, the findings folded into
one block per kind, the affected entries in a natural order, and the per-entry view.

Formats only lay these out. Nothing is dropped from the report: JSON keeps every finding;
the grouped view folds repeats (remediation and links printed once per kind), and
``--view details`` shows one block per finding as before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hygiene_audit.core.models import Action, ActionScope, EntryRef, Finding, Report, Severity
from hygiene_audit.i18n import N_, _, ngettext, number
from hygiene_audit.vault.importance import OTHER, importance

VIEWS = ("grouped", "entries", "details")
MAX_ACTIONS = 5
BAR_WIDTH = 10

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
                    rows[key] = Row(ref, ref.label, entry_where(ref), finding.count)
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
        """(steps to print, titles of the kinds where the others were already printed)."""
        fresh = []
        earlier: list[str] = []
        for step in group.steps:
            title = self._first.get(step)
            if title is None:
                self._first[step] = group.title
                fresh.append(step)
            elif title not in earlier:
                earlier.append(title)
        return tuple(fresh), tuple(earlier)


def also_line(earlier: tuple[str, ...]) -> str:
    """A pointer to advice printed above, by the kind's title (never an internal code)."""
    return _("… and the advice given above under {titles}").format(
        titles="; ".join(f"“{t}”" for t in earlier)
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


EntryKey = tuple[str, int | None, str, str]


def _key(ref: EntryRef) -> EntryKey:
    return (ref.source, ref.row, ref.site, ref.login)


@dataclass(frozen=True)
class Planned:
    """One action before it is numbered: what ranks it and what it settles."""

    scope: ActionScope
    findings: tuple[int, ...]  # positions in report.findings
    accounts: tuple[EntryRef, ...]
    text: str
    urgency: int
    importance: int
    count: int  # times seen in breaches, the tie-break
    problems: tuple[str, ...] = ()  # a password's problems, worst first

    @property
    def weight(self) -> int:
        return self.urgency * self.importance * max(1, len(self.accounts))

    def order(self) -> tuple[int, int, int, int, tuple[str, int, str]]:
        first = self.accounts[0] if self.accounts else None
        natural = _natural(first) if first else ("", 1 << 60, "")
        return (-self.weight, -self.count, -self.urgency, self.findings[0], natural)


def _by_importance(refs: tuple[EntryRef, ...]) -> tuple[EntryRef, ...]:
    """The most important accounts first (e-mail before shops), then in row order."""
    return tuple(sorted(refs, key=lambda r: (-importance(r.site), _natural(r))))


def _labels(refs: tuple[EntryRef, ...], limit: int = 2) -> str:
    labels = [r.site or r.title or "?" for r in _by_importance(refs)]
    if len(labels) > limit:
        more = len(labels) - limit
        return (
            ", ".join(labels[:limit])
            + " "
            + ngettext("and {n} more", "and {n} more", more).format(n=number(more))
        )
    return ", ".join(labels)


def _problem(finding: Finding) -> str:
    text = finding.problem or finding.title
    return text.replace("{count}", number(finding.count or 0))


def _finding_action(finding: Finding) -> str:
    """A finding that is its own action: its catalogue's sentence, or its title and where."""
    where = _labels(finding.entries) if finding.entries else _first_place(finding.location)
    if finding.action:
        return finding.action.replace("{where}", where)  # never str.format: text is hostile
    return finding.title + (f" — {where}" if where else "")


def _first_place(location: str | None) -> str:
    """The first of a finding's places, whole (a link is never cut), and how many more."""
    places = [p for p in (location or "").split("; ") if p]
    if len(places) > 1:
        more = len(places) - 1
        return (
            places[0] + " " + ngettext("and {n} more", "and {n} more", more).format(n=number(more))
        )
    return places[0] if places else ""


def _password_action(accounts: tuple[EntryRef, ...], problems: list[str]) -> str:
    return ngettext(
        "Change this password on {n} account: {entries} ({problems})",
        "Change this password on {n} accounts: {entries} ({problems})",
        len(accounts),
    ).format(n=number(len(accounts)), entries=_labels(accounts, 3), problems=", ".join(problems))


def plan(report: Report) -> list[Planned]:
    """Every action, most urgent first: one per password (all the accounts that use it or a
    variation of it, all its problems), one per other finding; ranked by the harm its
    catalogue gives × the importance of its most important account × its accounts, as
    numbers; ties by times seen in breaches, then by the order of the findings."""
    findings = report.findings
    candidates = [i for i, f in enumerate(findings) if f.harm > 0]
    parent: dict[EntryKey, EntryKey] = {}

    def root(key: EntryKey) -> EntryKey:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    pooled = [
        i
        for i in candidates
        if findings[i].scope is not ActionScope.FINDING and findings[i].entries
    ]
    for i in pooled:
        keys = [_key(r) for r in findings[i].entries]
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
    by_root: dict[EntryKey, list[int]] = {}
    for i in pooled:
        by_root.setdefault(root(_key(findings[i].entries[0])), []).append(i)
    planned: list[Planned] = []
    for members in by_root.values():
        accounts = {_key(r): r for i in members for r in findings[i].entries}
        worst_first = sorted(members, key=lambda i: (-findings[i].harm, i))
        problems = list(dict.fromkeys(_problem(findings[i]) for i in worst_first))
        refs = _by_importance(tuple(accounts.values()))
        planned.append(
            Planned(
                scope=ActionScope.PASSWORD,
                findings=tuple(members),
                accounts=refs,
                text=_password_action(refs, problems),
                urgency=findings[worst_first[0]].harm,
                importance=max(importance(r.site) for r in refs),
                count=max(findings[i].count or 0 for i in members),
                problems=tuple(problems),
            )
        )
    alone: dict[str, Planned] = {}
    for i in candidates:
        if i in pooled:
            continue
        finding = findings[i]
        text = _finding_action(finding)
        refs = _by_importance(finding.entries)
        level = max((importance(r.site) for r in refs), default=OTHER)  # accounts only
        action = Planned(
            scope=ActionScope.FINDING,
            findings=(i,),
            accounts=refs,
            text=text,
            urgency=finding.harm,
            importance=level,
            count=finding.count or 0,
        )
        same = alone.get(text)  # distinct actions only: the same sentence is one action
        if same is not None:
            first = min(action, same, key=Planned.order)
            action = replace(first, findings=tuple(sorted({*same.findings, i})))
        alone[text] = action
    planned += alone.values()
    planned.sort(key=Planned.order)
    return planned


def top_actions(report: Report, limit: int = MAX_ACTIONS) -> list[str]:
    """At most ``limit`` one-line actions, most urgent first, each a distinct one."""
    return [p.text for p in plan(report)[:limit]]


def with_actions(report: Report) -> Report:
    """The report with its ranked actions stated (ids by rank, never derived from a secret)
    and each vault entry naming the action that changes its password."""
    planned = plan(report)
    group: dict[EntryKey, int] = {}
    for rank, action in enumerate(planned, 1):
        if action.scope is ActionScope.PASSWORD:
            for ref in action.accounts:
                group[_key(ref)] = rank
    findings = tuple(
        f.model_copy(
            update={
                "entries": tuple(
                    r.model_copy(update={"group": group.get(_key(r))}) for r in f.entries
                )
            }
        )
        for f in report.findings
    )
    actions = tuple(
        Action(
            id=rank,
            scope=p.scope,
            text=p.text,
            findings=p.findings,
            accounts=len(p.accounts),
            urgency=p.urgency,
            importance=p.importance,
            weight=p.weight,
        )
        for rank, p in enumerate(planned, 1)
    )
    return report.model_copy(update={"findings": findings, "actions": actions})


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
