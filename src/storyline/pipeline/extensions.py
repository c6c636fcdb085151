"""Doc extension attributes that storyline components read and write.

Components never touch SQLite, the CLI or the web: they read the Doc (and these
attributes) and write records (``storyline.records``) back onto it.

=========================  ==============================================================
attribute                  meaning
=========================  ==============================================================
``storyline_doc_id``       the document id citations use (set before the pipeline runs)
``storyline_dct``          document creation time, ISO ``YYYY-MM-DD`` or None (undated)
``storyline_dateline``     Dateline or None: a wire dateline cleaning removed (set before)
``storyline_timexes``      list[Timex] from the ``storyline_timex`` component
``storyline_mentions``     list[Mention] from ``storyline_actors``
``storyline_quantities``   list[Quantity] from ``storyline_numbers``
``storyline_quotes``       list[Quote] from ``storyline_quotes``
``storyline_events``       list[Event] from ``storyline_events``
=========================  ==============================================================
"""

from __future__ import annotations

from spacy.tokens import Doc

ATTRIBUTES: dict[str, object] = {
    "storyline_doc_id": "",
    "storyline_dct": None,
    "storyline_dateline": None,
    "storyline_timexes": None,
    "storyline_mentions": None,
    "storyline_quantities": None,
    "storyline_quotes": None,
    "storyline_events": None,
}


def register() -> None:
    """Register every attribute once (idempotent)."""
    for name, default in ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register()
