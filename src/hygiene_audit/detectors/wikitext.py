"""Wikitext → what the personal-information detectors read.

mwparserfromhell does the parsing. A page becomes:

* text segments: the running text (links reduced to their labels, file captions kept), and one
  segment per template parameter, so "an e-mail in a template parameter" is found and an ISBN
  parameter is not mistaken for a phone number;
* templates, with their names, for userbox matching;
* file uses: ``[[File:...|caption]]`` (any local name or alias of the File namespace, taken
  from the wiki's siteinfo), ``<gallery>`` lines, and image parameters of templates;
* external links.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import ExternalLink, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

# Canonical names that work on every wiki; siteinfo adds the local ones (Datei, Fichier, ...).
DEFAULT_FILE_PREFIXES = frozenset({"file", "image"})
# For a local wikitext file there is no siteinfo: the File namespace's name on the largest
# wikis (lower case), so "[[Archivo:...]]" is still recognised offline.
OFFLINE_FILE_PREFIXES = DEFAULT_FILE_PREFIXES | frozenset(
    {
        "datei",
        "bild",
        "fichier",
        "archivo",
        "imagen",
        "файл",
        "изображение",
        "plik",
        "bestand",
        "afbeelding",
        "ficheiro",
        "arquivo",
        "imagem",
        "immagine",
        "dosya",
        "resim",
        "tiedosto",
        "fil",
        "soubor",
        "fájl",
        "berkas",
        "gambar",
        "ファイル",
        "画像",
        "파일",
        "文件",
        "檔案",
        "ملف",
        "صورة",
        "پرونده",
        "تصویر",
        "קובץ",
        "תמונה",
        "चित्र",
        "tập tin",
        "hình",
        "fitxer",
        "fișier",
        "αρχείο",
        "датотека",
        "სურათი",
    }
)
IMAGE_EXTENSIONS = re.compile(r"\.(jpe?g|png|gif|tiff?|webp|heic|heif|bmp|svg)$", re.IGNORECASE)
# Link options that are not a caption.
_FILE_OPTION = re.compile(
    r"^(thumb|thumbnail|frame|framed|frameless|border|left|right|center|centre|none|upright"
    r"(\s*=?\s*[\d.]+)?|baseline|middle|sub|super|top|text-top|bottom|text-bottom|"
    r"\d*x?\d+\s*px|(link|alt|page|class|lang|loop|start|end)\s*=.*|miniatur|mini|vignette|"
    r"miniaturadeimagen|мини|міні)$",
    re.IGNORECASE,
)
# Template parameters whose value is an identifier or a date, never personal data.
IDENTIFIER_PARAMS = frozenset(
    {
        "isbn",
        "issn",
        "doi",
        "oclc",
        "pmid",
        "pmc",
        "lccn",
        "bibcode",
        "arxiv",
        "jstor",
        "id",
        "date",
        "access-date",
        "accessdate",
        "archive-date",
        "archivedate",
        "year",
        "orig-year",
        "page",
        "pages",
        "volume",
        "issue",
    }
)


# The User namespace's name on the largest wikis (lower case), and interwiki prefixes before it.
USER_NAMESPACES = frozenset(
    {
        "user",
        "benutzer",
        "benutzerin",
        "utilisateur",
        "utilisatrice",
        "usuario",
        "usuaria",
        "usuari",
        "usuària",
        "utente",
        "usuário",
        "usuária",
        "gebruiker",
        "wikipedysta",
        "wikipedystka",
        "участник",
        "участница",
        "користувач",
        "удзельнік",
        "kullanıcı",
        "uživatel",
        "redaktor",
        "käyttäjä",
        "användare",
        "bruker",
        "bruger",
        "kasutaja",
        "suradnik",
        "korisnik",
        "корисник",
        "pengguna",
        "thành viên",
        "utilizator",
        "kullanici",
        "کاربر",
        "مستخدم",
        "משתמש",
        "सदस्य",
        "利用者",
        "用户",
        "사용자",
    }
)
_HEADING = re.compile(r"^\s*(=+[^=].*?=+|\|\+.*)\s*$")


# Reference templates: their titles and authors are about sources, not about the user.
CITATION_TEMPLATE = re.compile(r"^(cite|citation|harv|sfn|ref)", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    text: str
    where: str  # "text", or "template 'Name', parameter 'p'"
    citation: bool = False  # a parameter of a reference template


@dataclass(frozen=True)
class FileUse:
    name: str  # without namespace prefix, spaces not underscores
    caption: str


@dataclass(frozen=True)
class TemplateUse:
    name: str
    params: tuple[tuple[str, str], ...]  # (name, plain value)

    @property
    def positional(self) -> list[str]:
        return [v for k, v in self.params if k.isdigit()]


@dataclass(frozen=True)
class UserLink:
    """A link to an account's user page ("[[w:en:User:Name|…]]"), with the wikitext line it
    stands on and the heading or table caption above it (to tell "my other accounts" from a
    signature)."""

    account: str
    context: str


@dataclass(frozen=True)
class ParsedPage:
    segments: tuple[Segment, ...]
    templates: tuple[TemplateUse, ...]
    files: tuple[FileUse, ...]
    external_links: tuple[str, ...]
    user_links: tuple[UserLink, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments if s.where == "text")


def _file_name(title: str, prefixes: frozenset[str]) -> str | None:
    title = title.strip().lstrip(":")
    prefix, sep, rest = title.partition(":")
    if sep and prefix.strip().lower().replace("_", " ") in prefixes:
        return rest.strip().replace("_", " ")
    return None


def _caption(text: str) -> str:
    parts = [p.strip() for p in text.split("|")]
    captions = [p for p in parts if p and not _FILE_OPTION.match(p)]
    return captions[-1] if captions else ""


def _plain(code: Wikicode) -> str:
    return str(code.strip_code(normalize=True, collapse=True)).strip()


# Characters that show nothing but split words for a pattern: format characters (soft
# hyphen, zero-width space, direction marks and overrides, BOM; not the joiners Persian and
# Indic words need) and control characters other than line breaks and tabs.
# "Marta\u00adKowalczyk" is read as written.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)


def parse_wikitext(text: str, file_prefixes: frozenset[str] = DEFAULT_FILE_PREFIXES) -> ParsedPage:
    text = _INVISIBLE.sub("", text)
    prefixes = DEFAULT_FILE_PREFIXES | {p.lower() for p in file_prefixes}
    code = mwparserfromhell.parse(text)
    files: list[FileUse] = []
    templates: list[TemplateUse] = []
    segments: list[Segment] = []
    links: list[str] = []

    for link in code.filter_wikilinks(recursive=True):
        name = _file_name(str(link.title), prefixes)
        if name is not None:
            files.append(FileUse(name, _caption(str(link.text or ""))))
    user_links = _user_links(text, code)
    for tag in code.filter_tags(recursive=True):
        if str(tag.tag).strip().lower() == "gallery" and tag.contents is not None:
            for line in str(tag.contents).splitlines():
                target, _sep, caption = line.strip().partition("|")
                if not target:
                    continue
                name = _file_name(target, prefixes) or (
                    target.strip() if IMAGE_EXTENSIONS.search(target.strip()) else None
                )
                if name:
                    files.append(FileUse(name.replace("_", " "), _caption(caption)))
    for template in code.filter_templates(recursive=True):
        params: list[tuple[str, str]] = []
        tname = _plain(template.name) or str(template.name).strip()
        for param in template.params:
            pname = str(param.name).strip()
            value = _plain(param.value)
            params.append((pname, value))
            if IMAGE_EXTENSIONS.search(value):
                name = _file_name(value, prefixes) or value
                files.append(FileUse(name.replace("_", " "), ""))
            if pname.lower() not in IDENTIFIER_PARAMS and value:
                where = f"template '{tname}', parameter '{pname}'"
                segments.append(
                    Segment(value, where, citation=bool(CITATION_TEMPLATE.match(tname)))
                )
            links.extend(_URL.findall(value))
        templates.append(TemplateUse(tname, tuple(params)))
    for ext in code.filter_external_links(recursive=True):
        links.append(str(ext.url))

    segments.insert(0, Segment(_running_text(code, prefixes), "text"))
    return ParsedPage(
        tuple(segments),
        tuple(templates),
        tuple(files),
        tuple(dict.fromkeys(links)),
        user_links,
    )


def _user_links(text: str, code: Wikicode) -> tuple[UserLink, ...]:
    """Links to user pages in document order, each with its line and the heading above; one
    pass over the text (a page of many links and lines stays linear)."""
    starts: list[int] = []
    headings: list[str] = []
    heading = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        if _HEADING.match(line):
            heading = line.strip().strip(" =|+")
        starts.append(offset)
        headings.append(heading)
        offset += len(line)
    found: list[UserLink] = []
    cursor = 0
    for link in code.filter_wikilinks(recursive=True):
        parts = [p.strip() for p in str(link.title).strip().lstrip(":").split(":")]
        spaced = [p.replace("_", " ").lower() for p in parts]
        at = next((i for i, p in enumerate(spaced[:-1]) if p in USER_NAMESPACES), None)
        if at is None:
            continue
        account = ":".join(parts[at + 1 :]).split("/")[0].strip().replace("_", " ")
        if not account:
            continue
        position = text.find(str(link), cursor)
        context = ""
        if position >= 0 and starts:
            cursor = position
            number = bisect.bisect_right(starts, position) - 1
            end = starts[number + 1] if number + 1 < len(starts) else len(text)
            context = f"{headings[number]}\n{text[starts[number] : end]}"
        found.append(UserLink(account, context))
    return tuple(found)


_URL = re.compile(r"https?://[^\s\[\]<>|{}\"]+")


def _running_text(code: Wikicode, prefixes: frozenset[str]) -> str:
    """The prose a reader sees: templates and galleries out, file links as their captions."""
    parts: list[str] = []
    for node in code.nodes:
        if isinstance(node, Template):
            continue
        if isinstance(node, Tag):
            tag = str(node.tag).strip().lower()
            if tag in ("gallery", "ref", "references", "nowiki", "math", "syntaxhighlight"):
                continue
            if node.contents is not None:
                parts.append(_running_text(node.contents, prefixes))
            continue
        if isinstance(node, Wikilink):
            if _file_name(str(node.title), prefixes) is not None:
                parts.append(" " + _caption(str(node.text or "")) + " ")
            else:
                label = node.text if node.text is not None else node.title
                parts.append(_plain(mwparserfromhell.parse(str(label))))
            continue
        if isinstance(node, ExternalLink):
            parts.append(f" {node.url} " + (_plain(node.title) if node.title else "") + " ")
            continue
        if isinstance(node, Text):
            parts.append(str(node.value))
            continue
        parts.append(str(node.__strip__(normalize=True, collapse=True) or ""))
    text = "".join(parts)
    text = re.sub(r"'{2,}", "", text)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
