"""The bindings' descriptions in the reader's language, for Textual's own panels.

The key bar and the help translate a binding's description (an English msgid) as
they draw it; Textual's Keys panel (palette → Keys) reads the description as it
stands. :func:`speak_bindings` gives each class of ``tui`` its bindings with the
description translated, from the English ones kept aside, so an app started in
another language (the tests start both) translates again from the source.
"""

import dataclasses

from textual.binding import BindingsMap
from textual.dom import DOMNode

from tracker.i18n import _

__all__ = ["speak_bindings"]

_ENGLISH = "_parat_english_bindings"


def _classes() -> list[type[DOMNode]]:
    found, stack = [], [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui.") and "_merged_bindings" in cls.__dict__:
            found.append(cls)
    return found


def speak_bindings() -> None:
    """Translate the descriptions of the bindings of every class imported so far
    (a dialog imported later keeps English ones in the Keys panel alone)."""
    for cls in _classes():
        english: BindingsMap | None = cls.__dict__.get(_ENGLISH)
        if english is None:
            merged = cls.__dict__["_merged_bindings"]
            if merged is None:
                continue
            english = merged.copy()
            setattr(cls, _ENGLISH, english)
        spoken = BindingsMap()
        spoken.key_to_bindings = {
            key: [
                dataclasses.replace(b, description=_(b.description)) if b.description else b
                for b in bindings
            ]
            for key, bindings in english.key_to_bindings.items()
        }
        cls._merged_bindings = spoken
