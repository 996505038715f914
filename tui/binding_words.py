"""The bindings' descriptions in the reader's language, for Textual's own panels.

The key bar and the help translate a binding's description (an English msgid) as
they draw it; Textual's Keys panel (palette → Keys) reads the description as it
stands. :func:`speak_bindings` gives each class of ``tui`` (and of Textual, whose
descriptions :mod:`tui.textual_words` holds for the catalogue) its bindings with the
description translated, from the English ones kept aside, so an app started in
another language (the tests start both) translates again from the source.

A dialog or screen imported later, when first opened, is translated then: the app
calls :func:`speak_bindings` again as it pushes a screen (and :func:`speak_node` for
the screen made before its class was translated), and each lazy screen factory after
its import. A class already in the language is skipped, so a call costs little.
"""

import dataclasses

from textual.binding import BindingsMap
from textual.dom import DOMNode

from tracker.i18n import _, current_language

__all__ = ["speak_bindings", "speak_node"]

_ENGLISH = "_parat_english_bindings"
_SPOKEN = "_parat_bindings_spoken_in"


def _classes() -> list[type[DOMNode]]:
    found, stack = [], [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        # Textual's own classes too: its widgets (a text field, a table) are used as
        # they are, and the Keys panel lists their keys beside Parat's.
        if cls.__module__.startswith(("tui.", "textual.")) and "_merged_bindings" in cls.__dict__:
            found.append(cls)
    return found


def speak_bindings() -> None:
    """Translate the descriptions of the bindings of every class imported so far that
    is not in the current language yet (a node copies its class's bindings when it is
    made: call this before, e.g. after importing a screen's module)."""
    language = current_language()
    for cls in _classes():
        if cls.__dict__.get(_SPOKEN) == language:
            continue
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
        setattr(cls, _SPOKEN, language)


def speak_node(node: DOMNode) -> None:
    """Translate the bindings ``node`` copied from its class while they were English
    (it was made before :func:`speak_bindings` saw its class); others stay as they are."""
    english: BindingsMap | None = type(node).__dict__.get(_ENGLISH)
    spoken = type(node)._merged_bindings
    if english is None or spoken is None:
        return
    said = {
        source: target
        for key, bindings in english.key_to_bindings.items()
        for source, target in zip(bindings, spoken.key_to_bindings.get(key, ()), strict=False)
    }
    node._bindings.key_to_bindings = {
        key: [said.get(b, b) for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
