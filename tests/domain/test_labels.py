"""The one table of Danish words: its keys are the status's own names."""

import dataclasses

from tracker.domain import labels
from tracker.domain.status import Totals, YearStatus


def test_every_measure_label_names_a_figure_of_the_status() -> None:
    fields = {f.name for cls in (Totals, YearStatus) for f in dataclasses.fields(cls)}
    assert {f"{key}_kr" for key in labels.MEASURE_LABELS} <= fields
    assert set(labels.MEASURE_HINTS) <= set(labels.MEASURE_LABELS)


def test_value_names_fall_back_to_the_name_itself() -> None:
    assert labels.value_name("title") == "Titel"
    assert labels.value_name("snapshot name") == "snapshot name"
