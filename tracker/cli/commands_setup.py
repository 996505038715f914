"""Setting up a database: ``init``, ``demo`` and ``db upgrade``."""

from typing import Annotated

import typer

from tracker.cli.numbers import YEAR
from tracker.cli.output import done
from tracker.cli.state import state
from tracker.i18n import _

__all__ = ["db_app", "register"]

db_app = typer.Typer(help="The database itself: schema upgrades and where it is.")


def init(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Programme name.")] = "Parat til fremtiden",
    target: Annotated[
        str, typer.Option(help="Target with annual effect, in mio. kr. unless a unit is given.")
    ] = "125",
    target_year: Annotated[
        int, typer.Option(help="Year of full annual effect.", parser=YEAR)
    ] = 2018,
    first_year: Annotated[
        int, typer.Option(help="First year of the trajectory.", parser=YEAR)
    ] = 2015,
    last_year: Annotated[
        int | None,
        typer.Option(
            help="Last year of the trajectory: the overslagsår after the target year "
            "(default: the target year).",
            parser=YEAR,
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="Date the changes at this moment (load an earlier meeting's state; "
            "not before the newest change).",
            metavar="MOMENT",
        ),
    ] = None,
) -> None:
    """Create the programme with the three buckets of the source document."""
    with state(ctx).open(create=True, at=at) as parat:
        view = parat.create_programme(
            name=name,
            target=target,
            target_year=target_year,
            first_year=first_year,
            last_year=last_year,
        )
    from tracker.domain.money import format_mio

    done(
        _("Created '{name}': {target} in {year}, {buckets} buckets.").format(
            name=view.name,
            target=format_mio(view.target_kr),
            year=view.target_year,
            buckets=len(view.buckets),
        )
    )


def demo(
    ctx: typer.Context,
    no_tui: Annotated[bool, typer.Option("--no-tui", help="Only write the sample data.")] = False,
) -> None:
    """Write the sample programme (16 invented hypotheses), then open the UI on it."""
    with state(ctx).open(create=True) as parat:
        if parat.has_programme():
            from tracker.errors import AlreadyExists

            raise AlreadyExists(
                "this database already holds a programme; choose an empty one with --db",
                danish="Databasen har allerede et program. Vælg en tom database med --db.",
            )
        parat.write_demo()
    done(_("Wrote the sample programme 'Parat til fremtiden' with 16 sample hypotheses."))
    if not no_tui:
        from tracker.cli.commands_tui import open_tui

        open_tui(ctx, help_without_terminal=False)


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Apply the schema migrations (also done whenever a database is opened)."""
    if state(ctx).read_only:
        from tracker.errors import ReadOnlyError

        raise ReadOnlyError(
            "this connection is read-only (--read-only); nothing was changed",
            danish="Forbindelsen er skrivebeskyttet (--read-only). Intet er ændret.",
        )
    from tracker.services.admin import upgrade_database

    revision = upgrade_database(state(ctx).db)
    done(_("Database is at schema revision {revision}.").format(revision=revision))


@db_app.command("info")
def info(ctx: typer.Context) -> None:
    """Show which database is in use and its schema revision."""
    from tracker.services.admin import database_info

    about = database_info(state(ctx).db)
    typer.echo(
        _("database: {url}\nschema:   {revision} (newest {newest})").format(
            url=about.url, revision=about.revision or _("empty"), newest=about.newest
        )
    )


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("demo")(demo)
