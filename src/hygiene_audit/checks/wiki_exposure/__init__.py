"""HA-W: personal information on user pages (every wiki of the account), in their histories
and in photos. ``check`` runs it; ``catalogue``, ``history`` (pages and the suppression
letter) and ``photos`` are its parts."""

from hygiene_audit.checks.wiki_exposure.check import WikiExposureCheck

__all__ = ["WikiExposureCheck"]
