"""Hjælp: the keys of every screen (those in force: the configured keymap) and the money
input rules."""

import re
from collections.abc import Mapping
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

__all__ = ["HELP", "HelpScreen", "help_text"]

#: The help, with each key named by its binding's id (``{app.quit}``), filled in with the
#: keys in force by :func:`help_text`.
HELP = """\
# Parat – hjælp

## Overalt
| Tast | Handling |
|---|---|
| {app.overblik} / {app.hypoteser} | Overblik / Hypoteser |
| {app.siden} / {app.budget} | Siden sidst / Budget |
| `ctrl+p` | Kommandopaletten: gå til en hypotese, skift fase, ny hypotese, eksportér … |
| {app.as_of} | Vis status pr. et øjebliksbillede eller en dato (kun visning) |
| {app.now} | Tilbage til nu (på Overblik og Siden sidst, når du ser fortiden) |
| {app.new} | Ny hypotese |
| {app.reload} | Genindlæs tallene fra databasen |
| {app.help} | Denne hjælp |
| {app.quit} | Afslut |

## Overblik
| Tast | Handling |
|---|---|
| {dashboard.export} | Eksportér status (md, html, pdf, xlsx, csv, json) til en fil |
| {dashboard.overlap} | Tilføj, ret eller fjern en dobbelttælling (dobbelttællingspanelets tal) |

## Siden sidst
Hvad er flyttet siden et øjebliksbillede (vælg i listen, nyeste først) eller en dato.

| Tast | Handling |
|---|---|
| {since.date} | Skriv en dato (12.02.2018) eller et øjebliksbilledes navn |

## Budget
Budgetopfølgningen pr. ramme (inden for og uden for servicerammen, pr. udvalg), de
udmøntede reduktioner pr. hypotese og det, der er besluttet, men ikke udmøntet.

| Tast | Handling |
|---|---|
| {budget.previous_year} / {budget.next_year} | Forrige / næste budgetår |

## Hypoteser
| Tast | Handling |
|---|---|
| {hypotheses.search} | Søg (kode, titel, område, ansvarlig) – filtrerer mens du skriver |
| {hypotheses.clear} | Fra søgefeltet tilbage til tabellen; ellers ryd søgning og filtre |
| {table.up} / {table.down} | Flyt markøren op / ned |
| {table.pageup} / {table.pagedown} | En side op / ned |
| {table.first} / {table.last} | Første / sidste hypotese |
| {table.open} eller dobbeltklik | Åbn hypotesen |
| {table.sort} | Sortér efter næste kolonne (eller klik på en kolonneoverskrift) |
| {table.reverse} | Vend rækkefølgen |
| {table.group} | Gruppér efter område med subtotaler (og en total nederst); igen: én liste |
| {hypotheses.drop} | Forkast den markerede hypotese (kræver en begrundelse) |

I et smalt vindue (80 kolonner) viser tabellen kode, titel, fase og de tre beløb hele;
Ændret, Ansvarlig og Område viges først, og linjen under tabellen nævner dem.

## Hypotese (detaljer)
| Tast | Handling |
|---|---|
| `Tab` / `shift+Tab` | Næste / forrige felt |
| {detail.fields} / {detail.figures} | Til felterne / til tallene (målårets potentiale) |
| {detail.up} {detail.down} i tallene | Samme slags tal et år før / efter |
| `Enter` | Gem feltet |
| {detail.save} | Gem alle ændrede felter |
| {detail.drop} | Forkast hypotesen (kræver en begrundelse) |
| {detail.leave} | Forlad feltet (ændringen bliver stående, ikke gemt) |
| {detail.back} | Tilbage til tabellen (spørger, hvis noget ikke er gemt) |
| `→` i Område / Ansvarlig | Tag forslaget (de værdier, programmet allerede bruger) |

I et felt er bogstaver tekst: {detail.fields}, {detail.figures} og {detail.drop} virker,
når du har forladt feltet med {detail.leave}. Tastelinjen nederst viser kun de taster,
der virker, hvor du er.

Et felt, du har ændret uden at gemme, har en **gul streg** i venstre kant; et ugyldigt
beløb en **rød streg** og fed tekst, med forklaringen under tallene.

Mens du redigerer et felt, følger resten af siden med databasen: ændrer en anden
ansvarlig, fase eller et andet års tal, ser du det inden for få sekunder, og en
besked siger, hvad der er ændret. Kun feltet, du redigerer, får lov at stå.

Ved hvert faseskift spørger Parat om en note og om den **beslutning**, skiftet bygger
på (fx "Chefgruppemøde 2, 12.03.2018"); den vises i historikken og i Siden sidst. Et
fasetrin **tilbage** eller til **Forkastet** kræver en begrundelse; resten kan udelades.

**Note** under tallene følger med de tal, du gemmer næste gang (som
`parat figure set --note`); `Enter` i noten gemmer alle ændrede tal.

## Beløb
Beløb skrives i **mio. kr.**, med komma eller punktum: `4,5` = 4.500.000 kr.
Andre enheder: `29 tkr` eller `29t` = 29.000 kr.; `4.500.000 kr` = 4.500.000 kr.
Et ugyldigt beløb vises med en forklaring ved feltet, og intet gemmes.

## Hvis en anden har ændret hypotesen
Parat gemmer aldrig oven i en andens ændring uden at spørge: har en anden ændret
**det samme felt**, ser du begge værdier og vælger at **genindlæse** (din ændring
droppes) eller at **overskrive** bevidst. Har en anden ændret andre felter, gemmes din
ændring oven i, og deres ændringer bliver stående.

## Ny hypotese
Dialogen starter i Kode med næste ledige kode markeret: skriv en anden kode, eller tryk
`Tab` for at beholde den. Område og Ansvarlig foreslår de værdier, der allerede er i
brug (`→` tager forslaget).
"""


_KEY = re.compile(r"\{([a-z-]+\.[a-z_-]+)\}")


def help_text(app: App[object], keymap: Mapping[str, str]) -> str:
    """:data:`HELP` with the keys in force (``keymap`` over the bindings' own keys)."""
    from tui.keymap import bindings_by_id, keys_shown

    bindings = bindings_by_id()

    def keys(match: re.Match[str]) -> str:
        shown = keys_shown(app, bindings[match[1]], keymap)
        return " eller ".join(f"`{key}`" for key in shown)

    return _KEY.sub(keys, HELP)


class HelpScreen(ModalScreen[None]):
    """The keys and the rules, closed with Escape, ``q`` or ``?``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Luk", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Markdown(help_text(self.app, getattr(self.app, "keymap_in_force", {})))
