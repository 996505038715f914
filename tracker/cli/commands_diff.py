"""``parat diff``: what moved between two moments ("Siden sidst")."""

from typing import Annotated

import typer

from tracker.cli.output import mio, print_json, table
from tracker.cli.state import state
from tracker.domain import labels as da
from tracker.domain.diff import Diff, total_changes
from tracker.domain.money import format_mio_change

__all__ = ["print_diff", "register"]

_KIND = {kind: label.lower() for kind, label in da.KIND_LABELS.items()}


#: A change in mio. kr. with its sign: ``+0,5 mio. kr.``.
signed = format_mio_change


def _when(moment: object) -> str:
    from datetime import datetime

    from tracker.report.moments import show_moment

    return show_moment(moment) if isinstance(moment, datetime) else ""


def print_diff(d: Diff) -> None:
    """The "Siden sidst" view for people (Danish)."""
    typer.echo(f"{da.SINCE}: {d.since_label} → {d.until_label}\n")
    rows = total_changes(d)
    table(
        ["", da.THEN, da.NOW, da.CHANGE],
        [(label, mio(old), mio(new), signed(new - old)) for label, old, new in rows],
        right=(1, 2, 3),
    )
    before = {x.key: x for x in d.before.buckets}
    typer.echo(f"\n{da.BUCKETS} ({da.WEIGHTED.lower()})")
    table(
        [da.BUCKET, da.TARGET, da.THEN, da.NOW, da.CHANGE],
        [
            (
                x.name,
                mio(x.target_kr),
                mio(before[x.key].weighted_kr) if x.key in before else "",
                mio(x.weighted_kr),
                signed(x.weighted_kr - (before[x.key].weighted_kr if x.key in before else 0)),
            )
            for x in d.after.buckets
        ],
        right=(1, 2, 3, 4),
    )
    typer.echo(f"\nFasebevægelser ({len(d.stage_moves)})")
    for m in d.stage_moves:
        old = m.old_stage.label if m.old_stage else "(ny)"
        new = m.new_stage.label if m.new_stage else ""
        who = ", ".join(x for x in (m.actor, _when(m.at)) if x)
        note = f" – {m.note}" if m.note else ""
        typer.echo(f"  {m.code} {m.title}: {old} → {new}" + (f"  ({who})" if who else "") + note)
    typer.echo(f"\nTal ({len(d.figure_changes)})")
    for f in d.figure_changes:
        change = (f.new_kr or 0) - (f.old_kr or 0)
        who = ", ".join(x for x in (f.actor, _when(f.at)) if x)
        typer.echo(
            f"  {f.code} {_KIND.get(f.kind, f.kind)} {f.year}: "
            f"{mio(f.old_kr) or '(intet)'} → {mio(f.new_kr) or '(intet)'} ({signed(change)})"
            + (f"  {who}" if who else "")
        )
    if d.added:
        typer.echo(f"\n{da.ADDED}: {', '.join(d.added)}")
    if d.dropped:
        typer.echo(f"{da.DROPPED}: {', '.join(d.dropped)}")


def diff(
    ctx: typer.Context,
    since: Annotated[
        str, typer.Option("--since", help="Snapshot name or date (2018-03-12 = end of that day).")
    ],
    until: Annotated[
        str | None, typer.Option("--until", help="Snapshot name or date (default: now).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """What moved between two moments: totals, buckets, stage moves, figures."""
    with state(ctx).open() as parat:
        start = parat.resolve_moment(since)
        end = parat.resolve_moment(until) if until else None
        result = parat.diff(start, end, since_label=since, until_label=until or "nu")
    if as_json:
        from tracker.report import diff_to_dict

        print_json(diff_to_dict(result))
    else:
        print_diff(result)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
