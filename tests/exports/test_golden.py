"""Golden files: md, html, csv (both dialects) and json of the hard-case programme on
the fixed clock, byte for byte. Rewrite with ``PARAT_UPDATE_GOLDEN=1`` and review
the diff like code."""

import pytest

from tests.exports.conftest import GOLDEN

CASES = {
    "summary.md": ("-f", "md"),
    "summary.html": ("-f", "html"),
    "hypotheses.csv": ("-f", "csv"),
    "hypotheses-excel-us.csv": ("-f", "csv", "--csv-dialect", "excel-us"),
    "status.json": ("-f", "json"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_golden_file(name: str, run_export, update_golden: bool) -> None:
    produced = run_export(*CASES[name]).stdout_bytes
    path = GOLDEN / name
    if update_golden:
        path.write_bytes(produced)
    assert path.exists(), f"{path} is missing: run PARAT_UPDATE_GOLDEN=1 pytest tests/exports"
    assert produced == path.read_bytes(), f"{name} differs from its golden file"
