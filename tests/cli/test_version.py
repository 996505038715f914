"""`parat --version`: the installed version, before any database is opened."""

from importlib.metadata import version

from tracker.cli import app
from tracker.version import __version__


def test_version_is_the_installed_one_and_opens_no_database(runner, tmp_path) -> None:
    missing = tmp_path / "nowhere" / "parat.db"
    result = runner.invoke(app, ["--db", str(missing), "--version", "status"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"parat {__version__}\n"
    assert __version__ == version("parat")  # what pip installed from pyproject.toml
    assert not missing.parent.exists()
