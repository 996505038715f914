"""The key bar at the bottom: the active keys of the screen, in one line.

Textual's ``Footer`` builds one widget per key and rebuilds them whenever the focus
moves, which slows start-up. This bar is one widget that draws the same keys as text
(clickable, like the footer).
"""

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.widget import Widget

__all__ = ["KeyBar"]


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

    def render(self) -> RenderableType:
        text = Text()
        self._spans = []
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            start = text.cell_len
            text.append(f" {self.app.get_key_display(binding)}", style="bold #ffaf00")
            text.append(f" {binding.description}", style="" if enabled else "dim")
            self._spans.append((start, text.cell_len, binding.key))
        if palette in bindings and self.app.ENABLE_COMMAND_PALETTE:
            hint = Text(" ")
            hint.append(self.app.get_key_display(bindings[palette].binding), style="bold #ffaf00")
            hint.append(" Kommandoer ")
            width = self.size.width or 80
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
                self.app.simulate_key(key.split(",")[0])
                return
