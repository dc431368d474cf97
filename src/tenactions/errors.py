"""The one exception family the CLI translates into a message and an exit code.

Everything a user can cause (a bad file, a mistyped target, a busy database) raises a
subclass of :class:`TenactionsError`; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class TenactionsError(Exception):
    """A failure caused by input or environment, with a message fit for the user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        """The message as the lines to print on stderr."""
        return self.message.splitlines() or [self.message]


class InputError(TenactionsError):
    """A command argument or option that cannot be used (amount, date, target, district)."""


class ProgrammeError(TenactionsError):
    """A programme file that cannot be used: one line per problem, ``file:line:col: where: what``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class ImportFileError(TenactionsError):
    """A spreadsheet that cannot be imported: one line per bad row."""

    def __init__(self, path: str, problems: list[str], total_bad: int | None = None) -> None:
        shown = problems
        lines = [*shown]
        more = (total_bad or len(problems)) - len(shown)
        if more > 0:
            lines.append(f"{path}: … and {more} more bad rows")
        super().__init__("\n".join(lines))
        self.problems = problems


class StoreError(TenactionsError):
    """The database cannot be opened, read or written (corrupt, busy, read-only, newer schema)."""


class BusyError(StoreError):
    """Another process held the database past the busy timeout."""


class ThresholdReached(TenactionsError):
    """``--fail-on``: the output was printed, but a target is at or below the given status."""

    exit_code = 3
