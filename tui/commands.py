"""The command palette's own commands: go to a hypothesis by code or title."""

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app import ParatApp

__all__ = ["HypothesisCommands"]

_MAX_HITS = 30


class HypothesisCommands(Provider):
    """``Gå til H04 – Fælles indkøbsaftaler …`` for every hypothesis that matches."""

    async def discover(self) -> Hits:
        app: ParatApp = self.app  # type: ignore[assignment]
        if app.status is None:
            return
        for h in app.status.hypotheses[:8]:
            yield DiscoveryHit(
                f"Gå til {h.code} – {h.title}",
                lambda code=h.code: app.open_hypothesis(code),
                help=f"{h.stage.label} · {h.owner or 'ingen ansvarlig'}",
            )

    async def search(self, query: str) -> Hits:
        app: ParatApp = self.app  # type: ignore[assignment]
        if app.status is None:
            return
        matcher = self.matcher(query)
        found = 0
        for h in app.status.hypotheses:
            text = f"Gå til {h.code} – {h.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    lambda code=h.code: app.open_hypothesis(code),
                    text=text,
                    help=f"{h.stage.label} · {h.area} · {h.owner or 'ingen ansvarlig'}",
                )
                found += 1
                if found >= _MAX_HITS:
                    return
