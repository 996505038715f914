"""The natural order of hypothesis codes: B2 before B10, as a reader counts.

One sort key, used wherever codes are listed (status, lists, exports, the UI's table,
"Siden sidst"), so every surface shows the same order.
"""

import re

__all__ = ["code_key"]

_PARTS = re.compile(r"(\d+)")


def code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that compares the digit runs of ``code`` as numbers and the rest
    case-insensitively: "B2" < "b10" < "B10a"."""
    parts: list[tuple[int, int | str]] = []
    for i, part in enumerate(_PARTS.split(code)):
        if i % 2:
            parts.append((1, int(part)))
        elif part:
            parts.append((0, part.casefold()))
    # A shorter code sorts before its extensions (B10 < B10a); the code breaks ties.
    parts.append((-1, code))
    return tuple(parts)
