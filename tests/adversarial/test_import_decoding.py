"""Import files that decode to something other than what the user wrote: a quote
left open, two encodings in one file, digits that are not ASCII, JSON that repeats a
key, nests without end or holds half a character. Each is refused with the row (or
line) it happens in; nothing is written. Files that are right keep working."""

from pathlib import Path
from typing import Any

import pytest

from tests.adversarial.conftest import Refused
from tests.cli.conftest import rows
from tracker.errors import InvalidInput
from tracker.io.json_table import MAX_DEPTH


def _file(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _titles(db: Path) -> dict[str, str]:
    return dict(rows(db, "SELECT code, title FROM hypothesis"))


# -- CSV quotes -----------------------------------------------------------------


def test_a_quote_never_closed_is_refused_at_the_row_it_opens(
    import_refused: Refused, tmp_path: Path
) -> None:
    # Read leniently, the open quote took every later row into H01's description
    # and the import said "1 rows" with exit 0.
    csv = 'code;title;description\nH01;A;"opens here\nH02;B;fine\nH03;C;also fine\n'
    problems = import_refused(_file(tmp_path, "tal.csv", csv))
    assert problems == [
        "row 2: the quote that opens a cell on line 2 is never closed "
        '(a quote inside a cell is written twice: "")'
    ]


def test_a_quote_that_closes_rows_later_is_refused(import_refused: Refused, tmp_path: Path) -> None:
    csv = 'code;title;description\nH01;A;"opens here\nH02;B;fine\nH03;"C";x\n'
    problems = import_refused(_file(tmp_path, "tal.csv", csv))
    assert problems == [
        "row 2: a quoted cell (lines 2–4) has text after its closing quote "
        '(a quote inside a cell is written twice: "")'
    ]


def test_quoted_cells_over_several_lines_still_import(
    ok: Any, programme: Path, tmp_path: Path
) -> None:
    csv = (
        "code;title;description\r\n"
        'H01;"Digital; post";"first line\nsecond ""quoted"" line"\r\n'  # Excel: LF in a cell
        'H02;Færre vikarer;5" skærm\r\n'
    )
    result = ok("import", str(_file(tmp_path, "tal.csv", csv)))
    assert "2 rows" in result.stdout
    described = dict(rows(programme, "SELECT code, description FROM hypothesis"))
    assert described["H01"] == 'first line\nsecond "quoted" line'
    assert described["H02"] == '5" skærm'
    assert _titles(programme)["H01"] == "Digital; post"


# -- one encoding per file ------------------------------------------------------

UTF8_ROW = "H02;Ældre og sundhed\r\n".encode()
CP1252_ROW = "H03;Børn og unge\r\n".encode("cp1252")
HEADER = b"code;title\r\n"


def test_utf8_with_a_cp1252_row_is_refused_at_that_line(
    refused: Refused, programme: Path, tmp_path: Path
) -> None:
    # Read as cp1252, the UTF-8 row was stored as "Ã†ldre og sundhed".
    path = _file(tmp_path, "tal.csv", HEADER + UTF8_ROW + CP1252_ROW)
    refused(
        "import", str(path),
        says=("tal.csv: line 3 is not UTF-8, but the file holds UTF-8 text elsewhere",),
    )  # fmt: skip


def test_cp1252_with_a_utf8_row_is_refused_at_the_first_line_not_utf8(
    refused: Refused, tmp_path: Path
) -> None:
    path = _file(tmp_path, "tal.csv", HEADER + CP1252_ROW + UTF8_ROW)
    refused("import", str(path), says=("tal.csv: line 2 is not UTF-8",))


def test_a_utf8_bom_file_with_a_cp1252_row_names_the_line(refused: Refused, tmp_path: Path) -> None:
    path = _file(
        tmp_path, "tal.csv", b"\xef\xbb\xbf" + HEADER + b"H01;Digital post\r\n" + CP1252_ROW
    )
    refused(
        "import", str(path),
        says=("line 3 is not UTF-8, but the file starts with a UTF-8 mark",),
    )  # fmt: skip


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8-bom"])
def test_utf8_files_import_their_letters(
    ok: Any, programme: Path, tmp_path: Path, bom: bytes
) -> None:
    ok("import", str(_file(tmp_path, "tal.csv", bom + HEADER + UTF8_ROW)))
    assert _titles(programme)["H02"] == "Ældre og sundhed"


def test_cp1252_as_danish_excel_saves_it_still_imports(
    ok: Any, programme: Path, tmp_path: Path
) -> None:
    text = "code;title\r\nH02;Ældre – ØSTBY “nord”\r\nH03;Børn og unge, 50 m² – 5 %\r\n"
    ok("import", str(_file(tmp_path, "tal.csv", text.encode("cp1252"))))
    titles = _titles(programme)
    assert titles["H02"] == "Ældre – ØSTBY “nord”"
    assert titles["H03"] == "Børn og unge, 50 m² – 5 %"


def test_the_encoding_refusal_has_a_danish_line(parat: Any, tmp_path: Path) -> None:
    path = _file(tmp_path, "tal.csv", HEADER + UTF8_ROW + CP1252_ROW)
    with pytest.raises(InvalidInput) as refusal:
        parat.import_file(path)
    assert refusal.value.danish == (
        "tal.csv: Linje 3 er ikke UTF-8, men filen har UTF-8 andre steder: en fil skal have "
        "én tegnkodning. Gem den igen som UTF-8."
    )


# -- digits that are not ASCII ----------------------------------------------------


@pytest.mark.parametrize(
    "heading", ["potential_２０１８", "Potentiale ٢٠١٨", "２０１８", "realised_२०१८"]
)
def test_a_year_in_other_digits_is_an_unknown_heading(
    import_refused: Refused, tmp_path: Path, heading: str
) -> None:
    path = _file(tmp_path, "tal.csv", f"code;{heading}\nH01;3\n")
    [problem] = import_refused(path)
    assert problem.startswith(f"row 1, column {heading.lower()}: unknown column")


@pytest.mark.parametrize("amount", ["٣", "３", "4,５", "१२ tkr"])
def test_an_amount_in_other_digits_is_refused(
    import_refused: Refused, tmp_path: Path, amount: str
) -> None:
    path = _file(tmp_path, "tal.csv", f"code;potential_2018\nH01;{amount}\n")
    [problem] = import_refused(path)
    assert problem.startswith(f"row 2, column potential_2018: '{amount}'")
    assert "is not an amount" in problem or "unknown unit" in problem


def test_a_confidence_in_other_digits_is_refused(import_refused: Refused, tmp_path: Path) -> None:
    path = _file(tmp_path, "tal.csv", "code;confidence\nH01;５０\n")
    [problem] = import_refused(path)
    assert problem.startswith("row 2, column confidence:")


# -- JSON ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "says"),
    [
        ('"title": "a", "title": "b"', "row 1: the key 'title' appears twice"),
        ('"title": "a", "Title": "b"', "row 1: the keys 'title' and 'Title' name the same column"),
        ('"title": "a", " TITLE ": "b"', "row 1: the keys 'title' and ' TITLE ' name the same"),
    ],
)
def test_json_keys_given_twice_are_refused_by_name(
    import_refused: Refused, tmp_path: Path, keys: str, says: str
) -> None:
    path = _file(tmp_path, "tal.json", f'[{{"code": "H01", {keys}}}]')
    [problem] = import_refused(path)
    assert problem.startswith(says), problem


def test_a_repeated_hypotheses_key_is_refused(refused: Refused, tmp_path: Path) -> None:
    data = '{"hypotheses": [{"code": "H01", "title": "a"}], "hypotheses": []}'
    refused(
        "import", str(_file(tmp_path, "tal.json", data)),
        says=("tal.json: the top-level object: the key 'hypotheses' appears twice",),
    )  # fmt: skip


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5_000, 200_000])
def test_json_nested_too_deep_is_one_line(refused: Refused, tmp_path: Path, depth: int) -> None:
    # 200.000 levels made Python's parser stop in a RecursionError (a traceback).
    data = '[{"code": "H01", "title": ' + "[" * (depth - 2) + "]" * (depth - 2) + "}]"
    refused(
        "import", str(_file(tmp_path, "tal.json", data)),
        says=(f"tal.json: the JSON is nested more than {MAX_DEPTH} levels deep",),
    )  # fmt: skip


def test_json_nested_at_the_limit_is_read(import_refused: Refused, tmp_path: Path) -> None:
    # Within the limit it parses, and the nested value is an ordinary cell problem.
    data = '[{"code": "H01", "title": ' + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "}]"
    [problem] = import_refused(_file(tmp_path, "tal.json", data))
    assert problem == "row 1, column title: must be text or a number"


def test_brackets_inside_json_text_are_text(ok: Any, programme: Path, tmp_path: Path) -> None:
    title = "[[[[" * 20 + '\\"{{' * 20
    ok("import", str(_file(tmp_path, "tal.json", f'[{{"code": "H01", "title": "{title}"}}]')))
    assert _titles(programme)["H01"] == title.replace("\\", "")


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ('{"code": "H01", "title": "Digital\\ud800post"}', "row 1, column title: the value"),
        ('{"code": "H01", "description": "\\udfff"}', "row 1, column description: the value"),
        ('{"code": "H01", "ti\\ud83dtle": "x"}', "row 1: the key holds a lone surrogate"),
    ],
)
def test_a_lone_surrogate_is_refused(
    import_refused: Refused, tmp_path: Path, item: str, says: str
) -> None:
    # Stored, "\ud800" crashed the write (UnicodeEncodeError, a traceback).
    problems = import_refused(_file(tmp_path, "tal.json", f"[{item}]"))
    assert problems[0].startswith(says), problems
    assert "lone surrogate" in problems[0]


def test_a_surrogate_pair_is_one_character(ok: Any, programme: Path, tmp_path: Path) -> None:
    ok(
        "import",
        str(_file(tmp_path, "tal.json", '[{"code": "H01", "title": "Sol \\ud83c\\udf1e"}]')),
    )
    assert _titles(programme)["H01"] == "Sol \U0001f31e"
