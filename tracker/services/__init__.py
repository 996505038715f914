"""The use cases of Parat; the only writers of the store.

Use :func:`open_parat` (also exported as ``tracker.open``) from scripts.
"""

from tracker.services.api import Parat
from tracker.services.opening import open_parat

__all__ = ["Parat", "open_parat"]
