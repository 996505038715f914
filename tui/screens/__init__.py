"""The app's screens, one per file (the detail screen's form in a file of its own).

Screens other than the dashboard are imported when first shown, through the two
factories here: the help screen's Markdown alone costs 80 ms at start-up.
"""

from textual.screen import Screen

__all__ = ["budget_screen", "hypotheses_screen", "since_screen"]


def hypotheses_screen() -> Screen[None]:
    """Hypoteser, imported on first use."""
    from tui.screens.hypotheses import HypothesesScreen

    return HypothesesScreen()


def since_screen() -> Screen[None]:
    """Siden sidst, imported on first use."""
    from tui.screens.since import SinceScreen

    return SinceScreen()


def budget_screen() -> Screen[None]:
    """Budget, imported on first use."""
    from tui.screens.budget import BudgetScreen

    return BudgetScreen()
