"""The command line's options, declared once: each run option is named after the settings
field it feeds (README: Settings), so the CLI passes them through without a rename table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

FormatOpt = Annotated[
    str,
    typer.Option(
        "--format", "-f", metavar="FORMAT", help="terminal, json, markdown or html (or a plugin)."
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (mode 0600) instead of stdout.",
    ),
]
RedactOpt = Annotated[
    bool | None,
    typer.Option(
        "--redact/--no-redact",
        help="Mask personal data in the evidence. Default: on for --output files.",
    ),
]
ViewOpt = Annotated[
    str,
    typer.Option(
        "--view",
        metavar="VIEW",
        help="grouped (one block per kind of problem, the default), "
        "entries (one row per password entry with all its problems) or details "
        "(one block per finding).",
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", metavar="LANG", help="Language of the report and prompts: en or es."),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks (secrets scrubbed).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
NoInputOpt = Annotated[bool | None, typer.Option("--no-input", help="Never prompt.")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="Configuration file (TOML).", dir_okay=False),
]
ChecksDirOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--checks-dir", metavar="DIR", help="Also load checks from *.py files in DIR (repeatable)."
    ),
]


RUN_EPILOG = (
    "Examples:\n\n"
    "\b\n"
    "  hygiene-audit run --user YourName --passwords ~/Downloads/bitwarden_export.csv\n"
    "  hygiene-audit run --offline --passwords vault.kdbx --hibp-file pwnedpasswords.txt\n"
    "  hygiene-audit run --user YourName --profile profile.toml -f html -o report.html\n"
    "  hygiene-audit run --only HA-P --passwords export.csv --view entries\n\n"
    "Exit codes:\n\n"
    "\b\n"
    "  0  report written (score at least --fail-under)\n"
    "  1  score below --fail-under\n"
    "  2  usage, configuration or input error (one line on standard error)\n"
    "  3  internal error (--debug shows the traceback)\n"
    "  4  incomplete: an input you gave could not be used, or nothing was assessed\n"
    "  130 interrupted"
)

# run
WikiOpt = Annotated[
    str | None,
    typer.Option(
        "--wiki", "-w", metavar="WIKI", help="Wiki: en.wikipedia.org or a full api.php URL."
    ),
]
UsernameOpt = Annotated[
    str | None, typer.Option("--user", "-u", metavar="NAME", help="Your wiki username.")
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        metavar="FILE",
        help="Your profile (TOML): real name, birth year, city, e-mails, handles; "
        "used only for matching, never sent.",
        dir_okay=False,
    ),
]
PasswordsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--passwords",
        metavar="FILE",
        help="Password-manager export (CSV or .kdbx), or - for stdin. Repeatable.",
    ),
]
AskProfileOpt = Annotated[
    bool,
    typer.Option("--ask-profile", help="Type your profile at prompts instead of --profile FILE."),
]
AskPasswordsOpt = Annotated[
    bool,
    typer.Option(
        "--ask-passwords", help="Type passwords at a hidden prompt (never on the command line)."
    ),
]
PasswordsFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--passwords-format",
        metavar="NAME",
        help="Read --passwords as this layout (needed for "
        "header-less exports: keeper; the README's 'Password sources' lists every NAME).",
    ),
]
KdbxKeyfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--kdbx-keyfile", metavar="FILE", help="Key file of a KeePass database.", dir_okay=False
    ),
]
HibpFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--hibp-file",
        metavar="PATH",
        help="Offline Pwned Passwords: the sorted HASH:COUNT file or the directory of range files.",
    ),
]
UserpageFileOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--userpage-file",
        metavar="FILE",
        help="Wikitext of a user page, or a Special:Export XML file of your pages and "
        "their history (offline). Repeatable.",
        dir_okay=False,
    ),
]
WikisOpt = Annotated[
    str | None,
    typer.Option(
        "--wikis",
        metavar="home|all|LIST",
        help="Which wikis of your global account to read: home, all, or a comma list of "
        "wiki ids (etwiki) or api.php URLs. Default: every wiki where you have a user "
        "page or subpages, busiest first (README: 'Every wiki').",
    ),
]
PhotosDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--photos",
        metavar="DIR",
        help="Directory of photos to check for metadata (offline).",
        file_okay=False,
    ),
]
OfflineOpt = Annotated[
    bool | None, typer.Option("--offline", help="Make no network request at all.")
]
HandleReuseOpt = Annotated[
    bool | None,
    typer.Option(
        "--handle-reuse", help="Opt in: ask major platforms whether your handle exists there."
    ),
]
HistoryLimitOpt = Annotated[
    int | None,
    typer.Option(
        "--history-limit",
        metavar="N",
        help="How many user-page revisions to read (default 500).",
    ),
]
OnlyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--only",
        metavar="CHECK",
        help="Run only this check id (repeatable; also enables opt-in checks).",
    ),
]
SkipOpt = Annotated[
    list[str] | None,
    typer.Option("--skip", metavar="CHECK", help="Do not run this check id (repeatable)."),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="FINDING",
        help="Drop findings with this id, e.g. HA-P005 (repeatable).",
    ),
]
FailUnderOpt = Annotated[
    int | None,
    typer.Option(
        "--fail-under",
        metavar="SCORE",
        help="Exit 1 when the score is below N.",
        min=0,
        max=100,
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        help="Network timeout in seconds (each request must finish within 3x).",
    ),
]
AllowHttpOpt = Annotated[
    bool | None,
    typer.Option(
        "--allow-http", help="Accept plain http:// addresses that are not on this computer."
    ),
]

# pwned
PwnedHibpFileOpt = Annotated[
    Path | None,
    typer.Option("--hibp-file", metavar="PATH", help="Offline Pwned Passwords file or directory."),
]
PwnedOfflineOpt = Annotated[bool | None, typer.Option("--offline", help="No network.")]
