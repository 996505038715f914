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

__all__ = [
    "READ_ONLY",
    "READ_ONLY_MARK",
    "error_text",
    "past_detail_message",
    "past_message",
    "write_block",
]

#: The marker in the top bar.
READ_ONLY_MARK = "Skrivebeskyttet"

READ_ONLY = (
    "Skrivebeskyttet: denne forbindelse kan kun læse (parat --read-only eller en "
    "database-rolle uden skriveret). Intet er ændret."
)


def past_message(label: str) -> str:
    """Why nothing can be edited while the UI shows the past."""
    return (
        f"Du ser status pr. {label}: fortiden kan ikke redigeres. "
        "Tryk Esc på Overblik (eller vælg 'Tilbage til nu') for at redigere. Intet er ændret."
    )


def past_detail_message(label: str) -> str:
    """Why no hypothesis opens while the UI shows the past."""
    return (
        f"Du ser status pr. {label}; en hypoteses felter og tal vises kun, som de "
        "er nu. Tryk Esc på Overblik (Tilbage til nu) for at åbne den."
    )


def write_block(*, read_only: bool, past: str | None) -> str | None:
    """Why edits are refused (a read-only connection, or ``past``: the label of the
    past moment on show), or ``None`` when they are not."""
    if read_only:
        return READ_ONLY
    if past is not None:
        return past_message(past)
    return None


def error_text(error: ParatError) -> str:
    """The Danish line to show for a refused service call."""
    if isinstance(error, ReadOnlyError):
        return READ_ONLY
    return error.danish
