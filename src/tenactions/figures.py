"""The one rounding rule every figure follows: it never flatters progress.

Figures are worked out exactly (as :class:`~fractions.Fraction`) and rounded once, here:

* what has been done rounds *down*: a percent to 0.1, a forecast to the target's decimals,
  a share of the work to 0.001 (a percent to 0.1);
* what is still owed rounds *up*: the expected amount and the rate needed, to one decimal
  more than the target's own (trees to 0.1, yuan to 0.001), so that the figure shown beside a
  status supports it (3.006 expected is shown 3.1, not 4, beside 3 done and "at risk"); and
  the share of the period elapsed to 0.001 (the "expected" side of 时间过半、任务过半).

Every format shows these values as they are, so ``log``, the table, Markdown, CSV, JSON, HTML
and XLSX print the same number. Kept apart from :mod:`tenactions.progress` so that ``log``
prints its percent by this rule without loading the report machinery.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from tenactions.amounts import from_hundredths


def down(value: Fraction, places: int) -> Decimal:
    """``value`` rounded down to ``places`` (0-2) decimals, shown like the store's amounts."""
    return from_hundredths(math.floor(value * 10**places) * 10 ** (2 - places))


def owed(value: Fraction, decimals: int) -> Decimal:
    """What is still owed (expected, needed per week), rounded up to one decimal more than
    the target's ``decimals``: 3.006 trees -> 3.1, 2.254 -> 2.3; whole when it is whole."""
    places = decimals + 1
    scaled = math.ceil(value * 10**places)
    if scaled % 10**places == 0:
        return Decimal(scaled // 10**places)
    return Decimal(scaled).scaleb(-places).normalize()


def floor_to(value: Fraction, places: int) -> Decimal:
    """``value`` rounded down to ``places`` decimals, as a plain decimal (shares, percents)."""
    return Decimal(math.floor(value * 10**places)).scaleb(-places)


def percent_of(actual: Fraction | Decimal, goal: Fraction | Decimal) -> Decimal:
    """``actual`` as a percent of ``goal``, rounded down to 0.1: 100.0 only when it is met."""
    return floor_to(Fraction(actual) / Fraction(goal) * 100, 1)


def share(value: Fraction) -> Decimal:
    """A 0-1 share rounded down to 0.001, so that as a percent it has one decimal."""
    return floor_to(value, 3)


def share_up(value: Fraction) -> Decimal:
    """A 0-1 share rounded *up* to 0.001: time elapsed, which progress is measured against."""
    return Decimal(math.ceil(value * 1000)).scaleb(-3)
