"""The one exception family the CLI translates into a message and an exit code.

Everything a user can cause (a bad file, a mistyped target, a busy database) raises a
subclass of :class:`TenactionsError`; anything else is a bug and keeps its traceback. An
error carries catalogue messages (:class:`~tenactions.messages.Msg`: an id and parameters),
formatted once, at the exit point, in the chosen language.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence

from tenactions.messages import Msg, render


class Lines(Msg):
    """Several catalogue messages, one per line (an error's whole text, for ``str()``)."""

    def __init__(self, items: Sequence[Msg]) -> None:
        super().__init__("", items=list(items))

    def render(self, lang: str) -> str:
        items: list[Msg] = self.params["items"]  # type: ignore[assignment]
        return "\n".join(render(item, lang) for item in items)


class ValueProblem(ValueError):
    """A value that cannot be read, with its catalogue message (the caller says where)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.text = message


class TenactionsError(Exception):
    """A failure caused by input or environment, with a message fit for the user."""

    exit_code = 1

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.text = message

    def texts(self) -> list[Msg]:
        """The message, one item per line to print on stderr."""
        return [self.text]

    def lines(self, lang: str = "en") -> list[str]:
        """The message as the lines to print on stderr, in ``lang``."""
        return [render(text, lang) for text in self.texts()]


class InputError(TenactionsError):
    """A command argument or option that cannot be used (amount, date, target, district)."""


class NoLedger(InputError):
    """The database is there but holds no ledger yet (a server's; a file's is found before)."""


class Refusals(InputError):
    """Several reasons, one line each, why an input is refused."""

    def __init__(self, reasons: list[Msg]) -> None:
        super().__init__(Lines(reasons))
        self.reasons = reasons

    def texts(self) -> list[Msg]:
        return list(self.reasons)


class ProgrammeError(TenactionsError):
    """A programme file that cannot be used: one line per problem, ``file:line:col: where: what``."""

    def __init__(self, problems: list[Msg]) -> None:
        super().__init__(Lines(problems))
        self.problems = problems

    def texts(self) -> list[Msg]:
        return list(self.problems)


class ImportFileError(TenactionsError):
    """A spreadsheet that cannot be imported: one line per bad row."""

    def __init__(self, path: str, problems: Sequence[Msg], total_bad: int | None = None) -> None:
        lines: list[Msg] = [*problems]
        more = (total_bad or len(problems)) - len(problems)
        if more > 0:
            lines.append(Msg("more_bad_rows", file=path, n=more))
        super().__init__(Lines(lines))
        self.problems = problems
        self._lines = lines

    def texts(self) -> list[Msg]:
        return list(self._lines)


class StoreError(TenactionsError):
    """The database cannot be opened, read or written (corrupt, busy, read-only, newer schema)."""


class StoreProblems(StoreError):
    """What a check of the ledger found, one line each."""

    def __init__(self, problems: list[Msg]) -> None:
        super().__init__(Lines(problems))
        self.problems = problems

    def texts(self) -> list[Msg]:
        return list(self.problems)


class BusyError(StoreError):
    """Another process held the database past the busy timeout."""


class ThresholdReached(TenactionsError):
    """``--fail-on``: the output was printed, but a target is at or below the given status."""

    exit_code = 3


#: What the system's errors mean, said by their number (errno), not by the C library's text,
#: which is English whatever the chosen language: each is a catalogue id (``os_*``).
_OS_REASONS = {
    errno.ENOENT: "os_enoent",
    errno.EACCES: "os_eacces",
    errno.EPERM: "os_eacces",
    errno.ENOSPC: "os_enospc",
    errno.EDQUOT: "os_edquot",
    errno.EISDIR: "os_eisdir",
    errno.ENOTDIR: "os_enotdir",
    errno.EROFS: "os_erofs",
    errno.EIO: "os_eio",
    errno.ENAMETOOLONG: "os_enametoolong",
    errno.EEXIST: "os_eexist",
    errno.EFBIG: "os_efbig",
    errno.ELOOP: "os_eloop",
    errno.ENXIO: "os_enodev",
    errno.ENODEV: "os_enodev",
    errno.EBUSY: "os_ebusy",
    errno.ETXTBSY: "os_etxtbsy",
    errno.EMFILE: "os_emfile",
    errno.ENFILE: "os_emfile",
    errno.EBADF: "os_ebadf",
    errno.EPIPE: "os_epipe",
    errno.EINVAL: "os_einval",
}


def os_reason(exc: OSError) -> Msg:
    """Why a file operation failed, by its error number, in the catalogue's words."""
    if exc.errno in _OS_REASONS:
        return Msg(_OS_REASONS[exc.errno])
    return Msg("os_other", name=errno.errorcode.get(exc.errno or 0, str(exc.errno)))
