"""The engine: selects checks, runs each in isolation, and assembles the report.

It decides everything the CLI must not: which checks run, what each may see and reach, what
a crash or an overrun becomes, which findings are ignored, and the score (the exit status is
decided from the report in :mod:`hygiene_audit.core.exit_status`).
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from hygiene_audit import TOOL_NAME, __version__
from hygiene_audit.core.errors import (
    ConfigError,
    HygieneAuditError,
    InputFileError,
    exception_line,
    first_validation_error,
)
from hygiene_audit.core.inputs import AuditInputs, InputView
from hygiene_audit.core.models import (
    Category,
    CheckOutcome,
    Finding,
    Report,
    Status,
    ToolInfo,
    map_finding_texts,
)
from hygiene_audit.core.registry import LoadedCheck, Registry
from hygiene_audit.core.scoring import category_scores, grade, score
from hygiene_audit.core.settings import Settings
from hygiene_audit.i18n import _, active_language
from hygiene_audit.plugin import (
    Check,
    CheckContext,
    CheckResult,
    Endpoint,
    Input,
    NullProgress,
    Progress,
    SkipCheck,
)
from hygiene_audit.safety.hosts import host_of
from hygiene_audit.safety.offline_guard import CHECK_THREAD_PREFIX, Attempts, offline_guard
from hygiene_audit.safety.route import Route, RouteKind
from hygiene_audit.safety.secrets import WITHHELD, Scrubber

if TYPE_CHECKING:
    import httpx


def endpoint_urls(settings: Settings) -> dict[Endpoint, str]:
    return {
        Endpoint.WIKI: settings.wiki,
        Endpoint.COMMONS: settings.commons_api,
        Endpoint.META: settings.meta_api,
        Endpoint.HIBP: settings.hibp_api,
        Endpoint.HIBP_ACCOUNTS: settings.hibp_accounts_api,
    }


def allowed_hosts(cls: type[Check], settings: Settings) -> frozenset[str]:
    """The hosts a check may reach: its endpoints', its literal ``hosts`` (``*.domain`` for a
    domain and every host under it) and, when it reads ``--wikis``, the wikis named there."""
    urls = endpoint_urls(settings)
    named = (
        {host_of(w) for w in settings.wikis if "://" in w} if Input.WIKIS in cls.inputs else set()
    )
    return frozenset(
        {host_of(urls[e]) for e in cls.endpoints} | {h.lower() for h in cls.hosts} | named
    )


def select_checks(registry: Registry, settings: Settings) -> list[LoadedCheck]:
    """Checks to run: ``only`` if given (opt-in checks too), else every default check."""
    known = set(registry.checks)
    for name in (*settings.only, *settings.skip):
        if name not in known:
            raise ConfigError(
                _("Unknown check '{name}'. Known checks: {known}").format(
                    name=name, known=", ".join(sorted(known))
                )
            )
    both = sorted(set(settings.only) & set(settings.skip))
    if both:
        raise ConfigError(
            _("{checks}: given to both --only and --skip; choose one").format(
                checks=", ".join(both)
            )
        )
    chosen = []
    for check_id, loaded in sorted(registry.checks.items()):
        if settings.only:
            if check_id not in settings.only:
                continue
        elif loaded.cls.opt_in and not _opted_in(loaded.cls, settings):
            continue
        if check_id in settings.skip:
            continue
        chosen.append(loaded)
    if not chosen:
        raise ConfigError(_("No check is left to run: --skip removed every one"))
    return chosen


def _opted_in(cls: type[Check], settings: Settings) -> bool:
    switch = cls.enabled_by.declaration.setting if cls.enabled_by is not None else None
    if switch is not None and bool(getattr(settings, switch)):
        return True
    return bool(settings.checks.get(cls.id, {}).get("enabled", False))


@dataclass
class RunEnvironment:
    """What the engine needs from outside: injectable for tests and the demo."""

    transport: httpx.BaseTransport | None = None
    progress: Callable[[str], Progress] = field(default=lambda _title: NullProgress())
    sleep: Callable[[float], None] = field(default=lambda seconds: time.sleep(seconds))
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    monotonic: Callable[[], float] = field(default=time.monotonic)  # measures check durations
    scrubber: Scrubber = field(default_factory=Scrubber)
    debug: bool = False
    on_traceback: Callable[[str], None] | None = None
    route: Route = field(default_factory=lambda: Route(RouteKind.DIRECT))
    say: Callable[[str], None] = field(default=lambda _line: None)


def _options_for(cls: type[Check], settings: Settings) -> BaseModel | None:
    if cls.options is None:
        return None
    raw = {k: v for k, v in settings.checks.get(cls.id, {}).items() if k != "enabled"}
    try:
        return cls.options.model_validate(raw)
    except ValidationError as exc:
        where, problem = first_validation_error(exc)
        raise ConfigError(
            _("Invalid option for check {check}: '{name}': {problem}").format(
                check=cls.id, name=where, problem=problem
            )
        ) from exc


def _validate_result(cls: type[Check], result: object) -> CheckResult:
    if not isinstance(result, CheckResult):
        raise HygieneAuditError(
            _("contract violation: run() returned {type}, not CheckResult").format(
                type=type(result).__name__
            )
        )
    for finding in result.findings:
        if finding.check != cls.id or finding.id not in cls.codes:
            raise HygieneAuditError(
                _("contract violation: finding {code} is not in the catalogue of {check}").format(
                    code=finding.id, check=cls.id
                )
            )
    return result


@dataclass(frozen=True)
class CheckRun:
    """What one check gave: its row, its findings, its notes for the top of the report."""

    outcome: CheckOutcome
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()


class _Runner(threading.Thread):
    def __init__(self, check: Check, ctx: CheckContext) -> None:
        super().__init__(name=f"{CHECK_THREAD_PREFIX}{ctx.check_id}", daemon=True)
        self.check = check
        self.ctx = ctx
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.check.run(self.ctx)
        except BaseException as exc:
            self.error = exc


def start_check(
    loaded: LoadedCheck,
    settings: Settings,
    inputs: AuditInputs,
    env: RunEnvironment,
    *,
    ends_at: float | None = None,
) -> Callable[[], CheckRun]:
    """Start one check in its own thread; the function returned waits for it, within its own
    budget and the run's (``ends_at``, on :func:`time.monotonic`), and gives its row."""
    cls = loaded.cls
    started = env.monotonic()
    begun = time.monotonic()
    clients: list[httpx.Client] = []
    run_ends = ends_at if ends_at is not None else math.inf

    def factory() -> httpx.Client:
        from hygiene_audit.safety.http import make_client  # the HTTP library only when a check asks

        client = make_client(
            allowed_hosts(cls, settings),
            offline=settings.offline,
            timeout=settings.timeout,
            transport=env.transport,
            route=env.route,
            sleep=env.sleep,
            ends_at=None if math.isinf(run_ends) else run_ends,
        )
        clients.append(client)
        return client

    def outcome(
        status: Status,
        reason: str | None,
        *,
        failed_input: bool = False,
        items: int | None = None,
        problems: tuple[str, ...] = (),
    ) -> CheckOutcome:
        def clean(text: str) -> str:
            return env.scrubber.scrub(text) if not loaded.builtin else text

        return CheckOutcome(
            id=cls.id,
            title=_(cls.title),
            category=cls.category,
            status=status,
            reason=clean(reason) if reason else reason,
            duration_ms=int((env.monotonic() - started) * 1000),
            failed_input=failed_input or bool(problems),
            input_problems=tuple(clean(p) for p in problems),
            assessed_items=items,
        )

    def failed(row: CheckOutcome) -> Callable[[], CheckRun]:
        return lambda: CheckRun(row)

    urls = endpoint_urls(settings)
    cancelled = threading.Event()
    try:
        ctx = CheckContext(
            check_id=cls.id,
            inputs=InputView(inputs, cls.inputs, cls.id),
            offline=settings.offline,
            allow_http=settings.allow_http,
            endpoints={e: urls[e] for e in cls.endpoints},
            http_factory=factory,
            options=_options_for(cls, settings),
            progress=env.progress(_(cls.title)),
            cancelled=cancelled,
            route=env.route.describe(),
            say=env.say,
        )
        runner = _Runner(cls(), ctx)
    except HygieneAuditError as exc:
        return failed(outcome(Status.ERROR, exc.message))
    except Exception as exc:
        return failed(outcome(Status.ERROR, _describe(exc, env.scrubber)))

    budget = cls.time_budget or settings.check_timeout
    runner.start()

    def collect() -> CheckRun:
        own_end = begun + budget
        runner.join(max(0.0, min(own_end, run_ends) - time.monotonic()))
        with contextlib.suppress(Exception):  # a broken progress display must not lose it
            ctx.progress.finish()
        if runner.is_alive():
            cancelled.set()
            if run_ends < own_end:
                why = _(
                    "did not finish within the time left of the run's budget of {seconds:g} s "
                    "(--run-timeout); its results were not used"
                ).format(seconds=settings.run_timeout)
            else:
                why = _("did not finish within its time budget of {seconds:g} s").format(
                    seconds=budget
                )
            return CheckRun(outcome(Status.ERROR, why))
        for client in clients:
            client.close()
        if runner.error is not None:
            failure = runner.error
            if isinstance(failure, SkipCheck):
                return CheckRun(outcome(Status.SKIPPED, failure.reason))
            if env.on_traceback is not None and env.debug:
                text = "".join(traceback.format_exception(failure))
                env.on_traceback(env.scrubber.scrub(text))
            return CheckRun(
                outcome(
                    Status.ERROR,
                    _describe(failure, env.scrubber),
                    failed_input=isinstance(failure, InputFileError),
                )
            )
        try:
            result = _validate_result(cls, runner.result)
        except HygieneAuditError as exc:
            return CheckRun(outcome(Status.ERROR, exc.message))
        findings = result.findings
        if not loaded.builtin:
            findings = tuple(_withhold_secrets(f, env.scrubber) for f in findings)
        notes = (
            result.notes if loaded.builtin else tuple(env.scrubber.scrub(n) for n in result.notes)
        )
        return CheckRun(
            outcome(
                result.status,
                result.reason,
                items=result.assessed_items,
                problems=result.input_problems,
            ),
            findings,
            notes,
        )

    return collect


def uses_network(cls: type[Check]) -> bool:
    return bool(cls.endpoints or cls.hosts)


def run_checks(
    checks: Sequence[LoadedCheck], settings: Settings, inputs: AuditInputs, env: RunEnvironment
) -> list[CheckRun]:
    """Every check within one budget for the run (``run_timeout``): the checks that read only
    this computer one after another (the password rating forks workers, best done while no
    other thread runs), then the ones that use the network side by side, each waited for no
    longer than its own budget and the time the run has left. Rows keep the checks' order."""
    ends_at = time.monotonic() + settings.run_timeout
    rows: dict[str, CheckRun] = {}
    for loaded in checks:
        if not uses_network(loaded.cls):
            rows[loaded.id] = start_check(loaded, settings, inputs, env, ends_at=ends_at)()
    pending = [
        (loaded.id, start_check(loaded, settings, inputs, env, ends_at=ends_at))
        for loaded in checks
        if uses_network(loaded.cls)
    ]
    for check_id, collect in pending:
        rows[check_id] = collect()
    return [rows[loaded.id] for loaded in checks]


def _describe(exc: BaseException, scrubber: Scrubber) -> str:
    """One line for an error row: the exception's type and its message's first line, the
    message withheld if it (in any line) held a secret."""
    if isinstance(exc, HygieneAuditError):  # our own messages never quote a secret
        return exc.message
    withheld = WITHHELD if scrubber.holds_secret(str(exc)) else None
    return _("crashed: {error}").format(error=exception_line(exc, withheld=withheld))


def _withhold_secrets(finding: Finding, scrubber: Scrubber) -> Finding:
    """A third-party check's finding with every text field that holds a secret withheld.

    Built-in checks never quote a secret (the leak tests prove it); their text is left alone,
    so that a password that happens to be a word of a site name never mangles the report.
    """
    return map_finding_texts(
        finding, lambda text, _kind: WITHHELD if text and scrubber.holds_secret(text) else text
    )


def run_audit(
    settings: Settings,
    registry: Registry,
    inputs: AuditInputs,
    env: RunEnvironment | None = None,
    *,
    notes: Sequence[str] = (),
) -> Report:
    environment = env or RunEnvironment()
    outcomes: list[CheckOutcome] = []
    findings: list[Finding] = []
    for rejected in registry.rejected:
        outcomes.append(
            CheckOutcome(
                id=rejected.name,
                title=rejected.origin,
                category=Category.OTHER,
                status=Status.ERROR,
                reason=_("plugin rejected: {reason}").format(reason=rejected.reason),
            )
        )
    attempts = Attempts()
    guard = offline_guard(attempts) if settings.offline else contextlib.nullcontext()
    results: list[CheckRun]
    with guard:
        results = run_checks(select_checks(registry, settings), settings, inputs, environment)
    blocked = attempts.by_check()
    check_notes: list[str] = []
    for run in results:
        outcome, found = run.outcome, run.findings
        if outcome.id in blocked:
            outcome = outcome.model_copy(
                update={
                    "status": Status.ERROR,
                    "reason": _(
                        "tried to reach the network under --offline ({targets}); blocked, "
                        "and its results discarded"
                    ).format(targets=", ".join(sorted(set(blocked[outcome.id])))),
                }
            )
            found = ()
        else:
            check_notes.extend(run.notes)
        outcomes.append(outcome)
        findings.extend(f for f in found if f.id not in settings.ignore)
    findings.sort(key=lambda f: (f.severity.rank, f.check, f.id, f.location or ""))
    run_notes = list(dict.fromkeys((*notes, *check_notes)))
    for who in sorted(blocked):
        run_notes.append(
            _(
                "Under --offline, {check} tried to open a network connection. It was "
                "blocked; a check that does this does not keep its promises: remove "
                "it unless you know why."
            ).format(check=who)
        )
    route = None
    if not settings.offline and environment.transport is None:
        route = environment.route.describe()
        run_notes.insert(0, _("Network route of this run: {route}.").format(route=route))
    value = score(outcomes, findings)
    problems = tuple(
        dict.fromkeys(
            problem
            for o in outcomes
            if o.failed_input
            for problem in (o.input_problems or (o.reason or o.id,))
        )
    )
    return Report(
        tool=ToolInfo(name=TOOL_NAME, version=__version__),
        generated_at=environment.now(),
        subject=inputs.wiki_username,
        language=active_language(),
        score=value,
        grade=grade(value),
        input_problems=problems,
        assessed_checks=sum(1 for o in outcomes if o.status.assessed),
        total_checks=len(outcomes),
        categories=category_scores(outcomes, findings),
        checks=tuple(outcomes),
        findings=tuple(findings),
        notes=tuple(run_notes),
        network_route=route,
    )
