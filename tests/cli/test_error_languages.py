"""Every refusal a user can meet has its Danish line, and each language keeps to itself.

Two halves: the source is read for every refusal raised (a :class:`ParatError`, the
domain's and the store's bilingual errors, an import's problem) and each must carry
a Danish line; then real error paths run through the CLI in both languages, and the
Danish line may hold no English sentence, the English line no Danish one.
"""

import ast
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tracker
from tracker.cli import app

ROOT = Path(tracker.__file__).resolve().parent.parent
SOURCES = sorted(
    path for package in ("tracker", "db", "tui") for path in (ROOT / package).rglob("*.py")
)

#: The roots of the error families whose every raise must say it in Danish too.
KEYWORD_ROOTS = {"ParatError"}  # ``danish=`` keyword (else the kind's generic line)
POSITIONAL_ROOTS = {  # (message, danish): the constructor takes both
    "BilingualError",
    "ReadOnlyDatabase",
    "SchemaError",
    "DatabaseLocationError",
}


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in SOURCES]


def _family(trees: list[tuple[Path, ast.Module]], roots: set[str]) -> dict[str, ast.ClassDef]:
    """Every class (by name) that derives from one of ``roots``, the roots included."""
    classes = {
        node.name: node
        for _, tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    family = {name: classes[name] for name in roots}
    grew = True
    while grew:
        grew = False
        for name, node in classes.items():
            bases = {
                b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
            }
            if name not in family and bases & set(family):
                family[name] = node
                grew = True
    return family


def _says_danish_itself(node: ast.ClassDef) -> bool:
    """A class whose ``__init__`` takes no ``danish`` and writes its own (StaleVersion,
    ImportFailed): its raises need none."""
    init = next(
        (n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None
    )
    if init is None:
        return False
    takes = {a.arg for a in (*init.args.args, *init.args.kwonlyargs)}
    return "danish" not in takes and "danish" in ast.unparse(init)


def _calls(trees: list[tuple[Path, ast.Module]], names: set[str]) -> list[tuple[str, ast.Call]]:
    found = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in names:
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def test_every_refusal_is_raised_with_its_danish_line() -> None:
    trees = _trees()
    keyword = _family(trees, KEYWORD_ROOTS)
    positional = _family(trees, POSITIONAL_ROOTS)
    needs_keyword = {name for name, node in keyword.items() if not _says_danish_itself(node)}
    missing = [
        where
        for where, call in _calls(trees, needs_keyword)
        if not any(k.arg == "danish" for k in call.keywords)
    ]
    missing += [
        where
        for where, call in _calls(trees, set(positional))
        if len(call.args) < 2
        and not any(k.arg == "danish" for k in call.keywords)
        and not any(isinstance(a, ast.Starred) for a in call.args)
    ]
    # A problem of an import file: row, column, English, Danish.
    missing += [
        where
        for where, call in _calls(trees, {"Problem"})
        if len(call.args) + len(call.keywords) < 4
        and not any(isinstance(a, ast.Starred) for a in call.args)
    ]
    assert missing == []


def test_the_scan_sees_the_refusals() -> None:
    """The family is found (a scan that matched nothing would pass for ever)."""
    trees = _trees()
    assert {"InvalidInput", "NotFound", "ConfigError", "MalformedLine"} <= set(
        _family(trees, KEYWORD_ROOTS)
    )
    assert {"RuleError", "MoneyError"} <= set(_family(trees, POSITIONAL_ROOTS))
    assert len(_calls(trees, {"InvalidInput"})) > 50


# -- through the CLI, in both languages ---------------------------------------------

#: English words a Danish line must not hold, and Danish words an English line must
#: not (outside quoted values, paths and commands, which are the user's own text).
ENGLISH = {"the", "is", "not", "cannot", "must", "exists", "already", "unknown", "no", "has"}
DANISH = {"ikke", "findes", "skal", "kan", "er", "allerede", "ukendt", "mangler", "og", "intet"}
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\S*/\S*|--[\w-]+|\[[^\]]*\]")


def _words(line: str) -> set[str]:
    return set(re.findall(r"[a-zæøå]+", _QUOTED.sub(" ", line.lower())))


def _csv(tmp_path: Path, text: str) -> str:
    path = tmp_path / "tal.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


#: (args, a fragment of the Danish line, a fragment of the English line); {tmp} is
#: the test's folder, {db} its database.
CASES = [
    (["figure", "set", "H01", "2018", "--potential", "4.500"], "kan læses på to måder",
     "is ambiguous"),
    (["figure", "set", "H01", "2018", "--potential", "abc"], "er ikke et beløb",
     "is not an amount"),
    (["programme", "set", "--allocation", "lige"], "Ukendt fordeling", "unknown allocation"),
    (["programme", "set", "--target", "0"], "Målet skal være større end 0 kr.",
     "target must be above 0"),
    (["programme", "set", "--first-year", "2020"], "ligger efter målåret", "is after the target"),
    (["programme", "set", "--weight", "decided"], "skriv FASE=PCT", "write STAGE=PCT"),
    (["programme", "set", "--weight", "dropped=5"], "altid 0 %", "always 0 %"),
    (["programme", "set", "--counts", ","], "mindst én gevinsttype",
     "at least one benefit type"),
    (["bucket", "set", "nope", "--name", "X"], "Puljen 'nope' findes ikke", "unknown bucket"),
    (["bucket", "set", "ny", "--add", "--name", "Ny"], "skal have --name og --target",
     "needs --name and --target"),
    (["snapshot", "rename", "Møde", "Møde"], "hedder allerede", "is called 'Møde' already"),
    (["snapshot", "add", "Møde"], "findes allerede et øjebliksbillede", "exists already"),
    (["snapshot", "add", "Senere", "--at", "2030-01-01"], "kan ikke ligge i fremtiden",
     "in the future"),
    (["undo", "9999"], "Hændelse #9999 findes ikke", "no event #9999"),
    (["import", "{tmp}/tal.csv", "--format", "xml"], "Ukendt format", "unknown format"),
    (["import", "{tmp}/tal.csv"], "2 fejl, intet er importeret", "2 errors, nothing was imported"),
    (["backup", "{db}"], "må ikke være selve databasen", "must not be the database itself"),
    (["restore", "{tmp}/ingen.db"], "filen findes ikke", "no such file"),
    (["history", "--limit", "x"], "er ikke et helt tal", "is not a whole number"),
]  # fmt: skip


@pytest.fixture
def ready(
    programme: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The CLI tests' programme with a snapshot ``Møde`` and a bad import file."""
    monkeypatch.delenv("PARAT_LANG", raising=False)
    made = runner.invoke(app, ["--db", str(programme), "snapshot", "add", "Møde"])
    assert made.exit_code == 0, made.stderr
    _csv(tmp_path, "code;potential_2018;stage\nH01;abc;nope\n")
    return programme


@pytest.mark.parametrize(
    ("args", "danish", "english"),
    CASES,
    ids=lambda v: " ".join(v[:3]) if isinstance(v, list) else None,
)
def test_a_refusal_reads_in_the_language_chosen(
    ready: Path, runner: CliRunner, tmp_path: Path, args: list[str], danish: str, english: str
) -> None:
    given = [a.format(tmp=tmp_path, db=ready) for a in args]
    da = runner.invoke(app, ["--db", str(ready), *given])
    en = runner.invoke(app, ["--lang", "en", "--db", str(ready), *given])
    assert da.exit_code == en.exit_code != 0, (da.stderr, en.stderr)
    assert danish in da.stderr, da.stderr
    assert english in en.stderr, en.stderr
    for line in da.stderr.splitlines():
        assert not _words(line) & ENGLISH, line
    for line in en.stderr.splitlines():
        assert not _words(line) & DANISH, line


def test_an_import_lists_its_problems_in_danish(
    ready: Path, runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["--db", str(ready), "import", str(tmp_path / "tal.csv")])
    assert result.exit_code == 1
    head, *details = result.stderr.splitlines()
    assert head == "parat: tal.csv: 2 fejl, intet er importeret."
    assert details == [
        "  række 2, kolonne potential_2018: 'abc' er ikke et beløb (skriv fx 4,5 eller 29 tkr)",
        "  række 2, kolonne stage: ukendt fase 'nope' (brug en af Identificeret, Kvalificeret, "
        "Kvantificeret, Besluttet, Implementeret, Realiseret, Forkastet)",
    ]


def test_the_store_refuses_in_both_languages(
    ready: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """Refusals from below the services: a URL, a read-only connection, a copy."""
    cases = [
        (["--db", f"sqlite:///{ready}?mode=ro", "status"], "tager ingen forespørgselsparametre",
         "takes no query arguments"),
        (["--read-only", "--db", str(ready), "figure", "set", "H01", "2018", "--potential", "1"],
         "Forbindelsen er skrivebeskyttet", "this connection is read-only"),
    ]  # fmt: skip
    shutil.copyfile(ready, tmp_path / "kopi.db")
    for args, danish, english in cases:
        da = runner.invoke(app, args)
        en = runner.invoke(app, ["--lang", "en", *args])
        assert da.exit_code == en.exit_code == 1, (da.stderr, en.stderr)
        assert danish in da.stderr and english in en.stderr, (da.stderr, en.stderr)
        assert not _words(da.stderr) & ENGLISH, da.stderr
        assert not _words(en.stderr) & DANISH, en.stderr


#: pydantic's own words: a refused configuration value or batch field is said again
#: in Parat's words, in both languages.
PYDANTIC = {"input", "should", "valid", "integer", "string", "parse", "unable", "dictionary"}

#: (the file's text, its key, a fragment of the Danish line, of the English line)
BAD_FILES = [
    ('[display]\ndecimals = "x"\n', "display.decimals", "skal være et helt tal, ikke 'x'",
     "must be a whole number, not 'x'"),
    ("[display]\ndecimals = 7\n", "display.decimals", "må højst være 3, ikke 7",
     "must be at most 3, not 7"),
    ('[display]\nunit = "mill"\n', "display.unit", "skal være 'mio', 'tkr' eller 'kr'",
     "must be 'mio', 'tkr' or 'kr', not 'mill'"),
    ('language = "fr"\n', "language", "skal være 'da' eller 'en', ikke 'fr'",
     "must be 'da' or 'en', not 'fr'"),
    ("actor = 5\n", "actor", "skal være tekst, ikke 5", "must be text, not 5"),
    ('[ui]\ntheme = ""\n', "ui.theme", "må ikke være tom", "must not be empty"),
    ("keymap = 5\n", "keymap", "skal være en tabel, ikke 5", "must be a table, not 5"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "key", "danish", "english"), BAD_FILES)
def test_a_bad_configuration_value_reads_in_the_language_chosen(
    ready: Path,
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    key: str,
    danish: str,
    english: str,
) -> None:
    from tests.cli.conftest import dump, no_traceback

    monkeypatch.chdir(tmp_path)
    toml = tmp_path / "parat.toml"
    toml.write_text(text, encoding="utf-8")
    before = dump(ready)
    args = ["--db", str(ready), "figure", "set", "H01", "2018", "--potential", "5"]
    da = runner.invoke(app, args)
    en = runner.invoke(app, ["--lang", "en", *args])
    for result in (da, en):
        no_traceback(result)
        assert result.exit_code == 1, result.output
        assert len(result.stderr.splitlines()) == 1, result.stderr
    assert da.stderr.startswith(f"parat: {toml}: {key}: ") and danish in da.stderr, da.stderr
    assert en.stderr.startswith(f"parat: {toml}: {key}: ") and english in en.stderr, en.stderr
    assert not _words(da.stderr) & (ENGLISH | PYDANTIC), da.stderr
    assert not _words(en.stderr) & (DANISH | PYDANTIC), en.stderr
    assert dump(ready) == before


def test_a_bad_variable_reads_in_the_language_chosen(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARAT_LANG", raising=False)
    monkeypatch.setenv("PARAT_DECIMALS", "many")
    da = runner.invoke(app, ["config", "show"])
    en = runner.invoke(app, ["--lang", "en", "config", "show"])
    assert da.exit_code == en.exit_code == 1
    assert da.stderr == "parat: PARAT_DECIMALS: skal være et helt tal, ikke 'many'\n"
    assert en.stderr == "parat: PARAT_DECIMALS: must be a whole number, not 'many'\n"
