"""The key bar at the bottom: the keys that work now, in one line.

Textual's ``Footer`` builds one widget per key and rebuilds them whenever the focus
moves, which slows start-up. This bar is one widget that draws the same keys as text
(clickable, like the footer). Two rules keep it honest:

- While the focus is in a text field, a key that types a character (``f``, ``?``,
  ``/``) goes into the field, so the bar leaves it out (``?`` or ``f1`` for help shows
  as ``f1``).
- When the keys are wider than the bar, the app's general keys give way first (the
  last first, quitting after the others), then the screen's own from the end; help,
  which lists every key, stays.
"""

from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.keys import _character_to_key, key_to_character
from textual.widget import Widget
from textual.widgets import Input, TextArea

from tracker.i18n import _

__all__ = ["KeyBar", "typed_in_field"]

# The names Textual gives the keys of printable ASCII ("slash", "question_mark", …);
# its own key_to_character does not know every one of them.
_PRINTABLE_KEYS = frozenset(_character_to_key(chr(code)) for code in range(32, 127))
#: The app's help (never left out: it names every key) and quit (left out last).
_HELP, _QUIT = "help", "quit"


def typed_in_field(key: str) -> bool:
    """Whether a text field takes ``key`` as a character (``f``, ``slash``, ``space``),
    so that a binding on it never runs while a field has the focus."""
    if len(key) == 1:
        return key.isprintable()
    if key in _PRINTABLE_KEYS:
        return True
    character = key_to_character(key)
    return character is not None and character.isprintable() and len(character) == 1


@dataclass(frozen=True, slots=True)
class _Item:
    key: str
    """The key pressed when the item is clicked."""
    text: Text
    general: bool
    """One of the app's keys (given way first when space is short)."""
    action: str


class KeyBar(Widget):
    """Shows the screen's active bindings (those with ``show=True``) and ctrl+p."""

    DEFAULT_CSS = """
    KeyBar { height: 1; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        self.refresh()

    def _items(self) -> list[_Item]:
        typing = isinstance(self.screen.focused, Input | TextArea)
        seen: set[str] = set()
        items: list[_Item] = []
        for key, (node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen or (typing and typed_in_field(key)):
                continue
            seen.add(binding.action)
            first = binding.key.split(",")[0].strip()
            shown = binding if key == first else Binding(key, binding.action)
            text = Text()
            text.append(f" {self.app.get_key_display(shown)}", style="bold #ffaf00")
            text.append(f" {_(binding.description)}", style="" if enabled else "dim")
            items.append(_Item(key, text, node is self.app, binding.action))
        return items

    @staticmethod
    def _fit(items: list[_Item], width: int) -> list[_Item]:
        """``items`` without those that give way first, until the rest fit ``width``."""
        shown = list(items)
        general = [i for i in reversed(items) if i.general and i.action not in (_HELP, _QUIT)]
        quit_ = [i for i in items if i.general and i.action == _QUIT]
        order = general + quit_ + [i for i in reversed(items) if not i.general]
        while order and sum(i.text.cell_len for i in shown) > width:
            shown.remove(order.pop(0))
        return shown

    def render(self) -> RenderableType:
        width = self.size.width or 80
        text = Text()
        self._spans = []
        for item in self._fit(self._items(), width):
            start = text.cell_len
            text.append_text(item.text)
            self._spans.append((start, text.cell_len, item.key))
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = self.screen.active_bindings
        if palette in bindings and self.app.ENABLE_COMMAND_PALETTE:
            hint = Text(" ")
            hint.append(self.app.get_key_display(bindings[palette].binding), style="bold #ffaf00")
            hint.append(" " + _("Commands") + " ")
            gap = width - text.cell_len - hint.cell_len
            if gap >= 1:
                text.append(" " * gap)
                start = text.cell_len
                text.append_text(hint)
                self._spans.append((start, text.cell_len, palette))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
