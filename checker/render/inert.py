"""Article text made inert for display: no control sequence reaches a terminal or a viewer.

Text from articles, file names and front matter is untrusted. An escape
sequence in it could retitle a terminal, hide lines or fake colours; a bidi
override could make "$21 million" display as "$12 million". Every renderer
passes such text through `inert`, which swaps each dangerous character for
one visible stand-in, so the length, and with it every offset, is unchanged.
"""

from __future__ import annotations

_STAND_INS = {
    **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"},  # ␛, ␇, ...
    ord("\r"): ord(" "),  # a carriage return could overwrite a line's start
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls (0x9B is a one-byte CSI)
    **{code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},  # bidi overrides
}


def inert(text: str | None) -> str:
    """`text` with control characters and bidi overrides replaced, one for one."""
    return "" if text is None else text.translate(_STAND_INS)
