"""The English side of the message catalogue, collected from the source with ``ast``.

The source of truth is the code itself: every string literal passed to
:func:`nbs_utils.language._`, :func:`~nbs_utils.language.N_` or ``translated`` in
``nbs_utils`` and in the English notebooks' code, and every literal text passed to a
function that looks its texts up in the catalogue itself (:data:`LOOKED_UP`: the title and
axis labels of :func:`nbs_utils.plots.label_axes`, the descriptions of
:func:`nbs_utils.widgets.slider` and :func:`~nbs_utils.widgets.toggle`), so a new panel's
titles and control labels are found even before anyone wraps them in ``_``. A string
needs a translation when it has words outside ``$math$``, ``{fields}`` and HTML tags.

The other direction is :func:`unwrapped`: English text that reaches the learner *without*
passing through the catalogue (a literal title, legend label, readout, hint or learner-facing
error message, or an f-string in a checker), named by file and line; in the English
notebooks' code cells (named by notebook, cell id and line) also every printed sentence,
and a name the code uses (``{name}``) shown in a printed or drawn text without
:func:`~nbs_utils.language.label`. A line that is meant to stay English (code, symbols,
names the code uses) says so with ``# untranslated: <why>``.

    python -m tools.catalogue          # lists the English strings with no Chinese entry
                                       # and the texts that bypass the catalogue
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


def notebook_cells(path):
    """``[(cell id, Python)]`` of a notebook's code cells, IPython magic lines (``%...``,
    ``!...``) blanked so that line numbers stay those of the cell."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return [
        (cell["id"], "\n".join(
            "" if line.lstrip().startswith(("%", "!")) else line
            for line in "".join(cell["source"]).splitlines()
        ))
        for cell in cells if cell["cell_type"] == "code"
    ]  # fmt: skip


def notebook_code(path):
    """The Python of a notebook's code cells, one after the other."""
    return "\n".join(source for _id, source in notebook_cells(path))


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


TEXT_CALLS = {  # calls whose positional string arguments the learner reads
    "set_title", "set_xlabel", "set_ylabel", "set_text", "suptitle", "text", "annotate",
    "HTML", "Label", "print", "legend",
}  # fmt: skip
TEXT_KEYWORDS = {"label", "labels", "description", "title", "xlabel", "ylabel", "tooltip",
                 "placeholder", "nudge", "hint", "caption", "alt"}  # fmt: skip
VALUE_CALLS = {"HTML", "Label", "HTMLMath"}  # their value= is text too
STATUSES = {"WRONG", "CORRECT", "UNANSWERED"}  # a checker's (status, message)
TEXT_ATTRIBUTES = {"message", "value", "description", "tooltip", "readout", "caption"}
"""Names and attributes whose assigned text is shown (``self.message = ...``, ``w.value = ...``)."""
LEARNER_ERRORS = ("panels/", "playground/", "checks/", "activations.py", "_validate.py")
"""Modules whose error messages a learner meets (panels' and the playground's
arguments, the checkers, ``activations.get``, the arrays handed to the math functions)."""
READOUTS = ("panels/", "playground/", "checks/")
"""Modules whose returned strings are readouts or checker messages."""
PRAGMA = "# untranslated:"
UNSCANNED = {"language.py", "messages_zh_cn.py"}
NAME_VARIABLES = {"name", "act", "activation", "dataset"}
"""In a notebook, the variables that hold a name the code uses (``"relu"``, ``"circle"``):
a text shows them as ``{label(name)}``, never ``{name}`` (which stays English)."""


def _english(node):
    """The English literal text of ``node`` if it reaches the reader untranslated, else None.

    A string literal, an f-string's literal parts, ``"...".format(...)``, ``"..." % ...``,
    ``+`` of such, or either branch of ``a if c else b``; a call of :data:`MARKERS` (and
    anything built on one, such as ``_("...").format(...)``) is translated.
    """
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) and needs_translation(node.value) else None
    if isinstance(node, ast.JoinedStr):  # a literal put in is text too: f"{'widths':>18}"
        text = "".join(
            (_literal(v.value) or "{}") if isinstance(v, ast.FormattedValue) else str(v.value)
            for v in node.values
        )
        return text if needs_translation(text) else None
    if isinstance(node, ast.Call):
        if _called(node) in MARKERS:
            return None
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            given = [node.func.value, *node.args, *(k.value for k in node.keywords)]
            return next((text for text in map(_english, given) if text), None)
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _english(node.left) or _english(node.right)
    if isinstance(node, ast.IfExp):
        return _english(node.body) or _english(node.orelse)
    return None


def _is_code(node):
    """True for a literal that is Python code (``"my_tanh(x)"``, ``"tent_k"``), not prose."""
    if isinstance(node, ast.JoinedStr):  # fields stand for names: f"tent_k(x, {k})"
        text = "".join("x" if isinstance(v, ast.FormattedValue) else v.value for v in node.values)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    else:
        return False
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


def _texts_shown(node, relative):
    """The expressions of ``node`` (one AST node) that the learner reads."""
    shown = []
    name = (_called(node) or "") if isinstance(node, ast.Call) else None
    if isinstance(node, ast.Call):
        if name in TEXT_CALLS:
            shown += node.args
        shown += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        if name in VALUE_CALLS:
            shown += [k.value for k in node.keywords if k.arg == "value"]
        if name in LOOKED_UP:  # a literal is looked up; an f-string cannot be
            texts = LOOKED_UP[name]
            given = [a for i, a in enumerate(node.args) if i in texts]
            given += [k.value for k in node.keywords if k.arg in texts.values()]
            shown += [a for a in given if not isinstance(a, ast.Constant)]
        elif name.startswith("_") and name not in MARKERS and relative.startswith(READOUTS):
            # a private helper that shows its argument (a title, what a checker names):
            # prose passed positionally must be marked; code (``"my_tanh(x)"``) is left
            shown += [a for a in node.args if not _is_code(a)]
    if isinstance(node, ast.Raise) and relative.startswith(LEARNER_ERRORS):
        exc = node.exc
        if isinstance(exc, ast.Call) and exc.args:
            shown.append(exc.args[0])
    elif isinstance(node, ast.Assign) and relative.startswith(READOUTS):
        names = [getattr(t, "attr", getattr(t, "id", "")) for t in node.targets]
        if any(n in TEXT_ATTRIBUTES for n in names):
            shown.append(node.value)
    elif isinstance(node, ast.Return) and node.value is not None:
        value = node.value
        if relative.startswith("checks/") and isinstance(value, ast.Tuple) and value.elts:
            first = value.elts[0]
            if isinstance(first, ast.Name) and first.id in STATUSES:
                shown += value.elts[1:]
        elif relative.startswith(READOUTS):
            shown.append(value)
    if relative.startswith(READOUTS) and isinstance(node, ast.JoinedStr) and not _is_code(node):
        shown.append(node)  # prose in an f-string bypasses _: use _("... {x}").format(x=...)
    return shown


def _checker_prose(node):
    """In a checker module every prose literal is a message: those not marked with ``_``.

    Left out: docstrings, what ``_``/``N_`` and ``.format`` receive, code (see
    :func:`_is_code`) and a :class:`~nbs_utils.checks.Checker`'s ``answer=`` (a solution).
    """
    skip = set()
    for child in ast.walk(node):
        body = getattr(child, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(child, ast.Call):
            if _called(child) in MARKERS:
                skip.update(id(a) for a in child.args)
            skip.update(id(k.value) for k in child.keywords if k.arg == "answer")
            if isinstance(child.func, ast.Attribute) and child.func.attr == "format":
                skip.add(id(child.func.value))
        if isinstance(child, ast.JoinedStr):
            skip.update(id(v) for v in child.values)
    if not isinstance(node, ast.Module):
        return []
    return [
        c for c in ast.walk(node)
        if isinstance(c, ast.Constant) and id(c) not in skip and not _is_code(c)
    ]  # fmt: skip


def _calls_code(node):
    """True for a literal that is a Python call (``"softplus(z)"``): code, in a notebook's legend."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    try:
        tree = ast.parse(node.value, mode="eval")
    except SyntaxError:
        return False
    return any(isinstance(n, ast.Call) for n in ast.walk(tree))


def _raw_names(node):
    """The :data:`NAME_VARIABLES` that ``node`` (a shown text) puts in as they are: the
    fields of an f-string, the arguments of ``template.format(...)``, either side of ``+``."""
    if isinstance(node, ast.JoinedStr):
        given = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "format":
        given = [*node.args, *(k.value for k in node.keywords), node.func.value]
    elif isinstance(node, ast.BinOp):
        return _raw_names(node.left) + _raw_names(node.right)
    elif isinstance(node, ast.IfExp):
        return _raw_names(node.body) + _raw_names(node.orelse)
    else:
        return []
    return [n.id for n in given if isinstance(n, ast.Name) and n.id in NAME_VARIABLES] + [
        name for n in given if not isinstance(n, ast.Name) for name in _raw_names(n)
    ]


def unwrapped_in_code(source, relative):
    """``[(line, text)]``: English text in ``source`` that reaches the learner untranslated.

    ``relative`` is the module's path inside ``nbs_utils`` (it decides which rules apply),
    or a notebook's ``notebooks/NN_name.ipynb``: there a call written as text
    (``"softplus(z)"``) is code, and a :data:`NAME_VARIABLES` variable put in a shown text
    without ``label`` is reported as ``{name} (use label(name))``.
    A statement carrying :data:`PRAGMA` on any of its lines is skipped.
    """
    in_notebook = relative.endswith(".ipynb")
    lines = source.splitlines()
    found = set()
    tree = ast.parse(source)
    exempt = set()  # the lines of simple statements carrying the pragma
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.stmt) and not hasattr(stmt, "body"):
            span = range(stmt.lineno, stmt.end_lineno + 1)
            if any(PRAGMA in lines[i - 1] for i in span):
                exempt.update(span)
    for node in ast.walk(tree):
        shown_here = _texts_shown(node, relative)
        if relative.startswith("checks/"):
            shown_here += _checker_prose(node)
        for shown in shown_here:
            if shown.lineno in exempt or (in_notebook and _calls_code(shown)):
                continue
            text = _english(shown)
            if text:
                found.add((shown.lineno, text))
            if in_notebook:
                found.update((shown.lineno, f"{{{n}}} (use label({n}))") for n in _raw_names(shown))
    return sorted(found)


def unwrapped():
    """Every English text that bypasses ``_``: ``"nbs_utils/file.py:line: 'text'"`` and
    ``"notebooks/NN_name.ipynb cell <id> line <n>: 'text'"`` (the English notebooks)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in UNSCANNED:
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        for line, text in unwrapped_in_code(path.read_text(encoding="utf-8"), relative):
            found.append(f"{path.relative_to(ROOT).as_posix()}:{line}: {text!r}")
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        relative = f"{NOTEBOOKS.name}/{path.name}"
        for cell_id, source in notebook_cells(path):
            for line, text in unwrapped_in_code(source, relative):
                found.append(f"{relative} cell {cell_id} line {line}: {text!r}")
    return found


def main():
    from nbs_utils.messages_zh_cn import MESSAGES

    todo = missing(MESSAGES)
    for text in todo:
        print(repr(text))
    print(f"{len(todo)} of {len(english_strings())} strings have no zh-CN entry", file=sys.stderr)
    bypass = unwrapped()
    for where in bypass:
        print(where)
    print(f"{len(bypass)} English texts bypass the catalogue (wrap them in _)", file=sys.stderr)
    return 1 if todo or bypass else 0


if __name__ == "__main__":
    sys.exit(main())
