"""Build the course site: execute every notebook, then Jupyter Book 1.x renders the pages.

Steps (``python -m book``, what ``make site`` runs):

1. Stage the sources in ``build/book/src``: a front page made from the README (its title,
   first paragraph and table of notebooks, so the README stays the one source), a table of
   contents of every notebook under ``notebooks/`` (found by glob, subfolders such as
   ``zh-CN/`` as their own part) and ``_config.yml`` from ``book/_config.yml``.
2. Execute every notebook with nbclient, two at a time, ``nbs_utils`` imported from this
   checkout, and time each one: the run time shown on its page. The kernel starts with
   :mod:`book.kernel_startup`, which gives bare ipympl figures the same ``alt`` text panels
   carry (:func:`nbs_utils.plots.alt_text`).
3. Fetch MathJax 3 from the npm registry (``book/package-lock.json``, npm's cache first)
   into ``build/book/npm``; the site serves it from ``mathjax/``, never a CDN.
4. ``jupyter-book build`` (warnings are errors), then copy the HTML to ``build/site``.

The Binder launch buttons use the repository of the README's Binder badge
(:func:`binder_repository`): publishing the course means changing that one line.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

BOOK = Path(__file__).resolve().parent
ROOT = BOOK.parent
BINDER_URL = re.compile(r"https://mybinder\.org/v2/gh/([\w.-]+)/([\w.-]+)/([^?\s)/]+)")
TABLE_HEADING = "## The notebooks, in order"
# What the site needs from MathJax's es5 folder: the TeX+MathML -> HTML bundle, its fonts,
# the TeX extensions it loads on demand, and the menu and accessibility parts.
MATHJAX_PARTS = ("tex-mml-chtml.js", "input", "output/chtml", "ui", "a11y", "sre", "adaptors")
MATHJAX_SCRIPT = "mathjax/tex-mml-chtml.js"


def notebooks(root=ROOT):
    """Every course notebook: ``notebooks/*.ipynb`` and one level of subfolders, sorted."""
    found = [*(root / "notebooks").glob("*.ipynb"), *(root / "notebooks").glob("*/*.ipynb")]
    return sorted(p for p in found if not any(part.startswith(".") for part in p.parts))


def binder_repository(readme):
    """``(owner, repo, ref)`` of the README's Binder links (all must name the same one)."""
    found = set(BINDER_URL.findall(readme))
    if len(found) != 1:
        raise ValueError(
            "the README must link Binder (https://mybinder.org/v2/gh/OWNER/REPO/REF) for one "
            f"repository, found {sorted(found) or 'none'}"
        )
    return found.pop()


def front_page(readme):
    """The site's front page: the README's title, first paragraph and table of notebooks
    (the section up to its first subsection)."""
    lines = readme.splitlines()
    title = next((line for line in lines if line.startswith("# ")), None)
    if title is None or TABLE_HEADING not in lines:
        raise ValueError(f"the README needs a '# ' title and a '{TABLE_HEADING}' section")
    start = lines.index(title) + 1
    paragraphs = "\n".join(lines[start : lines.index(TABLE_HEADING)]).split("\n\n")
    intro = next(p.strip() for p in paragraphs if p.strip() and not p.lstrip().startswith("[!["))
    section = lines[lines.index(TABLE_HEADING) :]
    # up to the next heading: the table and its notes, not the subsections after it
    end = next((i for i, line in enumerate(section[1:], 1) if line.startswith("#")), None)
    body = "\n".join(section[:end]).strip()
    note = (
        "Each page below is its notebook as executed when this site was built, with its run "
        "time; the rocket button at the top of a page opens it live in JupyterLab on Binder."
    )
    return f"{title}\n\n{intro}\n\n{note}\n\n{body}\n"


CAPTIONS = {".": "The course", "zh-CN": "简体中文版 (zh-CN)"}
"""The site's heading over each folder's notebooks (a folder not named here: its name)."""


def table_of_contents(paths, root=ROOT):
    """Jupyter Book's ``_toc.yml``: the front page, then the notebooks by folder."""
    parts = {}
    for path in paths:
        rel = path.relative_to(root)
        folder = rel.parent.relative_to("notebooks").as_posix()
        parts.setdefault(folder, []).append(rel.with_suffix("").as_posix())
    toc = {"format": "jb-book", "root": "index", "parts": []}
    for folder, files in parts.items():
        caption = CAPTIONS.get(folder, folder)
        toc["parts"].append({"caption": caption, "chapters": [{"file": f} for f in files]})
    return toc


def book_config(owner, repo, ref, extra_path):
    """``book/_config.yml`` with the repository, the extension folder and MathJax filled in."""
    import yaml

    config = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
    config["repository"].update(url=f"https://github.com/{owner}/{repo}", branch=ref)
    config["sphinx"]["local_extensions"] = {"course_site": str(BOOK)}
    sphinx = config["sphinx"]["config"]
    sphinx["mathjax_path"] = f"../{MATHJAX_SCRIPT}"  # Sphinx puts relative paths under _static/
    sphinx["html_extra_path"] = [str(extra_path)]
    return config


def execute(source, target, timeout=300):
    """Run notebook ``source`` top to bottom, save it to ``target``; returns the seconds.

    Widget state is not stored: the site shows each output's PNG, not live widgets.
    """
    import nbformat
    from nbclient import NotebookClient

    startup = (
        "__import__('runpy').run_path("
        f"{json.dumps(str(BOOK / 'kernel_startup.py'))}, run_name='course_site_startup')"
    )
    nb = nbformat.read(source, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
        extra_arguments=[
            f"--IPKernelApp.exec_lines={json.dumps([startup])}", "--IPKernelApp.log_level=ERROR"
        ],
        resources={"metadata": {"path": str(Path(source).parent)}},
    ).execute()  # fmt: skip
    seconds = time.perf_counter() - start
    nb.metadata["course_site"] = {"run_time_s": round(seconds, 1), "built": str(date.today())}
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return seconds


def fetch_mathjax(work):
    """MathJax from the npm registry (npm's cache first), as locked in book/package-lock.json.

    Returns the folder that holds ``mathjax/`` (the parts the site needs).
    """
    npm_dir, extra = work / "npm", work / "extra"
    lock = json.loads((BOOK / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/mathjax"]["version"]
    installed = npm_dir / "node_modules" / "mathjax" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != version:
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm not found: install Node.js (apt-get install npm)")
        npm_dir.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(BOOK / name, npm_dir / name)
        subprocess.run(
            [npm, "ci", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=npm_dir, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    es5 = installed.parent / "es5"
    shutil.rmtree(extra, ignore_errors=True)
    for part in MATHJAX_PARTS:
        source, target = es5 / part, extra / "mathjax" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    return extra


def build(out=ROOT / "build" / "site", work=ROOT / "build" / "book", jobs=2, log=print):
    """Build the site into ``out``; returns ``{"execute_s", "render_s", "pages", ...}``."""
    out, work = Path(out).resolve(), Path(work).resolve()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    owner, repo, ref = binder_repository(readme)
    paths = notebooks()
    if not paths:
        raise ValueError(f"no notebooks found in {ROOT / 'notebooks'}")
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)

    # the kernels import nbs_utils from this checkout, not from wherever it is installed
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    start = time.perf_counter()
    targets = [src / p.relative_to(ROOT) for p in paths]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        seconds = list(pool.map(execute, paths, targets))
    execute_s = time.perf_counter() - start
    for path, s in zip(paths, seconds):
        log(f"executed {path.relative_to(ROOT)} in {s:.1f} s")

    import yaml

    (src / "index.md").write_text(front_page(readme), encoding="utf-8")
    (src / "_toc.yml").write_text(yaml.safe_dump(table_of_contents(paths), sort_keys=False))
    config = book_config(owner, repo, ref, fetch_mathjax(work))
    (src / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))

    start = time.perf_counter()
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(src), "--path-output", str(work), "-W", "-q"]
    subprocess.run(command, check=True)
    render_s = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(work / "_build" / "html", out)
    log(f"site in {out} ({len(paths)} notebooks; executed in {execute_s:.1f} s, "
        f"rendered in {render_s:.1f} s)")  # fmt: skip
    return {
        "notebooks": len(paths),
        "execute_s": round(execute_s, 1),
        "render_s": round(render_s, 1),
        "per_notebook_s": {p.stem: round(s, 1) for p, s in zip(paths, seconds)},
    }
