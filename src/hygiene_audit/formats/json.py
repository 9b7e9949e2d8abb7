"""``--format json``: the report as JSON, matching ``hygiene-audit schema``."""

from __future__ import annotations

import json

from hygiene_audit.core.models import Report
from hygiene_audit.formats.layout import with_actions
from hygiene_audit.formats.text import RenderOptions
from hygiene_audit.safety.neutralise import neutralise_report


def render(report: Report, options: RenderOptions | None = None) -> str:
    report = with_actions(neutralise_report(report))
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def schema() -> str:
    document = Report.model_json_schema(mode="serialization")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(document, indent=2) + "\n"
