"""What the CLI fuzz test feeds each parameter: a valid value from the seeded
programme, or a hostile one, each tagged with its category (for the summary).

A value is ``(text, category)``. Valid values are chosen by the parameter's name
(a code, a year, a stage, a bucket key, a snapshot name, an amount, a moment), hostile
ones by its kind (int, text, moment, path). Paths always point inside the test's
folder (the fuzz never touches anything outside it).
"""

from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

__all__ = ["Places", "Value", "hostile", "valid"]

Value = tuple[str, str]

CODES = ["H01", "H02", "H03", "H04", "h01", " H02 ", "H99", "X-1"]
YEARS = ["2015", "2016", "2017", "2018", "2014", "2019", "2030"]
STAGES = [
    "identified",
    "qualified",
    "quantified",
    "decided",
    "implemented",
    "realised",
    "dropped",
    "besluttet",
    "Kvalificeret",
    "nope",
]
BUCKETS = ["driftsbalance", "demografi", "politisk", "none", "ingen", "ukendt"]
SNAPSHOTS = ["Chefgruppemøde marts", "Budgetseminar", "chefgruppemøde marts", "Ny"]
MOMENTS = [
    "2018-03-12",
    "2018-03-12T10:00",
    "12.03.2018",
    "2018-03-11T23:00Z",
    "2018-01-01",
    "2015-06-01",
    *SNAPSHOTS[:2],
]
AMOUNTS = ["4,5", "29 tkr", "4.500.000 kr", "0", "12", "0,5", "-1", "125", "1.000"]
ACTORS = ["anna", "bo", "tester", "Søren Ærø"]
COLUMNS = ["code", "title", "potential_2018", "note", "Potentiale 2018"]
FILE_FORMATS = ["csv", "json", "CSV", "xlsx"]
ALLOCATIONS = ["waterfall", "earmarked", "vandfald"]
WEIGHTS = ["decided=80", "quantified=50%", "identified=0", "realised=100"]

#: Hostile text, by category.
HOSTILE_TEXT: dict[str, list[str]] = {
    "text:control": ["a\x01b", "\x1b[31mrød\x1b[0m", "\x07", "tab\there", "\x7f", "\x08\x08"],
    "text:newline": ["H01\nH02", "linje\r\nto", "\n", "slut\r", "a\x0bb", "a\x0cb"],
    "text:c1": ["\x85", "a\x9b31mb", "\x90x\x9c", "\u2028", "\u2029"],
    "text:nul": ["\x00", "H01\x00", "a\x00b"],
    "text:long": ["x" * 10_000, "H" * 300, "æ" * 5_000, "🙂" * 2_000],
    "text:surrogate": ["\udcff", "H0\udce6", "\ud800"],
    "text:invisible": ["\u202eH01", "H\u200b01", "\ufeffH01", "e\u0301", "Å", "A\u030a"],
    "text:blank": ["", " ", "   ", "\u00a0", "\u3000"],
    "text:syntax": ["-", "--", "-x", "--help", "=", "'", '"', "%s", "{0}", "${HOME}", "*"],
}
HOSTILE_INT: dict[str, list[str]] = {
    "int:non-ascii-digits": ["２０１８", "٢٠١٨", "۲۰۱۸", "२०१८", "𝟚𝟘𝟙𝟠", "²", "١"],
    "int:huge": [
        "9" * 40,
        "-" + "9" * 40,
        str(2**63),
        str(-(2**63) - 1),
        str(2**63 - 1),
        str(2**31),
        "1" + "0" * 5000,
    ],
    "int:odd-form": ["1_000", " 7", "7 ", "+5", "0x1f", "1e3", "2018.0", "-0", "-1", "0", "07"],
}
HOSTILE_MOMENT: dict[str, list[str]] = {
    "moment:calendar-edge": [
        "1900-01-01",
        "1899-12-31",
        "1900-01-01T00:00",
        "2200-01-01",
        "2199-12-31T23:59",
        "0001-01-01",
        "0001-01-01T00:00Z",
        "9999-12-31",
        "9999-12-31T23:59:59",
        "10000-01-01",
        "2018-02-29",
        "2016-02-29",
        "2018-13-01",
        "2018-00-10",
        "2018-12-31T24:00",
        "1970-01-01T00:00Z",
        "2038-01-19T03:14:08",
        "31.12.9999",
        "01.01.0001",
    ],
    "moment:dst-gap": ["2018-03-25T02:30", "2018-03-25T02:00", "2018-03-25 02:59:59"],
    "moment:dst-fold": ["2018-10-28T02:30", "2018-10-28T02:00:00", "2017-10-29T02:15"],
    "moment:offset": [
        "2018-03-12T10:00+14:00",
        "2018-03-12T10:00-12:00",
        "2018-03-12T10:00+25:00",
        "2018-03-12T10:00:00.123456789",
        "2018-03-12T10:00Z+01:00",
    ],
}
HOSTILE_AMOUNT: dict[str, list[str]] = {
    "amount:odd": ["1e9", "nan", "inf", "-inf", "4.5", "4,5,6", "0,0000001", "1 mia", "tkr"],
    "amount:huge": ["9" * 30, "-" + "9" * 30, "9" * 400, "9223372036854775808 kr"],
}

MOMENT_NAMES = {"at", "as_of", "since", "until"}
AMOUNT_NAMES = {"target", "potential", "realised", "investment", "amount"}
#: Overlap members: two or more codes, and the near misses of one.
MEMBERS = ["H01,H02", "h01, H02 ,H03", "H01", "H01,H01", "H01,H99", "H01,,H02", ","]


@dataclass(frozen=True, slots=True)
class Places:
    """The files and folders the fuzz points paths at (all inside the test's folder)."""

    root: Path
    db: Path
    out: Path
    """Where outputs go; emptied before every example."""
    imports: tuple[Path, ...]
    backup: Path
    fifo: Path
    folder: Path
    text_file: Path
    unwritable: Path
    """A folder nobody may write in (a read-only mount when we are root), or a path
    under a regular file where that cannot be made."""
    symlink_loop: Path

    def outputs(self) -> dict[str, list[str]]:
        return {
            "valid": [str(self.out / "ud.md"), str(self.out / "ud.xlsx"), str(self.out / "b.db")],
            "path:exists": [str(self.text_file), str(self.backup)],
            "path:fifo": [str(self.fifo)],
            "path:folder": [str(self.folder), str(self.out)],
            "path:missing-folder": [str(self.root / "findes-ikke" / "ud.md")],
            "path:unwritable": [str(self.unwritable / "ud.md")],
            "path:under-file": [str(self.text_file / "ud.md")],
            "path:long": [str(self.out / ("x" * 300)), str(self.out / ("d" * 200) / ("f" * 200))],
            "path:nul": [str(self.out / "a\x00b")],
            "path:self": [str(self.db)],
            "path:symlink-loop": [str(self.symlink_loop)],
            "path:blank": ["", " "],
        }

    def inputs(self) -> dict[str, list[str]]:
        return {
            "valid": [str(p) for p in self.imports],
            "path:fifo": [str(self.fifo)],
            "path:folder": [str(self.folder)],
            "path:missing": [str(self.root / "findes-ikke.csv"), "findes-ikke.json"],
            "path:under-file": [str(self.text_file / "x.csv")],
            "path:long": [str(self.out / ("x" * 300))],
            "path:nul": [str(self.root / "a\x00b.csv")],
            "path:self": [str(self.db)],
            "path:symlink-loop": [str(self.symlink_loop)],
            # read only; never /dev/zero (endless: it would eat the memory before any guard)
            "path:dev": ["/dev/null"],
            "path:blank": ["", " "],
        }

    def databases(self) -> dict[str, list[str]]:
        """Hostile ``--db`` values; none reaches a server or a file outside the folder."""
        return {
            "db:missing": [str(self.root / "ny.db"), str(self.root / "findes-ikke" / "x.db")],
            "db:folder": [str(self.folder)],
            "db:fifo": [str(self.fifo)],
            "db:not-a-database": [str(self.text_file), str(self.imports[0])],
            "db:bad-url": [
                "postgresql+psycopg://nobody@127.0.0.1:1/x",
                "mysql://x@127.0.0.1:1/y",
                "sqlite://",
                f"sqlite:///{self.root / 'findes-ikke' / 'x.db'}",
                "http://127.0.0.1:1/",
                "postgresql+psycopg://a b@:x/",
                "sqlite:///" + str(self.root / "a\x00b.db"),
            ],
            "db:odd-name": [str(self.root / "a\nb.db"), str(self.root / ("x" * 300)), ""],
            "db:unwritable": [str(self.unwritable / "x.db")],
        }


def _pick(table: dict[str, list[str]]) -> st.SearchStrategy[Value]:
    return st.sampled_from([(v, c) for c, values in table.items() for v in values])


def _valid(values: list[str]) -> st.SearchStrategy[Value]:
    return st.sampled_from([(v, "valid") for v in values])


def valid(name: str, kind: str, choices: tuple[str, ...], command: str, places: Places):
    """A value the seeded programme would accept (or a near miss of one)."""
    if kind == "choice":
        return _valid(list(choices))
    if kind == "path":
        if name == "file" and command == "import":
            return _valid([str(p) for p in places.imports])
        if name == "file" and command == "restore":
            return _valid([str(places.backup)])
        return _valid(places.outputs()["valid"])
    if kind == "int":
        if "year" in name:
            return _valid(YEARS)
        if name == "event_id":
            return st.integers(1, 40).map(lambda n: (str(n), "valid"))
        if name == "expect_version":
            return st.integers(1, 8).map(lambda n: (str(n), "valid"))
        return st.integers(0, 300).map(lambda n: (str(n), "valid"))
    by_name = {
        "code": CODES,
        "stage": STAGES,
        "bucket": BUCKETS,
        "key": BUCKETS,
        "old": SNAPSHOTS,
        "new": SNAPSHOTS,
        "confidence": ["40", "95 %", "none", "0", "100", "101", "x"],
        "weight": WEIGHTS,
        "skip_column": COLUMNS,
        "fmt": FILE_FORMATS,
        "allocation": ALLOCATIONS,
        "actor": ACTORS,
        "members": MEMBERS,
    }
    if name in MOMENT_NAMES:
        return _valid(MOMENTS)
    if name in AMOUNT_NAMES:
        return _valid(AMOUNTS)
    if name == "name":
        return _valid([*SNAPSHOTS, "Parat til fremtiden", "Ny pulje"])
    if name in by_name:
        return _valid(by_name[name])
    return st.one_of(
        _valid(["Digital post", "Færre vikarer", "Anna", "Skole", "fordi"]),
        st.text(max_size=20).map(lambda t: (t, "text:random")),
    )


def hostile(name: str, kind: str, command: str, places: Places):
    """A value meant to trip the CLI up, of the parameter's kind."""
    text = _pick(HOSTILE_TEXT)
    if kind == "int":
        return st.one_of(_pick(HOSTILE_INT), text)
    if kind == "path":
        table = places.inputs() if name == "file" and command != "backup" else places.outputs()
        table = {c: v for c, v in table.items() if c != "valid"}
        return st.one_of(_pick(table), _pick(table), text.map(lambda v: (_in_folder(v[0]), v[1])))
    if name in MOMENT_NAMES:
        return st.one_of(_pick(HOSTILE_MOMENT), _pick(HOSTILE_MOMENT), text)
    if name in AMOUNT_NAMES:
        return st.one_of(_pick(HOSTILE_AMOUNT), _pick(HOSTILE_INT), text)
    if name in ("weight",):
        return st.one_of(
            _pick(HOSTILE_INT).map(lambda v: (f"decided={v[0]}", v[1])),
            text.map(lambda v: (f"{v[0]}=50", v[1])),
            text,
        )
    return st.one_of(text, st.text(min_size=1, max_size=40).map(lambda t: (t, "text:random")))


def _in_folder(text: str) -> str:
    """Generated text as a relative path (no way up or out of the working folder)."""
    return text.replace("/", "_").replace("~", "_").lstrip(".") or "_"
