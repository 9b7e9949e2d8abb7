"""Finding checks and formatters, and holding them to the contract.

Checks come from the entry-point group ``hygiene_audit.checks.v1`` (built-ins register there
too) and from every ``*.py`` file in the checks directories that nobody else could have
written (not the file, its folder or a folder above: ``safety.permissions``; one that someone
could have planted is rejected before it is imported). Formatters come from the group
``hygiene_audit.formats.v1``. A check still registered under the unversioned group of before
is rejected by name, with the group it must move to. Each one is validated when loaded: a
plugin that fails to import or does not satisfy the contract is kept as a :class:`Rejected`
record with its name and the reason, so that ``run`` reports it as an ``error`` row and
``checks`` shows it; it is never silently dropped.
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ValidationError

from hygiene_audit.core.errors import PluginError, exception_line, first_validation_error
from hygiene_audit.core.models import Category, Report
from hygiene_audit.i18n import _
from hygiene_audit.plugin import (
    CHECK_GROUP,
    FORMAT_GROUP,
    UNVERSIONED_CHECK_GROUP,
    UNVERSIONED_FORMAT_GROUP,
    Check,
    Endpoint,
    FindingSpec,
    Input,
)
from hygiene_audit.safety.permissions import Exposure, planted_by_others

BUILTIN_DIST = "hygiene-audit"
CHECK_ID = re.compile(r"^[A-Z][A-Z0-9]*-[A-Z][A-Z0-9]*$")

Renderer = Callable[..., str]


@dataclass(frozen=True)
class LoadedCheck:
    cls: type[Check]
    origin: str
    builtin: bool
    dropin: bool = False  # loaded from a checks directory, not from an installed package

    @property
    def id(self) -> str:
        return self.cls.id

    @property
    def flagged_sensitive(self) -> bool:
        """A third-party check that asks for secrets: shown as such in ``checks``."""
        return not self.builtin and any(i.sensitive for i in self.cls.inputs)


@dataclass(frozen=True)
class Rejected:
    """A plugin that could not be used, and why."""

    name: str
    origin: str
    reason: str


@dataclass
class Registry:
    checks: dict[str, LoadedCheck] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)

    def add(
        self, cls: object, origin: str, name: str, *, builtin: bool = False, dropin: bool = False
    ) -> None:
        try:
            check = validate_check(cls)
        except PluginError as exc:
            self.rejected.append(Rejected(name=name, origin=origin, reason=exc.message))
            return
        existing = self.checks.get(check.id)
        if existing is not None:
            self.rejected.append(
                Rejected(
                    name=name,
                    origin=origin,
                    reason=_("check id {id} is already used by {other}").format(
                        id=check.id, other=existing.origin
                    ),
                )
            )
            return
        self.checks[check.id] = LoadedCheck(
            cls=check, origin=origin, builtin=builtin, dropin=dropin
        )


SWITCH_INPUTS = frozenset(i for i in Input if i.declaration.switch)  # yes/no: can turn one on


class _CheckMetadata(BaseModel):
    """Validates a check class's metadata; the error names the attribute that is wrong."""

    id: str
    title: str
    description: str
    category: Category
    inputs: frozenset[Input]
    endpoints: frozenset[Endpoint]
    hosts: tuple[str, ...]
    codes: Mapping[str, FindingSpec]
    opt_in: bool
    enabled_by: Input | None
    time_budget: float | None
    commands: tuple[str, ...]


def validate_check(obj: object) -> type[Check]:
    """Return ``obj`` as a check class, or raise PluginError saying what is wrong."""
    if not (inspect.isclass(obj) and issubclass(obj, Check)):
        raise PluginError(_("not a subclass of hygiene_audit.plugin.Check"))
    if inspect.isabstract(obj):
        missing = ", ".join(sorted(getattr(obj, "__abstractmethods__", ())))
        raise PluginError(_("does not implement: {names}").format(names=missing))
    attrs: dict[str, Any] = {}
    missing_attrs = []
    for name in _CheckMetadata.model_fields:
        if not hasattr(obj, name):
            missing_attrs.append(name)
        else:
            attrs[name] = getattr(obj, name)
    if missing_attrs:
        raise PluginError(
            _("missing required attribute(s): {names}").format(names=", ".join(missing_attrs))
        )
    try:
        meta = _CheckMetadata.model_validate(attrs)
    except ValidationError as exc:
        where, problem = first_validation_error(exc)
        raise PluginError(
            _("attribute '{name}' is invalid: {problem}").format(name=where, problem=problem)
        ) from exc
    if not CHECK_ID.match(meta.id):
        raise PluginError(
            _("id '{id}' must look like 'PREFIX-NAME' in upper case").format(id=meta.id)
        )
    if not meta.title.strip():
        raise PluginError(_("title is empty"))
    if not meta.codes:
        raise PluginError(_("its catalogue of finding codes ('codes') is empty"))
    for code, spec in meta.codes.items():
        if code != spec.code or not code.startswith(meta.id) or not code[len(meta.id) :].isdigit():
            raise PluginError(
                _("finding code '{code}' must be the check id followed by three digits").format(
                    code=code
                )
            )
    if meta.enabled_by is not None and (
        not meta.opt_in
        or meta.enabled_by not in meta.inputs
        or meta.enabled_by not in SWITCH_INPUTS
    ):
        raise PluginError(
            _(
                "'enabled_by' must be a switch input ({names}) the check declares "
                "in 'inputs', on an opt-in check"
            ).format(names=", ".join(sorted(i.value for i in SWITCH_INPUTS)))
        )
    options = getattr(obj, "options", None)
    if options is not None and not (inspect.isclass(options) and issubclass(options, BaseModel)):
        raise PluginError(_("'options' must be a pydantic model class or None"))
    return obj


def _entry_points(group: str) -> Iterable[EntryPoint]:
    return entry_points(group=group)


def _origin(ep: EntryPoint) -> tuple[str, bool]:
    dist = ep.dist
    if dist is None:
        return f"entry point {ep.value}", False
    builtin = dist.name == BUILTIN_DIST
    return (
        ("built-in" if builtin else f"{dist.name} {dist.version} ({ep.value})"),
        builtin,
    )


def _import_file(path: Path) -> ModuleType:
    digest = hashlib.sha1(str(path.resolve()).encode(), usedforsecurity=False).hexdigest()[:10]
    module_name = f"hygiene_audit_dropin_{path.stem}_{digest}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(_("cannot load {path}").format(path=path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


def _checks_in_module(module: ModuleType) -> list[type[Check]]:
    found = []
    for _name, value in vars(module).items():
        if (
            inspect.isclass(value)
            and issubclass(value, Check)
            and value is not Check
            and value.__module__ == module.__name__
        ):
            found.append(value)
    return found


def load_checks(
    check_dirs: Iterable[Path] = (), *, entry_point_checks: bool = True, builtin_only: bool = False
) -> Registry:
    """Checks from entry points (other packages' too, unless ``builtin_only``: the demo's)
    and from the *.py files of ``check_dirs``."""
    registry = Registry()
    if entry_point_checks:
        for ep in sorted(_entry_points(CHECK_GROUP), key=lambda e: e.name):
            origin, builtin = _origin(ep)
            if builtin_only and not builtin:
                continue
            try:
                obj = ep.load()
            except Exception as exc:
                registry.rejected.append(
                    Rejected(name=ep.name, origin=origin, reason=exception_line(exc))
                )
                continue
            registry.add(obj, origin, ep.name, builtin=builtin)
        for ep in sorted(_entry_points(UNVERSIONED_CHECK_GROUP), key=lambda e: e.name):
            origin, builtin = _origin(ep)
            if not builtin_only:
                registry.rejected.append(
                    Rejected(
                        name=ep.name,
                        origin=origin,
                        reason=_(
                            "registered under the entry-point group '{old}', which has no "
                            "contract version; this hygiene-audit loads checks from '{group}' "
                            "(ask its author for an update)"
                        ).format(old=UNVERSIONED_CHECK_GROUP, group=CHECK_GROUP),
                    )
                )
    for directory in check_dirs:
        if not directory.is_dir():
            registry.rejected.append(
                Rejected(
                    name=str(directory),
                    origin=str(directory),
                    reason=_("checks directory does not exist"),
                )
            )
            continue
        for path in sorted(directory.glob("*.py")):
            if path.name.startswith("_"):
                continue
            exposure = planted_by_others(path, strict=2)  # the file and its folder; not imported
            if exposure is not None:
                registry.rejected.append(
                    Rejected(name=path.stem, origin=str(path), reason=_not_yours(exposure))
                )
                continue
            try:
                module = _import_file(path)
            except Exception as exc:
                registry.rejected.append(
                    Rejected(name=path.stem, origin=str(path), reason=exception_line(exc))
                )
                continue
            classes = _checks_in_module(module)
            if not classes:
                registry.rejected.append(
                    Rejected(
                        name=path.stem,
                        origin=str(path),
                        reason=_("defines no subclass of Check"),
                    )
                )
            for cls in classes:
                registry.add(cls, str(path), cls.__name__, dropin=True)
    return registry


def _not_yours(exposure: Exposure) -> str:
    return _(
        "not loaded: {problem}, so this code may not be yours; if it is, fix that with: {fix}"
    ).format(problem=exposure.problem, fix=exposure.fix)


def format_names() -> list[str]:
    """Every output format's name, without loading any of them."""
    return sorted(ep.name for ep in _entry_points(FORMAT_GROUP))


def unversioned_format(name: str) -> str | None:
    """Why a format of this name was not loaded when a package registers it only under the
    group without a contract version; None when none does."""
    for ep in _entry_points(UNVERSIONED_FORMAT_GROUP):
        if ep.name == name:
            origin, _builtin = _origin(ep)
            return _(
                "output format '{name}' ({origin}) is registered under the entry-point group "
                "'{old}', which has no contract version; this hygiene-audit loads formats from "
                "'{group}' (ask its author for an update)"
            ).format(name=name, origin=origin, old=UNVERSIONED_FORMAT_GROUP, group=FORMAT_GROUP)
    return None


def load_formats(only: str | None = None) -> dict[str, Renderer]:
    """The format plugins by name (validated); ``only``: that one alone is loaded."""
    formats: dict[str, Renderer] = {}
    for ep in _entry_points(FORMAT_GROUP):
        if only is not None and ep.name != only:
            continue
        origin, _builtin = _origin(ep)
        try:
            render = ep.load()
        except Exception as exc:
            raise PluginError(
                _("output format '{name}' ({origin}) failed to load: {error}").format(
                    name=ep.name, origin=origin, error=exception_line(exc)
                )
            ) from exc
        validate_formatter(ep.name, render)
        formats[ep.name] = render
    return formats


def validate_formatter(name: str, render: object) -> None:
    if not callable(render):
        raise PluginError(_("output format '{name}' is not callable").format(name=name))
    try:
        signature = inspect.signature(render)
    except (TypeError, ValueError):
        return
    params = list(signature.parameters.values())
    if not params or params[0].annotation not in (Report, "Report", inspect.Parameter.empty):
        raise PluginError(
            _("output format '{name}' must take the report as its first argument").format(name=name)
        )
