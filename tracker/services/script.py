"""``parat batch``: many write commands in one process, one JSON object a line.

A script or a finance system writes JSON Lines, one command each, in the forms of
the CLI's write commands (``{"cmd": "figure.set", "code": "H04", "year": 2018,
"potential": "4,5", "expect_version": 7}``), and reads one result a line. The forms
here only check the shape of a line (known command, known fields, JSON types); what
the values mean (amounts, stages, codes, years) is checked by the same use cases the
CLI calls, so a line is refused with the same words as the option it mirrors.

Each line is one transaction with its events, or the whole input is one
(``atomic``: all or nothing).
"""

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError
from sqlmodel import Session

from tracker.domain.bilingual import BilingualError
from tracker.errors import ExitCode, InvalidInput, ParatError
from tracker.services import figures, hypotheses, programme
from tracker.services.context import ChangeContext
from tracker.services.validation import require_change, to_confidence
from tracker.validation_words import reasons

__all__ = ["FORMS", "LineResult", "MalformedLine", "parse_line", "run_lines"]

T = TypeVar("T")

#: How a runner writes: one transaction around the work, ``code`` naming what it
#: changes for the conflict lines (:meth:`tracker.services.api.Parat._write`).
Write = Callable[[Callable[[Session, ChangeContext], T], str], T]


class MalformedLine(InvalidInput):
    """A line that is not a command: bad JSON, an unknown command or field, a wrong
    JSON type. Its exit code is the usage code, as for an unknown CLI option."""

    exit_code = ExitCode.USAGE
    DANISH = "Linjen er ikke en kommando. Intet er ændret."


def _amount_text(value: object) -> object:
    # An amount reads as the CLI's option text, so a bare number means the same in
    # both (mio. kr. unless "unit" says otherwise) and one parser reads it.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        raise BilingualError(
            'write a fraction as text, e.g. "4,5" (a JSON fraction is not exact)',
            'skriv et decimaltal som tekst, fx "4,5" (et decimaltal i JSON er ikke eksakt)',
        )
    return value


AmountText = Annotated[str, BeforeValidator(_amount_text)]


class _Form(BaseModel):
    """One command's line; subclasses name their ``cmd`` and the CLI's fields."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    cmd: str
    name_of: ClassVar[str] = ""

    def subject(self) -> str:
        """What the command changes, for the lines that report a conflict."""
        return ""

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        raise NotImplementedError


class HypothesisAdd(_Form):
    name_of = "hypothesis.add"
    code: str
    title: str
    area: str = ""
    owner: str = ""
    stage: str = "identified"
    bucket: str | None = None
    confidence: int | str | None = None
    description: str = ""
    note: str = ""
    decision: str = ""

    def subject(self) -> str:
        return self.code

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        h = hypotheses.add_hypothesis(
            session,
            ctx,
            self.code,
            title=self.title,
            area=self.area,
            owner=self.owner,
            stage=self.stage,
            bucket=self.bucket,
            confidence_pct=None if self.confidence is None else to_confidence(self.confidence),
            description=self.description,
            note=self.note,
            decision=self.decision,
        )
        return {"code": h.code, "version": h.version}


class HypothesisSet(_Form):
    name_of = "hypothesis.set"
    code: str
    title: str | None = None
    area: str | None = None
    owner: str | None = None
    stage: str | None = None
    bucket: str | None = None
    """A bucket key, or ``"none"`` to clear it (as ``--bucket none``)."""
    confidence: int | str | None = None
    """A whole percent, or ``"none"`` to clear it (as ``--confidence none``)."""
    description: str | None = None
    note: str = ""
    decision: str = ""
    expect_version: int | None = None

    def subject(self) -> str:
        return self.code

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        changes: dict[str, Any] = {
            name: getattr(self, name)
            for name in ("title", "area", "owner", "stage", "bucket", "description")
            if getattr(self, name) is not None
        }
        given = {**changes, "confidence": self.confidence, "decision": self.decision or None}
        require_change(given, "at least one field")
        if self.confidence is not None:
            changes["confidence_pct"] = to_confidence(self.confidence)
        h, changed = hypotheses.update_hypothesis(
            session,
            ctx,
            self.code,
            note=self.note,
            decision=self.decision,
            expect_version=self.expect_version,
            **changes,
        )
        return {"code": h.code, "version": h.version, "changed": changed}


class HypothesisDrop(_Form):
    name_of = "hypothesis.drop"
    code: str
    note: str
    decision: str = ""
    expect_version: int | None = None

    def subject(self) -> str:
        return self.code

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        h, changed = hypotheses.update_hypothesis(
            session,
            ctx,
            self.code,
            stage="dropped",
            note=self.note,
            decision=self.decision,
            expect_version=self.expect_version,
        )
        return {"code": h.code, "version": h.version, "changed": changed}


class FigureSet(_Form):
    name_of = "figure.set"
    code: str
    year: int
    potential: AmountText | None = None
    realised: AmountText | None = None
    investment: AmountText | None = None
    note: str = ""
    expect_version: int | None = None
    unit: str = "mio"
    accept_large: bool = False
    allow_negative: bool = False

    def subject(self) -> str:
        return self.code

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        amounts = {
            kind: value
            for kind, value in (
                ("potential", self.potential),
                ("realised", self.realised),
                ("investment", self.investment),
            )
            if value is not None
        }
        h, changed = figures.set_figures(
            session,
            ctx,
            self.code,
            self.year,
            amounts,
            note=self.note,
            expect_version=self.expect_version,
            unit=self.unit,
            accept_large=self.accept_large,
            allow_negative=self.allow_negative,
        )
        return {"code": h.code, "version": h.version, "changed": changed}


class BucketSet(_Form):
    name_of = "bucket.set"
    key: str
    name: str | None = None
    target: AmountText | None = None
    priority: int | None = None
    add: bool = False
    note: str = ""

    def subject(self) -> str:
        return self.key

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        require_change(
            {"name": self.name, "target": self.target, "priority": self.priority},
            "name, target or priority",
        )
        b = programme.set_bucket(
            session,
            ctx,
            self.key,
            name=self.name,
            target=self.target,
            priority=self.priority,
            create=self.add,
            note=self.note,
        )
        return {"key": b.key, "target_kr": b.target_kr, "priority": b.priority}


class ProgrammeSet(_Form):
    name_of = "programme.set"
    target: AmountText | None = None
    allocation: str | None = None
    weights: dict[str, int] | None = None
    """Stage → percent, e.g. ``{"decided": 80}`` (``--weight decided=80``)."""
    name: str | None = None
    target_year: int | None = None
    first_year: int | None = None
    validators: str | list[str] | None = None
    """``"anna,bo"`` (as ``--validators``) or ``["anna", "bo"]``."""
    note: str = ""

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        require_change(
            {
                "target": self.target,
                "allocation": self.allocation,
                "weights": self.weights or None,
                "name": self.name,
                "target_year": self.target_year,
                "first_year": self.first_year,
                "validators": self.validators,
            },
            "at least one field",
        )
        view = programme.set_programme(
            session,
            ctx,
            name=self.name,
            target=self.target,
            target_year=self.target_year,
            first_year=self.first_year,
            allocation=self.allocation,
            weights=self.weights,
            validators=self.validators,
            note=self.note,
        )
        return {"target_kr": view.target_kr}


class FigureValidate(_Form):
    name_of = "figure.validate"
    code: str
    year: int
    approve: bool
    """``true`` approves the realised figure (``--approve``), ``false`` rejects it."""
    ref: str
    """The case or document (``--ref``), e.g. ``"sag 18/1234"``."""
    note: str = ""

    def subject(self) -> str:
        return self.code

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.validations import validate_figure

        v = validate_figure(
            session, ctx, self.code, self.year, approved=self.approve, reference=self.ref,
            note=self.note,
        )  # fmt: skip
        return {"code": v.code, "year": v.year, "approved": v.approved, "amount_kr": v.amount_kr}


class RammeAdd(_Form):
    name_of = "ramme.add"
    key: str
    name: str
    udvalg: str = ""
    serviceramme: bool = True
    note: str = ""

    def subject(self) -> str:
        return self.key

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.rammer import add_ramme

        r = add_ramme(
            session, ctx, self.key, name=self.name, udvalg=self.udvalg,
            serviceramme=self.serviceramme, note=self.note,
        )  # fmt: skip
        return {"key": r.key}


class RammeSet(_Form):
    name_of = "ramme.set"
    key: str
    name: str | None = None
    udvalg: str | None = None
    serviceramme: bool | None = None
    note: str = ""

    def subject(self) -> str:
        return self.key

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.rammer import set_ramme

        r, changed = set_ramme(
            session, ctx, self.key, name=self.name, udvalg=self.udvalg,
            serviceramme=self.serviceramme, note=self.note,
        )  # fmt: skip
        return {"key": r.key, "changed": changed}


class BudgetSet(_Form):
    name_of = "budget.set"
    ramme: str
    year: int
    original: AmountText | None = None
    supplementary: AmountText | None = None
    carried: AmountText | None = None
    actual: AmountText | None = None
    forecast: AmountText | None = None
    clear: list[str] = []
    note: str = ""
    unit: str = "mio"

    def subject(self) -> str:
        return self.ramme

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.domain.budget import BUDGET_KINDS
        from tracker.services.budget import set_budget

        amounts = {
            kind: value for kind in BUDGET_KINDS if (value := getattr(self, kind)) is not None
        }
        r, changed = set_budget(
            session, ctx, self.ramme, self.year, amounts, clear=self.clear, note=self.note,
            unit=self.unit,
        )  # fmt: skip
        return {"ramme": r.key, "year": self.year, "changed": changed}


class BudgetCut(_Form):
    name_of = "budget.cut"
    code: str
    ramme: str
    year: int
    amount: AmountText
    decision: str
    note: str = ""
    unit: str = "mio"
    expect_version: int | None = None

    def subject(self) -> str:
        return self.code

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.cuts import cut

        c, changed = cut(
            session, ctx, self.code, self.ramme, self.year, self.amount, self.decision,
            note=self.note, unit=self.unit, expect_version=self.expect_version,
        )  # fmt: skip
        return {"code": c.code, "amount_kr": c.amount_kr, "changed": changed}


class BudgetUncut(_Form):
    name_of = "budget.uncut"
    code: str
    ramme: str
    year: int
    note: str = ""
    expect_version: int | None = None

    def subject(self) -> str:
        return self.code

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.cuts import uncut

        c = uncut(
            session, ctx, self.code, self.ramme, self.year, note=self.note,
            expect_version=self.expect_version,
        )  # fmt: skip
        return {"code": c.code, "withdrawn_kr": c.amount_kr}


class SnapshotAdd(_Form):
    name_of = "snapshot.add"
    name: str
    at: str | None = None

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.report import iso
        from tracker.services.snapshots import add_snapshot

        snap = add_snapshot(session, ctx, self.name, self.at)
        return {"name": snap.name, "at": iso(snap.at)}


class SnapshotRename(_Form):
    name_of = "snapshot.rename"
    old: str
    new: str

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.snapshots import rename_snapshot

        return {"name": rename_snapshot(session, ctx, self.old, self.new).name}


class SnapshotDelete(_Form):
    name_of = "snapshot.delete"
    name: str

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.snapshots import delete_snapshot

        delete_snapshot(session, ctx, self.name)
        return {}


class OverlapAdd(_Form):
    name_of = "overlap.add"
    name: str
    members: str | list[str]
    """``"H03,H04"`` (as ``--members``) or ``["H03", "H04"]``."""
    amount: AmountText
    note: str = ""

    def subject(self) -> str:
        return self.name

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.overlaps import add_overlap

        o = add_overlap(
            session, ctx, self.name, members=self.members, amount=self.amount, note=self.note
        )
        return {"name": o.name, "members": list(o.members), "amount_kr": o.amount_kr}


class OverlapSet(_Form):
    name_of = "overlap.set"
    name: str
    members: str | list[str] | None = None
    amount: AmountText | None = None
    note: str | None = None

    def subject(self) -> str:
        return self.name

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.overlaps import set_overlap

        require_change(
            {"members": self.members, "amount": self.amount, "note": self.note},
            "members, amount or note",
        )
        o, changed = set_overlap(
            session, ctx, self.name, members=self.members, amount=self.amount, note=self.note
        )
        return {
            "name": o.name,
            "members": list(o.members),
            "amount_kr": o.amount_kr,
            "changed": changed,
        }


class OverlapDrop(_Form):
    name_of = "overlap.drop"
    name: str

    def subject(self) -> str:
        return self.name

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.overlaps import drop_overlap

        return {"name": drop_overlap(session, ctx, self.name).name}


class Undo(_Form):
    name_of = "undo"
    event_id: int | None = None
    """The event to revert; without it, this actor's last change (as ``parat undo``)."""

    def apply(self, session: Session, ctx: ChangeContext) -> dict[str, object]:
        from tracker.services.audit import undo

        return {"events": [e.id for e in undo(session, ctx, self.event_id)]}


#: Every command a line may name, by its ``cmd``: the CLI's write commands.
FORMS: Mapping[str, type[_Form]] = {
    form.name_of: form
    for form in (
        HypothesisAdd,
        HypothesisSet,
        HypothesisDrop,
        FigureSet,
        FigureValidate,
        BucketSet,
        ProgrammeSet,
        RammeAdd,
        RammeSet,
        BudgetSet,
        BudgetCut,
        BudgetUncut,
        SnapshotAdd,
        SnapshotRename,
        SnapshotDelete,
        OverlapAdd,
        OverlapSet,
        OverlapDrop,
        Undo,
    )
}


def _problems(errors: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """What is wrong with each refused field, in English and in Danish."""
    said = []
    for where, code, english, danish in reasons(errors, source="json"):
        if code == "extra_forbidden":
            said.append((f"unknown field {where!r}", f"ukendt felt {where!r}"))
        elif code == "missing":
            said.append((f"missing field {where!r}", f"feltet {where!r} mangler"))
        else:
            said.append((f"{where}: {english}", f"{where}: {danish}"))
    return said


def parse_line(text: str) -> _Form:
    """The command of one line, or :class:`MalformedLine` saying what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedLine(
            f"not JSON: {error.msg} (column {error.colno})",
            danish=f"Ikke JSON: {error.msg} (kolonne {error.colno}).",
        ) from None
    if not isinstance(data, dict):
        raise MalformedLine(
            'a line must be a JSON object, e.g. {"cmd": "figure.set", …}',
            danish='En linje skal være et JSON-objekt, fx {"cmd": "figure.set", …}.',
        )
    cmd = data.get("cmd")
    form = FORMS.get(cmd) if isinstance(cmd, str) else None
    if form is None:
        known = ", ".join(FORMS)
        if cmd is None:
            raise MalformedLine("missing field 'cmd'", danish="Feltet 'cmd' mangler.")
        raise MalformedLine(
            f"unknown cmd {cmd!r} (known: {known})",
            danish=f"Ukendt cmd {cmd!r} (kendte: {known}).",
        )
    try:
        return form.model_validate(data)
    except ValidationError as error:
        problems = _problems(error.errors(include_url=False))
        raise MalformedLine(
            f"{cmd}: {'; '.join(en for en, _ in problems)}",
            danish=f"{cmd}: {'; '.join(da for _, da in problems)}.",
        ) from None


@dataclass(frozen=True, slots=True)
class LineResult:
    """What one line did: its values, or why it did nothing."""

    line: int
    ok: bool
    exit: int = 0
    error: str = ""
    values: Mapping[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """The line of output: ``{"line": 1, "ok": true, "version": 8, …}`` or
        ``{"line": 2, "ok": false, "exit": 3, "error": "…"}``."""
        if self.ok:
            return {"line": self.line, "ok": True, **self.values}
        return {"line": self.line, "ok": False, "exit": self.exit, "error": self.error}


def _failed(line: int, error: ParatError) -> LineResult:
    return LineResult(line, False, int(error.exit_code), str(error))


def _lines(lines: Iterable[str | bytes]) -> Iterator[tuple[int, str | MalformedLine]]:
    """(number, text) of every line that is not blank; undecodable bytes are an error."""
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield (
                    number,
                    MalformedLine(
                        f"not UTF-8 (byte {error.start + 1})",
                        danish=f"Ikke UTF-8 (byte {error.start + 1}).",
                    ),
                )
                continue
        elif number == 1:
            raw = raw.removeprefix("\ufeff")
        if raw.strip():
            yield number, raw


def _parsed(text: str | MalformedLine) -> _Form:
    if isinstance(text, MalformedLine):
        raise text
    return parse_line(text)


def run_lines(
    write: Write[Any], lines: Iterable[str | bytes], *, atomic: bool = False
) -> Iterator[LineResult]:
    """Run every line, yielding its result as soon as it is known.

    Each line is one transaction through ``write``; a line that fails leaves the
    others as they are. With ``atomic`` every line is read first and the whole input
    is one transaction: after the first line that fails nothing is written, and
    every line says so.
    """
    if not atomic:
        for number, text in _lines(lines):
            try:
                form = _parsed(text)
                values = write(form.apply, form.subject())
            except ParatError as error:
                yield _failed(number, error)
            else:
                yield LineResult(number, True, values=values)
        return
    yield from _run_atomic(write, list(_lines(lines)))


def _run_atomic(
    write: Write[Any], lines: list[tuple[int, str | MalformedLine]]
) -> list[LineResult]:
    forms: list[tuple[int, _Form]] = []
    malformed: dict[int, ParatError] = {}
    for number, text in lines:
        try:
            forms.append((number, _parsed(text)))
        except ParatError as error:
            malformed[number] = error
    if malformed:
        return _all_refused(lines, malformed)
    if not forms:
        return []  # nothing to write: not even a read-only store refuses that
    done: list[LineResult] = []
    current: list[int] = []

    def work(session: Session, ctx: ChangeContext) -> None:
        done.clear()  # a re-run of the transaction starts afresh
        for number, form in forms:
            current[:] = [number]
            done.append(LineResult(number, True, values=form.apply(session, ctx)))
            session.flush()  # a broken constraint belongs to this line

    try:
        write(work, "")
    except ParatError as error:
        # A line's own refusal, or the commit's (then the last line is named).
        return _all_refused(lines, {current[0] if current else lines[0][0]: error})
    return done


def _all_refused(
    lines: list[tuple[int, str | MalformedLine]], errors: Mapping[int, ParatError]
) -> list[LineResult]:
    """Every line's result when an atomic run writes nothing: the failing lines say
    why, the others that they were not written because of the first of them."""
    culprit = min(errors)
    why = f"not written: line {culprit} failed, and --atomic writes all the lines or none"
    code = int(errors[culprit].exit_code)
    return [
        _failed(number, errors[number])
        if number in errors
        else LineResult(number, False, code, why)
        for number, _ in lines
    ]
