"""Nothing lost, nothing crashes: every command of the real CLI under generated
arguments, valid and hostile.

The commands and their parameters are read from the Typer app itself
(:mod:`tests.adversarial.cli_tree`), so every command and option is fuzzed, including
ones added later. Each value is either valid for the seeded sample programme (real
codes, years, stages, bucket keys, snapshot names, amounts, moments) or hostile
(non-ASCII digits, huge integers, control characters with newline and C1, NUL, lone
surrogates, very long text, moments at calendar edges and in the DST gap or fold,
paths to FIFOs, folders, missing or unwritable places, hostile ``--db`` values).

Every call must end like this:

- exit code 0, 1, 2 or 3, never an uncaught exception, never "Traceback";
- refused (exit != 0): exactly one non-empty line on stderr, ``parat: …``, and
  nothing on stdout. The one exception is an import's list of problems: its first
  line is the error, each further line one problem of the file, indented (by design,
  so a user can fix every row in one go);
- refused: the database file byte-identical to before.

Each example starts from a fresh copy of the seeded programme and makes
``CALLS_PER_EXAMPLE`` calls in a row (so an undo may meet an import, a restore a
backup). Everything happens in the test's own folder, which is also the working
directory: no generated path reaches outside it, and no ``--db`` reaches a server.

The run is derandomized (the same calls every run: CI is reproducible). Set
``PARAT_FUZZ_EXAMPLES`` for more or fewer examples (default 5,000, i.e. 10,000 calls),
and ``PARAT_FUZZ_SUMMARY=FILE`` to keep the per-category counts as JSON; ``-s`` prints
them. The test collects every violation and fails at the end with one line per
distinct finding (command, what went wrong, an example call), not at the first one.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.adversarial.cli_tree import COMMAND, CommandSpec, commands
from tests.adversarial.fuzz_values import HOSTILE_TEXT, Places, Value, hostile, valid
from tests.conftest import FIXED_NOW
from tracker.cli import app

EXAMPLES = int(os.environ.get("PARAT_FUZZ_EXAMPLES", "5000"))
CALLS_PER_EXAMPLE = 2
#: A call that takes longer than this is stuck (a FIFO nobody writes, a lock).
HANG_SECONDS = 5
EXIT_CODES = {0, 1, 2, 3}

SPECS = commands()

#: The seeded programme: buckets, hypotheses in several stages, figures, a snapshot,
#: an import (something for undo to revert), all through the CLI itself.
SEED_CALLS: tuple[tuple[str, ...], ...] = (
    ("init", "--at", "2018-01-15T09:00"),
    ("hypothesis", "add", "H01", "--title", "Digital post", "--area", "Administration",
     "--owner", "Anna", "--stage", "quantified", "--bucket", "driftsbalance"),
    ("hypothesis", "add", "H02", "--title", "Færre vikarer", "--area", "Skole", "--owner", "Bo"),
    ("hypothesis", "add", "H03", "--title", "Energi", "--area", "Ejendomme",
     "--stage", "decided"),
    ("figure", "set", "H01", "2018", "--potential", "4,5", "--investment", "0,5"),
    ("figure", "set", "H03", "2017", "--potential", "2", "--realised", "1"),
    ("snapshot", "add", "Chefgruppemøde marts", "--at", "2018-03-12T08:00"),
    ("import", "{seed_csv}"),
    ("snapshot", "add", "Budgetseminar"),
)  # fmt: skip

SEED_CSV = "code;title;stage;potential_2018;realised_2018\nH02;Færre vikarer;qualified;3;\n"
IMPORTS = {
    "tal.csv": "code;potential_2018;investment_2017\nH01;5,5;1\nH02;2;\n",
    "ny.csv": "Nr.;Forslag;Fase;Potentiale 2018\nH04;Ny hypotese æøå;identificeret;1,5\n",
    "tal.json": json.dumps([{"code": "H03", "potential_2018": "3"}]),
    "fejl.csv": "code;potential_2018\nH01;abc\nH09;4\n",
    "tom.csv": "",
}


class Hang(BaseException):
    """Raised by the alarm in a call that does not end (a BaseException, so no
    ``except Exception`` on the way swallows it)."""


@dataclass
class Tally:
    """What the run did: calls per category and exit code, and the findings."""

    calls: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    exits: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    by_command: Counter[str] = field(default_factory=Counter)
    findings: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)

    def record(self, command: str, categories: set[str], code: int) -> None:
        self.calls += 1
        self.by_command[command] += 1
        for category in categories:
            self.by_category[category] += 1
            self.exits[category][code] += 1

    def find(self, command: str, kind: str, detail: str, example: str) -> None:
        examples = self.findings.setdefault((command, kind, detail[:80]), [])
        if len(examples) < 3:
            examples.append(example)

    def summary(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "categories": {
                c: {"calls": n, "exits": dict(sorted(self.exits[c].items()))}
                for c, n in sorted(self.by_category.items())
            },
            "commands": dict(sorted(self.by_command.items())),
            "findings": [
                {"command": c, "kind": k, "detail": d, "examples": e}
                for (c, k, d), e in sorted(self.findings.items())
            ],
        }


def _mount_read_only(folder: Path) -> bool:
    """A read-only tmpfs on ``folder`` (root may write anywhere else); False if not allowed."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Places]:
    root = tmp_path_factory.mktemp("fuzz")
    files = root / "files"
    files.mkdir()
    imports = []
    for name, text in IMPORTS.items():
        (files / name).write_text(text, encoding="utf-8")
        imports.append(files / name)
    (files / "seed.csv").write_text(SEED_CSV, encoding="utf-8")
    template = root / "template.db"
    backup = files / "backup.db"
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as env:
        env.delenv("PARAT_DATABASE_URL", raising=False)
        env.setenv("PARAT_ACTOR", "tester")
        env.setenv("PARAT_NOW", FIXED_NOW.isoformat())
        for call in (*SEED_CALLS, ("backup", str(backup))):
            args = [a.format(seed_csv=files / "seed.csv") for a in call]
            result = runner.invoke(app, ["--db", str(template), *args])
            assert result.exit_code == 0, (call, result.stderr)
    fifo = root / "fifo"
    os.mkfifo(fifo)
    folder = root / "mappe"
    folder.mkdir()
    text_file = files / "noter.txt"
    text_file.write_text("ikke en database\n", encoding="utf-8")
    unwritable = root / "skrivebeskyttet"
    unwritable.mkdir()
    mounted = _mount_read_only(unwritable)
    if not mounted:
        unwritable.chmod(0o555)
        if os.access(unwritable, os.W_OK):  # root without mount: a path under a file
            unwritable = text_file
    loop = root / "loop"
    loop.symlink_to(loop)
    work = root / "work" / "here"  # the working directory: "../.." stays inside root
    work.mkdir(parents=True)
    yield Places(
        root=root,
        db=root / "parat.db",
        out=root / "out",
        imports=tuple(imports),
        backup=backup,
        fifo=fifo,
        folder=folder,
        text_file=text_file,
        unwritable=unwritable,
        symlink_loop=loop,
    )
    if mounted:
        subprocess.run(["umount", str(root / "skrivebeskyttet")], check=False)


def _fresh(places: Places) -> None:
    """The seeded programme anew in ``places.db``, and an empty output folder."""
    for suffix in ("-wal", "-shm"):
        Path(f"{places.db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(places.root / "template.db", places.db)
    shutil.rmtree(places.out, ignore_errors=True)
    places.out.mkdir()


def _state(db: Path) -> tuple[bytes | None, bytes]:
    """The database's bytes (and its WAL's: an uncheckpointed commit lives there)."""
    try:
        main = db.read_bytes()
    except OSError:
        main = None
    try:
        wal = Path(f"{db}-wal").read_bytes()
    except OSError:
        wal = b""
    return main, wal


@st.composite
def invocation(draw: Any, places: Places) -> tuple[CommandSpec, list[str], set[str]]:
    """One call: global options, a command from the tree, its parameters."""
    # The dice for "how often" come from one seeded Random: Hypothesis's own integers
    # lean to the ends of their range, which would make every rare case common.
    rnd = draw(st.randoms(use_true_random=False))
    spec: CommandSpec = rnd.choice(SPECS)
    argv: list[str] = []
    categories: set[str] = set()

    def take(value: Value) -> str:
        categories.add(value[1])
        return value[0]

    roll = rnd.randrange(100)
    if roll < 88:
        argv += ["--db", str(places.db)]
    elif roll < 97:
        argv += ["--db", take(rnd.choice(_flat(places.databases())))]
    else:
        text = take(rnd.choice(_flat(HOSTILE_TEXT)))
        argv += ["--db", str(places.root / f"x{text.replace('/', '_')}.db")]
    roll = rnd.randrange(100)
    if roll < 8:
        argv += ["--actor", take(rnd.choice(_flat(HOSTILE_TEXT)))]
    elif roll < 12:
        argv += ["--actor", "bo"]
    if rnd.randrange(100) < 5:
        argv.append("--read-only")
        categories.add("global:read-only")
    argv += spec.path

    options: list[str] = []
    positional: list[str] = []
    for p in spec.params:
        if p.required:
            if rnd.randrange(100) < 3:
                categories.add("usage:missing-required")
                continue
        elif rnd.randrange(100) >= 40:
            continue
        if p.kind == "flag":
            assert p.opt is not None
            options.append(p.opt)
            continue
        for _ in range(rnd.randint(1, 3) if p.multiple else 1):
            strategy = (
                valid(p.name, p.kind, p.choices, spec.label, places)
                if rnd.randrange(100) < 60
                else hostile(p.name, p.kind, spec.label, places)
            )
            value = take(draw(strategy))
            if p.opt is None:
                positional.append(value)
            else:
                options += [p.opt, value]
    roll = rnd.randrange(100)
    if roll < 3:
        options.append("--nope")
        categories.add("usage:unknown-option")
    elif roll < 6:
        positional.append("ekstra")
        categories.add("usage:extra-argument")
    if any(v.startswith("-") for v in positional) and rnd.randrange(100) < 50:
        positional.insert(0, "--")
    # a call is "valid" only when every value in it is
    categories = categories - {"valid"} or {"valid"}
    return spec, [*argv, *options, *positional], categories


def _flat(table: dict[str, list[str]]) -> list[Value]:
    return [(v, c) for c, values in table.items() for v in values]


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    exception: BaseException | None
    trace: str


def _unblock(fifo: Path, stuck: list[bool]) -> None:
    """Free a call stuck on the FIFO (opening it for reading or writing waits for the
    other end, inside SQLite's C code too, where no signal gets through)."""
    stuck.append(True)
    try:
        fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    except OSError:
        return
    os.close(fd)


def call(runner: CliRunner, argv: list[str], fifo: Path) -> Outcome:
    """Run ``parat ARGV`` in this process, as ``CliRunner.invoke`` does (stdout and
    stderr apart), on the command tree built once. A call still running after
    ``HANG_SECONDS`` is a finding: a watchdog frees it from the FIFO, an alarm from
    anything else."""
    exception: BaseException | None = None
    trace = ""
    code = 0
    stuck: list[bool] = []

    def alarm(_signum: int, _frame: Any) -> None:
        raise Hang(f"no end after {HANG_SECONDS} s")

    watchdog = threading.Timer(HANG_SECONDS, _unblock, (fifo, stuck))
    previous = signal.signal(signal.SIGALRM, alarm)
    with runner.isolation() as streams:
        watchdog.start()
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS + 5)
        try:
            COMMAND.main(args=argv, prog_name="parat")
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException as error:  # every other way out is a finding
            exception, code = error, 1
            trace = "".join(traceback.format_exception(error))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            watchdog.cancel()
            watchdog.join()
            sys.stdout.flush()
            sys.stderr.flush()
        stdout = streams[0].getvalue().decode("utf-8", "backslashreplace")
        stderr = streams[1].getvalue().decode("utf-8", "backslashreplace")
    if stuck:  # whatever it ended in once freed, it would have waited for ever
        trace = f"{trace}stuck on the FIFO until freed after {HANG_SECONDS} s"
        exception = Hang(trace)
    return Outcome(code, stdout, stderr, exception, trace)


def _stderr_problem(command: str, stderr: str) -> str:
    """Why a refusal's stderr is not one ``parat: …`` line ('' if it is)."""
    lines = stderr.splitlines()
    if not lines or not lines[0].strip():
        return "no line on stderr"
    if not lines[0].startswith("parat: "):
        return "stderr does not start with 'parat: '"
    rest = lines[1:]
    if command == "import" and rest and all(line.startswith("  ") for line in rest):
        return ""  # the import's list of problems, one per line (see the module doc)
    if rest:
        return f"{len(lines)} lines on stderr"
    return ""


def _batch_problem(out: Outcome) -> str:
    """Why ``parat batch``'s stdout is not one result per line with the exit code the
    worst line's ('' if it is): its refused lines are results, not a stderr line."""
    try:
        results = [json.loads(line) for line in out.stdout.splitlines()]
    except ValueError:
        return "stdout is not JSON Lines"
    if not all(isinstance(r, dict) and {"line", "ok"} <= r.keys() for r in results):
        return "a result without line and ok"
    worst = max((r.get("exit", 0) for r in results), default=0)
    return "" if worst == out.code else f"exit {out.code}, worst line {worst}"


def check(tally: Tally, spec: CommandSpec, argv: list[str], out: Outcome, changed: bool) -> None:
    command = spec.label
    shown = " ".join(repr(a) if not a.isprintable() or " " in a or not a else a for a in argv)
    if len(shown) > 300:
        shown = shown[:300] + "…"
    example = f"parat {shown}  -> exit {out.code}; stderr: {out.stderr[:300]!r}"
    if out.exception is not None:
        kind = "hang" if isinstance(out.exception, Hang) else "uncaught exception"
        last = out.trace.strip().splitlines()[-1] if out.trace else repr(out.exception)
        tally.find(command, kind, type(out.exception).__name__, f"{example}\n      {last}")
        return
    if out.code not in EXIT_CODES:
        tally.find(command, "exit code", str(out.code), example)
    if "Traceback" in out.stderr or "Traceback" in out.stdout:
        tally.find(command, "traceback", "", example)
    if out.code == 0:
        return
    if spec.path[:1] == ("batch",) and not out.stderr and out.stdout:
        problem = _batch_problem(out)
        if problem:
            tally.find(command, "batch results", problem, example)
        if changed and "--atomic" in argv:
            tally.find(command, "database changed by a refused atomic batch", "", example)
        return
    problem = _stderr_problem(spec.path[0] if spec.path else "", out.stderr)
    if problem:
        tally.find(command, "refusal not one line", f"exit {out.code}: {problem}", example)
    if out.stdout:
        tally.find(command, "stdout on refusal", f"exit {out.code}", example)
    if changed:
        tally.find(command, "database changed by a refused call", "", example)


def _report(tally: Tally, seconds: float) -> str:
    lines = [f"CLI fuzz: {tally.calls} calls in {seconds:.1f} s", "calls per category (exits):"]
    for category, data in tally.summary()["categories"].items():
        exits = ", ".join(f"{code}: {n}" for code, n in data["exits"].items())
        lines.append(f"  {category:<28} {data['calls']:>6}  ({exits})")
    lines.append(f"findings: {len(tally.findings)}")
    for (command, kind, detail), examples in sorted(tally.findings.items()):
        lines.append(f"- {command}: {kind}: {detail}")
        lines.extend(f"    {e}" for e in examples[:2])
    return "\n".join(lines)


def test_every_command_ends_in_an_exit_code_one_line_and_data_unchanged(
    places: Places, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(places.root / "work" / "here")
    runner = CliRunner()
    tally = Tally()
    started = time.monotonic()

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],  # findings are collected, not shrunk one by one
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data: Any) -> None:
        _fresh(places)
        for _ in range(CALLS_PER_EXAMPLE):
            spec, argv, categories = data.draw(invocation(places))
            before = _state(places.db)
            out = call(runner, argv, places.fifo)
            changed = out.code != 0 and _state(places.db) != before
            tally.record(spec.label, categories, out.code)
            check(tally, spec, argv, out, changed)

    run()
    seconds = time.monotonic() - started
    report = _report(tally, seconds)
    print("\n" + report)
    summary_file = os.environ.get("PARAT_FUZZ_SUMMARY")
    if summary_file:
        Path(summary_file).write_text(
            json.dumps({**tally.summary(), "seconds": round(seconds, 1)}, indent=2),
            encoding="utf-8",
        )
    assert tally.calls >= EXAMPLES * CALLS_PER_EXAMPLE
    assert {spec.label for spec in SPECS} <= set(tally.by_command), "a command was never run"
    assert not tally.findings, report


def test_the_tree_holds_every_command() -> None:
    """The introspection sees the commands a user sees (a broken walk would fuzz nothing)."""
    labels = {spec.label for spec in SPECS}
    for expected in ("import", "undo", "figure set", "snapshot rename", "export", "restore"):
        assert expected in labels
    figure_set = next(s for s in SPECS if s.label == "figure set")
    kinds = {p.name: p.kind for p in figure_set.params}
    assert kinds["year"] == "int" and kinds["unit"] == "choice" and kinds["accept_large"] == "flag"
