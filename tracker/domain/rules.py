"""Rules about changes, independent of storage."""

from tracker.domain.stages import Stage

__all__ = ["stage_move_needs_note"]


def stage_move_needs_note(old: Stage, new: Stage) -> bool:
    """A move backward in the lifecycle, or to dropped, must be explained by a note."""
    if old == new:
        return False
    if new is Stage.DROPPED:
        return True
    if old is Stage.DROPPED:
        return False
    return new.rank < old.rank
