"""The CLI tests' fixtures (a programme to start from, ``refuse``, ``ok``) for the
adversarial tests, which run the same real interfaces."""

from tests.cli.conftest import ok, ok_json, programme, programme_template, refuse

__all__ = ["ok", "ok_json", "programme", "programme_template", "refuse"]
