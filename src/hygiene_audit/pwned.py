"""``hygiene-audit pwned``: one password against the same source the breach check uses."""

from __future__ import annotations

import httpx
from pydantic import SecretStr

from hygiene_audit.errors import ConfigError, NetworkError
from hygiene_audit.hibp.offline_file import open_source
from hygiene_audit.hibp.range_api import RangeApiSource
from hygiene_audit.http import host_of, make_client
from hygiene_audit.i18n import _
from hygiene_audit.sensitive import reveal, sha1_hex
from hygiene_audit.settings import Settings


def check_one(
    settings: Settings, password: SecretStr, transport: httpx.BaseTransport | None = None
) -> int:
    if not reveal(password):
        raise ConfigError(_("empty password"))
    digest = sha1_hex(reveal(password))
    if settings.hibp_file is not None:
        source = open_source(settings.hibp_file)
        try:
            answer = source.lookup([digest])[digest]
        finally:
            source.close()
    else:
        if settings.offline:
            raise ConfigError(_("--offline needs --hibp-file for this command"))
        with make_client([host_of(settings.hibp_api)], offline=False, timeout=settings.timeout,
                         transport=transport) as client:
            answer = RangeApiSource(client, settings.hibp_api).lookup([digest])[digest]
    if answer.count is None:
        raise NetworkError(answer.problem or _("lookup failed"))
    return answer.count
