"""An ``Input`` that keeps the order of the keys typed.

Textual runs an input's own key bindings (Backspace, End, the arrows, Enter…) only
after the key has bubbled up to the app and come back as an action, while a printable
key is inserted at once. Keys that arrive together (a quick typist, a slow machine,
a terminal that sends a burst) would therefore overtake the edits before them, and a
field could save another amount than the one typed. This input runs its own bindings
where the key arrives, in order.

The forms mark an input ``-invalid`` themselves (with the reason next to it). Textual's
own validation, which Parat does not use, would clear that mark on every change and
whenever the field loses the focus, so it is switched off here.
"""

from typing import Any

from textual import events
from textual.widgets import Input

__all__ = ["OrderedInput"]


def _actions(input_class: type[Input]) -> dict[str, str]:
    actions: dict[str, str] = {}
    for binding in input_class.BINDINGS:
        if isinstance(binding, tuple):  # (key, action[, description]) is allowed too
            keys, action = binding[0], binding[1]
        else:
            keys, action = binding.key, binding.action
        for key in keys.split(","):
            actions.setdefault(key.strip(), action)
    return actions


class OrderedInput(Input):
    """Every form field of the app: an ``Input`` whose editing keys keep their order."""

    _ACTIONS = _actions(Input)

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("validate_on", ())
        super().__init__(value, *args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        for key in (event.key, *event.aliases):
            action = self._ACTIONS.get(key)
            if action is not None:
                event.stop()
                event.prevent_default()
                await self.run_action(action)
                return
        await super()._on_key(event)
