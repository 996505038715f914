"""The meeting pack as PDF for a programme of 22 hypotheses, built through the CLI
(``demo``, a snapshot, six more hypotheses, stage moves and figures a month later,
then ``export --format pdf --since``), read back with pypdf: how many pages, what the
first two hold, how full each page is, and that no word is broken across lines."""

import re
from pathlib import Path
from typing import Any

import pytest

SNAPSHOT = "Chefgruppemøde 1"
DECISION = "Chefgruppemøde 2, 12.03.2018"
FEB, MAR = "2018-02-12T09:00:00Z", "2018-03-12T09:00:00Z"
#: Six more hypotheses: long titles, long area names (the words that once broke).
MORE = (
    ("H17", "Samordnet befordring på tværs af Uddannelsesområdet og Socialområdet",
     "Uddannelsesområdet", "Mette Holm"),
    ("H18", "Digitale arbejdsgange i Borgerservice og Ydelsesadministrationen",
     "Borgerservice", "Jens Kjær"),
    ("H19", "Færre tomme pladser i specialtilbud", "Socialområdet", "Lone Bech"),
    ("H20", "Fælles administration af skolerne", "Uddannelsesområdet", "Henrik Thomsen"),
    ("H21", "Optimering af vejbelysningen", "Teknik og miljø", "Susanne Lund"),
    ("H22", "Bedre udnyttelse af idrætsfaciliteterne", "Kultur- og fritidsområdet",
     "Anders Friis"),
)  # fmt: skip


def _pack(cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *, many: bool) -> Path:
    """The pack's PDF; ``many``: every hypothesis's 2017 and 2018 potential changes too
    (a long "Siden sidst")."""

    def run(now: str, *args: str) -> None:
        monkeypatch.setenv("PARAT_NOW", now)
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)

    run(FEB, "demo", "--no-tui")
    run(FEB, "snapshot", "add", SNAPSHOT)
    for code, title, area, owner in MORE:
        run(MAR, "hypothesis", "add", code, "--title", title, "--area", area, "--owner", owner)
    run(MAR, "hypothesis", "set", "H05", "--stage", "decided", "--decision", DECISION)
    run(MAR, "hypothesis", "set", "H03", "--stage", "decided")
    run(MAR, "figure", "set", "H17", "2018", "--potential", "3,5")
    run(MAR, "figure", "set", "H20", "2018", "--potential", "2")
    if many:
        for n in range(1, 23):
            run(MAR, "figure", "set", f"H{n:02}", "2017", "--potential", f"1,{n:02}")
            run(MAR, "figure", "set", f"H{n:02}", "2018", "--potential", f"2,{n:02}")
    path = tmp_path / "pack.pdf"
    run(MAR, "export", "--format", "pdf", "--output", str(path), "--since", SNAPSHOT)
    return path


def _words(cli: Any) -> set[str]:
    """Every word of the titles, areas and owners, and the bucket names."""
    result = cli("status", "--json")
    assert result.exit_code == 0, result.stderr
    import json

    data = json.loads(result.stdout)
    texts = [h[k] for h in data["hypotheses"] for k in ("title", "area", "owner")]
    texts += [b["name"] for b in data["buckets"]]
    return {w for text in texts for w in re.findall(r"\w+", text)}


def _lowest_text(page: Any) -> float:
    """The lowest baseline of the page's text above the footer, in points from the top."""
    height = float(page.mediabox.height)
    lowest = 0.0

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        nonlocal lowest
        y = height - float(tm[5]) * float(cm[3]) - float(cm[5])
        if text.strip() and y < height - 40:  # the footer sits 11 mm from the bottom
            lowest = max(lowest, y)

    page.extract_text(visitor_text=visit)
    return lowest


@pytest.mark.parametrize("many", [False, True], ids=["meeting", "long-since"])
def test_the_pack_fits_a4_portrait(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, many: bool
) -> None:
    from pypdf import PdfReader

    reader = PdfReader(_pack(cli, monkeypatch, tmp_path, many=many))
    pages = reader.pages
    texts = [p.extract_text() for p in pages]
    assert len(pages) <= (5 if many else 4), len(pages)
    for page in pages:  # A4 portrait, every page
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )

    first_two = texts[0] + "\n" + texts[1]
    heading = f"Siden {SNAPSHOT} (12.02.2018 kl. 10:00) til 12.03.2018"
    for wanted in (heading, "Overblik", "MÅL", "VÆGTET", "Puljer", "Faser",
                   "Forløb mod årsvirkningen", "Faldende driftsbalance"):  # fmt: skip
        assert wanted in first_two, wanted
    assert texts[0].index(heading) < texts[0].index("Overblik")
    # The stage moves come first, with their decision (wrapped at its words).
    h05 = next(line for line in texts[0].splitlines() if line.startswith("H05 "))
    assert "Beslutning" in texts[0] and "Chefgruppemøde 2," in h05, h05
    headings = first_two.splitlines()
    order = [headings.index(h) for h in ("Overblik", "Puljer", "Faser", "Forløb mod årsvirkningen")]
    assert order == sorted(order), order
    # The buckets' table is whole on one page: its header, every bucket and its total.
    puljer = next(t for t in texts if "Puljer" in t)
    assert all(name in puljer for name in ("Mål Pipeline", "Overskud", "Politisk prioritering"))
    if many:  # the changed figures follow the trajectory, so the status fits
        assert "Siden sidst: Ændrede tal" in "\n".join(texts[1:])
    else:
        assert "Ændrede tal" in first_two

    for n, page in enumerate(pages[:-1], 1):
        fill = _lowest_text(page) / float(page.mediabox.height)
        assert fill >= 1 / 3, (n, fill)

    words = _words(cli)
    broken = {
        token
        for text in texts
        for token in re.findall(r"\w+…?", text)
        if token.rstrip("…") not in words
        and len(token.rstrip("…")) >= 3
        and any(w.startswith(token.rstrip("…")) and w != token for w in words if len(w) >= 8)
    }
    assert not broken, broken
    assert "Uddannelsesområdet" in "\n".join(texts)
