"""``parat config show``: the settings in force and where each came from."""

from typing import Annotated

import typer

from tracker.cli.output import print_json, table
from tracker.cli.state import state
from tracker.config import DEFAULT_MEANS, Setting

__all__ = ["app"]

app = typer.Typer(
    help="The configuration: flags > environment > parat.toml / config.toml > defaults."
)


def _source(setting: Setting) -> str:
    return setting.source if setting.origin is None else f"{setting.source} {setting.origin}"


def _shown(key: str, setting: Setting) -> str:
    if setting.value is None:
        return f"({DEFAULT_MEANS.get(key, 'none')})"
    return str(setting.value)


@app.command("show")
def show(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the settings as JSON (value, source, origin).")
    ] = False,
) -> None:
    """Print the effective settings and where each came from (flag, env, file, default).

    Files: the nearest parat.toml from the working folder up, then $PARAT_CONFIG or
    config.toml in your configuration folder. Keymap entries are listed as
    keymap.<binding id>."""
    settings = state(ctx).settings
    rows = {**settings.values, **{f"keymap.{b}": s for b, s in settings.keymap.items()}}
    if as_json:
        print_json(
            {
                "settings": {
                    key: {"value": s.value, "source": s.source, "origin": s.origin}
                    for key, s in rows.items()
                },
                "files": [str(path) for path in settings.files],
            }
        )
        return
    table(
        ["Setting", "Value", "Source"],
        [(key, _shown(key, s), _source(s)) for key, s in rows.items()],
    )
