"""The exporters' small parts: Danish amounts, CSV amounts read back to the krone,
Markdown escaping, the JSON schema against real output."""

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.money import MAX_ABS_KR, parse_amount
from tracker.exports.danish import csv_mio, mio
from tracker.exports.schema import ExportDocument
from tracker.exports.tabular import neutralise
from tracker.exports.templating import md_escape

amounts = st.integers(min_value=-MAX_ABS_KR, max_value=MAX_ABS_KR)


def test_mio_rounds_half_away_from_zero_and_never_hides_an_amount() -> None:
    assert [mio(k) for k in (49_999, 50_000, -50_000, -49_999, 1_250_000, 0, 4_000)] == [
        "0,05", "0,1", "-0,1", "-0,05", "1,3", "0,0", "0,004"
    ]  # fmt: skip


@given(amounts)
def test_csv_amounts_read_back_to_the_krone(kr: int) -> None:
    assert parse_amount(csv_mio(kr, ",")) == kr
    assert parse_amount(csv_mio(kr, ".")) == kr


def test_csv_amounts_are_short_and_exact() -> None:
    assert [csv_mio(k) for k in (4_500_000, 29_000, 1, 12_000_000, -1_200_000, 0)] == [
        "4,5", "0,029", "0,000001", "12", "-1,2", "0"
    ]  # fmt: skip


def test_neutralise_prefixes_only_risky_text() -> None:
    cases = {"=1+2": "'=1+2", "+45": "'+45", "-x": "'-x", "@a": "'@a", "\tx": "'\tx",
             "\rx": "'\rx", "'a": "''a", "a=b": "a=b", "H01": "H01", "": ""}  # fmt: skip
    assert {k: neutralise(k) for k in cases} == cases


def test_md_escape() -> None:
    assert md_escape("a | b") == r"a \| b"
    assert md_escape("<b>&") == "&lt;b&gt;&amp;"
    assert md_escape("- item") == r"\- item"
    assert md_escape("1. item") == r"1\. item"
    assert md_escape("-1,2") == "-1,2"
    assert md_escape("line\nbreak") == "line break"
    assert md_escape("[x](y) *b* _i_ `c` ~s~ #h") == r"\[x\](y) \*b\* \_i\_ \`c\` \~s\~ \#h"


def test_schema_validates_real_exports(run_export: Any, cli: Any, demo_db: Any) -> None:
    ExportDocument.model_validate(json.loads(run_export("-f", "json").stdout))
    data = json.loads(cli("export", "-f", "json", db=demo_db).stdout)
    ExportDocument.model_validate(data)
    with_risk = json.loads(cli("export", "-f", "json", "--risk", db=demo_db).stdout)
    assert ExportDocument.model_validate(with_risk).risk is not None
    with_risk["risk"]["buckets"][0]["independent"]["p_target"] = 1.5
    try:
        ExportDocument.model_validate(with_risk)
    except ValueError as error:
        assert "p_target" in str(error)
    else:
        raise AssertionError("a probability above 1 must not validate")
    data["totals"]["surprise_kr"] = 1
    try:
        ExportDocument.model_validate(data)
    except ValueError as error:
        assert "surprise_kr" in str(error)
    else:
        raise AssertionError("an unknown key must not validate")
