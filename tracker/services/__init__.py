"""The use cases of Parat; the only writers of the store.

Use :func:`open_parat` (also exported as ``tracker.open``) from scripts.
"""

from typing import TYPE_CHECKING, Any

__all__ = ["Parat", "open_parat"]

if TYPE_CHECKING:
    from tracker.services.api import Parat
    from tracker.services.opening import open_parat


def __getattr__(name: str) -> Any:
    # Lazy, so that importing one use case (``tracker.services.status``) does not
    # import the API and, through it, every other.
    if name == "Parat":
        from tracker.services.api import Parat

        return Parat
    if name == "open_parat":
        from tracker.services.opening import open_parat

        return open_parat
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
