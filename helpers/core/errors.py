"""The project error base: every crosspress error shows as one clear line in a notebook.

A notebook cell that raises a :class:`CrosspressError` (or any subclass) shows
``<ErrorClass>: <message>`` instead of a traceback: IPython calls ``_render_traceback_`` when an
exception defines it. The message itself names the file, field and reason, so the traceback
would only hide it. Outside IPython the exception behaves as any other.
"""

from __future__ import annotations

__all__ = ["CrosspressError"]


class CrosspressError(Exception):
    """Base of every project error; subclasses also derive from the builtin that fits
    (``ValueError`` for bad input, ``OSError`` for files, ``RuntimeError`` for a failed run)."""

    def _render_traceback_(self) -> list[str]:
        """IPython hook: the class name and the message, one line, no stack."""
        return [f"{type(self).__name__}: {self}"]
