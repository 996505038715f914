"""Hjælp: the keys of every screen (those in force: the configured keymap) and the money
input rules."""

import re
from collections.abc import Mapping
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tracker.i18n import N_, _

__all__ = ["HELP", "HelpScreen", "help_text"]

#: The help (translated where shown), with each key named by its binding's id
#: (``{app.quit}``), filled in with the keys in force by :func:`help_text`.
HELP = N_(
    """\
# Parat – help

## Everywhere
| Key | Action |
|---|---|
| {app.overblik} / {app.hypoteser} | Overview / Hypotheses |
| {app.siden} / {app.budget} | Since last / Budget |
| `ctrl+p` | The command palette: go to a hypothesis, change stage, new hypothesis, export … |
| {app.as_of} | Show the status as of a snapshot or a date (view only) |
| {app.now} | Back to now (on Overview and Since last, while you look at the past) |
| {app.new} | New hypothesis |
| {app.reload} | Reload the figures from the database |
| {app.help} | This help |
| {app.quit} | Quit |

## Overview
| Key | Action |
|---|---|
| {dashboard.export} | Export the status (md, html, pdf, xlsx, csv, json) to a file |
| {dashboard.overlap} | Add, change or drop an overlap (the figures of the double counting panel) |

## Since last
What has moved since a snapshot (choose from the list, newest first) or a date.

| Key | Action |
|---|---|
| {since.date} | Write a date (12.02.2018) or a snapshot's name |

## Budget
The budget follow-up by frame (inside and outside the service frame, by committee),
the implemented reductions by hypothesis, and what is decided but not implemented.

| Key | Action |
|---|---|
| {budget.previous_year} / {budget.next_year} | Previous / next budget year |

## Hypotheses
| Key | Action |
|---|---|
| {hypotheses.search} | Search (code, title, area, owner) – filters as you type |
| {hypotheses.clear} | From the search field back to the table; else clear search and filters |
| {table.up} / {table.down} | Move the cursor up / down |
| {table.pageup} / {table.pagedown} | One page up / down |
| {table.first} / {table.last} | First / last hypothesis |
| {table.open} or double click | Open the hypothesis |
| {table.sort} | Sort by the next column (or click a column heading) |
| {table.reverse} | Reverse the order |
| {table.group} | Group by area with subtotals (and a total at the bottom); again: one list |
| {hypotheses.drop} | Drop the hypothesis marked (needs a reason) |

In a narrow window (80 columns) the table shows code, title, stage and the three
amounts in full; Changed, Owner and Area give way first, and the line below the table
names them.

## Hypothesis (details)
| Key | Action |
|---|---|
| `Tab` / `shift+Tab` | Next / previous field |
| {detail.fields} / {detail.figures} | To the fields / to the figures (target year's potential) |
| {detail.up} {detail.down} in the figures | The same kind of figure a year before / after |
| `Enter` | Save the field |
| {detail.save} | Save every field changed |
| {detail.drop} | Drop the hypothesis (needs a reason) |
| {detail.range} | The range per year: minimum and maximum beside the potential |
| {detail.leave} | Leave the field (the change stays, not saved) |
| {detail.back} | Back to the table (asks if something is not saved) |
| `→` in Area / Owner | Take the suggestion (the values the programme already uses) |

In a field, letters are text: {detail.fields}, {detail.figures} and {detail.drop} work
once you have left the field with {detail.leave}. The key bar at the bottom shows only
the keys that work where you are.

A field you have changed without saving has a **yellow bar** at its left edge; an
invalid amount a **red bar** and bold text, with the explanation below the figures.

While you edit a field, the rest of the page follows the database: if someone else
changes the owner, the stage or another year's figure, you see it within a few seconds,
and a message says what changed. Only the field you are editing is left alone.

At every stage move Parat asks for a note and for the **decision** the move rests on
(e.g. "Chefgruppemøde 2, 12.03.2018"); it is shown in the history and in Since last. A
stage step **back** or to **Dropped** needs a reason; the rest can be left out.

The **Note** below the figures goes with the figures you save next (like
`parat figure set --note`); `Enter` in the note saves every figure changed.

## Amounts
Amounts are written in **mio. kr.**, with a comma or a point: `4,5` = 4.500.000 kr.
Other units: `29 tkr` or `29t` = 29.000 kr.; `4.500.000 kr` = 4.500.000 kr.
An invalid amount is shown with an explanation by the field, and nothing is saved.

## If someone else has changed the hypothesis
Parat never saves over someone else's change without asking: if someone else changed
**the same field**, you see both values and choose to **reload** (your change is
dropped) or to **overwrite** deliberately. If someone else changed other fields, your
change is saved on top, and their changes stay.

## New hypothesis
The dialog starts in Code with the next free code marked: write another code, or press
`Tab` to keep it. Area and Owner suggest the values already in use (`→` takes the
suggestion).
"""
)


_KEY = re.compile(r"\{([a-z-]+\.[a-z_-]+)\}")


def help_text(app: App[object], keymap: Mapping[str, str]) -> str:
    """:data:`HELP` with the keys in force (``keymap`` over the bindings' own keys)."""
    from tui.keymap import bindings_by_id, keys_shown

    bindings = bindings_by_id()

    def keys(match: re.Match[str]) -> str:
        shown = keys_shown(app, bindings[match[1]], keymap)
        return _(" or ").join(f"`{key}`" for key in shown)

    return _KEY.sub(keys, _(HELP))


class HelpScreen(ModalScreen[None]):
    """The keys and the rules, closed with Escape, ``q`` or ``?``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", N_("Close"), id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Markdown(help_text(self.app, getattr(self.app, "keymap_in_force", {})))
