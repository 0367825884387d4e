"""The one writer every line postlint prints goes through: nothing in it can be read as a workflow command.

GitHub's runner reads a step's output line by line (CR, LF and CRLF each end a line; actions/runner
``ActionCommand.TryParseV2`` and ``TryParse``) and obeys two syntaxes:

- ``::name props::data`` when the line, after ``TrimStart()``, starts with ``::``;
- ``##[name props]data`` when ``##[`` occurs *anywhere* in the line.

Both comparisons are .NET's culture-sensitive ones, which skip ignorable characters (format characters,
variation selectors, most controls), so ``\\u200b::`` and ``#\\ufe0f#[`` count too. :class:`CommandSafeWriter`
wraps a stream and, whatever is written to it and however the writes split a line, shows:

- the second ``:`` of a line that starts ``::`` after white space or ignorable characters (with only
  ignorable characters between the two), and
- every ``[`` preceded by ``#``, ignorable characters, ``#``, ignorable characters

as an escape of the stream's format (``\\x3a``/``\\x5b`` in text, ``\\u003a``/``\\u005b`` inside JSON strings,
which decode to the same text, ``&#58;``/``&#91;`` in HTML and XML, which parse to the same text). Every
other character passes unchanged. "Ignorable" is generous (:func:`_skippable`): white space and every
control, format character, mark, separator, unassigned or private-use code point and default-ignorable
filler; never a letter, digit, symbol or punctuation. Each decision depends only on what precedes the
character on its line, so a line written in pieces (or flushed half-way, as a progress bar is) comes out
as if written at once.

The ``postlint`` command wraps standard output and standard error in one of these before any command runs, and
every report written to a file goes through one too; the only lines that may start with ``::`` are the
``github`` format's own annotations, written with :func:`write_command` (their ``##[`` are escaped too).
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any, TextIO

from postlint.core.lazyre import lazy_regex

#: Escapes of ":" and "[" per output syntax; each reads back as the character in its own format.
STYLES: dict[str, tuple[str, str]] = {
    "text": ("\\x3a", "\\x5b"),
    "json": ("\\u003a", "\\u005b"),
    "markup": ("&#58;", "&#91;"),
}
#: The style for each report format (JSON strings hold every "##[" a JSON report can contain).
FORMAT_STYLES = {"json": "json", "sarif": "json", "gitlab": "json", "html": "markup", "junit": "markup"}

# A character the runner's comparison may skip or TrimStart() removes is never printable ASCII (CR and LF
# end the line): the patterns find candidates, then :func:`_skippable` decides for the non-ASCII ones.
_X = r"[^!-~\r\n]"
_V2 = lazy_regex(rf"[\r\n]({_X}*):({_X}*):")
_V1 = lazy_regex(rf"#({_X}*)#({_X}*)\[")
_LINE_TAIL = lazy_regex(rf"[\r\n]({_X}*)(?::({_X}*))?\Z")
_HASHES_AT_END = lazy_regex(rf"#({_X}*)(?:#({_X}*))?\Z")
# Default-ignorable letters (Hangul fillers): the only ones outside the categories below.
_IGNORABLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def _skippable(run: str) -> bool:
    """Whether every character of ``run`` may be white space to TrimStart() or ignorable to a culture-sensitive
    comparison: white space, controls, format characters, marks, separators, unassigned and private-use
    code points, the default-ignorable fillers. A letter, digit, symbol or punctuation is never skipped."""
    return run.isascii() or all(
        char.isspace() or unicodedata.category(char)[0] in "CMZ" or char in _IGNORABLE_LETTERS for char in run
    )


def neutralise(text: str, style: str = "text", *, line_start: bool = True) -> str:
    """``text`` (one or more lines) with what would start a workflow command escaped in ``style``."""
    return _Neutraliser(style, line_start).feed(text)


class _Neutraliser:
    """The per-line state a stream needs between writes: whether the line so far could still be the start
    of a ``::`` command, and the ``#`` run at its end."""

    def __init__(self, style: str, line_start: bool = True) -> None:
        self.colon, self.bracket = STYLES[style]
        # What matters of the line so far: "\n" (only ignorables yet), "\n:" (ignorables, one colon,
        # ignorables), "#" or "##" (a "#" run that a "[" would complete), else "".
        self.carry = "\n" if line_start else ""

    def _colon(self, match: re.Match[str]) -> str:
        skipped = _skippable(match.group(1)) and _skippable(match.group(2))
        return match.group()[:-1] + (self.colon if skipped else ":")

    def _bracket(self, match: re.Match[str]) -> str:
        skipped = _skippable(match.group(1)) and _skippable(match.group(2))
        return match.group()[:-1] + (self.bracket if skipped else "[")

    def feed(self, text: str, trusted_start: bool = False) -> str:
        if not text:
            return text
        carry = self.carry
        raw = carry + text
        work = raw
        if not trusted_start and ":" in text:
            work = _V2.sub(self._colon, work)
        if "[" in text and "#" in work:
            work = _V1.sub(self._bracket, work)
        # The state for the next write, from the raw text (escapes add no "#", ":" or line end).
        last = raw[-1]
        tail = None if "!" <= last <= "~" and last != ":" else _LINE_TAIL.search(raw)
        if tail is not None and _skippable(tail.group(1)) and _skippable(tail.group(2) or ""):
            self.carry = "\n" if tail.group(2) is None else "\n:"
        else:
            hashes = _HASHES_AT_END.search(raw) if "#" in raw else None
            if hashes is None:
                self.carry = ""
            elif hashes.group(2) is None:
                self.carry = "#" if _skippable(hashes.group(1)) else ""
            elif not _skippable(hashes.group(2)):
                self.carry = ""
            else:
                self.carry = "##" if _skippable(hashes.group(1)) else "#"
        return work[len(carry) :]


class CommandSafeWriter(io.TextIOBase):
    """A text stream that passes everything to ``inner`` with workflow-command starts escaped (see above)."""

    def __init__(self, inner: TextIO, style: str = "text") -> None:
        super().__init__()
        self.inner = inner
        self._state = _Neutraliser(style)

    def set_style(self, style: str) -> None:
        """Use the escapes of ``style`` from now on (for a report's format, chosen after the stream is set up)."""
        carry = self._state.carry
        self._state = _Neutraliser(style)
        self._state.carry = carry

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes with b"" for a binary stream: this is not one
            raise TypeError("CommandSafeWriter takes str")
        self.inner.write(self._state.feed(text))
        return len(text)

    def write_command(self, line: str) -> None:
        """One workflow command of postlint's own (``::name props::data``, every part already escaped for
        the runner), at the start of a line; its ``##[`` are escaped like any other."""
        if "\n" in line.rstrip("\n") or "\r" in line or not line.startswith("::"):
            raise ValueError("a workflow command is one line starting with '::'")
        if self._state.carry != "\n":
            self.write("\n")
        self.inner.write(self._state.feed(line, trusted_start=True))

    def flush(self) -> None:
        if not getattr(self.inner, "closed", False):  # (also called when the wrapper is collected)
            self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)

    def reconfigure(self, **settings: Any) -> None:
        if isinstance(self.inner, io.TextIOWrapper):
            self.inner.reconfigure(**settings)

    def __getattr__(self, name: str) -> Any:  # what else a caller may ask of a stream (name, mode, ...)
        if name == "buffer":  # never hand out the bytes underneath: everything goes through write()
            raise AttributeError(name)
        return getattr(self.inner, name)


def write_command(out: TextIO, line: str) -> None:
    """Write one of postlint's own workflow commands to ``out`` (see :meth:`CommandSafeWriter.write_command`)."""
    if isinstance(out, CommandSafeWriter):
        out.write_command(line)
    else:
        out.write(line)


def guard(stream: TextIO, style: str = "text") -> CommandSafeWriter:
    """``stream`` wrapped in a :class:`CommandSafeWriter` (once: a wrapped stream is returned as it is)."""
    if isinstance(stream, CommandSafeWriter):
        return stream
    return CommandSafeWriter(stream, style)
