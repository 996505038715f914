"""``parat diff``: what moved between two moments ("Siden sidst")."""

from typing import Annotated

import typer

from tracker.cli.completion import complete_snapshots
from tracker.cli.output import DecimalsOption, DisplayOption, chosen_display, print_json, table
from tracker.cli.state import state
from tracker.domain.diff import Diff, measure_changes
from tracker.domain.money import Display
from tracker.i18n import _
from tracker.report import words as w
from tracker.report.words import stage_name

__all__ = ["print_diff", "register"]

#: The figure kinds as a line of "what moved" names them.
_KIND = {**w.KIND_LABELS, **w.RANGE_LABELS}
#: The measures of the totals table (:data:`tracker.domain.diff.TOTAL_MEASURES`).
_MEASURES = {
    "pipeline": w.PIPELINE,
    "weighted": w.WEIGHTED,
    "decided": w.DECIDED,
    "budgeted": w.BUDGETED,
    "realised": w.REALISED,
    "validated": w.VALIDATED,
    "gap": w.GAP_EXPLAINED,
    "baseline": w.BASELINE_EXPLAINED,
    "slippage": w.SLIPPAGE_EXPLAINED,
    "overlap": w.OVERLAP_PIPELINE,
    "overlap_weighted": w.OVERLAP_WEIGHTED,
}
#: Whole kroner: what the import's dry run shows each cell in, to check the units.
_EXACT = Display("kr", 0)


def _change(shown: Display, old: int | None, new: int | None) -> tuple[str, str, str]:
    """Then, now and the change, with the decimals that show the change."""
    d = shown.change_decimals(old, new)
    return (
        "" if old is None else shown.amount(old, d),
        "" if new is None else shown.amount(new, d),
        shown.change((new or 0) - (old or 0), d),
    )


def _when(moment: object) -> str:
    from datetime import datetime

    from tracker.report.moments import show_moment

    return show_moment(moment) if isinstance(moment, datetime) else ""


def print_diff(d: Diff, shown: Display, *, exact_figures: bool = False) -> None:
    """The "Siden sidst" view for people, amounts in ``shown``; with
    ``exact_figures`` each changed figure in whole kroner (the import's dry run)."""
    typer.echo(f"{_(w.SINCE)}: {d.since_label} → {d.until_label}\n")
    table(
        ["", _(w.THEN), _(w.NOW), _(w.CHANGE)],
        [(_(_MEASURES[key]), *_change(shown, old, new)) for key, old, new in measure_changes(d)],
        right=(1, 2, 3),
    )
    before = {x.key: x for x in d.before.buckets}
    typer.echo(f"\n{_(w.BUCKETS)} ({_(w.WEIGHTED).lower()})")
    table(
        [_(w.BUCKET), _(w.TARGET), _(w.THEN), _(w.NOW), _(w.CHANGE)],
        [
            (
                x.name,
                shown.amount(x.target_kr),
                *_change(
                    shown, before[x.key].weighted_kr if x.key in before else None, x.weighted_kr
                ),
            )
            for x in d.after.buckets
        ],
        right=(1, 2, 3, 4),
    )
    typer.echo("\n" + _("Stage moves ({count})").format(count=len(d.stage_moves)))
    for m in d.stage_moves:
        old = stage_name(m.old_stage) if m.old_stage else _("(new)")
        new = stage_name(m.new_stage) if m.new_stage else ""
        who = ", ".join(x for x in (m.actor, _when(m.at)) if x)
        note = f" – {m.note}" if m.note else ""
        decision = (
            " – " + _("decision: {decision}").format(decision=m.decision) if m.decision else ""
        )
        typer.echo(
            f"  {m.code} {m.title}: {old} → {new}" + (f"  ({who})" if who else "") + decision + note
        )
    typer.echo("\n" + _("Figures ({count})").format(count=len(d.figure_changes)))
    nothing = _("(nothing)")
    added, removed, withdrawn = _("(new)"), _("(removed)"), _("(withdrawn)")
    for f in d.figure_changes:
        old, new, change = _change(_EXACT if exact_figures else shown, f.old_kr, f.new_kr)
        who = ", ".join(x for x in (f.actor, _when(f.at)) if x)
        kind = _(_KIND[f.kind]).lower() if f.kind in _KIND else f.kind
        typer.echo(
            f"  {f.code} {kind} {f.year}: "
            f"{old or nothing} → {new or nothing} ({change})" + (f"  {who}" if who else "")
        )
    if d.overlap_changes:
        typer.echo(f"\n{_(w.OVERLAP_CHANGES)} ({len(d.overlap_changes)})")
        for c in d.overlap_changes:
            old_kr = c.before.amount_kr if c.before else None
            new_kr = c.after.amount_kr if c.after else None
            old, new, change = _change(shown, old_kr, new_kr)
            members = ", ".join((c.after or c.before).members)  # type: ignore[union-attr]
            who = ", ".join(x for x in (c.actor, _when(c.at)) if x)
            typer.echo(
                f"  {c.name} ({members}): {old or added} → {new or removed} ({change})"
                + (f"  {who}" if who else "")
            )
    if d.validations:
        typer.echo(f"\n{_(w.VALIDATIONS)} ({len(d.validations)})")
        for v in d.validations:
            verdict = _("approved") if v.approved else _("rejected")
            gone = "" if v.standing else _(" – the figure has changed since")
            typer.echo(
                f"  {v.code} {_(w.REALISED).lower()} {v.year}: {verdict} "
                f"{shown.amount(v.amount_kr)} · {v.reference}  ({v.actor}, {_when(v.at)})" + gone
            )
    if d.budget_changes:
        typer.echo(f"\n{_(w.BUDGET_CHANGES)} ({len(d.budget_changes)})")
        for b in d.budget_changes:
            old, new, change = _change(_EXACT if exact_figures else shown, b.old_kr, b.new_kr)
            who = ", ".join(x for x in (b.actor, _when(b.at)) if x)
            typer.echo(
                f"  {b.ramme} {_(w.BUDGET_KIND_LABELS.get(b.kind, b.kind))} {b.year}: "
                f"{old or nothing} → {new or nothing} ({change})" + (f"  {who}" if who else "")
            )
    if d.cut_changes:
        typer.echo(f"\n{_(w.CUT_CHANGES)} ({len(d.cut_changes)})")
        for cut in d.cut_changes:
            old, new, change = _change(shown, cut.old_kr, cut.new_kr)
            who = ", ".join(x for x in (cut.actor, _when(cut.at)) if x)
            typer.echo(
                f"  {cut.code} {cut.ramme} {cut.year}: {old or nothing} → "
                f"{new or withdrawn} ({change}) – {cut.decision}" + (f"  {who}" if who else "")
            )
    if d.added:
        typer.echo(f"\n{_(w.ADDED)}: {', '.join(d.added)}")
    if d.dropped:
        typer.echo(f"{_(w.DROPPED)}: {', '.join(d.dropped)}")


def diff(
    ctx: typer.Context,
    since: Annotated[
        str,
        typer.Option(
            "--since",
            help="Snapshot name or date (2018-03-12 = end of that day).",
            autocompletion=complete_snapshots,
        ),
    ],
    until: Annotated[
        str | None, typer.Option("--until", help="Snapshot name or date (default: now).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    display: DisplayOption = None,
    decimals: DecimalsOption = None,
) -> None:
    """What moved between two moments: totals, buckets, stage moves, figures. Each
    change shows with the decimals it needs to be seen."""
    with state(ctx).open() as parat:
        start = parat.resolve_moment(since)
        end = parat.resolve_moment(until) if until else None
        # The export's labels: a snapshot by its name, a date by the moment it means.
        result = parat.diff(
            start,
            end,
            since_label=parat.moment_label(since),
            # "nu" in the JSON (documented); the reader's word for now in the text.
            until_label=parat.moment_label(until) if until else "nu" if as_json else _("now"),
        )
    if as_json:
        from tracker.report import diff_to_dict

        print_json(diff_to_dict(result))
    else:
        default = result.after.programme.display
        print_diff(result, chosen_display(default, *state(ctx).display(display, decimals)))


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
