"""Self-assessment: what the tool cannot observe, asked briefly and skippably.

Answers come from the profile file (``[answers]``) or from prompts (yes / no / don't know /
Enter to skip). The HA-S check turns each risky answer into a finding; "don't know" is its
own answer, with how to find out. Questions whose answer the wiki shows publicly (gender,
"Email this user") are only asked when the wiki is not read, and those a probe of HA-D
answered on this computer (disk encryption, automatic updates) are not asked at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hygiene_audit.computer.answers import Outcome
from hygiene_audit.core.models import Severity
from hygiene_audit.core.profile import ANSWER_LABELS, Answer, UserProfile
from hygiene_audit.i18n import N_, _
from hygiene_audit.wiki.wikimedia import (
    EMAIL_USER_STEPS,
    EMAIL_USER_TITLE,
    GENDER_STEPS,
    GENDER_TITLE,
    URL_PREFERENCES,
)

if TYPE_CHECKING:
    from hygiene_audit.computer.state import ComputerState


@dataclass(frozen=True)
class Question:
    key: str  # the [answers] key in the profile file
    code: str  # HA-S finding code for the risky answer
    text: str  # the question (N_-marked)
    risky: Answer
    severity: Severity
    title: str
    remediation: tuple[str, ...]
    how_to_find_out: str
    references: tuple[str, ...] = ()
    observable_online: bool = False  # the wiki shows it; HA-W reports it when online
    probe: str | None = None  # the HA-D probe that can see it on this computer: not asked then

    @property
    def topic(self) -> str:
        """A few words naming the question in a report (N_-marked; never the key)."""
        return TOPICS[self.key]


TOPICS: dict[str, str] = {
    "two_factor": N_("two-factor authentication"),
    "separate_email": N_("a separate e-mail address"),
    "password_manager": N_("a password manager"),
    "disk_encryption": N_("disk encryption"),
    "system_updates": N_("automatic updates"),
    "tor_or_vpn": N_("Tor or a VPN"),
    "neutral_gender": N_("gender in the preferences"),
    "email_off": N_("'Email this user'"),
}


URL_OATH = "https://meta.wikimedia.org/wiki/Help:Two-factor_authentication"
URL_PM = "https://ssd.eff.org/module/choosing-the-password-manager-that-is-right-for-you"
URL_FDE = "https://ssd.eff.org/module/keeping-your-data-safe"
URL_TOR = "https://www.torproject.org/download/"
URL_TOR_WIKI = "https://en.wikipedia.org/wiki/Wikipedia:Advice_to_users_using_Tor"
URL_UPDATES = "https://ssd.eff.org/module/how-to-keep-your-devices-and-software-up-to-date"

QUESTIONS: tuple[Question, ...] = (
    Question(
        "two_factor",
        "HA-S001",
        N_("Is two-factor authentication on for your Wikimedia account (Special:OATH)?"),
        Answer.NO,
        Severity.HIGH,
        N_("Two-factor authentication is off on your Wikimedia account"),
        (
            N_(
                "Open Special:OATH on any Wikimedia wiki (Meta: Special:OATHManage), scan the code "
                "with an authenticator app, and keep the recovery codes offline, e.g. on paper."
            ),
            N_("With it, a stolen or guessed password alone no longer opens your account."),
        ),
        N_("Open Special:OATHManage while logged in: it says whether it is enabled."),
        (URL_OATH,),
    ),
    Question(
        "separate_email",
        "HA-S002",
        N_("Does your wiki account use an e-mail address you use for nothing else?"),
        Answer.NO,
        Severity.MEDIUM,
        N_("Your wiki account shares its e-mail address with your other accounts"),
        (
            N_(
                "Create a separate address for the wiki (a free provider, no real name) and set it "
                "in Special:ChangeEmail."
            ),
            N_(
                "Your reply to 'Email this user' shows the address: a shared one ties the wiki "
                "account to the rest of your life."
            ),
        ),
        N_("Special:Preferences → User profile shows the address your account uses."),
        (URL_PREFERENCES,),
    ),
    Question(
        "password_manager",
        "HA-S003",
        N_("Do you use a password manager?"),
        Answer.NO,
        Severity.MEDIUM,
        N_("You do not use a password manager"),
        (
            N_(
                "Install a password manager (for example KeePassXC or Bitwarden), "
                "let it generate a "
                "different random password for every site, and protect it with a long "
                "passphrase."
            ),
        ),
        N_("If you remember your passwords yourself, the answer is no."),
        (URL_PM,),
    ),
    Question(
        "disk_encryption",
        "HA-S004",
        N_("Is your computer's disk encrypted (FileVault, BitLocker, LUKS)?"),
        Answer.NO,
        Severity.HIGH,
        N_("Your computer's disk is not encrypted"),
        (
            N_(
                "Turn on full-disk encryption (macOS: FileVault; Windows: BitLocker or Device "
                "Encryption; Linux: LUKS at installation) with a strong passphrase."
            ),
            N_(
                "A seized or stolen laptop then reveals nothing: not your browser sessions, not "
                "your drafts, not this report."
            ),
        ),
        N_(
            "macOS: System Settings → Privacy & Security → FileVault. Windows: Settings → "
            "Privacy & security → Device encryption. Linux: 'lsblk -f' shows crypto_LUKS."
        ),
        (URL_FDE,),
        probe="disk_encryption",
    ),
    Question(
        "system_updates",
        "HA-S005",
        N_("Do your system and browser install security updates automatically?"),
        Answer.NO,
        Severity.MEDIUM,
        N_("Security updates are not installed automatically"),
        (
            N_(
                "Turn on automatic updates for the system and the browser, and restart when they "
                "ask: most attacks use holes that were already fixed."
            ),
        ),
        N_("Your system's update settings say whether updates are automatic."),
        (URL_UPDATES,),
        probe="automatic_updates",
    ),
    Question(
        "tor_or_vpn",
        "HA-S006",
        N_(
            "When you edit about topics that are dangerous where you live, do you use Tor or a "
            "trustworthy VPN?"
        ),
        Answer.NO,
        Severity.MEDIUM,
        N_("You edit sensitive topics without hiding your IP address from your network"),
        (
            N_(
                "Your internet provider (and whoever watches it) sees that you visit Wikipedia and "
                "when; Tor Browser hides that. Logged-in editing through Tor may need an IP block "
                "exemption: ask for it privately."
            ),
            N_(
                "Never edit logged out on sensitive topics: logged-out edits publish your IP "
                "address."
            ),
        ),
        N_("If you do not know whether your connection goes through Tor or a VPN, it does not."),
        (URL_TOR, URL_TOR_WIKI),
    ),
    Question(
        "neutral_gender",
        "HA-S007",
        N_("Is your gender left unset (neutral) in your wiki preferences?"),
        Answer.NO,
        Severity.LOW,
        GENDER_TITLE,
        GENDER_STEPS,
        N_("Special:Preferences → User profile shows the setting."),
        (URL_PREFERENCES,),
        observable_online=True,
    ),
    Question(
        "email_off",
        "HA-S008",
        N_(
            "Is 'Email this user' turned off for your account, so other users cannot e-mail "
            "you through the wiki?"
        ),
        Answer.NO,
        Severity.LOW,
        EMAIL_USER_TITLE,
        EMAIL_USER_STEPS,
        N_("Special:Preferences → User profile → Email options."),
        (URL_PREFERENCES,),
        observable_online=True,
    ),
)
UNKNOWN_CODE = "HA-S020"
KEYS = frozenset(q.key for q in QUESTIONS)
MAX_TRIES = 3  # an answer that is not one of the accepted ones is asked again, then skipped

# The words accepted for each answer, "|"-separated: the English ones always, and the active
# language's from its catalog (a language is a catalog, never code: a translator adds them).
ANSWER_WORDS = {
    Answer.YES: N_("y|yes"),
    Answer.NO: N_("n|no"),
    Answer.UNKNOWN: N_("?|d|dk|unknown|don't know|dont know"),
}


def parse_answer(text: str) -> Answer | None:
    """A typed answer; None means skipped."""
    value = text.strip().lower()
    for answer, words in ANSWER_WORDS.items():
        accepted = {w.strip().lower() for w in (*words.split("|"), *_(words).split("|"))}
        if value in accepted:
            return answer
    return None


def seen_on_this_computer(computer: ComputerState | None) -> dict[str, Outcome]:
    """The questions a probe answered (yes or no), by key, with its answer."""
    if computer is None:
        return {}
    seen = {}
    for q in QUESTIONS:
        outcome = computer.determined(q.probe) if q.probe else None
        if outcome is not None:
            seen[q.key] = outcome
    return seen


def to_ask(
    profile: UserProfile, *, wiki_is_read: bool, seen: Mapping[str, Outcome] | None = None
) -> list[Question]:
    """The questions still to put: not answered in the profile, not shown by the wiki, not
    seen by a probe on this computer."""
    return [
        q
        for q in QUESTIONS
        if q.key not in profile.answers
        and not (wiki_is_read and q.observable_online)
        and q.key not in (seen or {})
    ]


def ask(
    profile: UserProfile,
    questions: list[Question],
    read_line: Callable[[str], str | None],
    seen: Mapping[str, Outcome] | None = None,
) -> UserProfile:
    """Ask each question, numbered; an answer that is not accepted is asked again with the
    accepted ones; ``read_line`` returns None at end of input (stop asking). ``seen``: what
    the probes answered, said before the first question."""
    answers = dict(profile.answers)
    hint = _("[y]es / [n]o / [?] don't know / Enter to skip")
    header = (
        _(
            "A few questions about what the tool cannot see (answers stay on this "
            "computer; --no-input skips them). For each, yes is the safe answer."
        )
        + "\n"
    )
    if seen:
        header += (
            _("This computer answered, so they are not asked: {answers}").format(
                answers="; ".join(
                    f"{_(q.topic)}: {_(ANSWER_LABELS[Answer(seen[q.key].value)])}"
                    for q in QUESTIONS
                    if q.key in seen
                )
            )
            + "\n"
        )
    total = len(questions)
    for number, question in enumerate(questions, start=1):
        lead = header if number == 1 else ""
        prompt = _("Question {n} of {total}: {question}").format(
            n=number, total=total, question=_(question.text)
        )
        for attempt in range(MAX_TRIES):
            line = read_line(f"{lead}{prompt} {hint} ")
            if line is None:
                return profile.model_copy(update={"answers": answers})
            if not line.strip():
                break  # skipped
            answer = parse_answer(line)
            if answer is not None:
                answers[question.key] = answer
                break
            lead = (
                _("Please answer y, n, ? or press Enter to skip.") + "\n"
                if attempt + 1 < MAX_TRIES
                else ""
            )
    return profile.model_copy(update={"answers": answers})
