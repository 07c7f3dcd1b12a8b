"""The student edition: every course notebook with its solution cells removed.

``python -m tools.student_edition [SOURCE] [OUT]`` (``make student``) reads
``SOURCE/**/*.ipynb`` (default ``notebooks``) and writes the same files under ``OUT``
(default ``build/student``) without the cells tagged ``solution``. The removal is done by
nbconvert's ``TagRemovePreprocessor``; nothing else in the notebooks changes.
"""

import sys
from pathlib import Path

from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import TagRemovePreprocessor

SOLUTION_TAG = "solution"


def _exporter():
    remove = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)
    exporter = NotebookExporter()
    exporter.register_preprocessor(remove, enabled=True)
    return exporter


def build(source="notebooks", out="build/student"):
    """Write the student edition of every notebook under ``source`` to ``out``; return the paths.

    Raises ``FileNotFoundError`` when ``source`` holds no notebook, and ``ValueError`` when a
    notebook has no ``solution`` cell (a notebook whose exercises lost their tags would
    otherwise ship its answers).
    """
    source, out = Path(source), Path(out)
    notebooks = sorted(p for p in source.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not notebooks:
        raise FileNotFoundError(f"no notebooks under {source}")
    exporter, written = _exporter(), []
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        if f'"{SOLUTION_TAG}"' not in text:
            raise ValueError(f"{path} has no cell tagged {SOLUTION_TAG!r}")
        body, _ = exporter.from_filename(str(path))
        target = out / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    written = build(*args[:2])
    for path in written:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
