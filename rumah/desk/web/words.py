"""The desk's words come from the project's gettext catalog (rumah.i18n): the English text is
the message id, ``rumah/locale/<lang>/LC_MESSAGES/rumah.po`` its translation; the pages'
templates mark theirs with ``_("...")`` (tools/catalog.py extracts them too).  The
consultation's questions and messages are konsultasi's own."""

from __future__ import annotations

from ...i18n import N_, t

#: What saved a version of a household file, as the family's page names it.
SOURCES = {"consultation": N_("consultation"), "visit": N_("visit"), "register": N_("entered at the office")}

__all__ = ["SOURCES", "t"]
