"""``parat bucket list|set``: the buckets (puljer) of the target."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.completion import complete_buckets
from tracker.cli.numbers import PRIORITY
from tracker.cli.output import done, mio, print_json, table
from tracker.cli.state import state
from tracker.i18n import _
from tracker.report import words as w

if TYPE_CHECKING:
    from tracker.report import BucketView

__all__ = ["app", "print_buckets"]

app = typer.Typer(help="The buckets (puljer) the target is split into.")


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the buckets in priority order."""
    with state(ctx).open() as parat:
        buckets = parat.buckets()
    if as_json:
        print_json(
            [
                {"key": b.key, "name": b.name, "target_kr": b.target_kr, "priority": b.priority}
                for b in buckets
            ]
        )
        return
    print_buckets(buckets)


def print_buckets(buckets: "Sequence[BucketView]") -> None:
    """The buckets as a table (``bucket list``, ``programme show``)."""
    table(
        [_(w.KEY), _(w.BUCKET), _(w.TARGET), _(w.PRIORITY)],
        [(b.key, b.name, mio(b.target_kr), b.priority) for b in buckets],
        right=(2, 3),
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(help="Bucket key, e.g. driftsbalance.", autocompletion=complete_buckets),
    ],
    name: Annotated[str | None, typer.Option(help="Danish name.")] = None,
    target: Annotated[str | None, typer.Option(help="Target (mio. kr. unless a unit).")] = None,
    priority: Annotated[
        int | None, typer.Option(help="1 is filled first (1–99).", parser=PRIORITY)
    ] = None,
    add: Annotated[bool, typer.Option("--add", help="Create the bucket if it is new.")] = False,
    note: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
) -> None:
    """Change a bucket's name, target or priority (or add one with --add)."""
    from tracker.services.validation import require_change

    require_change(
        {"name": name, "target": target, "priority": priority}, "--name, --target or --priority"
    )
    with state(ctx).open() as parat:
        bucket = parat.set_bucket(
            key, name=name, target=target, priority=priority, create=add, note=note
        )
    done(
        _("Bucket {key}: {name}, {target}, priority {priority}.").format(
            key=bucket.key, name=bucket.name, target=mio(bucket.target_kr), priority=bucket.priority
        )
    )
