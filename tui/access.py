"""When the UI may write, and the Danish words for why it may not.

Two things stop edits: a read-only connection (``parat --read-only``, or a database
role that may only read) and looking at the past ("Status pr. …"). Every write the
UI offers asks the app's ``refuse_write`` first (its reason: :func:`write_block`); a
``ReadOnlyError`` that still comes back from the services is shown with the same words.

Every other refusal is shown in the Danish its error carries (``error.danish``, set
where the service raises it; see :mod:`tracker.errors`), never ``str(error)``, which
is the CLI's English.
"""

from tracker.errors import ParatError, ReadOnlyError
from tracker.i18n import N_, _

__all__ = [
    "READ_ONLY",
    "READ_ONLY_MARK",
    "error_text",
    "past_detail_message",
    "past_message",
    "write_block",
]

#: The marker in the top bar.
READ_ONLY_MARK = N_("Read-only")

READ_ONLY = N_(
    "Read-only: this connection can only read (parat --read-only or a database role "
    "without write access). Nothing was changed."
)


def past_message(label: str) -> str:
    """Why nothing can be edited while the UI shows the past."""
    return _(
        "You are looking at the status as of {label}: the past cannot be edited. "
        "Press Esc on Overview (or choose 'Back to now') to edit. Nothing was changed."
    ).format(label=label)


def past_detail_message(label: str) -> str:
    """Why no hypothesis opens while the UI shows the past."""
    return _(
        "You are looking at the status as of {label}; a hypothesis's fields and figures "
        "are shown only as they are now. Press Esc on Overview (Back to now) to open it."
    ).format(label=label)


def write_block(*, read_only: bool, past: str | None) -> str | None:
    """Why edits are refused (a read-only connection, or ``past``: the label of the
    past moment on show), or ``None`` when they are not."""
    if read_only:
        return _(READ_ONLY)
    if past is not None:
        return past_message(past)
    return None


def error_text(error: ParatError) -> str:
    """The Danish line to show for a refused service call."""
    if isinstance(error, ReadOnlyError):
        return _(READ_ONLY)
    return error.danish
