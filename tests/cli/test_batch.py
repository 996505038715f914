"""`parat batch`: JSON Lines of write commands in one process, one result a line."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import PROGRAMME_CALLS, dump, no_traceback, rows
from tests.conftest import FIXED_NOW
from tests.storeutil import dump_store
from tests.storeutil import rows as store_rows


def _jsonl(*commands: dict[str, Any] | str) -> str:
    return "".join((c if isinstance(c, str) else json.dumps(c)) + "\n" for c in commands)


def _batch(cli, *commands: dict[str, Any] | str, atomic: bool = False) -> tuple[int, list[dict]]:
    """Run ``parat batch`` on the commands (stdin); its exit code and result lines."""
    result = _run(cli, _jsonl(*commands), atomic=atomic)
    no_traceback(result)
    assert result.stderr == ""
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def _run(cli, text: str, *, atomic: bool = False, args: tuple[str, ...] = ()) -> Any:
    options = ("--atomic",) if atomic else ()
    return cli.runner.invoke(cli.app, [*cli.prefix, "batch", *options, *args], input=text)


class _Cli:
    """The real Typer app on one database, with stdin."""

    def __init__(self, runner, db: str) -> None:
        from tracker.cli import app

        self.runner, self.app, self.prefix = runner, app, ["--db", db]


@pytest.fixture
def bcli(runner, programme: Path) -> _Cli:
    return _Cli(runner, str(programme))


def test_every_write_command_has_its_line(bcli, programme: Path) -> None:
    [(last_before,)] = rows(programme, "SELECT max(id) FROM event")
    code, results = _batch(
        bcli,
        {"cmd": "figure.set", "code": "H02", "year": 2017, "potential": "29 tkr",
         "realised": 10000, "unit": "kr", "expect_version": 1, "note": "fra økonomi"},
        {"cmd": "hypothesis.add", "code": "H04", "title": "Indkøb", "stage": "quantified",
         "confidence": "80 %"},
        {"cmd": "hypothesis.set", "code": "H02", "owner": "Cai", "stage": "qualified",
         "bucket": "demografi", "confidence": 35, "expect_version": 2},
        {"cmd": "hypothesis.drop", "code": "H03", "note": "opgivet"},
        {"cmd": "bucket.set", "key": "politisk", "target": "7,5", "priority": 3},
        {"cmd": "bucket.set", "key": "ny", "add": True, "name": "Ny pulje", "target": "1"},
        {"cmd": "programme.set", "weights": {"decided": 80}, "note": "ny vægt"},
        {"cmd": "snapshot.add", "name": "Møde 1", "at": "2018-03-12T10:00"},
        {"cmd": "snapshot.rename", "old": "Møde 1", "new": "Chefgruppe marts"},
        {"cmd": "snapshot.delete", "name": "Chefgruppe marts"},
    )  # fmt: skip
    assert code == 0, [r for r in results if not r["ok"]]
    # the clock is fixed: every line has one moment, so undo names its event
    [(deleted,)] = rows(programme, "SELECT max(id) FROM event")
    code, undone = _batch(bcli, {"cmd": "undo", "event_id": deleted})
    assert code == 0, undone
    results += undone
    assert [r["line"] for r in results] == [*range(1, 11), 1]
    assert all(r["ok"] for r in results), results
    assert results[0] == {"line": 1, "ok": True, "code": "H02", "version": 2, "changed": 2}
    assert results[1] == {"line": 2, "ok": True, "code": "H04", "version": 1}
    assert results[2] == {"line": 3, "ok": True, "code": "H02", "version": 3, "changed": 4}
    assert results[3]["version"] == 2
    assert results[4] == {
        "line": 5, "ok": True, "key": "politisk", "target_kr": 7_500_000, "priority": 3,
    }  # fmt: skip
    assert results[7] == {"line": 8, "ok": True, "name": "Møde 1", "at": "2018-03-12T09:00:00Z"}
    assert results[10]["events"]  # the undo named the snapshot again
    # the amounts were read as the CLI reads them; every event says it came from a batch
    assert rows(
        programme,
        "SELECT kind, amount_kr FROM figure f JOIN hypothesis h ON h.id = f.hypothesis_id "
        "WHERE h.code = 'H02' ORDER BY f.id",
    ) == [("potential", 29_000), ("realised", 10_000)]
    sources = rows(programme, "SELECT DISTINCT source, actor FROM event WHERE id > ?", last_before)
    assert sources == [("batch", "tester")]
    assert rows(programme, "SELECT confidence_pct, stage FROM hypothesis WHERE code = 'H04'") == [
        (80, "quantified")
    ]
    assert rows(programme, "SELECT name FROM snapshot") == [("Chefgruppe marts",)]


def test_stale_line_is_refused_with_exit_3_and_the_others_are_written(
    bcli, programme: Path
) -> None:
    code, results = _batch(
        bcli,
        {"cmd": "figure.set", "code": "H01", "year": 2018, "potential": "5", "expect_version": 2},
        {"cmd": "figure.set", "code": "H01", "year": 2018, "potential": "6", "expect_version": 2},
        {"cmd": "figure.set", "code": "H01", "year": 2018, "potential": "6", "expect_version": 3},
    )
    assert code == 3
    assert results[0] == {"line": 1, "ok": True, "code": "H01", "version": 3, "changed": 1}
    assert results[1] == {
        "line": 2,
        "ok": False,
        "exit": 3,
        "error": "H01 has changed since version 2 (now version 3); reload it and try again",
    }
    assert results[2]["ok"] and results[2]["version"] == 4
    assert rows(
        programme, "SELECT count(*) FROM event WHERE source = 'batch' AND action = 'figure.set'"
    ) == [(2,)]


BAD_LINES = [
    ('{"cmd": "figure.set", "code": "H01"', 2, "not JSON: "),
    ('["figure.set", "H01"]', 2, "a line must be a JSON object"),
    ('{"code": "H01"}', 2, "missing field 'cmd'"),
    ('{"cmd": "figure.sett", "code": "H01"}', 2, "unknown cmd 'figure.sett' (known: "),
    ('{"cmd": "figure.set", "code": "H01", "year": 2018, "potentail": "4"}', 2,
     "figure.set: unknown field 'potentail'"),
    ('{"cmd": "figure.set", "code": "H01", "year": "2018", "potential": "4"}', 2,
     "figure.set: year: must be a whole number, not '2018'"),
    ('{"cmd": "figure.set", "code": "H01", "year": 2018, "potential": 4.5}', 2,
     'figure.set: potential: write a fraction as text, e.g. "4,5"'),
    ('{"cmd": "figure.set", "code": "H01", "year": 2018, "potential": true}', 2,
     "figure.set: potential: must be text, not true"),
    ('{"cmd": "hypothesis.drop", "code": "H02"}', 2, "hypothesis.drop: missing field 'note'"),
    # valid lines whose values the use cases refuse, with the CLI's words
    ('{"cmd": "figure.set", "code": "H01", "year": 2018, "potential": "4.500"}', 1,
     "ambiguous"),
    ('{"cmd": "figure.set", "code": "H99", "year": 2018, "potential": "4"}', 1,
     "unknown hypothesis 'H99'"),
    ('{"cmd": "figure.set", "code": "H01", "year": 1999, "potential": "4"}', 1,
     "year 1999 is outside the programme's years"),
    ('{"cmd": "hypothesis.set", "code": "H02", "stage": "nope"}', 1, "unknown stage 'nope'"),
    ('{"cmd": "hypothesis.set", "code": "H02"}', 1, "nothing to change"),
    ('{"cmd": "hypothesis.set", "code": "H02", "confidence": "høj"}', 1,
     "confidence 'høj': the confidence must be a whole percent from 0 to 100, or none"),
    ('{"cmd": "hypothesis.add", "code": "H01", "title": "igen"}', 1,
     "hypothesis H01 exists already"),
    ('{"cmd": "programme.set", "weights": {"nope": 10}}', 1, "unknown stage 'nope'"),
    ('{"cmd": "undo", "event_id": 9999}', 1, "9999"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "exit_code", "fragment"), BAD_LINES)
def test_a_bad_line_is_an_error_result_and_changes_nothing(
    bcli, programme: Path, line: str, exit_code: int, fragment: str
) -> None:
    good = {"cmd": "figure.set", "code": "H02", "year": 2016, "potential": "1"}
    before = dump(programme)
    code, results = _batch(bcli, line)
    assert code == exit_code
    assert len(results) == 1
    assert results[0]["line"] == 1 and results[0]["ok"] is False
    assert results[0]["exit"] == exit_code
    assert fragment in results[0]["error"], results[0]["error"]
    assert "\n" not in results[0]["error"]
    assert dump(programme) == before
    # between good lines it is only that line's error: the good ones are written
    code, results = _batch(bcli, good, line, {**good, "potential": "2"})
    assert code == exit_code
    assert [r["ok"] for r in results] == [True, False, True]
    assert results[2]["version"] == 3


def test_blank_lines_are_skipped_and_numbering_follows_the_input(bcli) -> None:
    text = "\n" + _jsonl({"cmd": "figure.set", "code": "H02", "year": 2016, "potential": "1"})
    result = _run(bcli, "\ufeff" + text + "   \n{oops\n")
    assert result.exit_code == 2
    assert [json.loads(x)["line"] for x in result.stdout.splitlines()] == [2, 4]


def test_a_file_argument_and_an_unreadable_file(bcli, tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text(_jsonl({"cmd": "figure.set", "code": "H02", "year": 2016, "potential": "1"}))
    result = _run(bcli, "", args=(str(path),))
    assert (result.exit_code, json.loads(result.stdout)["ok"]) == (0, True)
    result = _run(bcli, "", args=(str(tmp_path / "missing.jsonl"),))
    assert result.exit_code == 1
    assert result.stderr.startswith("parat: batch: cannot read ")
    assert result.stdout == ""


def test_a_read_only_database_refuses_every_line(runner, programme: Path) -> None:
    from tracker.cli import app

    before = dump(programme)
    result = runner.invoke(
        app, ["--db", str(programme), "--read-only", "batch"],
        input=_jsonl({"cmd": "figure.set", "code": "H02", "year": 2016, "potential": "1"}),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "read-only" in json.loads(result.stdout)["error"]
    assert dump(programme) == before


def test_atomic_writes_every_line_in_one_transaction(bcli, programme: Path) -> None:
    code, results = _batch(
        bcli,
        {"cmd": "figure.set", "code": "H02", "year": 2016, "potential": "1"},
        {"cmd": "figure.set", "code": "H02", "year": 2016, "potential": "2", "expect_version": 2},
        {"cmd": "hypothesis.set", "code": "H02", "owner": "Cai", "expect_version": 3},
        atomic=True,
    )
    assert code == 0
    assert [r["version"] for r in results] == [2, 3, 4]
    # one transaction, one moment: `parat undo` reverts the whole input as one command
    assert rows(programme, "SELECT count(DISTINCT at) FROM event WHERE source = 'batch'") == [(1,)]


# -- --atomic on both engines: after one bad line nothing is written ------------------

ATOMIC_BAD = [
    pytest.param('{"cmd": "figure.set", "code": "H01", "year": 2018, "potential": "4.500"}', 1,
                 id="refused-value"),
    pytest.param('{"cmd": "figure.set", "code": "H01", "year": 2018, "potential": "7",'
                 ' "expect_version": 1}', 3, id="stale"),
    pytest.param('{"cmd": "figure.sett"}', 2, id="malformed"),
]  # fmt: skip


@pytest.mark.parametrize(("bad", "exit_code"), ATOMIC_BAD)
def test_atomic_after_one_bad_line_the_database_is_unchanged(
    runner, store_url: str, bad: str, exit_code: int
) -> None:
    from tracker.cli import app

    for call in PROGRAMME_CALLS:
        assert runner.invoke(app, ["--db", store_url, *call]).exit_code == 0
    sqlite_file = Path(store_url.removeprefix("sqlite:///")) if "sqlite" in store_url else None
    before = dump_store(store_url)
    before_bytes = sqlite_file.read_bytes() if sqlite_file else b""
    text = _jsonl(
        {"cmd": "figure.set", "code": "H02", "year": 2016, "potential": "1"},
        {"cmd": "hypothesis.add", "code": "H09", "title": "Ny"},
        bad,
        {"cmd": "snapshot.add", "name": "Efter"},
    )
    result = runner.invoke(app, ["--db", store_url, "batch", "--atomic"], input=text)
    no_traceback(result)
    assert result.exit_code == exit_code
    results = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["line"], r["ok"], r["exit"]) for r in results] == [
        (n, False, exit_code) for n in (1, 2, 3, 4)
    ]
    why = "not written: line 3 failed, and --atomic writes all the lines or none"
    assert [r["error"] for r in results if r["line"] != 3] == [why] * 3
    assert results[2]["error"] != why
    assert dump_store(store_url) == before
    if sqlite_file is not None:
        assert sqlite_file.read_bytes() == before_bytes  # byte for byte
    assert store_rows(store_url, "SELECT count(*) FROM event WHERE source = 'batch'") == [(0,)]


def test_real_process_reads_stdin_and_flushes_each_result(programme: Path) -> None:
    env = {**os.environ, "PARAT_ACTOR": "skript", "PARAT_NOW": FIXED_NOW.isoformat()}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("parat")), "--db", str(programme), "batch"],
        input=_jsonl(
            {"cmd": "figure.set", "code": "H02", "year": 2016, "potential": "1,25"},
            {
                "cmd": "figure.set",
                "code": "H02",
                "year": 2016,
                "potential": "2",
                "expect_version": 1,
            },
        ).encode(),
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 3, done.stderr
    assert done.stderr == b""
    lines = [json.loads(x) for x in done.stdout.decode().splitlines()]
    assert [(r["line"], r["ok"]) for r in lines] == [(1, True), (2, False)]
    assert rows(programme, "SELECT DISTINCT actor FROM event WHERE source = 'batch'") == [
        ("skript",)
    ]


#: pydantic's own words, which neither line of a refused field may hold.
PYDANTIC_WORDS = ("Input should", "valid integer", "unable to parse", "Field required")


@pytest.mark.parametrize(
    ("field", "value", "english", "danish"),
    [
        ("year", "abc", "year: must be a whole number, not 'abc'",
         "year: skal være et helt tal, ikke 'abc'"),
        ("expect_version", "x", "expect_version: must be a whole number, not 'x'",
         "expect_version: skal være et helt tal, ikke 'x'"),
        ("potential", True, "potential: must be text, not true",
         "potential: skal være tekst, ikke true"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_wrong_json_type_is_said_in_parats_words(
    bcli, programme: Path, monkeypatch: pytest.MonkeyPatch,
    field: str, value: object, english: str, danish: str, lang: str,
) -> None:  # fmt: skip
    from tracker.services.script import MalformedLine, parse_line

    monkeypatch.setenv("PARAT_LANG", lang)
    line = {"cmd": "figure.set", "code": "H01", "year": 2018, "potential": "4", field: value}
    before = dump(programme)
    code, results = _batch(bcli, line)
    # the results are for programs: English in both languages, the exit code the usage one
    assert code == 2
    assert results == [{"line": 1, "ok": False, "exit": 2, "error": f"figure.set: {english}"}]
    assert dump(programme) == before
    # the Danish line the refusal carries holds no English of pydantic's
    with pytest.raises(MalformedLine) as refused:
        parse_line(json.dumps(line))
    assert refused.value.danish == f"figure.set: {danish}."
    for said in (str(refused.value), refused.value.danish):
        assert not any(words in said for words in PYDANTIC_WORDS), said


def test_a_union_field_is_refused_once_for_its_value(bcli) -> None:
    line = {"cmd": "hypothesis.set", "code": "H02", "confidence": 1.5}
    code, results = _batch(bcli, line)
    assert code == 2
    assert results[0]["error"] == (
        "hypothesis.set: confidence: must be a whole number or text, not 1.5"
    )
