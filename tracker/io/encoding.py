"""An import file's bytes as text: one encoding for the whole file.

UTF-8 (with or without BOM) when the whole file decodes as UTF-8; UTF-16 with its
BOM; cp1252 (what Danish Excel saves) only for a file that holds no UTF-8 multibyte
sequence at all. A file that holds UTF-8 sequences but is not UTF-8 throughout
(a UTF-8 file with cp1252 rows pasted in, or the other way round) is refused with
the line where UTF-8 breaks: read as cp1252, its UTF-8 letters would be stored
garbled ("Ã†ldre" for "Ældre"), and no single encoding reads it right.
"""

import re

from tracker.errors import InvalidInput

__all__ = ["decode"]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

#: One well-formed UTF-8 multibyte sequence (RFC 3629: no overlong forms, no
#: surrogates, nothing above U+10FFFF).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}"
    rb"|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _not_utf8(data: bytes, error: UnicodeDecodeError, why: str, why_da: str) -> InvalidInput:
    line = _line(data, error.start)
    return InvalidInput(
        f"line {line} is not UTF-8, but {why}: one file must have one encoding; "
        "save it again as UTF-8",
        danish=f"Linje {line} er ikke UTF-8, men {why_da}: en fil skal have én tegnkodning. "
        "Gem den igen som UTF-8.",
    )


def decode(data: bytes) -> str:
    """``data`` as text (see the module docstring); :class:`InvalidInput` otherwise."""
    if data.startswith(_UTF8_BOM):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as error:
            # The offset counts from after the BOM; the BOM holds no newline.
            raise _not_utf8(
                data[3:], error, "the file starts with a UTF-8 mark", "filen er mærket UTF-8"
            ) from None
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput(
                "the file is marked UTF-16 but is not UTF-16 text",
                danish="Filen er mærket UTF-16, men er ikke UTF-16-tekst.",
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _UTF8_MULTIBYTE.search(data) is not None:
            raise _not_utf8(
                data, error, "the file holds UTF-8 text elsewhere", "filen har UTF-8 andre steder"
            ) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = _line(data, error.start)
        raise InvalidInput(
            f"the file is neither UTF-8 nor cp1252 text (line {line})",
            danish=f"Filen er hverken UTF-8- eller cp1252-tekst (linje {line}).",
        ) from None
