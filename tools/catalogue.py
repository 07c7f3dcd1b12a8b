"""The English side of the message catalogue, collected from the source with ``ast``.

The source of truth is the code itself: every string literal passed to
:func:`nbs_utils.language._`, :func:`~nbs_utils.language.N_` or ``translated`` in
``nbs_utils`` and in the English notebooks' code, and every literal text passed to a
function that looks its texts up in the catalogue itself (:data:`LOOKED_UP`: the title and
axis labels of :func:`nbs_utils.plots.label_axes`, the descriptions of
:func:`nbs_utils.widgets.slider` and :func:`~nbs_utils.widgets.toggle`), so a new panel's
titles and control labels are found even before anyone wraps them in ``_``. A string
needs a translation when it has words outside ``$math$``, ``{fields}`` and HTML tags.

    python -m tools.catalogue          # lists the English strings with no Chinese entry
"""

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "nbs_utils"
NOTEBOOKS = ROOT / "notebooks"
MARKERS = {"_", "N_", "translated"}
LOOKED_UP = {  # functions that look their texts up in the catalogue: {name: {position: keyword}}
    "label_axes": {1: "title", 2: "xlabel", 3: "ylabel"},
    "slider": {0: "description"},
    "toggle": {0: "description"},
}


def _literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _called(node):
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def strings_in_code(source):
    """Literal arguments of the :data:`MARKERS` calls and the texts of :data:`LOOKED_UP` calls."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        if name in MARKERS and node.args:
            found.append(_literal(node.args[0]))
        elif name in LOOKED_UP:
            texts = LOOKED_UP[name]
            found += [_literal(a) for i, a in enumerate(node.args) if i in texts]
            found += [_literal(k.value) for k in node.keywords if k.arg in texts.values()]
    return [s for s in found if s is not None]


def notebook_code(path):
    """The Python of a notebook's code cells, IPython magics (``%...``, ``!...``) left out."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            lines += [
                line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))
            ]
    return "\n".join(lines)


def needs_translation(text):
    """True when ``text`` has a word (two or more letters) outside math, fields and tags."""
    prose = re.sub(r"\$[^$]*\$|\{[^{}]*\}|<[^<>]*>", " ", text)
    return re.search(r"[A-Za-z]{2,}", prose) is not None


def english_strings():
    """Every English string the learner can read from ``nbs_utils`` and the notebooks' figures."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        found.update(strings_in_code(path.read_text(encoding="utf-8")))
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        found.update(strings_in_code(notebook_code(path)))
    return sorted(s for s in found if needs_translation(s))


def missing(catalogue):
    """The English strings with no entry in ``catalogue``."""
    return [s for s in english_strings() if s not in catalogue]


def main():
    from nbs_utils.messages_zh_cn import MESSAGES

    todo = missing(MESSAGES)
    for text in todo:
        print(repr(text))
    print(f"{len(todo)} of {len(english_strings())} strings have no zh-CN entry", file=sys.stderr)
    return 1 if todo else 0


if __name__ == "__main__":
    sys.exit(main())
