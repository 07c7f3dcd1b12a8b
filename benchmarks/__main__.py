"""``python -m benchmarks`` (``make bench``): time the course, write results.json, print tables.

Sections (``--skip`` any of them; a skipped section keeps its previous results):

- ``notebooks``: every notebook under ``pytest --nbval-lax``, seconds per notebook (the
  sum of its cells, kernel start included) and for the whole run.
  Goals: each < 10 s, the course < 60 s.
- ``panels``: every ``*_panel`` builder (found as in :mod:`testkit.panels`). A random
  walk of one-notch slider/toggle moves, timing ``panel.update(**values)`` alone and a
  whole slider step ``panel.set(**values)`` (update, then the panel's repaint on Agg: a
  blit of the changed artists, or a full draw when something static changed, then the
  PNG diff frame ipympl would send, :func:`nbs_utils.repaint.encode_png`), against a
  full re-plot: rebuilding the panel from scratch plus a draw. Goals: update p95 <= 16 ms,
  step p95 <= 30 ms, re-plot / step >= 5 (medians).
- ``regions``: ``geometry.count_linear_regions`` on a seeded 2-16-16-16 ReLU net over
  ``[-3, 3]^2`` (in a subprocess with a timeout). Goal < 2 s.
- ``latency``: the browser benchmark ``benchmarks/latency.py`` (another module's job),
  when it exists and a Chromium is installed.
- ``site``: ``python -m book`` (``make site``) in a fresh clone of the committed repository:
  seconds to execute the notebooks, to render the pages (Jupyter Book), and in all.
- ``playground``: notebook 06's playground (``benchmarks/playground.py``): training steps/s,
  and in Chromium its key press -> repaint latency as a ratio of the ipympl reference
  panel's, painted frames per second while playing, and how fast a slider lands.

Benchmarks report; they never fail the build (exit status 0 unless the harness crashes).
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results.json"
SECTIONS = ("notebooks", "panels", "regions", "latency", "site", "playground")
GOALS = {
    "notebook_s": 10.0,
    "course_s": 60.0,
    "update_p95_ms": 16.0,
    "update_draw_p95_ms": 30.0,
    "speedup": 5.0,
    "regions_s": 2.0,
}
REGIONS_CODE = """
import json, time
from nbs_utils.geometry import count_linear_regions
from nbs_utils.nets import random_layers
layers = random_layers([2, 16, 16, 16], seed=0)
box = ((-3.0, 3.0), (-3.0, 3.0))
count_linear_regions(random_layers([2, 4, 4], seed=1), box)  # warm up imports and caches
times = []
for _ in range(3):
    t = time.perf_counter()
    n = count_linear_regions(layers, box)
    times.append(time.perf_counter() - t)
print(json.dumps({"regions": n, "seconds": sorted(times)[1], "runs": times}))
"""


def percentile(values, q):
    return float(statistics.quantiles(values, n=100, method="inclusive")[q - 1])


def warm_up_matplotlib():
    """Build the font cache and import the plotting stack once, outside every timing."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.set_title("warm-up $x^2$")
    fig.canvas.draw()
    plt.close(fig)


def bench_notebooks():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        return {"skipped": "no notebooks yet"}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "junit.xml"
        cmd = [sys.executable, "-m", "pytest", "--nbval-lax", "-q", "-p", "no:cacheprovider"]
        start = time.perf_counter()
        proc = subprocess.run(
            [*cmd, f"--junitxml={report}", *(str(p.relative_to(ROOT)) for p in notebooks)],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        wall = time.perf_counter() - start
        per_notebook, failed = {}, {}
        for case in ET.parse(report).iter("testcase"):
            name = case.get("classname", "").removeprefix("notebooks.").removesuffix(".ipynb")
            per_notebook[name] = per_notebook.get(name, 0.0) + float(case.get("time", 0))
            if case.find("failure") is not None or case.find("error") is not None:
                failed[name] = failed.get(name, 0) + 1
    rows = {
        name: {
            "seconds": round(seconds, 2),
            "cells_failed": failed.get(name, 0),
            "goal_met": seconds < GOALS["notebook_s"],
        }
        for name, seconds in per_notebook.items()
    }
    total = sum(per_notebook.values())
    return {
        "per_notebook": rows,
        "sum_s": round(total, 2),
        "pytest_wall_s": round(wall, 2),
        "passed": proc.returncode == 0,
        "goal_met": wall < GOALS["course_s"] and all(r["goal_met"] for r in rows.values()),
    }


def bench_panel(builder, steps, replots, seed=0):
    import matplotlib.pyplot as plt
    import numpy as np

    from testkit.panels import builder_kwargs, single_steps

    kwargs = builder_kwargs(builder)
    replot = []
    for _ in range(replots):
        start = time.perf_counter()
        panel = builder(**kwargs)
        panel.fig.canvas.draw()
        replot.append(time.perf_counter() - start)
        plt.close(panel.fig)

    panel = builder(**kwargs)
    rng = np.random.default_rng(seed)
    walk = single_steps(panel, rng, 2 * steps + 5)
    for values in walk[:5]:  # warm-up
        panel.update(**values)
        panel.fig.canvas.draw()
    update, update_draw = [], []
    for values in walk[5 : 5 + steps]:
        start = time.perf_counter()
        panel.update(**values)
        update.append(time.perf_counter() - start)
    cpu = []  # process CPU time: what the step costs without other processes' load
    for values in walk[5 + steps :]:
        start, start_cpu = time.perf_counter(), time.process_time()
        panel.set(**values)  # what a slider does: update, then blit (or a full draw if needed)
        _send_frame(panel.fig)  # and what ipympl then sends: the whole frame as a PNG
        update_draw.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    plt.close(panel.fig)

    ms = {
        "update_p50_ms": 1e3 * statistics.median(update),
        "update_p95_ms": 1e3 * percentile(update, 95),
        "update_draw_p50_ms": 1e3 * statistics.median(update_draw),
        "update_draw_p95_ms": 1e3 * percentile(update_draw, 95),
        "update_draw_cpu_p50_ms": 1e3 * statistics.median(cpu),
        "replot_p50_ms": 1e3 * statistics.median(replot),
    }
    speedup = ms["replot_p50_ms"] / ms["update_draw_p50_ms"]
    out = {k: round(v, 2) for k, v in ms.items()}
    out["speedup"] = round(speedup, 1)
    out["update_goal_met"] = ms["update_p95_ms"] <= GOALS["update_p95_ms"]
    out["update_draw_goal_met"] = ms["update_draw_p95_ms"] <= GOALS["update_draw_p95_ms"]
    out["speedup_goal_met"] = speedup >= GOALS["speedup"]
    out["steps"], out["replots"] = steps, replots
    return out


def _pixels(fig):
    import numpy as np

    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _send_frame(fig):
    """Encode the frame ipympl would send after a repaint (the whole figure, PNG)."""
    from nbs_utils.repaint import encode_png

    encode_png(_pixels(fig))


def reference_draw_ms(repeats=30):
    """Median redraw of a bare two-axes panel-sized figure: the floor any panel pays per draw."""
    from nbs_utils.plots import label_axes, new_figure

    fig, axes = new_figure(ncols=2, width=3.6, height=3.4)
    for ax in axes:
        ax.plot([0, 1], [0, 1])
        label_axes(ax, "reference")
    fig.canvas.draw()
    fig.set_layout_engine("none")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fig.canvas.draw()
        times.append(time.perf_counter() - start)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return round(1e3 * statistics.median(times), 1)


def bench_panels(steps, replots):
    from testkit.panels import panel_builders

    rows = {"_reference": {"bare_two_axes_draw_ms": reference_draw_ms()}}
    for name, builder in panel_builders().items():
        try:
            rows[name] = bench_panel(builder, steps, replots)
        except Exception as err:  # a broken panel is reported, not fatal
            rows[name] = {"error": f"{type(err).__name__}: {err}"}
    return rows


def bench_regions(timeout=120):
    from nbs_utils import geometry

    if not hasattr(geometry, "count_linear_regions"):
        return {"skipped": "nbs_utils.geometry.count_linear_regions does not exist yet"}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", REGIONS_CODE],
            cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"net": "2-16-16-16", "error": f"timed out after {timeout} s", "goal_met": False}
    if proc.returncode != 0:
        return {"net": "2-16-16-16", "error": proc.stderr.strip().splitlines()[-1:]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "net": "2-16-16-16, random_layers seed 0, box [-3, 3]^2",
        "regions": result["regions"],
        "seconds": round(result["seconds"], 3),
        "goal_met": result["seconds"] < GOALS["regions_s"],
    }


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def bench_latency():
    if not (Path(__file__).resolve().parent / "latency.py").exists():
        return {"skipped": "benchmarks/latency.py does not exist yet"}
    if find_chromium() is None:
        return {"skipped": "no chromium found on PATH"}
    from benchmarks import latency

    entry = getattr(latency, "run", None) or getattr(latency, "main", None)
    if entry is None:
        return {"skipped": "benchmarks/latency.py has no run() or main()"}
    # a main(argv) must not see our own command line
    result = entry([]) if entry.__name__ == "main" and _takes_arguments(entry) else entry()
    if result is None and RESULTS.exists():  # the module wrote its own "latency" key
        result = json.loads(RESULTS.read_text()).get("latency")
    return result if result is not None else {"skipped": "latency benchmark returned nothing"}


def bench_site(timeout=900):
    """``python -m book`` in a fresh clone (npm's cache warm, as after one ``make site``)."""
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        return {"skipped": "Jupyter Book not installed (pip install -r requirements-site.txt)"}
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "repo"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "book", "--json"], cwd=clone, capture_output=True, text=True,
            env=dict(os.environ, PYTHONPATH=str(clone)), timeout=timeout,
        )  # fmt: skip
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:]}
    timings = json.loads(proc.stdout.strip().splitlines()[-1])
    load = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    return {**timings, "total_s": round(wall, 1), "load_1min": load}


def bench_playground():
    from benchmarks import playground

    return playground.run()


def _takes_arguments(function):
    import inspect

    return bool(inspect.signature(function).parameters)


def environment():
    def git(*args):
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    import matplotlib
    import numpy

    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "matplotlib": matplotlib.__version__,
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "load_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "backend": "Agg",
    }


def _mark(ok):
    return "yes" if ok else "**no**"


def _tick(ok):
    return "✓" if ok else "✗"


def format_tables(results):
    """The results as markdown tables (what ``make bench`` prints and the README shows)."""
    lines = []
    env = results.get("environment", {})
    lines.append(
        f"Run {env.get('date', '?')} at commit {env.get('commit', '?')}: Python "
        f"{env.get('python', '?')}, {env.get('machine', '?')}, load {env.get('load_1min', '?')}."
    )
    nb = results.get("notebooks", {})
    lines += ["", "**Notebooks under nbval** (goal: each < 10 s, course < 60 s)", ""]
    if "per_notebook" in nb:
        lines += ["| notebook | seconds | goal met |", "|---|---:|---|"]
        for name, row in nb["per_notebook"].items():
            failed = f" ({row['cells_failed']} cells failed)" if row["cells_failed"] else ""
            lines.append(f"| {name}{failed} | {row['seconds']:.1f} | {_mark(row['goal_met'])} |")
        lines.append(
            f"| **whole course** (pytest wall time) | {nb['pytest_wall_s']:.1f} | "
            f"{_mark(nb['goal_met'])} |"
        )
    else:
        lines.append(f"skipped: {nb.get('skipped', 'not run')}")

    panels = results.get("panels", {})
    lines += [
        "",
        "**Panels: one slider step in the kernel** (goals, ✓ met / ✗ missed: update p95 "
        "<= 16 ms; step = update + repaint (blit or full Agg draw) + PNG frame p95 <= 30 ms; "
        "re-plot / step >= 5x, medians)",
        "",
        "| panel | update p50 / p95 ms | step p50 / p95 ms | (CPU p50 ms) | "
        "full re-plot ms | speed-up |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in panels.items():
        if name == "_reference":
            continue
        if not isinstance(row, dict):  # a skipped or failed section: {"skipped": reason}
            lines.append(f"| {name}: {row} | | | | | |")
            continue
        if "error" in row:
            lines.append(f"| {name} | error: {row['error']} | | | | |")
            continue
        lines.append(
            f"| {name} | {row['update_p50_ms']:.1f} / {row['update_p95_ms']:.1f} "
            f"{_tick(row['update_goal_met'])} | {row['update_draw_p50_ms']:.1f} / "
            f"{row['update_draw_p95_ms']:.1f} {_tick(row['update_draw_goal_met'])} | "
            f"{row.get('update_draw_cpu_p50_ms', float('nan')):.1f} | {row['replot_p50_ms']:.0f} | {row['speedup']:.1f}x {_tick(row['speedup_goal_met'])} |"
        )
    if "_reference" in panels:
        lines += [
            "",
            f"For scale: redrawing a bare two-axes figure of panel size takes "
            f"{panels['_reference']['bare_two_axes_draw_ms']:.1f} ms (median) on this machine.",
        ]

    regions = results.get("regions", {})
    lines += ["", "**Exact region count** (goal < 2 s)", ""]
    lines.append(_line_or_reason(regions, "seconds", _regions_line))

    latency = results.get("latency", {})
    lines += ["", "**Browser latency** (benchmarks/latency.py)", ""]
    if isinstance(latency, dict) and "skipped" in latency:
        lines.append(f"skipped: {latency['skipped']}")
    elif isinstance(latency, dict) and "error" in latency and len(latency) == 1:
        lines.append(f"error: {latency['error']}")
    else:
        lines.append(_latency_table(latency))
    site = results.get("site", {})
    lines += ["", "**Course site** (`make site` in a fresh clone)", ""]
    lines.append(_line_or_reason(site, "total_s", _site_line))

    pg = results.get("playground", {})
    lines.append("")
    if isinstance(pg, dict) and "steps_per_s" in pg:
        from benchmarks.playground import format_table as playground_table

        lines.append(playground_table(pg))
    else:
        lines.append(f"**Playground**: {pg.get('skipped') or pg.get('error') or 'not run'}")
    return "\n".join(lines)


def _regions_line(r):
    return (
        f"count_linear_regions, {r['net']}: {r['regions']} regions in "
        f"{r['seconds']:.3f} s (goal met: {_mark(r['goal_met'])})"
    )


def _site_line(r):
    return (
        f"{r['notebooks']} notebooks: executed in {r['execute_s']:.1f} s, pages rendered in "
        f"{r['render_s']:.1f} s, {r['total_s']:.1f} s in all (load {r.get('load_1min', '?')})"
    )


def _line_or_reason(section, key, line):
    """``line(section)`` if the section has results (``key``), else why it has none."""
    if key in section:
        return line(section)
    return f"{section.get('skipped') or section.get('error') or 'not run'}"


def _latency_table(latency):
    """The latency module's own table if it has one, else the raw JSON."""
    try:
        from benchmarks.latency import format_table

        return format_table(latency)
    except Exception:  # module missing or its table failed: show the data as is
        return "\n".join(["```", json.dumps(latency, indent=1)[:2000], "```"])


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--skip", action="append", default=[], choices=SECTIONS)
    parser.add_argument("--steps", type=int, default=60, help="timed slider steps per panel")
    parser.add_argument("--replots", type=int, default=5, help="timed full re-plots per panel")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    previous = json.loads(args.output.read_text()) if args.output.exists() else {}
    results = {"environment": environment(), "goals": GOALS}
    warm_up_matplotlib()
    runners = {
        "notebooks": bench_notebooks,
        "panels": lambda: bench_panels(args.steps, args.replots),
        "regions": bench_regions,
        "latency": bench_latency,
        "site": bench_site,
        "playground": bench_playground,
    }
    for section, run in runners.items():
        if section in args.skip:  # keep real earlier results, else say it was skipped
            kept = previous.get(section)
            stale = not isinstance(kept, dict) or "skipped" in kept or "error" in kept
            results[section] = {"skipped": f"--skip {section}"} if stale else kept
            continue
        print(f"benchmarking {section} ...", file=sys.stderr, flush=True)
        try:
            results[section] = run()
        except Exception as err:  # benchmarks report; they never fail the build
            traceback.print_exc()
            results[section] = {"error": f"{type(err).__name__}: {err}"}
    args.output.write_text(json.dumps(results, indent=1) + "\n")
    print(format_tables(results))
    print(
        f"\nwrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
