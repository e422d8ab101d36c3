"""Server-rendered SVG charts: geometry computed here, drawn by a template with CSS classes (no script, no inline style)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    value: int | float
    label: str


def _nice_max(value: float) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return int(top)
    return int(value)


def grouped_bars(groups: list[dict], series: list[tuple[str, str, str]], *, width: int = 400, height: int = 220) -> dict:
    """Vertical grouped bars: `groups` are rows with a 'label', `series` are (field, css class, legend label)."""
    left, right, top, bottom = 34, 6, 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([g[f] or 0 for g in groups for f, _c, _l in series] or [0]))
    n = max(len(groups), 1)
    slot = plot_w / n
    bar_w = max(min(slot * 0.8 / len(series), 28), 2)
    bars, ticks, labels = [], [], []
    for i, g in enumerate(groups):
        x0 = left + i * slot + (slot - bar_w * len(series)) / 2
        for j, (field, css, legend) in enumerate(series):
            value = g[field] or 0
            h = plot_h * value / top_value
            bars.append(Bar(x=round(x0 + j * bar_w, 1), y=round(top + plot_h - h, 1), width=round(bar_w - 1, 1),
                            height=round(h, 1), css=css, value=value, label=f"{g['label']}: {legend} {value}"))
        labels.append({"x": round(left + i * slot + slot / 2, 1), "y": height - bottom + 14,
                       "text": g.get("short_label", g["label"])})
    for k in range(5):
        value = top_value * k / 4
        ticks.append({"y": round(top + plot_h - plot_h * k / 4, 1), "text": f"{value:g}"})
    return {"width": width, "height": height, "left": left, "right": width - right, "bars": bars, "ticks": ticks,
            "labels": labels, "legend": [{"css": c, "text": t} for _f, c, t in series],
            "thin_labels": n > 8}


def horizontal_bars(rows: list[dict], field: str, *, maximum: float = 100, width: int = 400, row_h: int = 40) -> dict:
    """Horizontal bars with the row's label above each bar (e.g. the share handled on time per agency)."""
    plot_w = width - 60
    bars = []
    for i, r in enumerate(rows):
        value = r.get(field)
        w = plot_w * (value or 0) / maximum if maximum else 0
        top = i * row_h
        bars.append({"label": r["label"], "label_y": top + 13, "y": top + 18, "height": 14, "width": round(w, 1),
                     "value": value, "text_x": round(w + 6, 1), "text_y": top + 30})
    return {"width": width, "height": max(len(rows), 1) * row_h, "bars": bars}
