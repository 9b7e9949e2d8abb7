"""HA-S: security practices the tool cannot observe, from the self-assessment answers."""

from __future__ import annotations

from hygiene_audit.core.questionnaire import QUESTIONS, UNKNOWN_CODE, seen_on_this_computer
from hygiene_audit.plugin import (
    ANSWER_LABELS,
    N_,
    Answer,
    Category,
    Check,
    CheckContext,
    CheckResult,
    Finding,
    FindingSpec,
    Input,
    Severity,
    SkipCheck,
    _,
    catalogue,
    ngettext,
)


class PracticesCheck(Check):
    id = "HA-S"
    title = N_("Security practices (your answers)")
    description = N_(
        "Two-factor authentication, a separate e-mail, a password manager, disk "
        "encryption, updates, Tor/VPN: asked, or read from the profile's [answers]."
    )
    category = Category.PRACTICES
    inputs = frozenset({Input.ANSWERS, Input.WIKI_USERNAME, Input.COMPUTER})
    codes = catalogue(
        *(
            FindingSpec(
                code=q.code,
                severity=q.severity,
                title=q.title,
                remediation=q.remediation,
                references=q.references,
            )
            for q in QUESTIONS
        ),
        FindingSpec(
            code=UNKNOWN_CODE,
            severity=Severity.LOW,
            title=N_("You are not sure about a security setting"),
            remediation=(
                N_(
                    "Find out (see the step above), then run the audit again: "
                    "not knowing is a risk in itself."
                ),
            ),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        answers = ctx.inputs.answers
        wiki_is_read = not ctx.offline and bool(ctx.inputs.wiki_username)
        seen = seen_on_this_computer(ctx.inputs.computer)
        asked = [
            q for q in QUESTIONS if not (wiki_is_read and q.observable_online) and q.key not in seen
        ]
        seen_line = (
            _("Seen on this computer (HA-D), not asked: {answers}").format(
                answers="; ".join(
                    f"{_(q.topic)}: {_(ANSWER_LABELS[Answer(seen[q.key].value)])}"
                    for q in QUESTIONS
                    if q.key in seen
                )
            )
            if seen
            else None
        )
        if not any(q.key in answers for q in asked):
            if seen_line is not None and not asked:
                raise SkipCheck(seen_line)
            why = ctx.inputs.answers_not_asked
            if why is not None:
                raise SkipCheck(
                    _(
                        "No answers: {why}. Answer the questions in a run that asks "
                        "them, or add an [answers] table to your profile (see the "
                        "README)."
                    ).format(why=why)
                )
            raise SkipCheck(
                _(
                    "No answers: no question was answered (the input ended, or each "
                    "was skipped). The questions are asked at the prompts unless "
                    "--no-input is given; or add an [answers] table to your profile "
                    "(see the README)."
                )
            )
        findings: list[Finding] = []
        skipped = []
        for question in asked:
            answer = answers.get(question.key)
            if answer is None:
                skipped.append(question)
            elif answer is Answer.UNKNOWN:
                findings.append(
                    self.finding(
                        UNKNOWN_CODE,
                        title=_("Find out: {question}").format(question=_(question.text)),
                        steps=[_(question.how_to_find_out)],
                        evidence=_("you answered: don't know"),
                    )
                )
            elif answer is question.risky:
                findings.append(
                    self.finding(
                        question.code,
                        evidence=_("you answered “{answer}” to: {question}").format(
                            answer=_(ANSWER_LABELS[answer]), question=_(question.text)
                        ),
                    )
                )
        not_answered = (
            ngettext(
                "Not answered: {n} question ({questions})",
                "Not answered: {n} questions ({questions})",
                len(skipped),
            ).format(n=len(skipped), questions="; ".join(_(q.topic) for q in skipped))
            if skipped
            else None
        )
        reason = ". ".join(r for r in (seen_line, not_answered) if r) or None
        return CheckResult.of(findings, reason=reason)
