"""The app's screens, one per file (the detail screen's form in a file of its own).

Screens other than the dashboard are imported when first shown, through the two
factories here: the help screen's Markdown alone costs 80 ms at start-up. Each
translates the bindings of the classes it imported before it makes its screen.
"""

from textual.screen import Screen

from tui.binding_words import speak_bindings

__all__ = ["budget_screen", "hypotheses_screen", "since_screen"]


def hypotheses_screen() -> Screen[None]:
    """Hypoteser, imported on first use."""
    from tui.screens.hypotheses import HypothesesScreen

    speak_bindings()
    return HypothesesScreen()


def since_screen() -> Screen[None]:
    """Siden sidst, imported on first use."""
    from tui.screens.since import SinceScreen

    speak_bindings()
    return SinceScreen()


def budget_screen() -> Screen[None]:
    """Budget, imported on first use."""
    from tui.screens.budget import BudgetScreen

    speak_bindings()
    return BudgetScreen()
