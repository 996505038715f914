"""Use cases on validations: the finance department's verdict on a realised figure.

Who may validate: never the person who registered the figure (checked here, on both
engines). Beyond that, on SQLite the programme names its validators (``programme set
--validators``); on PostgreSQL the server decides: only members of the role
``parat_validator`` may insert into the validation table (migration 0010), and the
refusal the server gives anyone else is turned into one line here.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from db import validations as queries
from db.models import Validation
from tracker.domain.validations import (
    is_registrant,
    may_validate,
    parse_validators,
    verdict_state,
)
from tracker.errors import NotFound, NotPermitted
from tracker.report import ValidationView
from tracker.services.context import ChangeContext
from tracker.services.dberrors import NO_PRIVILEGE, sqlstate
from tracker.services.events import record_event
from tracker.services.hypotheses import find_hypothesis
from tracker.services.programme import get_programme
from tracker.services.validation import check_text, check_year

__all__ = [
    "VALIDATOR_ROLE",
    "ValidationView",
    "list_validations",
    "validate_figure",
]

#: The PostgreSQL role whose members may validate (created by migration 0010).
VALIDATOR_ROLE = "parat_validator"
#: The longest reference (sag/dokument) kept.
REFERENCE_MAX = 200


def validate_figure(
    session: Session,
    ctx: ChangeContext,
    code: str,
    year: int,
    *,
    approved: bool,
    reference: str,
    note: str = "",
) -> ValidationView:
    """Record a verdict on the standing realised figure of ``code`` for ``year``."""
    programme = get_programme(session)
    assert programme.id is not None
    check_year(year, programme.first_year, programme.last_year)
    reference = check_text(reference, "reference", required=True, max_len=REFERENCE_MAX)
    note = check_text(note, "note", max_len=2000)
    h = find_hypothesis(session, programme.id, code, for_update=True)
    assert h.id is not None
    now = ctx.now()
    conn = session.connection()
    figure = queries.current_realised(conn, h.id, year)
    if figure is None:
        raise NotFound(
            f"{h.code} has no realised figure for {year} to validate",
            danish=f"{h.code} har intet realiseret tal for {year} at validere.",
        )
    if is_registrant(ctx.actor, figure.actor):
        raise NotPermitted(
            f"{ctx.actor} registered the realised figure of {h.code} for {year} and may "
            "not validate it: someone else must",
            danish=f"{ctx.actor} har registreret det realiserede tal for {h.code} {year} og "
            "må ikke selv validere det. Det skal en anden gøre.",
        )
    if conn.dialect.name != "postgresql":
        validators = parse_validators(programme.validators)
        if not may_validate(ctx.actor, validators):
            named = ", ".join(validators) or "nobody yet"
            raise NotPermitted(
                f"{ctx.actor} may not validate figures (validators: {named}; "
                "see `parat programme set --validators`)",
                danish=f"{ctx.actor} må ikke validere tal (validatorer: "
                f"{', '.join(validators) or 'ingen endnu'}; se `parat programme set "
                "--validators`).",
            )
    row = {
        "programme_id": programme.id,
        "hypothesis_id": h.id,
        "year": year,
        "figure_id": figure.id,
        "approved": approved,
        "reference": reference,
        "note": note,
        "recorded_at": now,
        "actor": ctx.actor,
        "source": ctx.source,
    }
    try:
        # First, before anything else is written: on PostgreSQL the server refuses
        # this INSERT to anyone outside the validator role.
        session.execute(sa.insert(Validation.__table__), [row])  # type: ignore[attr-defined]
    except DBAPIError as error:
        if sqlstate(error) != NO_PRIVILEGE:
            raise
        raise NotPermitted(
            f"the database refused the validation: only members of the role "
            f"{VALIDATOR_ROLE} may validate figures (ask the database administrator)",
            danish=f"Databasen afviste valideringen: kun medlemmer af rollen {VALIDATOR_ROLE} "
            "må validere tal (spørg databasens administrator).",
        ) from None
    record_event(
        session,
        ctx,
        now,
        programme_id=programme.id,
        action="figure.validate",
        subject=h.code,
        hypothesis_id=h.id,
        field=f"validated.{year}",
        new=verdict_state(approved, figure.amount_kr, reference),
        note=note,
    )
    session.flush()
    return ValidationView(
        h.code, year, approved, figure.amount_kr, reference, note, ctx.actor, now, True
    )


def list_validations(
    session: Session, code: str | None = None, as_of: datetime | None = None
) -> list[ValidationView]:
    """The verdicts (of one hypothesis), oldest first, up to ``as_of``."""
    programme = get_programme(session)
    assert programme.id is not None
    conn = session.connection()
    hid = None
    if code is not None:
        hid = find_hypothesis(session, programme.id, code).id
    return [
        ValidationView(
            r.code,
            r.year,
            bool(r.approved),
            r.amount_kr,
            r.reference,
            r.note,
            r.actor,
            r.recorded_at,
            bool(r.standing),
        )
        for r in queries.validation_rows(conn, programme.id, hypothesis_id=hid, as_of=as_of)
    ]
