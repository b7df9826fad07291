"""The Thai font every page embeds: Sarabun (regular and bold) as ``@font-face`` rules.

Pages are read and printed offline, on machines that may lack a Thai font: the font
travels inside the page as base64 data.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

__all__ = ["font_face_css"]


@functools.cache
def font_face_css() -> str:
    """``@font-face`` rules embedding Sarabun (regular and bold) as base64, or ``""``.

    Examples
    --------
    >>> css = font_face_css()
    >>> css == "" or ('font-family: "Sarabun"' in css and "data:font/ttf;base64," in css)
    True
    """
    try:
        import fontpkg_sarabun
    except ImportError:  # pragma: no cover - a declared dependency; fall back to system fonts
        return ""
    rules = []
    for weight, name in ((400, "Sarabun-Regular.ttf"), (700, "Sarabun-Bold.ttf")):
        path = Path(fontpkg_sarabun.ROOT) / "files" / name
        if not path.is_file():  # pragma: no cover
            continue
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        rules.append(
            '@font-face { font-family: "Sarabun"; font-style: normal; '
            f"font-weight: {weight}; font-display: block; "
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)
