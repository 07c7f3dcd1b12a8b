"""Browser latency: slider key press -> repainted ipympl canvas, in JupyterLab + Chromium.

For every notebook: open it in JupyterLab (headless Debian Chromium, the harness of
``testkit/labdriver.py``), Run All, then press ArrowRight/ArrowLeft on every enabled
slider, waiting for the repaint and an idle kernel after each press. A latency is the time
from the ``keydown`` event to the first ``drawImage`` on the canvas in the same output,
both measured inside the page (``performance.now()``).

A reference row measures the same on the least a panel can do: one blitted line in a
420x360 px figure (the size of the course's smallest slider figure), no readout, in a
two-cell notebook. What it takes is the cost of JupyterLab, ipywidgets, ipympl and the
browser on this machine, which no panel can go below. It is measured before and after the
notebooks, and each notebook's p50 is given as a ratio to it, which holds on a noisy
machine where milliseconds do not. Goals: every notebook's p50 <= 1.25x the reference's
p50 in the same run (the course adds at most a quarter to the stack's own floor), and
p95 < 150 ms.

``python -m benchmarks`` calls :func:`run` (its "latency" section); ``python -m
benchmarks.latency`` runs it alone, stores the result under the "latency" key of
benchmarks/results.json (:func:`write_results`) and prints :func:`format_table`.
"""

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from testkit.labdriver import (
    ENGLISH_NOTEBOOKS,
    ROOT,
    LabServer,
    NotebookPage,
    chromium_missing_reason,
    open_browser,
)
from testkit.notebooks import write_notebook

RESULTS = Path(__file__).resolve().parent / "results.json"
GOALS = {"p50_ratio": 1.25, "p95_ms": 150.0}
REFERENCE_CELLS = [
    "%matplotlib widget",
    """\
import matplotlib.pyplot as plt
import numpy as np
from nbs_utils.widgets import Panel, slider

with plt.ioff():
    fig, ax = plt.subplots(figsize=(4.2, 3.6), dpi=100)
x = np.linspace(0.0, 2 * np.pi, 200)
(line,) = ax.plot(x, np.sin(x))
ax.set(ylim=(-2.0, 2.0), title="reference: one line", xlabel="$x$", ylabel=r"$a \\sin x$")


def update(a):
    line.set_ydata(a * np.sin(x))


Panel(fig, {"a": slider("amplitude a", 0.0, 2.0, 0.05, 1.0)}, update, animated=[line])
""",
]


def measure_notebook(context, lab, notebook, presses_per_slider=6, max_presses=60):
    """Latencies (ms) of key presses on every enabled slider of ``notebook``."""
    nb = NotebookPage(context, lab, notebook)
    latencies, missed, sliders = [], 0, 0
    try:
        nb.open()
        nb.run_all()
        targets = []
        for handle in nb.sliders():
            canvas = nb.canvas_of(handle)
            painted = canvas is not None and canvas.evaluate("c => !!c.__draws")
            if painted and not nb.slider_disabled(handle):
                targets.append((handle, canvas))  # blank figures: see tests/browser
        sliders = len(targets)
        per_slider = max(1, min(presses_per_slider, max_presses // max(1, sliders)))
        for s, (handle, canvas) in enumerate(targets):
            first = nb.key_for(handle)
            back = "ArrowLeft" if first == "ArrowRight" else "ArrowRight"
            for i in range(per_slider + (s == 0)):  # one untimed warm-up press overall
                ms = nb.press(handle, canvas, first if i % 2 == 0 else back)
                nb.wait_idle()
                if s == 0 and i == 0 and ms is not None:
                    continue
                if ms is None:  # no repaint within 10 s: do not wait on this slider again
                    missed += 1
                    break
                else:
                    latencies.append(ms)
    finally:
        nb.close()
    return latencies, missed, sliders


def reference_notebook(folder):
    """Write the reference notebook (:data:`REFERENCE_CELLS`) into ``folder``; its path."""
    return write_notebook(folder, "reference_panel.ipynb", REFERENCE_CELLS)


def summarise(latencies, missed, sliders, seconds, reference_p50=None):
    """p50, p95, max and, against ``reference_p50`` (ms), the p50 ratio and the goals."""
    row = {"sliders": sliders, "presses": len(latencies), "missed": missed}
    row["seconds"] = round(seconds, 1)
    if latencies:
        p50, p95 = np.percentile(latencies, [50, 95])
        row.update(p50_ms=round(float(p50), 1), p95_ms=round(float(p95), 1))
        row["max_ms"] = round(float(max(latencies)), 1)
        if reference_p50:
            row["p50_ratio"] = round(float(p50) / reference_p50, 2)
            row["goal_met"] = bool(
                row["p50_ratio"] <= GOALS["p50_ratio"] and p95 < GOALS["p95_ms"] and not missed
            )
    return row


def run(notebooks=None, presses_per_slider=6, reference_presses=30):
    """``{"goals", "per_notebook": {stem: row}, "all": row, "reference": row}`` or ``{"skipped"}``.

    ``reference``: the reference panel (module docstring), ``reference_presses`` presses,
    half before the notebooks and half after; 0 leaves it out (and the ratios with it).
    """
    reason = chromium_missing_reason()
    if reason:
        return {"skipped": reason}
    from playwright.sync_api import sync_playwright

    notebooks = ENGLISH_NOTEBOOKS if notebooks is None else [Path(p).resolve() for p in notebooks]
    result = {"goals": GOALS, "per_notebook": {}}
    measured, reference = {}, ([], 0, 0, 0.0)
    lab = LabServer()
    folder = ROOT / "build" / "latency-reference"
    try:
        with sync_playwright() as playwright, open_browser(playwright) as context:

            def measure_reference(presses):
                start = time.monotonic()
                lat, missed, sliders = measure_notebook(context, lab, path, presses, presses)
                return lat, missed, sliders, time.monotonic() - start

            path = reference_notebook(folder)
            if reference_presses:
                reference = measure_reference(reference_presses // 2)
            for notebook in notebooks:
                start = time.monotonic()
                lat, missed, sliders = measure_notebook(context, lab, notebook, presses_per_slider)
                measured[notebook.stem] = (lat, missed, sliders, time.monotonic() - start)
                print(f"latency {notebook.stem}: {len(lat)} presses", file=sys.stderr, flush=True)
            if reference_presses:
                after = measure_reference(reference_presses - reference_presses // 2)
                lat, missed, sliders, seconds = reference
                reference = (lat + after[0], missed + after[1], sliders, seconds + after[3])
    finally:
        lab.stop()
        shutil.rmtree(folder, ignore_errors=True)
    ref_p50 = float(np.median(reference[0])) if reference[0] else None
    if reference_presses:
        result["reference"] = summarise(*reference, reference_p50=ref_p50)
    for stem, row in measured.items():
        result["per_notebook"][stem] = summarise(*row, reference_p50=ref_p50)
    everything = [ms for lat, *_ in measured.values() for ms in lat]
    missed = sum(row[1] for row in measured.values())
    sliders = sum(row[2] for row in measured.values())
    result["all"] = summarise(everything, missed, sliders, 0.0, reference_p50=ref_p50)
    result["all"].pop("seconds")
    result["load_1min"] = round(os.getloadavg()[0], 2)
    return result


def format_table(result):
    """The latency result as a markdown table."""
    if "per_notebook" not in result:
        return f"browser latency skipped: {result.get('skipped', result)}"
    head = (
        f"**Browser latency: key press -> repainted canvas** (goals: p50 <= "
        f"{GOALS['p50_ratio']}x the reference panel's p50 in the same run, p95 < "
        f"{GOALS['p95_ms']:.0f} ms; load {result.get('load_1min', '?')})"
    )
    reference = {"reference: one-line panel": result["reference"]} if "reference" in result else {}
    lines = [
        head,
        "",
        "| notebook | sliders | presses | p50 ms | p50 / reference | p95 ms | max ms | goal met |",
    ]
    lines.append("|---|---:|---:|---:|---:|---:|---:|---|")
    rows = dict(result["per_notebook"], **{"**all notebooks**": result["all"]}, **reference)
    for name, row in rows.items():
        if "p50_ms" not in row:
            lines.append(f"| {name} | {row['sliders']} | 0 | - | - | - | - | no slider |")
            continue
        missed = f" ({row['missed']} without repaint)" if row["missed"] else ""
        ratio = f"{row['p50_ratio']:.2f}x" if "p50_ratio" in row else "-"
        met = {True: "yes", False: "no"}.get(row.get("goal_met"), "-")
        lines.append(
            f"| {name} | {row['sliders']} | {row['presses']}{missed} | {row['p50_ms']:.1f} | "
            f"{ratio} | {row['p95_ms']:.1f} | {row['max_ms']:.1f} | {met} |"
        )
    return "\n".join(lines)


def write_results(result, path=RESULTS, key="latency"):
    """Store ``result`` under ``key`` in the JSON file ``path``, keeping its other keys."""
    path = Path(path)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[key] = result
    path.write_text(json.dumps(data, indent=1) + "\n")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.latency", description=__doc__)
    parser.add_argument("notebooks", nargs="*", help="default: notebooks/*.ipynb")
    parser.add_argument("--presses", type=int, default=6, help="timed presses per slider")
    parser.add_argument("--reference-presses", type=int, default=30, help="0: no reference row")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    result = run(args.notebooks or None, args.presses, args.reference_presses)
    write_results(result, args.output)
    print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
