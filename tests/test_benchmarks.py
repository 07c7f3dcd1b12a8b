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
    skip = ["--skip", "notebooks", "--skip", "panels", "--skip", "latency"]
    assert main([*skip, "--output", str(out)]) == 0
    results = json.loads(out.read_text())
    assert results["notebooks"] == earlier  # real earlier results are kept
    assert results["panels"] == {"skipped": "--skip panels"}  # a stale skip note is not
    assert set(results) >= {"environment", "goals", "panels", "regions", "latency"}
    regions = results["regions"]
    assert regions["regions"] > 1 and regions["seconds"] > 0, regions
    assert "Exact region count" in capsys.readouterr().out


def test_tables_render_errors_and_skips():
    text = format_tables(
        {
            "panels": {"m.broken_panel": {"error": "TypeError: needs argument 'Z'"}},
            "regions": {"skipped": "not there"},
            "latency": {"skipped": "no chromium"},
        }
    )
    assert "m.broken_panel | error: TypeError" in text
    assert "not there" in text and "skipped: no chromium" in text
