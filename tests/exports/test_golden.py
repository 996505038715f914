"""Golden files: md, html, csv (both dialects) and json of the hard-case programme on
the fixed clock, byte for byte.

A test run only compares: it never writes a golden file. To change one on purpose,
run ``make golden`` (``python -m tests.exports.update_golden``) and review the diff
like code.
"""

import os

import pytest

from tests.exports.conftest import CASES, GOLDEN

#: The old switch that made this test rewrite its own expectations.
OLD_SWITCH = "PARAT_UPDATE_GOLDEN"


@pytest.fixture(autouse=True)
def _no_rewrite_switch() -> None:
    # Refused rather than ignored: whoever sets it expects files to be rewritten,
    # and a green run that rewrote nothing would tell them it did.
    if os.environ.get(OLD_SWITCH):
        pytest.fail(
            f"{OLD_SWITCH} no longer rewrites golden files: unset it, run `make golden` "
            "and review the diff",
            pytrace=False,
        )


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_golden_file(name: str, run_export) -> None:  # type: ignore[no-untyped-def]
    produced = run_export(*CASES[name]).stdout_bytes
    path = GOLDEN / name
    assert path.exists(), f"{path} is missing: run `make golden` and review it"
    assert produced == path.read_bytes(), f"{name} differs from its golden file"
