"""HA-W's catalogue: every finding it can report, with its severity, remediation and links, and
the labels its evidence uses. Data only."""

from __future__ import annotations

import re
from collections.abc import Sequence

from hygiene_audit.plugin import N_, FindingSpec, Severity, catalogue
from hygiene_audit.wiki.wikimedia import (
    EMAIL_USER_STEPS,
    EMAIL_USER_TITLE,
    GENDER_STEPS,
    GENDER_TITLE,
    URL_OVERSIGHT,
    URL_PREFERENCES,
    URL_PRIVACY_HELP,
    URL_REVDEL,
    URL_USERPAGE_GUIDE,
)

URL_EXIFTOOL = "https://exiftool.org/"


URL_MAT2 = "https://0xacab.org/jvoisin/mat2"
URL_COMMONS_EXIF = "https://commons.wikimedia.org/wiki/Commons:Exif"

REMOVE = N_(
    "Edit the page and remove it. Keep the user page to what helps other editors: "
    "what you work on, which languages you read."
)
HISTORY = N_(
    "Removing it is not enough: every earlier revision still shows it. After the edit, "
    "run this audit again: it writes the private request for suppression of those "
    "revisions, to send by e-mail (never ask on a public page)."
)
STRIP = N_(
    "Before uploading, remove the metadata: 'exiftool -all= photo.jpg', or "
    "'mat2 photo.jpg'; check the result with 'exiftool photo.jpg'."
)
OLD_VERSION = N_(
    "Users cannot remove metadata from a file already uploaded: upload a cleaned "
    "version over it, then ask an administrator (privately, for a location: the "
    "oversight team) to delete the old file version."
)

SELF_CAPTION = re.compile(
    r"\b(me|myself|selfie|self portrait|self-portrait|the author|yo|autorretrato|ich|selbst"
    r"portrat|selbstportrat|moi|autoportrait|ya|avtoportret)\b"
)

# Keyed by detectors.pii.DetectionKind (a StrEnum: its values are these strings); the
# detectors are imported only when a page is read.
KIND_CODE = {
    "email": "HA-W001",
    "phone": "HA-W002",
    "name": "HA-W003",
    "home": "HA-W004",
    "country": "HA-W005",
    "birth": "HA-W006",
    "work": "HA-W007",
    "link": "HA-W008",
    "affiliation": "HA-W009",
}
KIND_LABEL = {
    "email": N_("e-mail address"),
    "phone": N_("phone number"),
    "name": N_("real name"),
    "home": N_("place of residence"),
    "country": N_("country"),
    "birth": N_("birth date or age"),
    "work": N_("employer or school"),
    "link": N_("link to another account or site"),
    "affiliation": N_("sensitive affiliation"),
}
GENDER_LABELS = {"male": N_("male"), "female": N_("female")}
AFFILIATION_LABEL = {
    "religion": N_("religion"),
    "politics": N_("political affiliation"),
    "sexual_orientation": N_("sexual orientation or gender identity"),
    "ethnicity": N_("ethnicity"),
    "health": N_("health"),
}


def _spec(
    code: str,
    severity: Severity,
    title: str,
    *steps: str,
    refs: Sequence[str] = (URL_USERPAGE_GUIDE,),
    urgency: int | None = None,
    action: str | None = None,
) -> FindingSpec:
    return FindingSpec(
        code=code,
        severity=severity,
        title=title,
        remediation=steps,
        references=tuple(refs),
        urgency=urgency,
        action=action,
    )


CODES = catalogue(
    _spec(
        "HA-W001",
        Severity.HIGH,
        N_("Your e-mail address is on your user page"),
        REMOVE,
        N_(
            "Let editors reach you through 'Email this user' instead: it does not "
            "show your address until you reply."
        ),
        HISTORY,
    ),
    _spec("HA-W002", Severity.HIGH, N_("A phone number is on your user page"), REMOVE, HISTORY),
    _spec(
        "HA-W003",
        Severity.HIGH,
        N_("Your real name is on your user page"),
        REMOVE,
        HISTORY,
        N_(
            "If your username is your name too, see the username finding: a global "
            "rename is possible."
        ),
    ),
    _spec(
        "HA-W004",
        Severity.HIGH,
        N_("Your user page says where you live"),
        REMOVE,
        N_("Userboxes count: 'This user lives in ...' is as precise as a sentence."),
        HISTORY,
    ),
    _spec(
        "HA-W005",
        Severity.MEDIUM,
        N_("Your user page names your country"),
        N_(
            "Where editing about your country's government or conflicts is dangerous, "
            "remove it: it narrows down who you are."
        ),
        HISTORY,
    ),
    _spec(
        "HA-W006",
        Severity.MEDIUM,
        N_("Your user page gives your birth date or age"),
        REMOVE,
        HISTORY,
    ),
    _spec(
        "HA-W007",
        Severity.MEDIUM,
        N_("Your user page names your employer or school"),
        REMOVE,
        HISTORY,
    ),
    _spec(
        "HA-W008",
        Severity.MEDIUM,
        N_("Your user page links to your accounts elsewhere or a personal site"),
        N_(
            "Remove the link: it ties this account to your other accounts, and those "
            "often carry your name, face and contacts."
        ),
        HISTORY,
    ),
    _spec(
        "HA-W009",
        Severity.MEDIUM,
        N_("Your user page states a sensitive affiliation"),
        N_(
            "Religion, politics, sexual orientation, ethnicity and health can expose you "
            "to persecution where you live or travel. Remove the userbox or sentence "
            "unless you are sure it is safe."
        ),
        HISTORY,
    ),
    _spec(
        "HA-W010",
        Severity.HIGH,
        N_("Personal information is still visible in your user page's history"),
        N_("Editing the page does not remove it: anyone can open the old revisions."),
        N_(
            "Send the request below by e-mail to the oversight team (a private channel); "
            "do not post it on the wiki, that draws attention to it."
        ),
        N_(
            "Less sensitive information can be hidden by any administrator with revision "
            "deletion; ask one you trust privately."
        ),
        refs=(URL_OVERSIGHT, URL_REVDEL),
        urgency=50,
        action=N_("Send the request below to have the old revisions hidden ({where})"),
    ),
    _spec(
        "HA-W011",
        Severity.HIGH,
        N_("A photo of you is likely on your user page"),
        N_(
            "Remove the image from your user page: a face is matched across the web by "
            "face search engines within seconds."
        ),
        N_(
            "If you uploaded it, consider asking for its deletion (a courtesy deletion "
            "of your own upload)."
        ),
        HISTORY,
        refs=(URL_PRIVACY_HELP,),
    ),
    _spec(
        "HA-W012",
        Severity.HIGH,
        N_("A photo you uploaded shows where it was taken"),
        STRIP,
        OLD_VERSION,
        N_(
            "Also remove any coordinate template ({{Location}}, {{Object location}}) "
            "from the file description page if the place is private."
        ),
        refs=(URL_COMMONS_EXIF, URL_EXIFTOOL, URL_MAT2),
    ),
    _spec(
        "HA-W013",
        Severity.MEDIUM,
        N_("A photo you uploaded carries your camera's serial number"),
        N_(
            "The serial number links every photo taken with that camera, wherever it is "
            "published, to you."
        ),
        STRIP,
        OLD_VERSION,
        refs=(URL_COMMONS_EXIF, URL_EXIFTOOL),
    ),
    _spec(
        "HA-W014",
        Severity.MEDIUM,
        N_("A photo you uploaded names its owner or author in its metadata"),
        STRIP,
        N_("Set your camera's or phone's 'owner' or 'copyright' field to empty."),
        OLD_VERSION,
        refs=(URL_COMMONS_EXIF, URL_EXIFTOOL),
    ),
    _spec(
        "HA-W015",
        Severity.LOW,
        N_("Your photos carry the exact time they were taken"),
        N_(
            "Capture times reveal your daily routine and where you were when; strip "
            "them along with the rest of the metadata."
        ),
        STRIP,
        refs=(URL_COMMONS_EXIF, URL_EXIFTOOL),
    ),
    _spec("HA-W016", Severity.LOW, GENDER_TITLE, *GENDER_STEPS, refs=(URL_PREFERENCES,)),
    _spec("HA-W017", Severity.LOW, EMAIL_USER_TITLE, *EMAIL_USER_STEPS, refs=(URL_PREFERENCES,)),
    _spec(
        "HA-W018",
        Severity.LOW,
        N_("Check these places and organisations your user page mentions"),
        N_(
            "Nothing on the page says they are where you live, work or study; read each "
            "once: if one is, remove it or word it so it says nothing about you."
        ),
    ),
)
