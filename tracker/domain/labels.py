"""The Danish words people read for Parat's measures, figure kinds and fields.

One table for every surface (the CLI, the terminal UI, the exports and their
templates), so that a measure has the same name wherever it is shown. The stages'
labels live with the stages (:mod:`tracker.domain.stages`).
"""

__all__ = [
    "ACTION_LABELS",
    "ADDED",
    "AMOUNT",
    "AREA",
    "BASELINE_EXPLAINED",
    "BENEFIT_TYPE",
    "BUCKET",
    "BUCKETS",
    "BUDGETED",
    "BUDGET_CHANGES",
    "BUDGET_COLUMNS",
    "BUDGET_FOLLOW_UP",
    "BUDGET_KIND_LABELS",
    "BUDGET_SHORT_COLUMNS",
    "CHANGE",
    "CODE",
    "CONFIDENCE",
    "COUNT",
    "CUTS",
    "CUTS_NOTE",
    "CUT_CHANGES",
    "DECIDED",
    "DECISION",
    "DESCRIPTION",
    "DROPPED",
    "EXPECTED",
    "FIELD_LABELS",
    "FIGURE_CHANGES",
    "FIGURE_KINDS",
    "GAP",
    "GAP_EXPLAINED",
    "GROSS",
    "HYPOTHESES",
    "INDEPENDENT",
    "INSIDE_SERVICERAMME",
    "INVESTMENT",
    "INVESTMENT_TOTAL",
    "IN_MIO",
    "KIND_LABELS",
    "MEASURE_HINTS",
    "MEASURE_LABELS",
    "NET",
    "NETTO",
    "NET_NOTE",
    "NOTE",
    "NOT_COUNTED",
    "NOW",
    "NO_AREA",
    "NO_CUTS",
    "NO_FIGURE_CHANGES",
    "NO_STAGE_MOVES",
    "NO_UDVALG",
    "NO_WARNINGS",
    "OTHER_BENEFITS",
    "OUTSIDE_SERVICERAMME",
    "OVERLAP",
    "OVERLAPS",
    "OVERLAP_CHANGES",
    "OVERLAP_GROSS_NOTE",
    "OVERLAP_NOTE",
    "OVERLAP_NOT_COUNTED",
    "OVERVIEW",
    "OWNER",
    "PIPELINE",
    "POTENTIAL",
    "PROGRESS_MEASURE",
    "RAMME",
    "RAMMER",
    "RANGE_LABELS",
    "REALISED",
    "RISK",
    "RISK_EXPECTED",
    "RISK_NOTE",
    "RISK_P_FULL",
    "RISK_P_LABEL",
    "RISK_P_TARGET",
    "RISK_REACHED",
    "RISK_REACHED_LABEL",
    "RISK_REACHED_SHORT",
    "RISK_TOGETHER_REACHED",
    "SETTING_LABELS",
    "SIGN_NOTE",
    "SINCE",
    "SLIPPAGE_EXPLAINED",
    "SOURCE_LABELS",
    "STAGE",
    "STAGES",
    "STAGE_MOVES",
    "SURPLUS",
    "TARGET",
    "THEN",
    "TITLE",
    "TOGETHER",
    "TOTAL",
    "TRAJECTORY",
    "UDVALG",
    "UNASSIGNED",
    "VALIDATED",
    "VALIDATIONS",
    "VALIDATION_NOTE",
    "VALUE_NAMES",
    "VERDICT_LABELS",
    "WARNINGS",
    "WARNING_KINDS",
    "WEIGHT",
    "WEIGHTED",
    "WEIGHTED_NOTE",
    "WHO",
    "YEAR",
    "action_label",
    "source_label",
    "value_name",
]

# The measures of the status (in the order a reader goes from the goal to the hoped-for).
TARGET = "Mål"
"""The programme's target (mål) for the target year."""
REALISED = "Realiseret"
"""Realised gain (realiseret gevinst) in the target year."""
VALIDATED = "Valideret"
"""Realised gain that the finance department (Økonomi) has validated against the
accounts (the figure standing, approved)."""
DECIDED = "Besluttet"
"""Potential of hypotheses that are decided or later."""
BUDGETED = "Udmøntet"
"""The reductions written into the rammer's budgets for the target year (udmøntet)."""
WEIGHTED = "Vægtet"
"""Potential × weight (stage weight or confidence)."""
PIPELINE = "Pipeline"
"""All potential in the target year."""
GAP = "Mangler"
"""Target − weighted."""
GAP_EXPLAINED = f"{GAP} (mål − vægtet)"
"""The gap with its definition, where a table has room for it."""
INVESTMENT = "Investering"
"""One-off cost (investering)."""
NET = "Netto"
"""Potential − investment, per year."""
POTENTIAL = "Potentiale"
"""The expected gain (gevinstpotentiale), a figure kind."""
BASELINE_EXPLAINED = "Basislinje (besluttet)"
"""The decided pipeline as it stood when each hypothesis was decided."""
SLIPPAGE_EXPLAINED = "Skred (pipeline − basislinje)"
"""How much a decided gain has eroded."""

#: Measure key (as in the status's ``*_kr`` fields) → its label.
MEASURE_LABELS: dict[str, str] = {
    "target": TARGET,
    "realised": REALISED,
    "validated": VALIDATED,
    "budgeted": BUDGETED,
    "decided": DECIDED,
    "weighted": WEIGHTED,
    "pipeline": PIPELINE,
    "gap": GAP,
    "investment": INVESTMENT,
    "net": NET,
}

#: The figure kinds (potential, realised, investment) → their labels, in the order
#: every table shows them.
KIND_LABELS: dict[str, str] = {
    "potential": POTENTIAL,
    "realised": REALISED,
    "investment": INVESTMENT,
}
#: The kinds of figure a hypothesis has per year.
FIGURE_KINDS: tuple[str, ...] = tuple(KIND_LABELS)
#: The figures of a potential's range (trepunktsestimat) → their labels.
RANGE_LABELS: dict[str, str] = {"low": "Minimum", "high": "Maksimum"}

#: Measure key → what it is, in a few words (the hint beside a headline figure).
MEASURE_HINTS: dict[str, str] = {
    "realised": "høstet i målåret",
    "validated": "realiseret og godkendt af Økonomi",
    "budgeted": "skrevet ind i budgettet for målåret",
    "decided": "potentiale besluttet eller senere",
    "weighted": "potentiale × fasens vægt",
    "pipeline": "alt potentiale i målåret",
    "gap": "mål − vægtet",
}
INVESTMENT_TOTAL = f"{INVESTMENT} i alt"
"""All investments of the programme's years."""
SURPLUS = "Overskud"
"""What is left over when the buckets are full (waterfall)."""
UNASSIGNED = "Ikke fordelt"
"""The hypotheses without an earmark (earmarked buckets)."""
WEIGHTED_NOTE = "Vægtet = pipeline × vægt (fasens vægt eller en angivet sikkerhed)."
NET_NOTE = "Netto = potentiale − investering."
IN_MIO = "Beløb i mio. kr."

# Words of tables and forms.
NO_AREA = "(uden område)"
"""The group of the hypotheses that have no area (område)."""
CODE = "Kode"
TITLE = "Titel"
AREA = "Område"
OWNER = "Ansvarlig"
STAGE = "Fase"
BUCKET = "Pulje"
WEIGHT = "Vægt"
CONFIDENCE = "Sikkerhed"
DESCRIPTION = "Beskrivelse"
COUNT = "Antal"
YEAR = "År"
TOTAL = "I alt"
THEN = "Før"
NOW = "Nu"
CHANGE = "Ændring"
AMOUNT = "Beløb"
WHO = "Hvem"
NOTE = "Note"
DECISION = "Beslutning"
"""The decision a stage move rests on ("Chefgruppemøde 2, 12.03.2018")."""

# Headings of the status and of "Siden sidst" (the report, the CLI, the UI).
OVERVIEW = "Overblik"
BUCKETS = "Puljer"
STAGES = "Faser"
TRAJECTORY = "Forløb mod årsvirkningen"
HYPOTHESES = "Hypoteser"
WARNINGS = "Advarsler"
NO_WARNINGS = "Ingen advarsler."
SINCE = "Siden sidst"
STAGE_MOVES = "Faseskift"
NO_STAGE_MOVES = "Ingen faseskift."
FIGURE_CHANGES = "Ændrede tal"
NO_FIGURE_CHANGES = "Ingen ændrede tal."
ADDED = "Nye hypoteser"
DROPPED = "Forkastede hypoteser"
OTHER_BENEFITS = "Øvrige gevinster (tæller ikke med i målet)"
"""The gains of the benefit types that do not count toward the target."""
BENEFIT_TYPE = "Gevinsttype"

# Double counting (dobbelttælling): brutto, the overlaps, netto.
GROSS = "Brutto"
"""A measure before the overlaps are taken off: the hypotheses' sum."""
OVERLAP = "Dobbelttælling"
"""What the overlaps take off a measure; one overlap."""
NETTO = "Netto"
"""A measure after the overlaps are taken off (what the status counts)."""
OVERLAPS = "Dobbelttællinger"
"""The heading of the overlaps' list."""
OVERLAP_CHANGES = "Ændrede dobbelttællinger"
"""The heading of the overlaps that changed between two moments."""
OVERLAP_NOTE = (
    "Netto = brutto − dobbelttælling. En dobbelttælling trækkes fra, når alle dens "
    "hypoteser tæller med: i vægtet med den laveste vægt blandt dem, i besluttet når "
    "alle er besluttet, i realiseret når alle har realiseret (højst den mindstes beløb)."
)
OVERLAP_GROSS_NOTE = "Faserne og hypotesernes egne tal er brutto."
"""Where the overlaps are not taken off: the funnel and each hypothesis's row."""
OVERLAP_NOT_COUNTED = "tæller ikke"
NOT_COUNTED = "tæller ikke med i målet"
"""A hypothesis whose benefit type does not count toward the target."""
"""An overlap with fewer than two hypotheses that count (dropped, or another type)."""

# Validation (validering) of realised figures by the finance department.
PROGRESS_MEASURE = "Fremdriften måles på"
"""Before the measure the progress bars read (realiseret or valideret)."""
VALIDATIONS = "Valideringer"
"""The heading of the validations (the detail screen, Siden sidst)."""
#: A validation's verdict → its Danish word.
VERDICT_LABELS: dict[str, str] = {"approved": "godkendt", "rejected": "afvist"}
VALIDATION_NOTE = (
    "Valideret = realiseret, som Økonomi har godkendt mod regnskabet; et ændret "
    "realiseret tal skal valideres igen. Fremdriften måles på det validerede, når "
    "programmet har valideringer, ellers på det realiserede."
)
"""Under the measures: what validated is and which one the progress reads."""

# How sure are we (the risk section of the report, the dashboard's panel). The CLI
# says the same through its catalogue; a test holds the two equal.
RISK = "Hvor sikre er vi?"
EXPECTED = "Forventet værdi"
"""Σ weight × (minimum + 4 × potential + maksimum) / 6, exact."""
INDEPENDENT = "Uafhængige"
"""Each hypothesis comes true on its own (the main figures)."""
TOGETHER = "Samvarierende"
"""The hypotheses come true and fall short together (the widest spread)."""
RISK_EXPECTED = EXPECTED + ": {amount}"
RISK_P_TARGET = "Sandsynlighed for at nå {target}: {p} (samvarierende: {together})"
RISK_REACHED = "Beløb der nås med {pct} % sandsynlighed: {amount}"
RISK_TOGETHER_REACHED = "Samvarierende, beløb der nås med {pcts} % sandsynlighed: {amounts} {unit}"
RISK_P_LABEL = "Sandsynlighed for at nå målet"
RISK_REACHED_LABEL = "Nås med {pct} % sandsynlighed"
RISK_P_FULL = "Fuld pulje"
"""The probability that a bucket is filled to its target."""
RISK_REACHED_SHORT = "Nås med {pct} %"
RISK_NOTE = (
    "Beregnet med {draws} simulationer, seed {seed}. Uafhængige: hver hypotese indfries "
    "for sig med sin vægt som sandsynlighed; samvarierende: hypoteserne indfries og "
    "svigter sammen (den bredeste spredning)."
)

#: A warning's stable code → what kind of warning it is, in a few words (where many
#: warnings are counted by kind).
WARNING_KINDS: dict[str, str] = {
    "missing-potential": "intet potentiale",
    "no-owner": "ingen ansvarlig",
    "realised-above-potential": "realiseret over potentialet",
    "stale": "ikke opdateret længe",
    "bucket-targets-mismatch": "puljernes mål passer ikke",
    "earmark-ignored": "øremærkning ignoreret",
    "decided-not-budgeted": "besluttet, ikke udmøntet",
    "budgeted-above-potential": "udmøntet over potentialet",
    "budgeted-not-decided": "udmøntet, ikke besluttet",
    "overlap-above-member-potential": "dobbelttælling over potentialet",
}

#: A hypothesis's fields → their labels (form fields, the history of changes).
FIELD_LABELS: dict[str, str] = {
    "title": TITLE,
    "area": AREA,
    "owner": OWNER,
    "description": DESCRIPTION,
    "stage": STAGE,
    "bucket": BUCKET,
    "confidence_pct": CONFIDENCE,
    "benefit_type": BENEFIT_TYPE,
}

#: A checked value's name as the subject of a Danish error line ("Titel må ikke være
#: tom", "Beløbet: ikke et beløb"): definite where Danish wants it.
VALUE_NAMES: dict[str, str] = {
    "amount": "Beløbet",
    **KIND_LABELS,
    "target": "Målet",
    "title": TITLE,
    "area": AREA,
    "owner": OWNER,
    "description": DESCRIPTION,
    "note": "Noten",
    "decision": "Beslutningen",
    "reference": "Referencen",
    "validators": "Validatorerne",
    "name": "Navnet",
    "confidence": CONFIDENCE,
    "actor": "Navnet på den, der ændrer",
    "udvalg": "Udvalget",
    "original": "Oprindeligt budget",
    "supplementary": "Tillægsbevillinger og omplaceringer",
    "carried": "Overførsler",
    "actual": "Forbrug",
    "forecast": "Forventet regnskab",
}


def value_name(what: str) -> str:
    """``title`` → ``Titel`` (the name itself when there is no Danish one)."""
    return VALUE_NAMES.get(what, what)


# -- The audit log for people (the spreadsheet's Historik sheet) -------------------
#: An event's action → what happened, in Danish.
ACTION_LABELS: dict[str, str] = {
    "programme.create": "Program oprettet",
    "programme.set": "Program ændret",
    "bucket.add": "Pulje oprettet",
    "bucket.set": "Pulje ændret",
    "hypothesis.add": "Hypotese oprettet",
    "hypothesis.set": "Hypotese ændret",
    "hypothesis.drop": "Hypotese forkastet",
    "figure.set": "Tal ændret",
    "snapshot.add": "Øjebliksbillede navngivet",
    "snapshot.rename": "Øjebliksbillede omdøbt",
    "snapshot.delete": "Øjebliksbillede slettet",
    "overlap.add": "Dobbelttælling oprettet",
    "overlap.set": "Dobbelttælling ændret",
    "overlap.drop": "Dobbelttælling fjernet",
    "ramme.add": "Ramme oprettet",
    "ramme.set": "Ramme ændret",
    "budget.set": "Budgettal ændret",
    "budget.cut": "Udmøntning registreret",
    "budget.uncut": "Udmøntning trukket tilbage",
    "figure.validate": "Realiseret tal valideret",
}

#: Where a change was made → its Danish name (``import:<file>`` is "Import af <file>").
SOURCE_LABELS: dict[str, str] = {
    "cli": "Kommandolinje",
    "tui": "Skærmbillede",
    "batch": "Batch",
    "api": "Python-API",
    "demo": "Eksempeldata",
}

#: The programme's and buckets' fields in the log, besides the hypotheses' ones.
SETTING_LABELS: dict[str, str] = {
    "name": "Navn",
    "target_kr": "Mål",
    "target_year": "Målår",
    "first_year": "Første år",
    "last_year": "Sidste år",
    "display_unit": "Visningsenhed",
    "display_decimals": "Decimaler",
    "allocation": "Fordeling",
    "priority": "Prioritet",
    "members": HYPOTHESES,
    "amount_kr": AMOUNT,
    "note": NOTE,
    "validators": "Validatorer",
    "udvalg": "Udvalg",
    "serviceramme": "Serviceramme",
}

# -- The budget follow-up (budgetopfølgning) and udmøntning -----------------------
BUDGET_FOLLOW_UP = "Budgetopfølgning"
RAMME = "Ramme"
RAMMER = "Rammer"
UDVALG = "Udvalg"
NO_UDVALG = "(uden udvalg)"
"""The group of the rammer that name no udvalg."""
INSIDE_SERVICERAMME = "Inden for servicerammen"
OUTSIDE_SERVICERAMME = "Uden for servicerammen"
DECISION = "Beslutning"
CUTS = "Udmøntninger"
NO_CUTS = "Ingen udmøntninger."
SIGN_NOTE = "Minus angiver mindreforbrug, plus merforbrug."
"""Under every table of budget figures (the Danish sign convention)."""
CUTS_NOTE = "Udmøntet vises som minus: det er en reduktion af rammens budget."
BUDGET_CHANGES = "Ændrede budgettal"
CUT_CHANGES = "Ændrede udmøntninger"

#: A ramme's budget figures → their labels, in the order every table shows them.
BUDGET_KIND_LABELS: dict[str, str] = {
    "original": "Oprindeligt budget",
    "supplementary": "Tillægsbevillinger og omplaceringer (net)",
    "carried": "Overførsler fra forrige år",
    "actual": "Forbrug / regnskab",
    "forecast": "Forventet regnskab",
}
#: The columns of the follow-up (``*_kr`` key without ``_kr`` → its heading).
BUDGET_COLUMNS: dict[str, str] = {
    "original": "Oprindeligt budget",
    "supplementary": "Tillæg og omplaceringer",
    "carried": "Overførsler",
    "corrected": "Korrigeret budget",
    "actual": "Forbrug",
    "forecast": "Forventet regnskab",
    "deviation": "Afvigelse til korrigeret",
    "deviation_original": "Afvigelse til oprindeligt",
    "cuts": "Udmøntet",
}
#: The same columns in a terminal's width.
BUDGET_SHORT_COLUMNS: dict[str, str] = {
    "original": "Opr. budget",
    "supplementary": "Tillæg",
    "carried": "Overført",
    "corrected": "Korr. budget",
    "actual": "Forbrug",
    "forecast": "Forventet",
    "deviation": "Afv. korr.",
    "deviation_original": "Afv. opr.",
    "cuts": "Udmøntet",
}


def action_label(action: str) -> str:
    """``snapshot.add`` → ``Øjebliksbillede navngivet`` (the action itself if unknown)."""
    return ACTION_LABELS.get(action, action)


def source_label(source: str) -> str:
    """``cli`` → ``Kommandolinje``; ``import:plan.csv`` → ``Import af plan.csv``."""
    kind, _, detail = source.partition(":")
    if kind == "import":
        return f"Import af {detail}" if detail else "Import"
    return SOURCE_LABELS.get(source, source)
