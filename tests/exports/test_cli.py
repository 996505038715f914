"""``parat export`` as a user meets it: where output goes, and one clear line for
every mistake (non-zero exit, no file left behind)."""

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the CLI's own lines in English (the documents' Danish is the
    other tests')."""
    monkeypatch.setenv("PARAT_LANG", "en")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "pdf"), "parat: --format pdf writes a binary file: give --output FILE\n"),
        (("-f", "xlsx"), "parat: --format xlsx writes a binary file: give --output FILE\n"),
        ((), "parat: give --format md|html|pdf|xlsx|csv|json (or --schema)\n"),
        (("-f", "md", "--csv-dialect", "excel-us"),
         "parat: --csv-dialect applies only to --format csv\n"),
        (("-f", "md", "--since", "Møde i går"),
         "parat: unknown snapshot or date 'Møde i går': write a snapshot name, a date "
         "(2018-03-12 or 12.03.2018) or a time (2018-03-12T10:00) (snapshots: Chefgruppemøde 1)\n"),
        (("-f", "json", "--as-of", "12-03-2018"),
         "parat: unknown snapshot or date '12-03-2018': write a snapshot name, a date "
         "(2018-03-12 or 12.03.2018) or a time (2018-03-12T10:00) (snapshots: Chefgruppemøde 1)\n"),
        (("-f", "csv", "-o", "/no/such/folder/x.csv"),
         "parat: --output: the folder '/no/such/folder' does not exist\n"),
    ],
)  # fmt: skip
def test_mistakes_get_one_line_and_exit_1(
    cli: Any, hard_db: Path, args: tuple[str, ...], message: str
) -> None:
    result = cli("export", *args, db=hard_db)
    assert result.exit_code == 1
    assert result.stderr == message
    assert result.stdout == ""


def test_unknown_format_is_a_usage_error(cli: Any, hard_db: Path) -> None:
    result = cli("export", "-f", "docx", db=hard_db)
    assert result.exit_code == 2
    assert "docx" in result.stderr


def test_no_programme_is_a_clear_error(cli: Any, tmp_path: Path) -> None:
    assert cli("db", "upgrade", db=tmp_path / "empty.db").exit_code == 0
    result = cli("export", "-f", "md", db=tmp_path / "empty.db")
    assert result.exit_code == 1
    assert result.stderr.startswith("parat: no programme in this database yet")


def test_output_to_a_folder_is_refused(cli: Any, hard_db: Path, tmp_path: Path) -> None:
    result = cli("export", "-f", "md", "-o", str(tmp_path), db=hard_db)
    assert result.exit_code == 1
    assert "is a folder" in result.stderr


def test_text_goes_to_stdout_and_files_are_written_whole(
    cli: Any, hard_db: Path, tmp_path: Path
) -> None:
    for fmt in ("md", "html", "csv", "json", "pdf", "xlsx"):
        target = tmp_path / f"status.{fmt}"
        result = cli("export", "-f", fmt, "-o", str(target), db=hard_db)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"Wrote the {fmt} summary to {target}\n"
        assert target.stat().st_size > 500
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert (tmp_path / "status.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "status.xlsx").read_bytes().startswith(b"PK")
    stdout = cli("export", "-f", "md", db=hard_db).stdout_bytes
    assert stdout == (tmp_path / "status.md").read_bytes()


def test_as_of_exports_the_earlier_status(cli: Any, hard_db: Path) -> None:
    earlier = json.loads(cli("export", "-f", "json", "--as-of", "2018-02-01", db=hard_db).stdout)
    now = json.loads(cli("export", "-f", "json", db=hard_db).stdout)
    assert earlier["as_of"] == "2018-02-01T22:59:59Z"  # end of the day, Danish time
    h01_then = next(h for h in earlier["hypotheses"] if h["code"] == "H01")
    h01_now = next(h for h in now["hypotheses"] if h["code"] == "H01")
    assert (h01_then["pipeline_kr"], h01_now["pipeline_kr"]) == (4_500_000, 5_500_000)


def test_schema_is_printed_and_describes_the_export(cli: Any, hard_db: Path) -> None:
    result = cli("export", "--schema", db=hard_db)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "ExportDocument"
    assert set(schema["required"]) >= {"meta", "totals", "hypotheses", "years", "buckets"}
    assert schema["additionalProperties"] is False


def test_status_command_imports_no_exporter(tmp_path: Path, cli: Any) -> None:
    """`parat status` and `import tracker.exports` stay lean (start-up is a feature)."""
    import subprocess
    import sys

    db = tmp_path / "lean.db"
    assert cli("init", db=db).exit_code == 0
    code = (
        "import sys\n"
        "import tracker.exports\n"
        "from tracker.cli import app\n"
        f"try:\n    app(['--db', {str(db)!r}, 'status', '--json'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = {'jinja2', 'xlsxwriter', 'fpdf', 'openpyxl', 'pypdf', 'textual'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_every_format_renders_an_empty_and_an_earmarked_programme(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAT_LANG", "da")  # it reads the Danish document
    db = tmp_path / "small.db"
    assert cli("init", db=db).exit_code == 0
    for fmt in ("md", "html", "pdf", "xlsx", "csv", "json"):  # no hypotheses yet
        result = cli("export", "-f", fmt, "-o", str(tmp_path / f"empty.{fmt}"), db=db)
        assert result.exit_code == 0, (fmt, result.output)
    assert cli("programme", "set", "--allocation", "earmarked", db=db).exit_code == 0
    assert cli("hypothesis", "add", "H01", "--title", "Uden pulje", db=db).exit_code == 0
    assert cli("figure", "set", "H01", "2018", "--potential", "2", db=db).exit_code == 0
    for fmt in ("pdf", "xlsx"):
        result = cli("export", "-f", fmt, "-o", str(tmp_path / f"earmarked.{fmt}"), db=db)
        assert result.exit_code == 0, (fmt, result.output)
    md = cli("export", "-f", "md", db=db).stdout
    assert "| Ikke fordelt |  | 2,0 | 0,2 | 0,0 | 0,0 | 0,0 |  |" in md
    assert "(puljer: øremærket)" in md


def test_exported_file_follows_the_umask(cli, tmp_path) -> None:
    """An export is for sharing: created like any new file (0666 less the umask)."""
    import os
    import stat

    cli("init")
    out = tmp_path / "status.md"
    old = os.umask(0o022)
    try:
        result = cli("export", "--format", "md", "--output", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
