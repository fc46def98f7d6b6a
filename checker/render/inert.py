"""Untrusted text made inert for display: no control sequence reaches a terminal or a viewer.

Text from articles, file names and front matter is untrusted. An escape
sequence in it could retitle a terminal, hide lines or fake colours; a bidi
override could make "$21 million" display as "$12 million". Every renderer
passes such text through `inert`, which swaps each dangerous character for
one visible stand-in, so the length, and with it every offset, is unchanged.

What is printed one line per record (file names, messages, error and warning
lines, compiler-style check output) goes through `one_line`, which also
shows line breaks as `␊`: a file named "x\\n::stop-commands::x\\n.md" could
otherwise print a line of its own choosing — a GitHub workflow command, or a
forged `draft.md:1:1: error` or `checker: error:` line.

A file name that is not UTF-8 reaches Python with each bad byte as a lone
surrogate (PEP 383), which no output can encode; it is shown as `\\xff`, the
byte it stands for (the one stand-in longer than one character: article
text is decoded strictly, so it never holds one).
"""

from __future__ import annotations

_STAND_INS: dict[int, int | str] = {
    **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"},  # ␛, ␇, ...
    ord("\r"): ord(" "),  # a carriage return could overwrite a line's start
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls (0x9B is a one-byte CSI)
    **{code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},  # bidi overrides
    **{code: 0xFFFD for code in range(0xD800, 0xE000)},  # lone surrogates: unencodable
    **{code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)},  # a file name's undecodable byte
}
_ONE_LINE = {**_STAND_INS, ord("\n"): 0x240A, 0x2028: 0x2424, 0x2029: 0x2424}  # ␊, ␤


def inert(text: str | None) -> str:
    """`text` with control characters and bidi overrides replaced, one for one; line breaks kept."""
    return "" if text is None else text.translate(_STAND_INS)


def one_line(text: str | None) -> str:
    """`inert`, and line breaks shown as `␊`: for file names, messages and every line-per-record
    output, so that untrusted text can never start a line of its own."""
    return "" if text is None else text.translate(_ONE_LINE)
