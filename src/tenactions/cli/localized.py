"""The command line's own texts in the chosen language: ``--help`` and the usage errors (exit 2).

The language is chosen once, at start-up, before click parses anything (``--help`` is handled
before any other option's callback could run): ``--lang`` anywhere on the command line, else
``TENACTIONS_LANG``, else the locale (see :meth:`Session.resolved_lang`).

Help texts live in the catalogue (:data:`tenactions.messages.HELP`), keyed by the command's path
and the option's name; :func:`localize` writes them into the click commands Typer builds for each
run. Click's own words come from the catalogue too: the few Typer looks up through gettext
(headings, ``[default: ...]``) by their English text, the rest (click writes them as plain
English) by rebuilding each usage error from what it carries (the option, the parameter, the
value), so the user's own text inside one is never rewritten.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any, NoReturn
from unicodedata import east_asian_width

import typer.core
from typer import _click
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.types import IntParamType, IntRange
from typer._click.utils import _escape_control_characters as escaped
from typer._types import TyperChoice

from tenactions.messages import (
    ARGUMENT_NAMES,
    CLICK_ZH,
    EXAMPLES,
    HELP,
    METAVAR_OF_OPTION,
    METAVAR_OF_TYPE,
    Msg,
    detect_lang,
    t,
)

_lang = ""


def startup_lang(args: Sequence[str]) -> str:
    """The language of this run: ``--lang`` anywhere in ``args``, else the environment."""
    chosen = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = folded_lang(args[i + 1]) or chosen
        elif arg.startswith("--lang="):
            chosen = folded_lang(arg.partition("=")[2]) or chosen
    return chosen or env_lang()


def env_lang() -> str:
    """The language when the command line does not say: ``TENACTIONS_LANG``, else the locale."""
    return folded_lang(os.environ.get("TENACTIONS_LANG") or "") or detect_lang()


def check_env_lang() -> None:
    """Refuse a ``TENACTIONS_LANG`` that names neither language (``fr``), rather than quietly
    speaking the locale's; an empty one is as unset. Only when no ``--lang`` overrides it."""
    value = os.environ.get("TENACTIONS_LANG") or ""
    if value.strip() and folded_lang(value) is None:
        from tenactions.errors import InputError

        raise InputError(Msg("bad_lang_env", value=value))


def folded_lang(value: str) -> str | None:
    """``zh`` or ``en`` for the ways people write them (``zh_CN``, ``中文``, ``EN``), else None."""
    folded = value.strip().lower()
    if folded.startswith("zh") or folded in ("cn", "中文"):
        return "zh"
    if folded.startswith("en"):
        return "en"
    return None


def usage_lang() -> str:
    """The language chosen at start-up (the environment's, if no run has started)."""
    return _lang or startup_lang([])


def help_text(lang: str, key: str, default: str = "") -> str:
    """The catalogue's help ``key`` in ``lang`` (``default`` for a text not written yet: the
    command still runs, and tests/test_help.py names what is missing)."""
    if key not in HELP:
        return default
    en, zh = HELP[key]
    return zh if lang == "zh" else en


def command_help(lang: str, path: str, default: str = "") -> str:
    """A command's help: its description, then its examples, kept as written (``\\b``)."""
    examples = "\n".join(t(lang, "help_example", example=e) for e in EXAMPLES.get(path, ()))
    return f"{help_text(lang, path, default)}\n\n\b\n{examples}"


class _Translations(gettext.NullTranslations):
    """Typer's gettext look-ups answered from the catalogue (the words it wraps in ``_()``)."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self._table = table

    def gettext(self, message: str) -> str:
        return self._table.get(message, message)


_ZH = _Translations(CLICK_ZH)


def localize(root: _click.Command, lang: str) -> None:
    """Put the chosen language into the commands Typer built for this run."""
    global _lang
    _lang = lang
    typer.core._ = _ZH.gettext if lang == "zh" else gettext.gettext  # type: ignore[attr-defined]
    _localize(root, "", lang)


def _localize(cmd: _click.Command, path: str, lang: str) -> None:
    cmd.short_help = help_text(lang, path, cmd.help or "").strip().partition("\n")[0]
    cmd.help = command_help(lang, path, cmd.help or "")
    cmd.options_metavar = t(lang, "usage_options")
    if isinstance(cmd, typer.core.TyperGroup):
        cmd.subcommand_metavar = t(lang, "usage_command")
        for name, sub in cmd.commands.items():
            _localize(sub, f"{path} {name}".strip(), lang)
    for param in cmd.params:
        name = param.opts[0] if param.param_type_name == "option" else str(param.name)
        key = name if name.startswith("-") and name in HELP else f"{path} {name}"
        param.help = help_text(lang, key, getattr(param, "help", None) or "")  # type: ignore[attr-defined]
        param.type = _localized_type(param.type)
        if param.param_type_name == "option":
            param.metavar = _metavar(param, lang)
        elif param.name in ARGUMENT_NAMES:
            # The name an argument shows in the usage line, the list and click's errors: its
            # own (``target``) in English, the catalogue's (``目标``) in Chinese.
            param.metavar = t(lang, f"argument_{param.name}") if lang == "zh" else None


def _metavar(param: _click.Parameter, lang: str) -> str | None:
    """What an option's value is, in ``lang`` (``<日期>``), from the catalogue: by the option's
    long name, else by its type. ``None`` (Typer's own) for a list of values, or a flag."""
    if param.metavar is not None or isinstance(param.type, TyperChoice):
        return param.metavar
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    names = [o for o in param.opts if o.startswith("--")]
    key = next((METAVAR_OF_OPTION[n] for n in names if n in METAVAR_OF_OPTION), None)
    key = key or METAVAR_OF_TYPE.get(param.type.name.lower())
    return t(lang, "metavar_" + key) if key else None


def _localized_type(kind: Any) -> Any:
    """The same type, failing with a message from the catalogue."""
    if isinstance(kind, TyperChoice):
        return _Choice(kind.choices, kind.case_sensitive)
    if isinstance(kind, IntRange):
        return _IntRange(kind.min, kind.max, kind.min_open, kind.max_open, kind.clamp)
    if type(kind) is IntParamType:
        return _Int()
    return kind


class _Choice(TyperChoice[Any]):
    def get_invalid_choice_message(self, value: Any, ctx: _click.Context | None) -> str:
        lang = usage_lang()
        choices = _listed(lang, [repr(c) for c in self._normalized_mapping(ctx=ctx).values()])
        return t(lang, "usage_not_a_choice", value=value, choices=choices)


class _Int(IntParamType):
    def convert(
        self, value: Any, param: _click.Parameter | None, ctx: _click.Context | None
    ) -> Any:
        try:
            return super().convert(value, param, ctx)
        except BadParameter:
            self.fail(t(usage_lang(), "usage_not_an_integer", value=value), param, ctx)


class _IntRange(IntRange):
    def convert(
        self, value: Any, param: _click.Parameter | None, ctx: _click.Context | None
    ) -> Any:
        number = _Int().convert(value, param, ctx)
        try:
            return super().convert(number, param, ctx)
        except BadParameter:
            self.fail(
                t(usage_lang(), "usage_out_of_range", value=number, range=self._describe_range()),
                param,
                ctx,
            )

    def _describe_range(self) -> str:
        """``x>=1`` in English, ``≥1`` in Chinese (no letter standing for the value)."""
        if usage_lang() != "zh":
            return super()._describe_range()
        low = "" if self.min is None else f"{'>' if self.min_open else '≥'}{self.min}"
        high = "" if self.max is None else f"{'<' if self.max_open else '≤'}{self.max}"
        return "，".join(part for part in (low, high) if part)


def cells(text: str) -> int:
    """Terminal columns ``text`` takes: a Chinese character takes two."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


#: Punctuation that never starts a line (it stays with the character before it).
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: between words, or between two Chinese
    characters (never before closing punctuation); a word longer than a line is cut."""
    pieces = re.findall(r"[^\s\u2e80-\uffef]+[\u3000-\u303f\uff00-\uffef]?|\S|\s+", text)
    lines: list[str] = []
    line, used = "", 0
    for piece in pieces:
        if piece.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        size = cells(piece)
        if line and used + size > width:
            # Punctuation that closes takes the character before it to the next line.
            carry = line[-1] if piece[0] in _NO_LINE_START and len(line) > 1 else ""
            lines.append(line[: len(line) - len(carry)].rstrip())
            line, used = carry, cells(carry)
        while not line and size > width:  # a word wider than the line: cut it
            lines.append(piece[:width])
            piece = piece[width:]
            size = cells(piece)
        line, used = line + piece, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _paragraphs(text: str) -> list[tuple[bool, list[str]]]:
    """``text``'s paragraphs, each as (kept as written, its lines); ``\\b`` keeps one as is."""
    found = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.splitlines()
        if lines and lines[0].strip() == "\b":
            found.append((True, lines[1:]))
        else:
            found.append((False, [" ".join(line.strip() for line in lines)]))
    return found


class _Formatter(_click.HelpFormatter):
    """Click's layout, with columns counted as a terminal shows them (a Chinese character
    takes two), a line broken between Chinese characters, and the chosen language's words."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = t(usage_lang(), "usage")
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        self.write(" " * self.current_indent + t(usage_lang(), "help_heading", heading=heading))
        self.write("\n")

    def write_text(self, text: str) -> None:
        self.write("\n".join(self._wrapped(text, self.current_indent)) + "\n")

    def _wrapped(self, text: str, indent: int) -> list[str]:
        out: list[str] = []
        for kept, lines in _paragraphs(text):
            if out:
                out.append("")
            if kept:
                out += [" " * indent + line for line in lines]
            else:
                out += [" " * indent + line for line in wrap(lines[0], self.width - indent)]
        return out

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first_col = min(max(cells(first) for first, _ in rows), col_max) + col_spacing
        room = max(self.width - first_col - 2, 10)
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = [
                line
                for kept, par in _paragraphs(second)
                for line in (par if kept else wrap(par[0], room))
            ]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class _Context(_click.Context):
    formatter_class = _Formatter


class LocalizedUsageError(UsageError):
    """A usage error whose message is already in the chosen language."""

    def show(self, file: Any = None) -> None:
        lang = usage_lang()
        echo = _click.utils.echo
        if self.ctx is not None:
            lines = [self.ctx.get_usage()]
            if self.ctx.command.get_help_option(self.ctx) is not None:
                command, option = self.ctx.command_path, self.ctx.help_option_names[0]
                lines.append(t(lang, "usage_try_help", command=command, option=option))
            echo("\n".join(lines) + "\n", err=True, color=self.ctx.color)
        echo(t(lang, "usage_error", message=self.message), err=True)


def localized_error(error: UsageError) -> UsageError:
    """``error`` told in the chosen language, from what it carries rather than its English."""
    if isinstance(error, LocalizedUsageError | NoArgsIsHelpError):
        return error
    lang = usage_lang()
    ctx = error.ctx
    message = error.message
    if isinstance(error, NoSuchOption):
        if error.possibilities:
            names = _listed(lang, sorted(error.possibilities))
            name = escaped(error.option_name)
            message = t(lang, "usage_no_such_option_near", name=name, names=names)
        else:
            message = t(lang, "usage_no_such_option", name=escaped(error.option_name))
    elif isinstance(error, BadOptionUsage):
        flag = ctx is not None and any(
            error.option_name in p.opts and getattr(p, "is_flag", False) for p in ctx.command.params
        )
        key = "usage_takes_no_value" if flag else "usage_needs_value"
        message = t(lang, key, name=error.option_name)
    elif isinstance(error, BadParameter):
        hint = error.param_hint
        if hint is None and error.param is not None and ctx is not None:
            hint = error.param.get_error_hint(ctx)
        if not isinstance(hint, str) and hint is not None:
            hint = " / ".join(repr(h) for h in hint)
        if isinstance(error, MissingParameter):
            kind = error.param_type or (error.param.param_type_name if error.param else "")
            key = "usage_missing_argument" if kind == "argument" else "usage_missing_option"
            message = t(lang, key, hint=hint or "")
        elif hint is not None:
            message = t(lang, "usage_invalid_value", hint=hint, message=error.message)
    return LocalizedUsageError(message, ctx)


class _Localized(_click.Command):
    """What the project's commands and groups share: the formatter, the help option, the
    extra-argument error."""

    context_class = _Context

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = help_text(usage_lang(), "--help")
        return option

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        except UsageError as error:
            if error.ctx is None:  # click's parser raises some without one: give it ours
                error.ctx, error.cmd = ctx, ctx.command
            raise localized_error(error) from None
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            extra = " ".join(escaped(str(arg)) for arg in rest)
            _fail(ctx, t(usage_lang(), "usage_extra_arguments", args=extra))
        return rest


def _listed(lang: str, items: list[str]) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def _fail(ctx: _click.Context, message: str) -> NoReturn:
    raise LocalizedUsageError(message, ctx)


class LocalizedCommand(_Localized, typer.core.TyperCommand):
    """A command whose help and usage errors speak the chosen language."""


class LocalizedGroup(_Localized, typer.core.TyperGroup):
    """The application (and ``access``): chooses the language before parsing, and tells
    every usage error in it."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        import sys

        argv = list(sys.argv[1:] if args is None else args)
        localize(self, startup_lang(argv))
        return super().main(argv, *rest, **extra)

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            raise localized_error(error) from None

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            lang = usage_lang()
            matches = get_close_matches(name, list(self.commands))
            if matches:
                names = _listed(lang, [repr(m) for m in matches])
                _fail(ctx, t(lang, "usage_no_such_command_near", name=name, names=names))
            _fail(ctx, t(lang, "usage_no_such_command", name=name))
        return super().resolve_command(ctx, args)
