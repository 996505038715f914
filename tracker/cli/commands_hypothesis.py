"""``parat hypothesis add|set|drop|list|show``."""

from typing import Annotated, Any

import typer

from tracker.cli.completion import complete_buckets, complete_codes, complete_stages
from tracker.cli.numbers import VERSION
from tracker.cli.output import (
    DecimalsOption,
    DisplayOption,
    chosen_display,
    done,
    fields,
    mio,
    print_json,
    table,
)
from tracker.cli.state import state
from tracker.domain.labels import FIGURE_KINDS
from tracker.domain.ranges import RANGE_KINDS
from tracker.i18n import _, danish, ngettext
from tracker.report import EventView, HypothesisDetail, HypothesisView
from tracker.report import words as w
from tracker.report.words import stage_name

__all__ = ["app", "event_to_dict", "hypothesis_to_dict"]

app = typer.Typer(help="The hypotheses (initiatives) of the programme.")

Code = Annotated[
    str, typer.Argument(help="Hypothesis code, e.g. H04.", autocompletion=complete_codes)
]
DecisionOption = typer.Option(
    "--decision",
    help="The decision the stage rests on, e.g. 'Chefgruppemøde 2, 12.03.2018' "
    "(kept with the stage move; shown in Siden sidst and the history).",
)
TypeOption = typer.Option(
    "--type",
    help="Benefit type (gevinsttype): kontant, undgaaet, frigjort_tid, kvalitativ "
    "(or the Danish label).",
)


def hypothesis_to_dict(h: HypothesisView) -> dict[str, Any]:
    from tracker.report import iso

    return {
        "code": h.code,
        "title": h.title,
        "area": h.area,
        "owner": h.owner,
        "description": h.description,
        "stage": h.stage.value,
        "bucket": h.bucket,
        "confidence_pct": h.confidence_pct,
        "benefit_type": h.benefit_type.value,
        "version": h.version,
        "created_at": iso(h.created_at),
        "updated_at": iso(h.updated_at),
    }


def event_to_dict(e: EventView) -> dict[str, Any]:
    from tracker.report import iso

    return {
        "id": e.id,
        "at": iso(e.at),
        "actor": e.actor,
        "source": e.source,
        "action": e.action,
        "subject": e.subject,
        "field": e.field,
        "old": e.old_value,
        "new": e.new_value,
        "note": e.note,
        "decision": e.decision,
    }


@app.command("add")
def add(
    ctx: typer.Context,
    code: Code,
    title: Annotated[str, typer.Option(help="Short title.")],
    area: Annotated[str, typer.Option(help="Area (område).")] = "",
    owner: Annotated[str, typer.Option(help="Owner (ansvarlig).")] = "",
    stage: Annotated[
        str, typer.Option(help="Stage key or Danish label.", autocompletion=complete_stages)
    ] = "identified",
    bucket: Annotated[
        str | None,
        typer.Option(help="Earmark to a bucket key.", autocompletion=complete_buckets),
    ] = None,
    confidence: Annotated[
        str | None, typer.Option(help="Confidence override in percent (0–100).")
    ] = None,
    description: Annotated[str, typer.Option(help="Longer description.")] = "",
    benefit_type: Annotated[str, TypeOption] = "kontant",
    note: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
    decision: Annotated[str, DecisionOption] = "",
) -> None:
    """Add a hypothesis."""
    from tracker.services.validation import to_confidence

    conf = None if confidence is None else to_confidence(confidence, "--confidence")
    with state(ctx).open() as parat:
        h = parat.add_hypothesis(
            code,
            title=title,
            area=area,
            owner=owner,
            stage=stage,
            bucket=bucket,
            confidence_pct=conf,
            description=description,
            benefit_type=benefit_type,
            note=note,
            decision=decision,
        )
    done(
        _("Added {code} '{title}' ({stage}), version {version}.").format(
            code=h.code, title=h.title, stage=h.stage.label, version=h.version
        )
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    code: Code,
    title: Annotated[str | None, typer.Option(help="Short title.")] = None,
    area: Annotated[str | None, typer.Option(help="Area (område).")] = None,
    owner: Annotated[str | None, typer.Option(help="Owner (ansvarlig).")] = None,
    stage: Annotated[
        str | None,
        typer.Option(help="Stage key or Danish label.", autocompletion=complete_stages),
    ] = None,
    bucket: Annotated[
        str | None,
        typer.Option(
            help="Earmark to a bucket key, or 'none'.",
            metavar="KEY|none",
            autocompletion=complete_buckets,
        ),
    ] = None,
    confidence: Annotated[
        str | None,
        typer.Option(help="Confidence override in percent, or 'none'.", metavar="PCT|none"),
    ] = None,
    description: Annotated[str | None, typer.Option(help="Longer description.")] = None,
    benefit_type: Annotated[str | None, TypeOption] = None,
    note: Annotated[
        str, typer.Option(help="Why; required for a move backward or to dropped.")
    ] = "",
    decision: Annotated[str, DecisionOption] = "",
    expect_version: Annotated[
        int | None,
        typer.Option(
            help="Refuse (exit 3) if the hypothesis is no longer at this version.",
            parser=VERSION,
        ),
    ] = None,
) -> None:
    """Change a hypothesis's fields or stage."""
    from tracker.services.validation import require_change, to_confidence

    changes: dict[str, Any] = {
        name: value
        for name, value in (
            ("title", title),
            ("area", area),
            ("owner", owner),
            ("stage", stage),
            ("bucket", bucket),
            ("description", description),
            ("benefit_type", benefit_type),
        )
        if value is not None
    }
    # A decision alone is refused by the use case, with the line that says why.
    require_change({**changes, "confidence": confidence, "decision": decision or None})
    if confidence is not None:
        changes["confidence_pct"] = to_confidence(confidence, "--confidence")
    with state(ctx).open() as parat:
        h, changed = parat.update_hypothesis(
            code, note=note, decision=decision, expect_version=expect_version, **changes
        )
    if changed:
        done(
            ngettext(
                "Updated {code}: {n} change(s), now version {version}.",
                "Updated {code}: {n} change(s), now version {version}.",
                changed,
            ).format(code=h.code, n=changed, version=h.version)
        )
    else:
        done(
            _("{code} already had these values; nothing changed (version {version}).").format(
                code=h.code, version=h.version
            )
        )


@app.command("drop")
def drop(
    ctx: typer.Context,
    code: Code,
    note: Annotated[str, typer.Option(help="Why it is dropped (required).")],
    decision: Annotated[str, DecisionOption] = "",
    expect_version: Annotated[
        int | None, typer.Option(help="Refuse if not at this version.", parser=VERSION)
    ] = None,
) -> None:
    """Drop a hypothesis (stage 'dropped'; it stays in the history)."""
    with state(ctx).open() as parat:
        h = parat.set_stage(
            code, "dropped", note=note, decision=decision, expect_version=expect_version
        )
    done(_("Dropped {code}, version {version}.").format(code=h.code, version=h.version))


@app.command("list")
def list_(
    ctx: typer.Context,
    stage: Annotated[
        str | None, typer.Option(help="Only this stage.", autocompletion=complete_stages)
    ] = None,
    area: Annotated[str | None, typer.Option(help="Only this area.")] = None,
    owner: Annotated[str | None, typer.Option(help="Only this owner.")] = None,
    bucket: Annotated[
        str | None,
        typer.Option(help="Only earmarked to this bucket.", autocompletion=complete_buckets),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List hypotheses, optionally filtered."""
    with state(ctx).open() as parat:
        rows = parat.hypotheses(stage=stage, area=area, owner=owner, bucket=bucket)
        figures = {h.code: h for h in parat.status().hypotheses} if not as_json else {}
    if as_json:
        print_json([hypothesis_to_dict(h) for h in rows])
        return
    table(
        [
            _(w.CODE),
            _(w.TITLE),
            _(w.AREA),
            _(w.OWNER),
            _(w.STAGE),
            _(w.POTENTIAL),
            _(w.WEIGHTED),
            _(w.VERSION),
        ],
        [
            (
                h.code,
                h.title,
                h.area,
                h.owner,
                stage_name(h.stage),
                mio(figures[h.code].pipeline_kr) if h.code in figures else "",
                mio(figures[h.code].weighted_kr) if h.code in figures else "",
                h.version,
            )
            for h in rows
        ],
        right=(5, 6, 7),
    )


def detail_to_dict(d: HypothesisDetail) -> dict[str, Any]:
    return {
        **hypothesis_to_dict(d.hypothesis),
        "figures": [
            {
                "year": year,
                **{f"{kind}_kr": kinds.get(kind) for kind in (*FIGURE_KINDS, *RANGE_KINDS)},
            }
            for year, kinds in d.figures.items()
        ],
        "events": [event_to_dict(e) for e in d.events],
    }


@app.command("show")
def show(
    ctx: typer.Context,
    code: Code,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    display: DisplayOption = None,
    decimals: DecimalsOption = None,
) -> None:
    """Show one hypothesis with its figures by year (to the last overslagsår) and its
    history."""
    with state(ctx).open() as parat:
        detail = parat.hypothesis(code)
        shown = chosen_display(parat.programme().display, *state(ctx).display(display, decimals))
    if as_json:
        print_json(detail_to_dict(detail))
        return
    h = detail.hypothesis
    none = _("(none)")
    # A Danish reader gets the label and the key (the key is what options take).
    stage = f"{h.stage.label} ({h.stage.value})" if danish() else h.stage.value
    benefit = (
        f"{h.benefit_type.label} ({h.benefit_type.value})" if danish() else h.benefit_type.value
    )
    conf = _("(the stage's weight)") if h.confidence_pct is None else f"{h.confidence_pct} %"
    typer.echo(f"{h.code}  {h.title}")
    rows: list[tuple[str, object]] = [
        (_(w.AREA), h.area),
        (_(w.OWNER), h.owner or none),
        (_(w.STAGE), stage),
        (_("Benefit"), benefit),
        (_(w.BUCKET), h.bucket or none),
        (_(w.CONFIDENCE), conf),
        (_(w.VERSION), h.version),
    ]
    if h.description:
        rows.append((_(w.DESCRIPTION), h.description))
    fields(rows)
    typer.echo("")
    table(
        [_(w.YEAR), *(_(w.KIND_LABELS[kind]) for kind in FIGURE_KINDS)],
        [
            (year, *("" if kr is None else shown.amount(kr) for kr in map(kinds.get, FIGURE_KINDS)))
            for year, kinds in detail.figures.items()
        ],
        right=(1, 2, 3),
    )
    typer.echo("\n" + _("History"))
    from tracker.cli.event_labels import decision_label, field_label, source_label, stage_label
    from tracker.report.moments import show_time

    for e in detail.events:
        when = show_time(e.at)
        if not e.field:
            what = e.action
        else:
            nothing = _("(nothing)")
            old, new = e.old_value or nothing, e.new_value or nothing
            if danish():
                if e.field == "stage":
                    old, new = stage_label(old), stage_label(new)
                what = f"{field_label(e.field)}: {old} → {new}"
            else:
                what = f"{e.field}: {old} → {new}"
        note = f"  ({e.note})" if e.note else ""
        if e.decision:
            note = f"  [{decision_label()}: {e.decision}]{note}"
        typer.echo(f"  {when}  {e.actor} [{source_label(e.source)}]  {what}{note}")
