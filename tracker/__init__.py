"""Parat: the core of the savings-programme tracker.

Scripts use the Python API::

    import tracker

    with tracker.open("parat.db", actor="anna") as p:
        p.set_figure("H04", 2018, potential="4,5")   # 4,5 mio. kr.
        print(p.status().totals.gap_kr)
"""

from typing import TYPE_CHECKING, Any

from tracker.version import __version__

__all__ = ["Parat", "__version__", "open"]

if TYPE_CHECKING:
    from tracker.services import Parat
    from tracker.services import open_parat as open


def __getattr__(name: str) -> Any:
    # Lazy, so that ``import tracker.domain`` does not pull in SQLAlchemy.
    if name in ("open", "Parat"):
        from tracker import services

        return services.open_parat if name == "open" else services.Parat
    raise AttributeError(name)
