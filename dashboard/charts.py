"""Charts drawn on the server as SVG: the geometry of each bar, worked out here, drawn by the dashboard's template.

Right-to-left pages mirror the charts: bars grow from the right, and days run from right to left, as the text does.
Every bar keeps its figure as text (its tooltip, ``<title>``), the same text the table beside the chart shows.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str  # the figure as the table shows it
    x: float
    y: float
    width: float
    height: float
    label_x: float  # where the label and the value text are anchored
    value_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    rtl: bool
    axis_labels: list[tuple[float, str]]  # (x, text) under a column chart

    @property
    def direction(self) -> str:
        """The text's direction: its anchors ("start") then mean the reading side, right in right-to-left text."""
        return "rtl" if self.rtl else "ltr"


def _share(value: Decimal | int, largest: Decimal | int) -> float:
    return float(value) / float(largest) if largest else 0.0


def horizontal_bars(items: list[tuple[str, Decimal | int, str]], *, rtl: bool) -> Chart:
    """One bar per (label, value, value text), as long as its share of the largest value; label above the bar."""
    bar_height, row = 22, 52
    plot = WIDTH - 120  # room for the value text after the longest bar
    largest = max((value for _label, value, _text in items), default=0)
    bars = []
    for index, (label, value, text) in enumerate(items):
        length = max(_share(value, largest) * plot, 1.0 if value else 0.0)
        y = index * row + 20
        x = WIDTH - length if rtl else 0.0
        bars.append(
            Bar(
                label=label,
                value_text=text,
                x=round(x, 1),
                y=y,
                width=round(length, 1),
                height=bar_height,
                label_x=WIDTH if rtl else 0,
                value_x=round(WIDTH - length - 8 if rtl else length + 8, 1),
                text_y=y + bar_height - 6,
            )
        )
    return Chart(width=WIDTH, height=len(items) * row + 10, bars=bars, rtl=rtl, axis_labels=[])


def columns(items: list[tuple[str, Decimal | int, str]], *, rtl: bool, every: int = 7) -> Chart:
    """One column per (label, value, value text), oldest first from the reading side; the last label and every
    ``every``-th one before it are written under their columns."""
    height, top, bottom, side = 200, 10, 30, 32
    plot_height = height - top - bottom
    slot = (WIDTH - 2 * side) / max(len(items), 1)
    largest = max((value for _label, value, _text in items), default=0)
    bars, axis = [], []
    for index, (label, value, text) in enumerate(items):
        column_height = _share(value, largest) * plot_height
        slot_start = WIDTH - side - (index + 1) * slot if rtl else side + index * slot
        middle = round(slot_start + slot / 2, 1)
        bars.append(
            Bar(
                label=label,
                value_text=text,
                x=round(slot_start + slot * 0.15, 1),
                y=round(top + plot_height - column_height, 1),
                width=round(slot * 0.7, 1),
                height=round(column_height, 1),
                label_x=middle,
                value_x=middle,
                text_y=height - 10,
            )
        )
        if (len(items) - 1 - index) % every == 0:
            axis.append((middle, label))
    return Chart(width=WIDTH, height=height, bars=bars, rtl=rtl, axis_labels=axis)
