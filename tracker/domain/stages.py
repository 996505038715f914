"""The stages a hypothesis moves through, their Danish labels and default weights."""

from enum import StrEnum

from tracker.domain.bilingual import BilingualError

__all__ = ["DECIDED_STAGES", "DEFAULT_WEIGHTS", "Stage", "parse_stage"]


class Stage(StrEnum):
    """A hypothesis's stage (fase); the order of definition is the lifecycle order."""

    IDENTIFIED = "identified"
    QUALIFIED = "qualified"
    QUANTIFIED = "quantified"
    DECIDED = "decided"
    IMPLEMENTED = "implemented"
    REALISED = "realised"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        """The Danish label a user sees (Identificeret, Kvalificeret, …)."""
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """Position in the lifecycle; dropped ranks last."""
        return _RANKS[self]


_RANKS: dict[Stage, int] = {}

_LABELS: dict[Stage, str] = {
    Stage.IDENTIFIED: "Identificeret",
    Stage.QUALIFIED: "Kvalificeret",
    Stage.QUANTIFIED: "Kvantificeret",
    Stage.DECIDED: "Besluttet",
    Stage.IMPLEMENTED: "Implementeret",
    Stage.REALISED: "Realiseret",
    Stage.DROPPED: "Forkastet",
}

_RANKS.update({stage: rank for rank, stage in enumerate(Stage)})

#: Default stage weights in whole percent: how much of a hypothesis's potential counts
#: as weighted at each stage (a programme may set its own).
DEFAULT_WEIGHTS: dict[Stage, int] = {
    Stage.IDENTIFIED: 10,
    Stage.QUALIFIED: 25,
    Stage.QUANTIFIED: 50,
    Stage.DECIDED: 75,
    Stage.IMPLEMENTED: 90,
    Stage.REALISED: 100,
    Stage.DROPPED: 0,
}

#: Stages whose pipeline counts as decided (besluttet).
DECIDED_STAGES = frozenset({Stage.DECIDED, Stage.IMPLEMENTED, Stage.REALISED})

_BY_NAME: dict[str, Stage] = {
    **{s.value: s for s in Stage},
    **{label.casefold(): s for s, label in _LABELS.items()},
}


def parse_stage(text: str) -> Stage:
    """Read a stage from its key or its Danish label, in any case.

    Raises ``ValueError`` naming the accepted values when nothing matches.
    """
    stage = _BY_NAME.get(text.strip().casefold())
    if stage is None:
        accepted = ", ".join(s.value for s in Stage)
        labels = ", ".join(s.label for s in Stage)
        raise BilingualError(
            f"unknown stage {text!r} (use one of {accepted}, or the Danish label)",
            f"ukendt fase {text!r} (brug en af {labels})",
        )
    return stage
