"""The benchmark runner works (it reports, never fails): a quick smoke run of one section."""

import json

from benchmarks.__main__ import format_tables, main, percentile


def test_percentile_is_inclusive():
    assert percentile(list(range(101)), 95) == 95.0
    assert percentile([1.0, 2.0], 50) == 1.5


def test_a_partial_run_writes_json_and_keeps_earlier_results(tmp_path, capsys):
    out = tmp_path / "results.json"
    earlier = {"per_notebook": {}, "sum_s": 1.0, "pytest_wall_s": 2.0, "goal_met": True}
    out.write_text(json.dumps({"notebooks": earlier, "panels": {"skipped": "old reason"}}))
    skip = [
        "--skip",
        "notebooks",
        "--skip",
        "panels",
        "--skip",
        "latency",
        "--skip",
        "site",
        "--skip",
        "playground",
    ]
    assert main([*skip, "--output", str(out)]) == 0
    results = json.loads(out.read_text())
    assert results["notebooks"] == earlier  # real earlier results are kept
    assert results["panels"] == {"skipped": "--skip panels"}  # a stale skip note is not
    assert set(results) >= {"environment", "goals", "panels", "regions", "latency", "site"}
    regions = results["regions"]
    assert regions["regions"] > 1 and regions["seconds"] > 0, regions
    assert "Exact region count" in capsys.readouterr().out


def test_tables_render_errors_and_skips():
    text = format_tables(
        {
            "panels": {"m.broken_panel": {"error": "TypeError: needs argument 'Z'"}},
            "regions": {"skipped": "not there"},
            "latency": {"skipped": "no chromium"},
            "site": {"skipped": "no Jupyter Book"},
        }
    )
    assert "skipped: no chromium" in text and "no Jupyter Book" in text
    assert "m.broken_panel | error: TypeError" in text
    assert "not there" in text and "skipped: no chromium" in text


def test_the_latency_reference_notebook_is_one_working_panel(tmp_path):
    import nbformat

    from benchmarks.latency import reference_notebook

    nb = nbformat.read(reference_notebook(tmp_path), as_version=4)
    nbformat.validate(nb)
    magic, code = (cell.source for cell in nb.cells)
    assert magic == "%matplotlib widget"
    scope = {}
    exec(code, scope)  # under the test's Agg backend: a static figure, same panel
    panel, line = scope["Panel"], scope["line"]
    assert panel.__name__ == "Panel"
    before = line.get_ydata().copy()
    scope["update"](2.0)
    assert abs(line.get_ydata()).max() > abs(before).max() + 0.9


def test_latency_rows_are_ratios_to_the_reference_measured_in_the_same_run():
    from benchmarks.latency import format_table, summarise

    reference = summarise([40.0, 40.0, 60.0], 0, 1, 1.0, reference_p50=40.0)
    fast = summarise([45.0, 50.0, 55.0], 0, 2, 1.0, reference_p50=40.0)  # 1.25x: met
    slow = summarise([50.0, 60.0, 70.0], 0, 2, 1.0, reference_p50=40.0)  # 1.5x: missed
    assert (fast["p50_ratio"], fast["goal_met"]) == (1.25, True)
    assert (slow["p50_ratio"], slow["goal_met"]) == (1.5, False)
    spiky = summarise([40.0] * 10 + [400.0] * 2, 0, 1, 1.0, reference_p50=40.0)  # p95 >= 150 ms
    assert spiky["p50_ratio"] == 1.0 and not spiky["goal_met"]
    result = {"per_notebook": {"fast": fast, "slow": slow}, "all": slow, "reference": reference}
    table = format_table(result)
    assert "| fast | 2 | 3 | 50.0 | 1.25x | 54.5 | 55.0 | yes |" in table
    assert "| slow | 2 | 3 | 60.0 | 1.50x | 69.0 | 70.0 | no |" in table
    assert "| reference: one-line panel | 1 | 3 | 40.0 | 1.00x |" in table


def test_the_playground_benchmark_parts(tmp_path):
    import nbformat

    from benchmarks import playground

    assert playground.steps_per_second(steps=20, repeats=1) > 0
    nb = nbformat.read(playground.playground_notebook(tmp_path), as_version=4)
    scope = {}
    exec(nb.cells[0].source.replace("\nPlayground(", "\npg = Playground("), scope)
    assert scope["pg"].hidden == (8, 8) and scope["pg"].activations == ["tanh", "tanh"]
    text = playground.format_table({"steps_per_s": 5000, "steps_goal_met": True,
                                    "browser": {"skipped": "no chromium"}})  # fmt: skip
    assert "5000 full-batch steps/s" in text and "no chromium" in text
    row = {"latency_p50_ms": 20.0, "latency_p95_ms": 30.0, "reference_p50_ms": 50.0,
           "ratio": 0.4, "kernel_path_p50_ms": 35.0, "kernel_path_ratio": 0.7, "map_fps": 40.0,
           "thumb_fps": 13.0, "slider_lands_p50_ms": 30.0, "goal_met": True}  # fmt: skip
    text = playground.format_table({"steps_per_s": 5000, "steps_goal_met": True, "browser": row})
    assert "| 0.4x | 35.0 (0.7x) | 40.0 | 13.0 | 30.0 | yes |" in text
    assert "Playground (notebook 06)" in format_tables({"playground": {"steps_per_s": 1}})
