"""Hjælp: the keys of every screen and the money input rules."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

__all__ = ["HELP", "HelpScreen"]

HELP = """\
# Parat – hjælp

## Overalt
| Tast | Handling |
|---|---|
| `1` / `2` / `3` | Overblik / Hypoteser / Siden sidst |
| `ctrl+p` | Kommandopaletten: gå til en hypotese, skift fase, ny hypotese, eksportér … |
| `a` | Vis status pr. et øjebliksbillede eller en dato (kun visning) |
| `Esc` | Tilbage til nu (på Overblik og Siden sidst, når du ser fortiden) |
| `n` | Ny hypotese |
| `r` | Genindlæs tallene fra databasen |
| `?` eller `F1` | Denne hjælp |
| `q` | Afslut |

## Overblik
| Tast | Handling |
|---|---|
| `e` | Eksportér status (md, html, pdf, xlsx, csv, json) til en fil |

## Siden sidst
Hvad er flyttet siden et øjebliksbillede (vælg i listen, nyeste først) eller en dato.

| Tast | Handling |
|---|---|
| `/` | Skriv en dato (12.02.2018) eller et øjebliksbilledes navn |

## Hypoteser
| Tast | Handling |
|---|---|
| `/` | Søg (kode, titel, område, ansvarlig) – filtrerer mens du skriver |
| `Esc` | Fra søgefeltet tilbage til tabellen; ellers ryd søgning og filtre |
| `↑` `↓` `PgUp` `PgDn` `g` `G` | Flyt markøren |
| `Enter` eller dobbeltklik | Åbn hypotesen |
| `s` / `S` | Sortér efter næste kolonne / vend rækkefølgen (eller klik på en kolonneoverskrift) |
| `d` | Forkast den markerede hypotese (kræver en begrundelse) |

## Hypotese (detaljer)
| Tast | Handling |
|---|---|
| `Tab` / `shift+Tab` | Næste / forrige felt |
| `f` / `t` | Til felterne / til tallene (målårets potentiale) |
| `↑` `↓` i tallene | Samme slags tal et år før / efter |
| `Enter` | Gem feltet |
| `ctrl+s` | Gem alle ændrede felter |
| `d` | Forkast hypotesen (kræver en begrundelse) |
| `Esc` | Tilbage til tabellen (spørger, hvis noget ikke er gemt) |

Et fasetrin **tilbage** eller til **Forkastet** kræver en begrundelse; Parat spørger.

## Beløb
Beløb skrives i **mio. kr.**, med komma eller punktum: `4,5` = 4.500.000 kr.
Andre enheder: `29 tkr` eller `29t` = 29.000 kr.; `4.500.000 kr` = 4.500.000 kr.
Et ugyldigt beløb vises med en forklaring ved feltet, og intet gemmes.

## Hvis en anden har ændret hypotesen
Parat gemmer aldrig oven i en andens ændring uden at spørge: du ser begge værdier og
vælger at **genindlæse** (din ændring droppes) eller at **overskrive** bevidst.
"""


class HelpScreen(ModalScreen[None]):
    """The keys and the rules, closed with Escape, ``q`` or ``?``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Luk", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Markdown(HELP)
