"""The one exception family the CLI translates into a message and an exit code.

Everything a user can cause (a bad file, a mistyped target, a busy database) raises a
subclass of :class:`TenactionsError`; anything else is a bug and keeps its traceback. An
error carries catalogue messages (:class:`~tenactions.messages.Msg`: an id and parameters),
formatted once, at the exit point, in the chosen language.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence

from tenactions.messages import Msg, Text, render


class ValueProblem(ValueError):
    """A value that cannot be read, with its catalogue message (the caller says where)."""

    def __init__(self, message: Text) -> None:
        super().__init__(str(message))
        self.text = message


class TenactionsError(Exception):
    """A failure caused by input or environment, with a message fit for the user."""

    exit_code = 1

    def __init__(self, message: Text) -> None:
        super().__init__(str(message))
        self.text = message
        self.message = str(message)

    def texts(self) -> list[Text]:
        """The message, one item per line to print on stderr."""
        if isinstance(self.text, Msg):
            return [self.text]
        return list(self.text.splitlines()) or [self.text]

    def lines(self, lang: str = "en") -> list[str]:
        """The message as the lines to print on stderr, in ``lang``."""
        return [render(text, lang) for text in self.texts()]


class InputError(TenactionsError):
    """A command argument or option that cannot be used (amount, date, target, district)."""


class NoLedger(InputError):
    """The database is there but holds no ledger yet (a server's; a file's is found before)."""


class Refusals(InputError):
    """Several reasons, one line each, why an input is refused."""

    def __init__(self, reasons: list[Text]) -> None:
        super().__init__("\n".join(str(r) for r in reasons))
        self.reasons = reasons

    def texts(self) -> list[Text]:
        return list(self.reasons)


class ProgrammeError(TenactionsError):
    """A programme file that cannot be used: one line per problem, ``file:line:col: where: what``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class ImportFileError(TenactionsError):
    """A spreadsheet that cannot be imported: one line per bad row."""

    def __init__(self, path: str, problems: Sequence[Text], total_bad: int | None = None) -> None:
        lines: list[Text] = [*problems]
        more = (total_bad or len(problems)) - len(problems)
        if more > 0:
            lines.append(Msg("more_bad_rows", file=path, n=more))
        super().__init__("\n".join(str(line) for line in lines))
        self.problems = problems
        self._lines = lines

    def texts(self) -> list[Text]:
        return list(self._lines)


class StoreError(TenactionsError):
    """The database cannot be opened, read or written (corrupt, busy, read-only, newer schema)."""


class StoreProblems(StoreError):
    """What a check of the ledger found, one line each."""

    def __init__(self, problems: list[Text]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def texts(self) -> list[Text]:
        return list(self.problems)


class BusyError(StoreError):
    """Another process held the database past the busy timeout."""


class ThresholdReached(TenactionsError):
    """``--fail-on``: the output was printed, but a target is at or below the given status."""

    exit_code = 3


#: What the system's errors mean, said by their number (errno), not by the C library's text,
#: which is English whatever the chosen language: each has its Chinese in ``errors_zh``.
_OS_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "over the disk quota",
    errno.EISDIR: "the path is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EROFS: "the file system is read-only",
    errno.EIO: "input/output error (the disk or device failed)",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EEXIST: "the file already exists",
    errno.EFBIG: "the file is too large",
    errno.ELOOP: "too many levels of links",
    errno.ENXIO: "no such device",
    errno.ENODEV: "no such device",
    errno.EBUSY: "the file or device is busy",
    errno.ETXTBSY: "the file is in use",
    errno.EMFILE: "too many open files",
    errno.ENFILE: "too many open files",
    errno.EBADF: "the file is closed",
    errno.EPIPE: "the reader has gone",
    errno.EINVAL: "the file does not accept this",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in words that ``errors_zh`` translates."""
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return f"system error {name}"
