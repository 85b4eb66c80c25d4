"""argparse with Swedish messages made by our own code, never by parsing argparse's English.

``Parser`` reports every argument error itself (usage line, then ``avtal: <Swedish message>``,
raised as CannotRun: exit 2), ``Commands`` checks a command's name, and ``type=`` validators
(``one_of``, ``date_value``, ``months``) give the Swedish message for a bad value.
"""

from __future__ import annotations

import argparse
import copy
import sys
from typing import Callable, NoReturn, Sequence

from .dates import FIRST_YEAR, LAST_YEAR, exact_day, in_range
from .errors import CannotRun
from .findings import nearest


def unknown_value(what: str, value: str, known: Sequence[str]) -> str:
    """A Swedish sentence for a value outside a fixed set, with the nearest one suggested.

    `what` names the kind ("okänt kommando", "okänt värde"); `known` is listed in its own order.
    Example: ``okänt värde 'jsn'. Menade du 'json'? Välj bland: github, json, text.``
    """
    near = nearest(value, known)
    return f"{what} '{value}'. " + (f"Menade du '{near}'? " if near else "") + f"Välj bland: {', '.join(known)}."


def one_of(values: Sequence[str]) -> Callable[[str], str]:
    """A `type=` for an option with fixed values: returns the value unchanged if it is one of them.

    Raises argparse.ArgumentTypeError with a Swedish message (see `unknown_value`) otherwise;
    `Parser` puts the option's name before it.
    """
    def value(text: str) -> str:
        if text not in values:
            raise argparse.ArgumentTypeError(unknown_value("okänt värde", text, values))
        return text

    return value


def _name(action: argparse.Action) -> str:
    return "/".join(action.option_strings) or action.metavar or action.dest


class Formatter(argparse.HelpFormatter):
    """argparse's layout with a Swedish usage prefix; an argument `Parser` requires itself looks required."""

    def add_usage(self, usage, actions, groups, prefix=None):
        """argparse's usage line, prefixed "användning: "."""
        shown = [_as_required(a) if getattr(a, "needed", False) else a for a in actions]
        super().add_usage(usage, shown, groups, prefix="användning: " if prefix is None else prefix)


def _as_required(action: argparse.Action) -> argparse.Action:
    shown = copy.copy(action)
    shown.required = True
    return shown


class Commands(argparse._SubParsersAction):
    """The command word, checked here so that an unknown one gets a Swedish message with a suggestion.

    argparse checks it against `choices` before calling the action, in English: the commands are
    kept in `commands` instead (the help lists them from their own entries, as before).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands, self.choices = self.choices, None

    def add_parser(self, name, **kwargs):
        """A command's parser; the commands are listed as argparse lists choices."""
        parser = super().add_parser(name, **kwargs)
        self.metavar = "{" + ",".join(self.commands) + "}"  # shown as argparse shows choices
        return parser

    def __call__(self, parser, namespace, values, option_string=None):
        if values[0] not in self.commands:
            parser.fail(unknown_value("okänt kommando", values[0], list(self.commands)))
        super().__call__(parser, namespace, values, option_string)


class Parser(argparse.ArgumentParser):
    """argparse that only splits the command line: every message a user reads comes from our code.

    argparse is never left to report a missing argument, a value outside `choices`, an unknown
    argument or an abbreviated option (it would in English, in wording that changes between
    Python releases). What remains of its own errors, an option without its value or a flag given
    one, is told apart by the option it names, never by its text. Each error prints this parser's
    usage line and raises CannotRun (exit 2 in `main`).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, add_help=False, allow_abbrev=False, exit_on_error=False, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def add_argument(self, *names, choices: Sequence[str] | None = None, **kwargs) -> argparse.Action:
        """argparse's add_argument; `choices` become a `one_of` check and `required` is checked here."""
        if choices is not None:
            kwargs.update(type=one_of(choices), metavar="{" + ",".join(choices) + "}")
        action = super().add_argument(*names, **kwargs)
        action.needed, action.required = action.required, False  # positionals are required unless nargs says not
        return action

    def parse_known_args(self, args=None, namespace=None):
        """Parse args (a list of strings) into (namespace, []); raises CannotRun for any bad argument.

        Unlike argparse's, nothing is left over: an argument this parser cannot place is an error
        here, with this parser's usage line (a command's own, after the command word).
        """
        try:
            namespace, extras = super().parse_known_args(args, namespace)
        except argparse.ArgumentError as err:
            self.fail(self._explain(err))
        if missing := [_name(a) for a in self._actions if getattr(a, "needed", False)
                       and getattr(namespace, a.dest, None) is None]:
            self.fail(f"saknar {', '.join(missing)}.")
        if extras:
            self.fail(f"okänt argument: {' '.join(extras)}. Se avtal --help.")
        return namespace, []

    def _explain(self, err: argparse.ArgumentError) -> str:
        if isinstance(err.__context__, argparse.ArgumentTypeError):  # from our `type=` checks: already Swedish
            return f"{err.argument_name}: {err.__context__}"
        option = next((a for a in self._actions if a.option_strings and _name(a) == err.argument_name), None)
        if option is None:  # not expected from the arguments declared here: say so, with argparse's words
            return f"felaktiga argument ({err})."
        return f"{err.argument_name} {'tar inget värde' if option.nargs == 0 else 'behöver ett värde'}."

    def fail(self, message: str) -> NoReturn:
        """Print this parser's usage line to stderr and raise CannotRun(message)."""
        self.print_usage(sys.stderr)
        raise CannotRun(message)

    def error(self, message):
        """argparse's own report, which the checks above leave nothing to: its words, in brackets."""
        self.fail(f"felaktiga argument ({message}).")


def date_value(text: str) -> str:
    """A `type=` for ``--date``: a day written YYYY-MM-DD within dates.FIRST_YEAR–LAST_YEAR, returned as written;
    ArgumentTypeError otherwise."""
    try:
        on = exact_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' är inte ett datum; skriv t.ex. 2027-02-15.") from None
    if not in_range(on):
        raise argparse.ArgumentTypeError(f"'{text}' ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}; skriv t.ex. 2027-02-15.")
    return text


def months(text: str) -> int:
    """A `type=` for a number of months (0–120); ArgumentTypeError otherwise."""
    if not text.isdigit() or not 0 <= int(text) <= 120:
        raise argparse.ArgumentTypeError(f"'{text}' är inte ett antal månader (0–120).")
    return int(text)
