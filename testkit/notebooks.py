"""The course's notebooks: six fixed names (the design brief), each in both editions.

The English edition lives in ``notebooks/``, the Simplified Chinese one in
``notebooks/zh-CN/`` under the same names. Tests parametrize over :data:`EXPECTED`, not
over what a glob happens to find, so a deleted notebook fails instead of vanishing.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COURSE = (
    "01_linear_collapse",
    "02_xor_threshold_units",
    "03_hidden_space",
    "04_depth_vs_width",
    "05_activation_zoo",
    "06_playground",
)
"""The notebook names, in course order (fixed by the design brief)."""

EDITIONS = {"en": Path("notebooks"), "zh-CN": Path("notebooks") / "zh-CN"}
"""Each edition's folder, relative to the repository root."""


def expected(root=ROOT, edition=None):
    """Paths of the course notebooks in ``edition`` (both editions if None), English first."""
    editions = EDITIONS if edition is None else {edition: EDITIONS[edition]}
    return [
        Path(root) / folder / f"{name}.ipynb" for folder in editions.values() for name in COURSE
    ]


def problems(root=ROOT):
    """Sentences about missing course notebooks and unexpected ones (empty if all is well)."""
    found = []
    for edition, folder in EDITIONS.items():
        present = {p.stem for p in (Path(root) / folder).glob("*.ipynb")}
        missing = [name for name in COURSE if name not in present]
        extra = sorted(present - set(COURSE))
        if missing:
            found.append(f"{edition} edition ({folder}/): missing {', '.join(missing)}")
        if extra:
            found.append(
                f"{edition} edition ({folder}/): {', '.join(extra)} not in the course plan "
                "(add it to testkit.notebooks.COURSE)"
            )
    return found


def notebook_id(path, root=ROOT):
    """A test id unique across editions: ``01_linear_collapse``, ``zh-CN/01_linear_collapse``
    (the stem for a notebook outside ``notebooks/``, such as a harness test's own)."""
    path, notebooks = Path(path).resolve(), Path(root) / "notebooks"
    if not path.is_relative_to(notebooks):
        return path.stem
    return path.relative_to(notebooks).with_suffix("").as_posix()


def write_notebook(folder, name, cells):
    """Write a Python 3 notebook of the code ``cells`` to ``folder / name``; its path."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(nb, path)
    return path
