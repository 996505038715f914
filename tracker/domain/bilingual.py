"""A value the pure domain refuses, said in English and in Danish.

The domain imports no translation machinery: each refusal carries both lines, written
side by side where it is raised (as :class:`tracker.errors.ParatError` does for the
services). ``str(error)`` is the English line, :attr:`BilingualError.danish` the
Danish one; a front end shows the one its reader speaks.
"""

__all__ = ["BilingualError", "danish_of", "sentence"]


class BilingualError(ValueError):
    """A refused value: ``str(error)`` in English, :attr:`danish` in Danish."""

    def __init__(self, message: str, danish: str) -> None:
        super().__init__(message)
        self.danish = danish
        """The line in Danish."""


def danish_of(error: BaseException) -> str:
    """The Danish line of ``error`` (its English one when it carries none)."""
    return getattr(error, "danish", None) or str(error)


def sentence(text: str) -> str:
    """``text`` as a sentence of its own: a capital first letter, a closing period
    (a refusal's reason, written to follow a colon, standing alone as a line)."""
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
