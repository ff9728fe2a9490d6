"""Bar charts drawn on the server as SVG (templates/components/charts.html draws what is computed
here): the geometry only — where each bar, tick and label goes — from figures already
aggregated. No JavaScript; every chart has its table alternative (the template's), its title and
description (role="img").

Two shapes: `columns` (one column per category, its series stacked: dossiers by month and
status) and `rows` (one group of horizontal bars per category, one bar per series: delays per
step, amounts per corridor)."""
import math
from dataclasses import dataclass, field

# DSFR illustrative colours, dark enough against white (3:1 at least for graphics).
PALETTE = ("#000091", "#c9191e", "#18753c", "#b34000", "#6a6af4", "#7d4e5b", "#3a3a3a",
           "#0063cb", "#a94645")
WIDTH = 640
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40  # margins of the plotting area (columns)
ROW_LABEL = 190  # the category labels' width (rows)
BAR, GAP = 14, 4  # a horizontal bar's height, and between bars of a group


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    text: str  # what the bar says, for its <title>


@dataclass
class Tick:
    position: float
    text: str


@dataclass
class Chart:
    key: str  # html ids
    title: str
    description: str
    height: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)  # on the value axis
    labels: list[Tick] = field(default_factory=list)  # the categories
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, series)
    horizontal: bool = False
    width: int = WIDTH
    left: int = LEFT
    baseline: float = 0  # columns: the y of the axis; rows: the x of the axis

    @property
    def empty(self) -> bool:
        return not self.bars


def _nice_top(value: float) -> float:
    """A round value at or above `value`: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def _ticks(top: float, count: int, fmt) -> list[tuple[float, str]]:
    return [(top * i / count, fmt(top * i / count)) for i in range(count + 1)]


def columns(key, title, description, categories, series, values, fmt=str, height=280) -> Chart:
    """Stacked columns: `values[(category, serie)]` → a number (absent: 0)."""
    chart = Chart(key, title, description, height, left=LEFT)
    totals = [sum(float(values.get((c, s), 0)) for s in series) for c in categories]
    top = _nice_top(max(totals, default=0))
    plot_height = height - TOP - BOTTOM
    chart.baseline = TOP + plot_height
    slot = (WIDTH - LEFT - RIGHT) / max(len(categories), 1)
    width = min(slot * 0.7, 48)
    colours = dict(zip(series, PALETTE * 3))
    for index, (category, label) in enumerate(categories.items()):
        x, y = LEFT + index * slot + (slot - width) / 2, chart.baseline
        for serie, name in series.items():
            value = values.get((category, serie), 0)
            if value:
                size = float(value) / top * plot_height
                y -= size
                chart.bars.append(Bar(x, y, width, size, colours[serie],
                                      f"{label} — {name} : {fmt(value)}"))
        chart.labels.append(Tick(LEFT + index * slot + slot / 2, label))
    chart.ticks = [Tick(chart.baseline - share / top * plot_height, text)
                   for share, text in _ticks(top, 4, fmt)]
    chart.legend = [(colours[s], name) for s, name in series.items()]
    return chart


def rows(key, title, description, categories, series, values, fmt=str) -> Chart:
    """Horizontal bars, a group per category: `values[(category, serie)]` → a number."""
    group = len(series) * (BAR + GAP) + 2 * GAP
    height = TOP + max(len(categories), 1) * group + BOTTOM
    chart = Chart(key, title, description, height, horizontal=True, left=ROW_LABEL)
    top = _nice_top(float(max((v for v in values.values() if v), default=0)))
    plot_width = WIDTH - ROW_LABEL - RIGHT - 48
    chart.baseline = ROW_LABEL
    colours = dict(zip(series, PALETTE))
    for index, (category, label) in enumerate(categories.items()):
        y = TOP + index * group + GAP
        chart.labels.append(Tick(TOP + index * group + group / 2, label))
        for serie, name in series.items():
            value = values.get((category, serie)) or 0
            size = float(value) / top * plot_width
            chart.bars.append(Bar(ROW_LABEL, y, max(size, 1) if value else 0,
                                  BAR, colours[serie], f"{label} — {name} : {fmt(value)}"))
            y += BAR + GAP
    chart.ticks = [Tick(ROW_LABEL + share / top * plot_width, text)
                   for share, text in _ticks(top, 3, fmt)]
    chart.legend = [(colours[s], name) for s, name in series.items()]
    if not any(values.values()):
        chart.bars = []
    return chart
