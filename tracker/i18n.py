"""The language people read: Danish by default, English on request.

Source strings are English in the code; the Danish catalogue translates them
(gettext, maintained with Babel's tools: ``make i18n`` extracts, updates and
compiles ``tracker/locale``). The language is chosen by ``--lang``, then
``PARAT_LANG``, then (for the configuration file) :func:`set_language`'s caller,
else Danish. JSON keys, exit codes and stable codes never pass through here.

The catalogue is read on the first string translated, not at import: a command that
prints only JSON never opens it.
"""

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import NullTranslations

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "danish",
    "ngettext",
    "set_language",
]

#: The languages Parat speaks; the first is the default.
LANGUAGES: tuple[str, ...] = ("da", "en")
DEFAULT_LANGUAGE = "da"
ENV_VAR = "PARAT_LANG"
DOMAIN = "parat"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")

_chosen: str | None = None
_catalogues: dict[str, "NullTranslations"] = {}


def set_language(language: str | None) -> None:
    """Speak ``language`` from now on (``None``: back to ``PARAT_LANG``, else Danish)."""
    global _chosen
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (use {' or '.join(LANGUAGES)})")
    _chosen = language


def current_language() -> str:
    """The language chosen: :func:`set_language`, else ``PARAT_LANG``, else Danish
    (a ``PARAT_LANG`` Parat does not speak counts as unset; ``--lang`` says so)."""
    if _chosen is not None:
        return _chosen
    wanted = os.environ.get(ENV_VAR, "").strip().lower()
    return wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE


def danish() -> bool:
    """Whether people read Danish now (the errors' Danish line, Danish labels)."""
    return current_language() == "da"


def _catalogue(language: str) -> "NullTranslations":
    catalogue = _catalogues.get(language)
    if catalogue is None:
        import gettext

        # fallback: a checkout whose catalogues are not compiled yet speaks English
        # (``make i18n`` or the install step compiles them; a test fails on it).
        catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
        _catalogues[language] = catalogue
    return catalogue


def _(message: str) -> str:
    """``message`` (English) in the language chosen."""
    language = current_language()
    if language == "en" or not message:
        return message
    return _catalogue(language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the language chosen."""
    language = current_language()
    if language == "en":
        return singular if n == 1 else plural
    return _catalogue(language).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it (yet): for text
    fixed at import, translated where it is shown."""
    return message
