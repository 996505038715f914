"""Parat's settings, and where each came from: the one module that reads them.

Each setting is taken from the first of these that gives it:

1. a command-line flag (``--db``, ``--actor``, ``--display``, ``--decimals``, …);
2. the environment (:data:`ENV`: ``PARAT_DATABASE_URL``, ``PARAT_ACTOR``, …);
3. a configuration file: the project's ``parat.toml`` (the nearest one in the working
   folder or a folder above it), then the user's file (``PARAT_CONFIG``, else
   ``config.toml`` in the platform's configuration folder, e.g.
   ``~/.config/parat/config.toml``);
4. the default.

A file looks like this (every key optional)::

    database = "parat.db"          # a path (relative to the file's folder) or a URL
    actor = "Mette Holm"
    language = "da"                # da | en

    [display]
    unit = "mio"                   # mio | tkr | kr (default: the programme's)
    decimals = 1                   # 0-3

    [ui]
    theme = "textual-dark"

    [keymap]                       # binding id = keys (comma-separated)
    "app.quit" = "ctrl+q"

A bad file, key or value is refused with :class:`ConfigError`: one line naming the
file (or variable), the key and what is wrong. Reading is cheap on purpose (``tomllib``
and a pydantic model built on first use): every command reads the settings.
Which themes and binding ids exist is the UI's to know; it checks ``ui.theme`` and
the keymap when it starts (:mod:`tui.settings`).
"""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tracker.errors import InvalidInput

__all__ = [
    "ENV",
    "FLAGS",
    "KEYS",
    "PROJECT_FILE",
    "ConfigError",
    "Setting",
    "Settings",
    "load_settings",
    "user_config_file",
]

#: The project-local file, looked for in the working folder and every folder above.
PROJECT_FILE = "parat.toml"
#: The variable that names the user's configuration file instead of the default one.
CONFIG_ENV = "PARAT_CONFIG"

#: Every setting, by its dotted name in the file (``[display] unit`` is ``display.unit``).
KEYS = ("database", "actor", "language", "display.unit", "display.decimals", "ui.theme")
#: The environment variable of each setting.
ENV: Mapping[str, str] = {
    "database": "PARAT_DATABASE_URL",
    "actor": "PARAT_ACTOR",
    "language": "PARAT_LANG",
    "display.unit": "PARAT_DISPLAY",
    "display.decimals": "PARAT_DECIMALS",
    "ui.theme": "PARAT_THEME",
}
#: The command-line flag of each setting (the theme has none).
FLAGS: Mapping[str, str] = {
    "database": "--db",
    "actor": "--actor",
    "language": "--lang",
    "display.unit": "--display",
    "display.decimals": "--decimals",
}
#: The defaults; ``None`` where something else decides (see :data:`DEFAULT_MEANS`).
DEFAULTS: Mapping[str, object] = {
    "database": None,
    "actor": None,
    "language": "da",
    "display.unit": None,
    "display.decimals": None,
    "ui.theme": "textual-dark",
}
#: What a ``None`` default means, for ``parat config show``.
DEFAULT_MEANS: Mapping[str, str] = {
    "database": "parat.db in your data folder",
    "actor": "your user name",
    "display.unit": "the programme's",
    "display.decimals": "the programme's",
}

LANGUAGES = ("da", "en")
UNITS = ("mio", "tkr", "kr")
MAX_DECIMALS = 3


class ConfigError(InvalidInput):
    """A configuration file, key or value that cannot be used (exit 1)."""

    DANISH = "Konfigurationen kan ikke bruges."


@dataclass(frozen=True, slots=True)
class Setting:
    """One effective setting."""

    value: Any
    """The value in force (``None``: the default decides, see :data:`DEFAULT_MEANS`)."""
    source: str
    """Where it came from: ``flag``, ``env``, ``file`` or ``default``."""
    origin: str | None = None
    """Which flag, variable or file (its absolute path); ``None`` for a default."""

    def where(self, key: str) -> str:
        """How an error about this setting names its place (``--actor``,
        ``PARAT_ACTOR``, ``/home/x/parat.toml: actor``)."""
        if self.source == "file":
            return f"{self.origin}: {key}"
        return self.origin or key


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings (flag > environment > file > default)."""

    values: Mapping[str, Setting]
    """Each of :data:`KEYS`."""
    keymap: Mapping[str, Setting] = field(default_factory=dict)
    """Binding id -> its keys (``"ctrl+q"``, ``"q,ctrl+q"``), from the files."""
    files: tuple[Path, ...] = ()
    """The files read, the one that wins first."""

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    def keys_for(self) -> dict[str, str]:
        """The keymap as Textual takes it (``App.set_keymap``)."""
        return {binding: s.value for binding, s in self.keymap.items()}


# -- checking values (pydantic, built on first use) -------------------------------------


def _actor(value: str) -> str:
    # A RuleError is a BilingualError: its Danish line reaches the ConfigError.
    from tracker.domain.rules import normal_text

    return normal_text(value, "actor", required=True, max_len=100, multiline=False)


def _keys(value: str) -> str:
    """A key string as Textual writes it: keys separated by commas, no spaces."""
    from tracker.domain.bilingual import BilingualError

    keys = [key.strip() for key in value.split(",")]
    if any(not key or " " in key for key in keys):
        raise BilingualError(
            f'{value!r} is not a list of keys (write e.g. "ctrl+q" or "q,f10")',
            f'{value!r} er ikke en liste af taster (skriv fx "ctrl+q" eller "q,f10")',
        )
    return ",".join(keys)


@cache
def _file_model() -> Any:
    """The shape of a configuration file: unknown keys refused, values checked. Strict
    in a file (``decimals = "2"`` is refused); the environment's text is converted."""
    from typing import Annotated, Literal

    from pydantic import AfterValidator, BaseModel, ConfigDict, Field

    text = Annotated[str, Field(min_length=1, pattern=r"\S")]

    class Table(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    class Display(Table):
        unit: Literal["mio", "tkr", "kr"] | None = None
        decimals: Annotated[int, Field(ge=0, le=MAX_DECIMALS)] | None = None

    class Ui(Table):
        theme: text | None = None

    class ConfigFile(Table):
        database: text | None = None
        actor: Annotated[text, AfterValidator(_actor)] | None = None
        language: Literal["da", "en"] | None = None
        display: Display = Display()
        ui: Ui = Ui()
        keymap: dict[str, Annotated[text, AfterValidator(_keys)]] = Field(default_factory=dict)

    return ConfigFile


def _validated(data: Mapping[str, Any], where: Callable[[str], str], *, strict: bool) -> Any:
    """``data`` as the file model, or :class:`ConfigError`: one line for the first
    problem, ``where(key)`` naming its place."""
    from pydantic import ValidationError

    try:
        return _file_model().model_validate(data, strict=strict)
    except ValidationError as error:
        from tracker.validation_words import reasons

        problem = error.errors(include_url=False)[0]
        key = ".".join(str(part) for part in problem["loc"])
        if problem["type"] == "model_type":
            kind, art = _kind(problem["input"])
            what = f"must be a table ([{key}]), not {kind}"
            hvad = f"skal være en tabel ([{key}]), ikke {art}"
        else:
            # pydantic's reason said again from its type code, in both languages
            [(key, _code, what, hvad), *_rest] = reasons([problem], source="toml")
        raise ConfigError(f"{where(key)}: {what}", danish=f"{where(key)}: {hvad}") from None


def _kind(value: object) -> tuple[str, str]:
    """What a TOML value is, in English and in Danish."""
    names = {
        bool: ("true/false", "sand/falsk"),
        int: ("a number", "et tal"),
        float: ("a number", "et tal"),
        str: ("text", "tekst"),
        list: ("a list", "en liste"),
    }
    return names.get(type(value), (type(value).__name__, type(value).__name__))


def _nested(key: str, value: object) -> dict[str, Any]:
    """``{"display": {"unit": value}}`` for ``display.unit``."""
    table, _, name = key.rpartition(".")
    return {table: {name: value}} if table else {key: value}


#: The settings whose value is any text that is not blank (the model's ``text``).
_ANY_TEXT = frozenset({"database", "ui.theme"})


def _checked(key: str, value: object, where: str) -> Any:
    """One value from a flag or a variable, checked as in a file."""
    # What the model would pass unchanged is passed without building it: building the
    # pydantic model is most of the settings' cost when only --db or $PARAT_LANG is given.
    if isinstance(value, str) and (
        (key in _ANY_TEXT and value.strip()) or (key == "language" and value in LANGUAGES)
    ):
        return value
    model = _validated(_nested(key, value), lambda _key: where, strict=False)
    table, _, name = key.rpartition(".")
    return getattr(getattr(model, table), name) if table else getattr(model, key)


# -- the files --------------------------------------------------------------------------


def user_config_file(env: Mapping[str, str]) -> tuple[Path, bool]:
    """The user's file and whether it was named (``PARAT_CONFIG``: it must exist)."""
    named = env.get(CONFIG_ENV, "").strip()
    if named:
        return Path(named).expanduser().absolute(), True
    from platformdirs import user_config_path

    return user_config_path("parat", appauthor=False) / "config.toml", False


def project_file(start: Path) -> Path | None:
    """The nearest ``parat.toml`` in ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only where there is a file: most calls have none

    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path}: not valid TOML: {error}", danish=f"{path}: ikke gyldig TOML: {error}"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(
            f"{path}: not valid TOML: the file is not UTF-8 text",
            danish=f"{path}: ikke gyldig TOML: filen er ikke UTF-8-tekst",
        ) from None
    except OSError as error:
        raise ConfigError(
            f"{path}: cannot read the configuration file: {error.strerror or error}",
            danish=f"{path}: konfigurationsfilen kan ikke læses: {error.strerror or error}",
        ) from None


def _file_values(path: Path, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The settings given in one file (checked) and its keymap."""
    model = _validated(data, lambda key: f"{path}: {key}", strict=True)
    given = model.model_dump(exclude_unset=True)
    values: dict[str, Any] = {}
    for name, item in given.items():
        if isinstance(item, dict) and name != "keymap":  # [display], [ui]
            values.update({f"{name}.{sub}": value for sub, value in item.items()})
        elif name != "keymap":
            values[name] = item
    database = values.get("database")
    if database is not None and "://" not in database:
        # A path in a project's file means the project's folder, wherever parat runs.
        values["database"] = str((path.parent / Path(database).expanduser()).resolve())
    return values, dict(model.keymap)


# -- all together -------------------------------------------------------------------------


def load_settings(
    flags: Mapping[str, object | None] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """The effective settings: ``flags`` (by key of :data:`KEYS`; ``None`` or blank
    text: not given) over the environment over the files over the defaults."""
    env = os.environ if env is None else env
    flags = flags or {}
    user, named = user_config_file(env)
    if named and not user.is_file():
        raise ConfigError(
            f"{CONFIG_ENV}: {user}: no such configuration file",
            danish=f"{CONFIG_ENV}: {user}: konfigurationsfilen findes ikke",
        )
    files = [p for p in (project_file(cwd or Path.cwd()), user) if p is not None and p.is_file()]

    from_files: dict[str, Setting] = {}
    keymap: dict[str, Setting] = {}
    for path in reversed(files):  # the user's first: the project's file wins
        values, keys = _file_values(path, _read(path))
        origin = str(path)
        from_files.update({k: Setting(v, "file", origin) for k, v in values.items()})
        keymap.update({k: Setting(v, "file", origin) for k, v in keys.items()})

    chosen: dict[str, Setting] = {}
    for key in KEYS:
        flag = flags.get(key)
        variable = env.get(ENV[key], "")
        if flag is not None and not (isinstance(flag, str) and not flag.strip()):
            chosen[key] = Setting(_checked(key, flag, FLAGS[key]), "flag", FLAGS[key])
        elif variable.strip():
            chosen[key] = Setting(_checked(key, variable, ENV[key]), "env", ENV[key])
        elif key in from_files:
            chosen[key] = from_files[key]
        else:
            chosen[key] = Setting(DEFAULTS[key], "default")
    return Settings(chosen, keymap, tuple(files))
