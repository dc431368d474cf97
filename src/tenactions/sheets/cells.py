"""Cells shared by import and export: the export's columns and formula neutralisation."""

from __future__ import annotations

#: The columns of every export, in order.
EXPORT_COLUMNS = (
    "id", "uid", "target", "date", "amount", "district", "by", "note", "ref", "source",
    "amends", "void", "void_reason", "created_at",
)  # fmt: skip

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Make text safe for a spreadsheet cell: prefix ``'`` if it could start a formula.

    Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what
    spreadsheets evaluate (OWASP "CSV injection"). Text that already begins with apostrophes
    before such a character gets one more, so that :func:`unneutralise` restores any text.
    """
    if text.lstrip("'").startswith(_FORMULA_START):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: drop one ``'`` that stands before a formula character."""
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text
