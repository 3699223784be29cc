"""Dates as people type them: ISO ``2022-10-01`` or day-first ``1.10.2022`` (as Danish users and Excel write them).

One definition for the command line, the acknowledgements file and the spreadsheet cells.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import UsageError

#: Day-first: 1.10.2022, 01-10-2022, 1/10/2022 (day, month, four-digit year).
DAY_FIRST = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$")


def read_day(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` or day-first ``D.M.YYYY`` (also ``-`` or ``/``) as a date; None when it is neither."""
    text = text.strip()
    danish = DAY_FIRST.match(text)
    try:
        if danish:
            return dt.date(int(danish.group(3)), int(danish.group(2)), int(danish.group(1)))
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    return None


def parse_day(text: str, what: str = "date") -> dt.date:
    """A date typed on the command line (``--as-of 1.10.2022`` or ``2022-10-01``), or a clear :class:`UsageError`."""
    day = read_day(text)
    if day is None:
        raise UsageError(f"{what} {text!r} is not a date (write 1.10.2022 or 2022-10-01)",
                         da=f"{what} {text!r} er ikke en dato (skriv 1.10.2022 eller 2022-10-01)")
    return day
