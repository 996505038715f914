"""Textual's own words, as Textual writes them: the descriptions of its key bindings
(the focus keys, scrolling, a text field's, a table's and a list's keys) and its
notices (a screenshot saved, Ctrl+C). They are the catalogue's keys for their
translations, so that the Keys panel (palette → Keys) and the notices read the
reader's language (:mod:`tui.binding_words` translates the bindings with Parat's own).
"""

import re

from tracker.i18n import N_, _

__all__ = ["NOTICE_TITLES", "TEXTUAL_BINDINGS", "textual_notice"]

#: Each description as Textual's classes write it.
TEXTUAL_BINDINGS = (
    N_("Bottom"),
    N_("Copy"),
    N_("Copy selected text"),
    N_("Cursor down"),
    N_("Cursor down select"),
    N_("Cursor left"),
    N_("Cursor left select"),
    N_("Cursor left word select"),
    N_("Cursor line end"),
    N_("Cursor line end select"),
    N_("Cursor line start"),
    N_("Cursor line start select"),
    N_("Cursor page down"),
    N_("Cursor page up"),
    N_("Cursor right"),
    N_("Cursor right select"),
    N_("Cursor right word select"),
    N_("Cursor up"),
    N_("Cursor up select"),
    N_("Cursor word left"),
    N_("Cursor word right"),
    N_("Cut"),
    N_("Cut selected text"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete left to start of word"),
    N_("Delete line"),
    N_("Delete right to start of word"),
    N_("Delete to line end"),
    N_("Delete to line start"),
    N_("Dismiss menu"),
    N_("Down"),
    N_("End"),
    N_("Exit the command palette"),
    N_("First"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Go to bottom"),
    N_("Go to end"),
    N_("Go to start"),
    N_("Go to top"),
    N_("Home"),
    N_("Last"),
    N_("Move cursor left"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor left and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Next command"),
    N_("Next page"),
    N_("Page Down"),
    N_("Page down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Page Up"),
    N_("Page up"),
    N_("Paste"),
    N_("Paste text from the clipboard"),
    N_("Press button"),
    N_("Previous command"),
    N_("Previous page"),
    N_("Quit"),
    N_("Redo"),
    N_("Scroll Down"),
    N_("Scroll End"),
    N_("Scroll Home"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Up"),
    N_("Select"),
    N_("Select all"),
    N_("Select line"),
    N_("Select line end"),
    N_("Select line start"),
    N_("Show menu"),
    N_("Submit"),
    N_("Top"),
    N_("Undo"),
    N_("Up"),
)

#: Textual's own notices (the screenshot, Ctrl+C), pattern → the catalogue's
#: sentence with the pattern's parts as fields.
_NOTICES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Saved screenshot to (?P<path>.+)", re.S), N_("Saved screenshot to {path}")),
    (re.compile(r"Saved screenshot"), N_("Saved screenshot")),
    (re.compile(r"Failed to save screenshot"), N_("Failed to save screenshot")),
    (
        re.compile(r"Press \[b\](?P<key>.+?)\[/b\] to quit the app"),
        N_("Press [b]{key}[/b] to quit the app"),
    ),
)
#: The titles of those notices.
NOTICE_TITLES = (N_("Screenshot"), N_("Do you want to quit?"))


def textual_notice(message: str, title: str) -> tuple[str, str]:
    """One of Textual's notices, with its title, in the reader's language; any other
    message as it is."""
    for pattern, sentence in _NOTICES:
        if found := pattern.fullmatch(message):
            message = _(sentence).format(**found.groupdict())
            break
    return message, _(title) if title in NOTICE_TITLES else title
