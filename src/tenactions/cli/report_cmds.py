"""Commands that report progress: report (before meetings) and summary (weekly, for cron)."""

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tenactions.cli.app import command, session
from tenactions.cli.output import emit, format_enum, layout
from tenactions.messages import Msg

if TYPE_CHECKING:
    from tenactions.model import Programme
    from tenactions.progress import Report
    from tenactions.store import Store

# The --format choices are the output registry's (render/registry.py); see format_enum.
if TYPE_CHECKING:
    ReportFormat = str
    SummaryFormat = str
else:
    ReportFormat = format_enum("report")
    SummaryFormat = format_enum("summary")


class Split(StrEnum):
    district = "district"


class FailOn(StrEnum):
    at_risk = "at_risk"
    behind = "behind"
    overdue = "overdue"


#: Formats made for machines, which carry no prose: a note for people goes to stderr instead.
_FOR_MACHINES = ("csv", "json", "xlsx")

# --fail-on S trips on S "or worse": each threshold and the statuses that trip it.
_TRIPS = {
    FailOn.at_risk: {"at_risk", "behind", "overdue"},
    FailOn.behind: {"behind", "overdue"},
    FailOn.overdue: {"overdue"},
}


def _as_of(text: str | None, programme: "Programme") -> dt.date:
    """The --as-of date; by default today in the programme's time zone."""
    from tenactions.dates import option_date, today
    from tenactions.errors import InputError

    if text is None:
        day = today(programme.timezone)
    else:
        day = option_date(text, programme, what="--as-of")
    # Reports count days and weeks around the date: keep them well inside the calendar.
    if not _EARLIEST <= day <= _LATEST:
        raise InputError(Msg("as_of_range", day=day, first=_EARLIEST, last=_LATEST))
    return day


_EARLIEST = dt.date(1900, 1, 1)
_LATEST = dt.date(9000, 12, 31)


def _note_on_stderr(report: "Report", lang: str) -> None:
    """Formats made for machines carry no prose: say on stderr that the period is over."""
    from tenactions.render.common import period_note

    note = period_note(report, lang)
    if note:
        print(note, file=sys.stderr)


def _refuse_kept(output: Path | None) -> None:
    """Refuse an --output that is the ledger or the programme file, before either is read."""
    if output is None or str(output) == "-":
        return
    from tenactions.files import refuse_ledger

    s = session()
    refuse_ledger(output, s.resolved_db_path(), programme=s.resolved_programme_path())


def _warn_orphans(programme: "Programme", store: "Store", lang: str) -> None:
    """Entries the programme does not count are said on stderr, never silently dropped."""
    from tenactions.cli.app import warn
    from tenactions.cli.programme_cmds import orphans

    lines = orphans(programme, store)
    if lines:
        warn(lines, lang)


@command("report")
def report_cmd(
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    action: Annotated[
        list[int] | None,
        typer.Option("--action", "-a"),
    ] = None,
    by: Annotated[Split | None, typer.Option("--by")] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f"),
    ] = "table",
    output_text: Annotated[
        str | None,
        typer.Option("--output", "-o"),
    ] = None,
) -> None:
    from tenactions.errors import InputError
    from tenactions.files import given_path
    from tenactions.progress import build_report
    from tenactions.render.registry import get

    output = given_path(output_text, "--output")
    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    day = _as_of(as_of, programme)
    chosen = get("report", fmt)
    if chosen.binary and output is None and sys.stdout.isatty():
        raise InputError(Msg("xlsx_report_needs_output"))
    _refuse_kept(output)
    with s.store(create=False) as store:
        totals = store.totals(
            min(day, programme.end), districts=by is not None, since=programme.start
        )
        _warn_orphans(programme, store, lang)
    report = build_report(programme, totals, day, actions=action or (), by_district=by is not None)
    if fmt in _FOR_MACHINES:
        _note_on_stderr(report, lang)
    emit(chosen.render(report, lang, layout(output)), output, terminal=chosen.terminal)


@command("summary")
def summary_cmd(
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    days: Annotated[int, typer.Option("--days", min=1, max=366)] = 7,
    fmt: Annotated[SummaryFormat, typer.Option("--format", "-f")] = "text",
    output_text: Annotated[
        str | None,
        typer.Option("--output", "-o"),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on"),
    ] = None,
) -> None:
    from tenactions.errors import ThresholdReached
    from tenactions.files import given_path
    from tenactions.messages import ByLang, Joined, Status
    from tenactions.progress import build_summary
    from tenactions.render.registry import get

    output = given_path(output_text, "--output")
    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    day = _as_of(as_of, programme)
    last = min(day, programme.end)
    _refuse_kept(output)
    with s.store(create=False) as store:
        current = store.totals(last, districts=True, since=programme.start)
        _warn_orphans(programme, store, lang)
        previous = store.totals(
            min(day - dt.timedelta(days=days), programme.end), since=programme.start
        )
    summary = build_summary(programme, current, previous, day, days=days)
    if fmt in _FOR_MACHINES:
        _note_on_stderr(summary.report, lang)
    chosen = get("summary", fmt)
    emit(chosen.render(summary, lang, layout(output)), output, terminal=chosen.terminal)
    if fail_on is not None:
        tripped = [p for p in summary.report.targets if p.status in _TRIPS[fail_on]]
        if tripped:
            # The line cron mails: each target by its name in the chosen language and its id
            # (what the commands take), then its status.
            names = Joined(
                [
                    Msg(
                        "fail_on_target",
                        name=ByLang(en=p.target.name_en, zh=p.target.name_zh),
                        id=p.target.id,
                        status=Status(p.status),
                    )
                    for p in tripped
                ]
            )
            raise ThresholdReached(
                Msg("fail_on", status=fail_on.value, n=len(tripped), names=names)
            )
