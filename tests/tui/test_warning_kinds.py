"""Many warnings are counted by kind, the kinds named in the reader's language (never
the stable codes JSON keeps)."""

import dataclasses

import pytest

from tracker.domain.status import Warning
from tracker.i18n import set_language
from tracker.services import Parat
from tui.widgets.warnings import MAX_SHOWN, warnings_text


def _many(parat: Parat) -> object:
    status = parat.status()
    owners = [Warning("no-owner", f"H{i}", f"H{i} har ingen ansvarlig", f"H{i} has no owner")
              for i in range(MAX_SHOWN)]  # fmt: skip
    stale = [Warning("stale", "H1", "H1 er ikke opdateret i 120 dage", "H1 is stale")] * 3
    return dataclasses.replace(status, warnings=tuple(owners + stale))


@pytest.mark.parametrize(
    ("language", "summary", "first"),
    [
        (
            "da",
            "33 advarsler: 30 ingen ansvarlig · 3 ikke opdateret længe",
            "H0 har ingen ansvarlig",
        ),
        ("en", "33 warnings: 30 no owner · 3 not updated for long", "H0 has no owner"),
    ],
)
def test_many_warnings_are_counted_by_kind_in_words(
    ui_parat: Parat, language: str, summary: str, first: str
) -> None:
    set_language(language)
    text = warnings_text(_many(ui_parat)).plain  # type: ignore[arg-type]
    assert text.splitlines()[0] == summary
    assert text.splitlines()[1] == f"▲ {first}"
    assert "no-owner" not in text and "stale" not in text
