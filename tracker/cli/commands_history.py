"""``parat history``: the audit log, newest first."""

import contextlib
from typing import Annotated

import typer

from tracker.cli.completion import complete_codes, complete_snapshots
from tracker.cli.event_labels import decision_label, field_label, source_label, stage_label
from tracker.cli.numbers import LIMIT
from tracker.cli.output import DecimalsOption, DisplayOption, chosen_display, print_json
from tracker.cli.state import state
from tracker.domain.money import DEFAULT_DISPLAY, Display
from tracker.i18n import N_, _, danish
from tracker.report import EventView

__all__ = ["describe_event", "register"]


def _kroner(value: str | None) -> int | None:
    return int(value) if value is not None and value.lstrip("-").isdigit() else None


def _text(value: str | None) -> str:
    return _("(nothing)") if value is None else value


#: Actions whose old and new values are kroner.
_MONEY_ACTIONS = frozenset({"figure.set", "budget.set", "budget.cut", "budget.uncut"})


def _values(e: EventView, shown: Display) -> tuple[str, str]:
    """The old and new value of ``e``; amounts with the decimals that show the change
    (in mio. kr. at least to the thousand kroner: the log is where figures are
    checked)."""
    money = e.action in _MONEY_ACTIONS or e.field in ("target_kr", "amount_kr")
    old, new = _kroner(e.old_value), _kroner(e.new_value)
    if not money or (old is None and new is None):
        return _text(e.old_value), _text(e.new_value)
    decimals = shown.change_decimals(old, new)
    if shown.unit == "mio" and any(kr % 100_000 for kr in (old, new) if kr is not None):
        decimals = max(decimals, 3)

    def one(kr: int | None, text: str | None) -> str:
        return _text(text) if kr is None else shown.amount(kr, decimals)

    return one(old, e.old_value), one(new, e.new_value)


def describe_event(e: EventView, shown: Display = DEFAULT_DISPLAY) -> str:
    """What an event did, in one line: ``H04 stage: quantified → decided``."""
    if e.action in ("hypothesis.add", "programme.create", "bucket.add", "snapshot.add",
                    "ramme.add"):  # fmt: skip
        labels = {
            "hypothesis.add": N_("added"),
            "programme.create": N_("programme created"),
            "bucket.add": N_("bucket added"),
            "snapshot.add": N_("snapshot"),
            "ramme.add": N_("ramme added"),
        }
        label = _(labels[e.action])
        detail = e.new_value or ""
        if e.action in ("hypothesis.add", "ramme.add"):
            import json

            with contextlib.suppress(ValueError, AttributeError):
                values = json.loads(detail)
                detail = values.get("title", values.get("name", ""))
        return f"{e.subject} {label}: {detail}".rstrip(": ")
    if e.action in ("overlap.add", "overlap.drop"):
        from tracker.domain.overlaps import describe_state

        added = e.action == "overlap.add"
        if danish():
            verb = "dobbelttælling oprettet" if added else "dobbelttælling fjernet"
        else:
            verb = "overlap added" if added else "overlap dropped"
        state = e.new_value if added else e.old_value
        return f"{e.subject} {verb}: {describe_state(state)}"
    if e.action == "figure.validate":
        from tracker.domain.validations import describe_verdict

        _kind, _dot, year = (e.field or "").partition(".")
        what = f"realiseret {year} valideret" if danish() else f"realised {year} validated"
        return f"{e.subject} {what}: {describe_verdict(e.new_value, in_danish=danish())}"
    old, new = _values(e, shown)
    if e.action in ("budget.cut", "budget.uncut"):
        ramme, _dot, year = e.field.partition(".")
        what = "udmøntet på" if danish() else "cut on"
        return f"{e.subject} {what} {ramme} {year}: {old} → {new}"
    if danish() and e.field is not None:
        if e.field == "stage":
            old, new = (stage_label(v) for v in (old, new))
        return f"{e.subject} {field_label(e.field)}: {old} → {new}"
    return f"{e.subject} {e.field}: {old} → {new}"


def history(
    ctx: typer.Context,
    code: Annotated[
        str | None,
        typer.Argument(help="Only this hypothesis, e.g. H04.", autocompletion=complete_codes),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only after this snapshot or date.",
            autocompletion=complete_snapshots,
        ),
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only changes by this person (a filter).")
    ] = None,
    limit: Annotated[
        int, typer.Option(help="At most this many events (0 = all).", parser=LIMIT)
    ] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    display: DisplayOption = None,
    decimals: DecimalsOption = None,
) -> None:
    """The audit log, newest first: who, when, from where, what, old → new, note.

    The global `parat --actor NAME` (before the command) says who YOU are; this
    command's --actor filters the log.
    """
    from tracker.report.moments import show_moment

    with state(ctx).open() as parat:
        events = parat.history(code, since=since, actor=actor, limit=limit or None)
        shown = (
            DEFAULT_DISPLAY
            if as_json
            else chosen_display(
                parat.programme().display if parat.has_programme() else DEFAULT_DISPLAY,
                *state(ctx).display(display, decimals),
            )
        )
    if as_json:
        from tracker.cli.commands_hypothesis import event_to_dict
        from tracker.report import iso

        print_json(
            [{**event_to_dict(e), "recorded_at": iso(e.recorded_at or e.at)} for e in events]
        )
        return
    if not events:
        typer.echo("Ingen ændringer.")
        return
    for e in events:
        note = f"  – {e.note}" if e.note else ""
        if e.decision:
            note = f"  – {decision_label()}: {e.decision}{note}"
        when = show_moment(e.at)
        if e.recorded_at is not None and show_moment(e.recorded_at) != when:
            when += f" (registreret {show_moment(e.recorded_at)})"
        source = source_label(e.source)
        typer.echo(
            f"#{e.id:<6} {when:<16}  {e.actor}  [{source}]  {describe_event(e, shown)}{note}"
        )
    if limit and len(events) == limit:
        typer.echo(_("(the newest {limit}; --limit 0 shows all)").format(limit=limit), err=True)


def register(app: typer.Typer) -> None:
    app.command("history")(history)
