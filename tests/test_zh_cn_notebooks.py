"""The Simplified Chinese edition follows the English one cell for cell.

Code has one source of truth: each Chinese notebook's code cells equal the English ones,
apart from one line in the first code cell that chooses the language. Every markdown cell
has its Chinese twin (same cell id), translated from the English text now in the notebook.
``python -m tools.sync_zh`` rebuilds the Chinese notebooks after the English ones change.
"""

import json
import re
from pathlib import Path

import pytest

from testkit.notebooks import expected
from tools import sync_zh

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = expected(edition="en")
CJK = re.compile(r"[\u4e00-\u9fff]")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def twin(path):
    return path.parent / "zh-CN" / path.name


def test_every_english_notebook_has_a_chinese_twin_and_no_other():
    assert ENGLISH
    missing = [p.name for p in ENGLISH if not twin(p).exists()]
    assert not missing, f"no notebooks/zh-CN/ twin for {missing}: run python -m tools.sync_zh"
    extra = sorted({p.name for p in (ROOT / "notebooks" / "zh-CN").glob("*.ipynb")} - {p.name for p in ENGLISH})  # fmt: skip
    assert not extra, f"Chinese notebooks with no English original: {extra}"


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_code_cells_equal_the_english_ones_apart_from_the_language_line(path):
    english, chinese = load(path), load(twin(path))
    assert [c["id"] for c in chinese["cells"]] == [c["id"] for c in english["cells"]]
    assert [c["cell_type"] for c in chinese["cells"]] == [c["cell_type"] for c in english["cells"]]
    code_en = [sync_zh.source(c) for c in english["cells"] if c["cell_type"] == "code"]
    code_zh = [sync_zh.source(c) for c in chinese["cells"] if c["cell_type"] == "code"]
    assert code_zh[0].split("\n").count(sync_zh.LANGUAGE_LINE) == 1, "first code cell"
    assert code_zh[0] == sync_zh.with_language_line(code_en[0])
    assert code_zh[1:] == code_en[1:], "run python -m tools.sync_zh"
    for en, zh in zip(english["cells"], chinese["cells"]):
        assert zh.get("metadata", {}).get("tags") == en.get("metadata", {}).get("tags")


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_every_markdown_cell_is_translated_from_the_current_english_text(path):
    _nb, report = sync_zh.synced(load(path), load(twin(path)))
    assert not report["untranslated"], f"untranslated markdown cells: {report['untranslated']}"
    assert not report["outdated"], f"English changed since translation: {report['outdated']}"
    for cell in load(twin(path))["cells"]:
        if cell["cell_type"] == "markdown":
            assert CJK.search(sync_zh.source(cell)), f"cell {cell['id']} has no Chinese"


def test_the_language_line_goes_after_the_magics_and_comes_out_again():
    code = "%matplotlib widget\nimport numpy as np\nx = 1"
    lines = sync_zh.with_language_line(code).split("\n")
    assert lines[:2] == ["%matplotlib widget", sync_zh.LANGUAGE_LINE]
    assert sync_zh.without_language_line(sync_zh.with_language_line(code)) == code


def test_sync_keeps_translations_by_id_and_reports_new_changed_and_removed_cells():
    def md(cell_id, text, **meta):
        return {"cell_type": "markdown", "id": cell_id, "metadata": meta, "source": text}

    code = {"cell_type": "code", "id": "c", "metadata": {}, "source": "x = 1", "outputs": [], "execution_count": None}  # fmt: skip
    english = {"cells": [md("a", "Hello"), code, md("b", "World")], "metadata": {}}
    chinese, report = sync_zh.synced(english)
    assert report["untranslated"] == ["a", "b"]
    sync_zh.translate(chinese, "a", "你好")
    sync_zh.translate(chinese, "b", "世界")
    again, report = sync_zh.synced(english, chinese)
    assert report == {"untranslated": [], "outdated": [], "dropped": []}
    assert [sync_zh.source(c) for c in again["cells"]] == ["你好", sync_zh.with_language_line("x = 1"), "世界"]  # fmt: skip
    english["cells"][0]["source"] = "Hello again"  # the English text changes
    english["cells"].insert(1, md("n", "New"))  # a new cell
    del english["cells"][-1]  # a cell goes
    _nb, report = sync_zh.synced(english, again)
    assert report == {"untranslated": ["n"], "outdated": ["a"], "dropped": ["b"]}
    revised, report = sync_zh.synced(english, again, accept={"a"})  # the translator revised "a"
    assert report["outdated"] == [] and sync_zh.source(revised["cells"][0]) == "你好"
    assert sync_zh.synced(english, revised)[1]["outdated"] == []


def test_a_cell_edited_by_a_translator_counts_as_translated():
    english = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": "Hi"}]}
    chinese, report = sync_zh.synced(english)
    assert report["untranslated"] == ["a"] and sync_zh.source(chinese["cells"][0]) == "Hi"
    chinese["cells"][0]["source"] = "你好"  # edited in JupyterLab; no metadata touched
    again, report = sync_zh.synced(english, chinese)
    assert report["untranslated"] == [] and sync_zh.source(again["cells"][0]) == "你好"
    assert again["cells"][0]["metadata"]["zh_cn"] == {"translated": True, "source_en": "Hi"}
