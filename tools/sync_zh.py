"""Bring the Simplified Chinese edition (``notebooks/zh-CN/``) in step with the English one.

For every English notebook ``notebooks/NN_name.ipynb`` this rebuilds
``notebooks/zh-CN/NN_name.ipynb`` cell for cell:

- code cells are copied from English (one source of truth for code), with
  :data:`LANGUAGE_LINE` inserted into the first code cell after its ``%`` magics;
- markdown cells keep their Chinese text, matched by cell id (the Chinese twin of an
  English cell has the same id); an English markdown cell with no Chinese twin is copied
  in English and reported, so a translator knows what to do. Translating is editing that
  cell in the Chinese notebook (in JupyterLab or with :func:`translate`): a cell whose text
  differs from the English copied into it counts as translated;
- Chinese markdown whose English cell is gone is dropped and reported.

    python -m tools.sync_zh            # rewrite notebooks/zh-CN/*.ipynb, report what is untranslated
    python -m tools.sync_zh --check    # only report; exit 1 if anything is out of step
    python -m tools.sync_zh --accept ID ...   # these outdated cells are revised: mark them current

The English cell's source is kept in the Chinese cell's metadata (``zh_cn.source_en``), so
a later run also reports translated cells whose English text has changed since.
"""

import argparse
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ROOT / "notebooks"
CHINESE = ENGLISH / "zh-CN"
LANGUAGE_LINE = 'from nbs_utils.language import use_language; use_language("zh-CN")'
"""The one line by which a Chinese notebook's code differs from the English notebook's."""


def source(cell):
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def as_lines(text):
    """Notebook-file form of a cell source: a list of lines, each but the last ending in \\n."""
    return text.splitlines(keepends=True)


def with_language_line(code):
    """``code`` with :data:`LANGUAGE_LINE` after its leading ``%`` magic lines."""
    lines = code.split("\n")
    at = 0
    while at < len(lines) and lines[at].startswith("%"):
        at += 1
    return "\n".join(lines[:at] + [LANGUAGE_LINE] + lines[at:])


def without_language_line(code):
    """The inverse of :func:`with_language_line` (``code`` unchanged if the line is absent)."""
    return "\n".join(line for line in code.split("\n") if line != LANGUAGE_LINE)


def read(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(path, nb):
    Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def synced(english, chinese=None, accept=()):
    """``(notebook, report)``: the Chinese notebook rebuilt from ``english``.

    ``chinese``: the current Chinese notebook (or None); ``report``: a dict of lists of
    cell ids: ``untranslated`` (English text copied), ``outdated`` (the English text changed
    since it was translated), ``dropped`` (Chinese cells whose English cell is gone).
    ``accept``: ids of outdated cells whose Chinese has been revised for the new English.
    """
    translated = {}
    if chinese is not None:
        translated = {c["id"]: c for c in chinese["cells"] if c["cell_type"] == "markdown"}
    report = {"untranslated": [], "outdated": [], "dropped": []}
    cells, first_code = [], True
    for cell in english["cells"]:
        new = copy.deepcopy(cell)
        if cell["cell_type"] == "code":
            if first_code:
                new["source"] = as_lines(with_language_line(source(cell)))
                first_code = False
        elif cell["cell_type"] == "markdown":
            twin = translated.get(cell["id"])
            done = twin is not None and _is_translated(twin)
            if done:
                new["source"] = copy.deepcopy(twin["source"])
                if twin["metadata"]["zh_cn"].get("source_en") != source(cell) and (
                    cell["id"] not in accept
                ):
                    report["outdated"].append(cell["id"])
                    new["metadata"]["zh_cn"] = dict(twin["metadata"]["zh_cn"])
                else:
                    new["metadata"]["zh_cn"] = {"translated": True, "source_en": source(cell)}
            else:
                report["untranslated"].append(cell["id"])
                new["metadata"]["zh_cn"] = {"translated": False, "source_en": source(cell)}
        cells.append(new)
    kept = {c["id"] for c in english["cells"]}
    report["dropped"] = [i for i in translated if i not in kept]
    nb = copy.deepcopy(english)
    nb["cells"] = cells
    return nb, report


def _is_translated(cell):
    """Marked translated, or edited since the English text was copied in (a translator's work)."""
    mark = cell.get("metadata", {}).get("zh_cn", {})
    return bool(mark.get("translated")) or source(cell) != mark.get("source_en", source(cell))


def translate(chinese, cell_id, text):
    """Put the Chinese ``text`` into markdown cell ``cell_id`` and mark it translated."""
    for cell in chinese["cells"]:
        if cell["id"] == cell_id:
            if cell["cell_type"] != "markdown":
                raise ValueError(f"cell {cell_id!r} is a {cell['cell_type']} cell, not markdown")
            cell["source"] = as_lines(text)
            cell["metadata"]["zh_cn"] = {
                "translated": True,
                "source_en": cell["metadata"].get("zh_cn", {}).get("source_en", ""),
            }
            return
    raise ValueError(f"no cell with id {cell_id!r}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if out of step")
    parser.add_argument(
        "--accept", nargs="+", default=(), metavar="CELL_ID",
        help="outdated cells whose Chinese now follows the new English text",
    )  # fmt: skip
    args = parser.parse_args(argv)
    CHINESE.mkdir(exist_ok=True)
    out_of_step = False
    for path in sorted(ENGLISH.glob("*.ipynb")):
        twin = CHINESE / path.name
        current = read(twin) if twin.exists() else None
        nb, report = synced(read(path), current, accept=set(args.accept))
        if current != nb:
            out_of_step = True
            if not args.check:
                write(twin, nb)
        for kind, ids in report.items():
            if ids:
                out_of_step = out_of_step or kind != "dropped" or args.check
                print(
                    f"{twin.relative_to(ROOT)}: {len(ids)} {kind} markdown cell(s): {', '.join(ids)}"
                )
    orphans = sorted(p.name for p in CHINESE.glob("*.ipynb") if not (ENGLISH / p.name).exists())
    for name in orphans:
        print(f"notebooks/zh-CN/{name}: no English notebook of that name (remove or rename it)")
    return 1 if args.check and (out_of_step or orphans) else 0


if __name__ == "__main__":
    sys.exit(main())
