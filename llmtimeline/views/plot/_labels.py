r"""Label placement: event labels thinned at draw time so none overlap, and text drawn literally.

Text from the data is drawn as written: a ``$`` is a dollar, never the start of
matplotlib's mathtext.  :func:`literal` escapes it for the texts matplotlib
makes itself (tick and legend labels); the texts made here are created with
``parse_math=False``.

>>> literal("$5 and $6 Inc"), literal("Acme")
('\\$5 and \\$6 Inc', 'Acme')
"""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase

__all__ = ["LITERAL", "label_layer", "literal", "short"]

#: Text properties that draw a string as written (no mathtext).
LITERAL: dict[str, Any] = {"parse_math": False}


def literal(text: str) -> str:
    """``text`` with every ``$`` escaped, so that matplotlib draws it as a dollar sign."""
    return str(text).replace("$", r"\$")


def short(text: str, limit: int) -> str:
    """``text``, cut to ``limit`` characters with an ellipsis.

    >>> short("Llama 3 release", 8)
    'Llama 3…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label_layer(x: np.ndarray, y: np.ndarray, top: np.ndarray, lane: np.ndarray, labels: list[str],
                priority: np.ndarray, fontsize: float = 7.5, max_rows: int = 2) -> Any:
    """An artist drawing ``labels`` above their markers, thinned at every draw (see EventLabels)."""
    return _label_layer_class()(x, y, top, lane, labels, priority, fontsize, max_rows)


@functools.cache
def _label_layer_class() -> type:
    """The EventLabels artist class (built on first use, so matplotlib loads only when plotting)."""
    from matplotlib.artist import Artist
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text
    from matplotlib.transforms import IdentityTransform

    class EventLabels(Artist):
        """Event labels, thinned each time they are drawn so that no two overlap.

        A greedy pass over the labels in priority order (releases that settle a
        prediction, other releases, other settling events, the rest) keeps a label when its extent,
        measured in display coordinates for the current size and limits, fits in
        one of the text rows above its marker without touching a label kept
        before.  The labels drawn last are :meth:`get_texts`.
        """

        def __init__(self, x: np.ndarray, y: np.ndarray, top: np.ndarray, lane: np.ndarray, labels: list[str],
                     priority: np.ndarray, fontsize: float = 7.5, max_rows: int = 2) -> None:
            super().__init__()
            self._x, self._y, self._top = np.asarray(x, float), np.asarray(y, float), np.asarray(top, float)
            self._lane = np.asarray(lane).tolist()
            self._labels = list(labels)
            self._order = np.argsort(np.asarray(priority), kind="stable") if len(labels) else np.zeros(0, int)
            self._fontsize = fontsize
            self._max_rows = max_rows
            self._texts: list[Text] = []
            self.set_zorder(5)

        def get_texts(self) -> list[Text]:
            """The labels drawn by the last draw."""
            return list(self._texts)

        def get_children(self) -> list[Artist]:
            return list(self._texts)

        def draw(self, renderer: RendererBase) -> None:
            self._texts = []
            if not self.get_visible() or not self._labels or self.axes is None:
                return
            ax = self.axes
            box = ax.bbox
            prop = FontProperties(family="sans-serif", size=self._fontsize)
            anchors = ax.transData.transform(np.column_stack([self._x, self._y]))
            tops = ax.transData.transform(np.column_stack([self._x, self._top]))[:, 1]
            pad = _px(renderer, 2.5)
            gap = _px(renderer, 4.0)
            nudge = _px(renderer, 1.5)
            line = max(renderer.get_text_width_height_descent(s, prop, ismath=False)[1] for s in ("lp", "Ag"))
            line += _px(renderer, 1.0)
            inside = ((anchors[:, 0] >= box.x0) & (anchors[:, 0] <= box.x1)
                      & (anchors[:, 1] >= box.y0 - 1) & (anchors[:, 1] <= box.y1 + 1))
            room = np.abs(tops - anchors[:, 1]) - pad
            fits = np.minimum(np.floor(room / line), self._max_rows).astype(int)
            kept: dict[tuple[Any, int], _Intervals] = {}
            advance = _advances(renderer, prop)
            margin = _px(renderer, 1.0)
            seen: dict[tuple[Any, str], list[float]] = {}
            for i in self._order.tolist():
                if not inside[i] or fits[i] <= 0:
                    continue
                px, py = anchors[i]
                label = self._labels[i]
                near = seen.get((self._lane[i], label))
                if near is not None and min(abs(px - q) for q in near) < gap:
                    continue  # the same label on the same spot: once is enough
                width = None
                for r in range(fits[i]):
                    row = kept.setdefault((self._lane[i], r), _Intervals())
                    if row.covers(px):
                        continue
                    if width is None:  # glyph advances, measured once per character: fast and within a pixel
                        width = sum(advance[c] for c in label) * 1.02 + margin
                    ha, left = "left", px - nudge
                    if left + width > box.x1:
                        ha, left = "right", px + nudge - width
                    if left < box.x0 or not row.free(left - gap, left + width + gap):
                        continue
                    seen.setdefault((self._lane[i], label), []).append(px)
                    row.add(left, left + width)
                    text = Text(left if ha == "left" else left + width, py + pad + r * line, label,
                                ha=ha, va="bottom", fontproperties=prop, color="#222222", parse_math=False,
                                transform=IdentityTransform(), clip_on=False)
                    text.set_figure(self.figure)
                    self._texts.append(text)
                    break
            for text in self._texts:
                text.draw(renderer)
            self.stale = False

    return EventLabels


class _Advances(dict):  # type: ignore[type-arg]
    """Width in pixels of each character, measured on first use."""

    def __init__(self, renderer: RendererBase, prop: Any) -> None:
        super().__init__()
        self._renderer, self._prop = renderer, prop

    def __missing__(self, char: str) -> float:
        width = self._renderer.get_text_width_height_descent(char * 8, self._prop, ismath=False)[0] / 8
        self[char] = width
        return width


def _px(renderer: RendererBase, points: float) -> float:
    """``points`` in display pixels for this renderer."""
    value: Any = renderer.points_to_pixels(points)
    return float(value)


def _advances(renderer: RendererBase, prop: Any) -> _Advances:
    """The character widths for this font, size and resolution (cached across draws)."""
    dpi: Any = renderer.points_to_pixels(72.0)
    key = (prop.get_size_in_points(), float(dpi), type(renderer).__name__)
    table = _ADVANCES.get(key)
    if table is None:
        table = _ADVANCES[key] = _Advances(renderer, prop)
    return table


_ADVANCES: dict[tuple[float, float, str], _Advances] = {}


class _Intervals:
    """Disjoint intervals on a line, sorted by start."""

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def covers(self, x: float) -> bool:
        i = bisect.bisect_right(self.starts, x)
        return i > 0 and self.ends[i - 1] >= x

    def free(self, a: float, b: float) -> bool:
        i = bisect.bisect_right(self.starts, b)
        return i == 0 or self.ends[i - 1] < a

    def add(self, a: float, b: float) -> None:
        i = bisect.bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)
