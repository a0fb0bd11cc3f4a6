"""The report's PNG: matplotlib's Agg canvas, with each text drawn as one bitmap, written by a small encoder.

matplotlib 3.11 draws text glyph by glyph from Python (a font size, a transform and a
bitmap per glyph); a report figure holds some 3,000 glyphs, and drawing them was half
the time of saving it.  FreeType can lay out and render a whole string in one call
(``FT2Font.set_text`` then ``draw_glyphs_to_bitmap``: what Agg did up to matplotlib 3.10,
and what it still uses to measure text), so :func:`string_canvas` gives a figure a
canvas whose renderer does that for plain horizontal text and composites the bitmap in
the text's colour with :meth:`~matplotlib.backend_bases.RendererBase.draw_image`; a string
is laid out once per save, for its size (asked before it is drawn) and its bitmap together.
Rotated text, mathtext, text with font features or a language set, and anything this
matplotlib cannot draw so are drawn by Agg as usual.  The picture is the same to a reader
(``tests/test_plot.py`` compares the two renderings within a tolerance), in less than half the time.

The canvas writes its PNG with :func:`write_png`: rows unfiltered, deflated at zlib
level 1, RGB when the picture is opaque.  For these flat-coloured charts that is as small
as Pillow's level-1 file (whose filter search tries five filters per row) in half the time.
"""

from __future__ import annotations

import functools
import struct
import zlib
from typing import IO, TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["string_canvas", "write_png"]


def string_canvas(fig: Figure) -> Any:
    """A new Agg canvas for ``fig`` (it becomes ``fig.canvas``) that draws each text as one bitmap."""
    return _canvas_class()(fig)


@functools.cache
def _canvas_class() -> type:
    """The canvas and renderer classes, made on first use (matplotlib loads only when plotting)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
    from matplotlib.ft2font import FT2Font

    whole_strings = all(hasattr(FT2Font, name) for name in
                        ("set_text", "draw_glyphs_to_bitmap", "get_image", "get_bitmap_offset", "get_descent"))

    class StringRenderer(RendererAgg):
        """Agg, drawing a horizontal plain text as one FreeType bitmap of the whole string.

        A string is laid out once: its size (which matplotlib asks for before drawing it) and its
        bitmap are kept, by string, font and size, for as long as the renderer lives (one save).
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[no-untyped-call]  # untyped in matplotlib
            self._strings: dict[tuple[Any, ...], tuple[float, float, float, np.ndarray, float, float]] = {}

        def _plain(self, ismath: Any) -> bool:
            return not ismath and whole_strings and hasattr(self, "_prepare_font")

        def _string(self, s: str, prop: Any) -> tuple[float, float, float, np.ndarray, float, float]:
            """Width, height, descent (pixels), the coverage bitmap and its offset, of ``s`` in ``prop``."""
            flags = get_hinting_flag()  # type: ignore[no-untyped-call]  # untyped in matplotlib
            key = (s, tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
                   prop.get_stretch(), prop.get_size_in_points(), prop.get_file(), flags)
            found = self._strings.get(key)
            if found is None:
                font = self._prepare_font(prop)  # type: ignore[no-untyped-call]  # RendererAgg's: the font and fallbacks
                font.set_text(s, 0.0, flags=flags)
                width, height = font.get_width_height()
                font.draw_glyphs_to_bitmap(antialiased=True)
                dx, dy = font.get_bitmap_offset()
                found = self._strings[key] = (width / 64.0, height / 64.0, font.get_descent() / 64.0,
                                              np.array(font.get_image()), dx / 64.0, dy / 64.0)
            return found

        def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
            if not self._plain(ismath):
                return super().get_text_width_height_descent(s, prop, ismath)  # type: ignore[no-untyped-call,no-any-return]
            width, height, descent = self._string(s, prop)[:3]
            return width, height, descent

        def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float, ismath: Any = False,
                      mtext: Any = None) -> None:
            shaped = mtext is not None and any(getattr(mtext, f"get_{name}", lambda: None)()
                                               for name in ("fontfeatures", "language"))  # matplotlib 3.11's
            if not self._plain(ismath) or angle % 360 or not gc.get_antialiased() or shaped:
                super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[no-untyped-call]
                return
            _, _, descent, coverage, dx, dy = self._string(s, prop)
            if not coverage.size or not coverage.any():
                return
            left = round(x + dx)
            bottom = round(y + dy + descent) + 1  # pixels from the top, as Agg's text images are placed
            rgba = gc.get_rgb()
            alpha = gc.get_alpha() if len(rgba) == 3 or gc.get_forced_alpha() else rgba[3]
            image = np.empty((*coverage.shape, 4), dtype=np.uint8)
            image[..., :3] = np.round(np.asarray(rgba[:3]) * 255).astype(np.uint8)
            image[..., 3] = coverage if alpha >= 1 else np.round(coverage * alpha).astype(np.uint8)
            self.draw_image(gc, left, self.height - bottom, image[::-1])

    class StringCanvas(FigureCanvasAgg):
        """FigureCanvasAgg whose renderer is a StringRenderer, and whose PNG :func:`write_png` writes."""

        def get_renderer(self) -> Any:
            renderer = super().get_renderer()  # type: ignore[no-untyped-call]  # untyped in matplotlib
            if not isinstance(renderer, StringRenderer):
                renderer = self.renderer = StringRenderer(renderer.width, renderer.height, renderer.dpi)
            return renderer

        def print_png(self, filename_or_obj: Any, *, metadata: dict[str, str] | None = None,
                      pil_kwargs: Any = None, **print_figure_kwargs: Any) -> None:
            """Draw and write the PNG (``print_figure`` has set the size, dpi and colours; Pillow's
            options do not apply: the file is written by :func:`write_png`)."""
            FigureCanvasAgg.draw(self)  # type: ignore[no-untyped-call]  # untyped in matplotlib
            software = f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/"
            rgba = np.asarray(self.buffer_rgba())  # type: ignore[no-untyped-call]  # untyped in matplotlib
            write_png(filename_or_obj, rgba, dpi=self.figure.dpi,
                      text={"Software": software, **(metadata or {})})

    return StringCanvas


def write_png(file: str | IO[bytes] | Any, rgba: np.ndarray, *, dpi: float = 100.0,
              text: dict[str, str] | None = None, level: int = 1) -> None:
    """Write an image (height x width x 4, uint8, top row first) as a PNG to ``file`` (a path or a binary file).

    RGB when every pixel is opaque, else RGBA; rows unfiltered and deflated at zlib ``level``;
    the resolution (``dpi``) and ``text`` (keyword: value, Latin-1) as chunks, as Pillow writes them.

    >>> import io
    >>> out = io.BytesIO()
    >>> write_png(out, np.zeros((2, 3, 4), dtype=np.uint8))
    >>> out.getvalue()[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    height, width, _ = rgba.shape
    opaque = bool((rgba[..., 3] == 255).all())
    pixels = rgba[..., :3] if opaque else rgba
    rows = np.zeros((height, 1 + pixels.shape[1] * pixels.shape[2]), dtype=np.uint8)  # filter 0 (none) per row
    rows[:, 1:] = pixels.reshape(height, -1)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    per_metre = round(dpi / 0.0254)
    parts = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)),
             chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))]
    parts += [chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1", "replace"))
              for key, value in (text or {}).items()]
    parts += [chunk(b"IDAT", zlib.compress(rows.tobytes(), level)), chunk(b"IEND", b"")]
    data = b"".join(parts)
    if hasattr(file, "write"):
        file.write(data)
    else:
        with open(file, "wb") as out:
            out.write(data)
