"""Read front-matter dates the way a site generator would, keeping what was written (zone, precision)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from postlint.core.lazyre import lazy_regex

_ISO = lazy_regex(
    r"""^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:[T\s]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?)?
    \s*(?P<zone>Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$""",
    re.X,
)


@dataclass(frozen=True)
class PostDate:
    """A date from the front matter.

    ``value`` is a ``datetime`` (aware when a zone was written) or, for date-only values, a ``date``.
    """

    value: dt.datetime | dt.date
    has_time: bool
    has_zone: bool

    def local_date(self) -> dt.date:
        """The calendar date as written, in the value's own offset."""
        return self.value.date() if isinstance(self.value, dt.datetime) else self.value

    def as_utc(self, assumed_zone: dt.tzinfo | None = None) -> dt.datetime:
        """The instant, reading a zoneless value in ``assumed_zone`` (UTC when none)."""
        value = self.value
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        if value.tzinfo is None:
            value = value.replace(tzinfo=assumed_zone or dt.timezone.utc)
        try:
            return value.astimezone(dt.timezone.utc)
        except OverflowError:
            # 0001-01-01T00:00+14:00 is an instant before the first one a datetime can hold (and
            # 9999-12-31T23:59-14:00 one after the last): shown at that edge; compare with `timeline`.
            edge = dt.datetime.min if value.year < 5000 else dt.datetime.max
            return edge.replace(tzinfo=dt.timezone.utc)

    def timeline(self, assumed_zone: dt.tzinfo | None = None) -> dt.timedelta:
        """The instant as the time since 0001-01-01T00:00 UTC, for comparisons and differences.

        A ``timedelta`` also holds the instants just outside a datetime's range that a date at the calendar's
        edge with an offset stands for (``as_utc`` cannot, and subtracting aware datetimes overflows there).
        """
        value = self.value
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        if value.tzinfo is None:
            value = value.replace(tzinfo=assumed_zone or dt.timezone.utc)
        return timeline(value)


_EPOCH = dt.datetime(1, 1, 1)


def timeline(moment: dt.datetime) -> dt.timedelta:
    """An aware datetime as the time since 0001-01-01T00:00 UTC (see :meth:`PostDate.timeline`)."""
    return moment.replace(tzinfo=None) - _EPOCH - (moment.utcoffset() or dt.timedelta(0))


class DateError(ValueError):
    """The value is not a date a site generator can read; the message says why."""


#: Jekyll reads a date that is not a YAML timestamp with Ruby's ``Time.parse``, which takes more forms:
#: a zone after a date without a time (ignored: ``2018-03-01 +0800`` is the 1st), a year repeated after the
#: time (which makes Ruby drop the zone), a zone name after the offset, and month names.
_RUBY_ISO = lazy_regex(
    r"""^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:[T\s]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?)?
    (?P<year_again>\s+\d{4}(?=\s|$))?
    \s*(?P<zone>Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?:\s+[A-Za-z]{2,5})?\s*$""",
    re.X,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_RUBY_WORDS = lazy_regex(
    r"""^\s*(?:(?P<m1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]{3,9})\.?,?)
    \s+(?P<year>\d{4})
    (?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?
    \s*(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$""",
    re.X,
)


def _ruby_date(text: str) -> PostDate | None:
    """``text`` read as Jekyll reads a date string (see :data:`_RUBY_ISO`), or ``None`` when Jekyll cannot."""
    match = _RUBY_ISO.match(text)
    if match is not None:
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    else:
        match = _RUBY_WORDS.match(text)
        if match is None:
            return None
        month_name = (match["m1"] or match["m2"]).lower()
        if month_name not in _MONTHS:
            return None
        year, month, day = int(match["year"]), _MONTHS[month_name], int(match["d1"] or match["d2"])
    try:
        day_value = dt.date(year, month, day)
    except ValueError as error:
        raise DateError(f"'{text}' is not a real date ({error})") from None
    if match["hour"] is None:
        return PostDate(day_value, False, False)  # a zone without a time is ignored
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    fraction = match.groupdict().get("fraction") or "0"
    micro = int(fraction[:6].ljust(6, "0"))
    lost = bool(match.groupdict().get("year_again"))  # Ruby drops the zone after a repeated year
    zone = None if lost else _zone(match["zone"])
    try:
        moment = dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError as error:
        raise DateError(f"'{text}' is not a real time ({error})") from None
    return PostDate(moment, True, zone is not None)


def parse_date(value: object, raw: str | None = None, reader: str = "") -> PostDate:
    """Parse a front-matter date from its text as written (``raw``) or the parsed value.

    ``reader`` is how the site's generator reads dates besides the common grammar: ``"ruby"`` for Jekyll's
    ``Time.parse`` (see :data:`_RUBY_ISO`). Raises :class:`DateError` for unparsable or impossible dates such
    as ``0000-00-00`` or ``2021-02-30``.
    """
    if raw is None or not raw.strip():
        if isinstance(value, dt.datetime):
            return PostDate(value, True, value.tzinfo is not None)
        if isinstance(value, dt.date):
            return PostDate(value, False, False)
        if not isinstance(value, str):
            raise DateError(f"expected a date, found {type(value).__name__} {value!r}")
        raw = value
    text = raw.strip()
    match = _ISO.match(text)
    if reader == "ruby" and (match is None or (match["hour"] is None and match["zone"])):
        lenient = _ruby_date(text)
        if lenient is not None:
            return lenient
    if match is None:
        from email.utils import parsedate_to_datetime  # imported here: rare, and email costs ~10 ms

        try:
            parsed = parsedate_to_datetime(text)  # RFC 2822, as in feeds: "Sat, 20 Mar 2021 01:21:35 +0000"
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is None:
            raise DateError(f"'{text}' is not a date (expected YYYY-MM-DD, optionally HH:MM:SS and a zone)")
        return PostDate(parsed, True, parsed.tzinfo is not None)
    parts = match.groupdict()
    year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
    try:
        day_value = dt.date(year, month, day)
    except ValueError as error:
        raise DateError(f"'{text}' is not a real date ({error})") from None
    if parts["hour"] is None:
        if parts["zone"]:
            raise DateError(f"'{text}' has a time zone but no time")
        return PostDate(day_value, False, False)
    hour, minute, second = int(parts["hour"]), int(parts["minute"]), int(parts["second"] or 0)
    micro = int((parts["fraction"] or "0")[:6].ljust(6, "0"))
    zone = _zone(parts["zone"])
    try:
        moment = dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError as error:
        raise DateError(f"'{text}' is not a real time ({error})") from None
    return PostDate(moment, True, zone is not None)


def _zone(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text in ("Z", "z", "UTC", "GMT"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise DateError(f"'{text}' is not a valid UTC offset")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
