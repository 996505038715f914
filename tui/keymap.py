"""The keys in force: the configured keymap (``[keymap]`` in parat.toml) over the
bindings' own keys, and the checks the configuration cannot make without the UI.

Every :class:`~textual.binding.Binding` in ``tui/`` has an ``id``; the keymap maps
ids to keys and is applied with Textual's ``App.set_keymap``, so the key bar (which
reads the screen's active bindings) shows the keys in force by itself. The help
screen names its keys by binding id and asks :func:`keys_shown` for them.
"""

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from tracker.config import ConfigError, Setting, Settings

__all__ = ["bindings_by_id", "checked_keymap", "checked_theme", "keys_shown"]


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def bindings_by_id() -> dict[str, Binding]:
    """Every binding of the UI by its id. Imports every module of ``tui`` (screens are
    otherwise loaded when first shown), so it runs only for a keymap or the help."""
    here = str(Path(__file__).parent)  # the tui package (not imported: no cycle)
    for module in pkgutil.walk_packages([here], "tui."):
        importlib.import_module(module.name)
    found: dict[str, Binding] = {}
    for cls in _subclasses(DOMNode):
        if not cls.__module__.startswith("tui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                found[binding.id] = binding
    return found


def checked_keymap(settings: Settings) -> dict[str, str]:
    """The configured keymap, each id checked against the UI's bindings; an unknown id
    is refused with :class:`ConfigError` naming the file and the key."""
    keymap = settings.keymap
    if not keymap:
        return {}
    known = bindings_by_id()
    for binding_id, setting in keymap.items():
        if binding_id not in known:
            raise _refused(
                setting,
                f"keymap.{binding_id}",
                f"no key binding has this id (see `parat config show`; ids: "
                f"{', '.join(sorted(known))})",
            )
    return settings.keys_for()


def checked_theme(settings: Settings) -> str | None:
    """The configured theme (``None``: the default), refused when Textual has no
    built-in theme by that name (Parat registers none of its own)."""
    from textual.theme import BUILTIN_THEMES

    setting = settings.values["ui.theme"]
    if setting.source == "default":
        return None
    if setting.value not in BUILTIN_THEMES:
        raise _refused(
            setting,
            "ui.theme",
            f"no theme {setting.value!r} (themes: {', '.join(sorted(BUILTIN_THEMES))})",
        )
    value: str = setting.value
    return value


def _refused(setting: Setting, key: str, what: str) -> ConfigError:
    line = f"{setting.where(key)}: {what}"
    return ConfigError(line, danish=line)


def keys_shown(app: App[object], binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys of ``binding`` in force, as the key bar writes them (``?``, ``^s``)."""
    keys = keymap.get(binding.id or "", binding.key)
    if binding.key_display and keys == binding.key:
        return [binding.key_display]
    return [app.get_key_display(Binding(key.strip(), "")) for key in keys.split(",")]
