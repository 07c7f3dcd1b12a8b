"""Sphinx extension of the course site: alt text on every figure, the run time on every page,
the course's stylesheet (printed output wraps).

myst-nb writes each output image as ``<sha256 of its bytes>.png`` and takes ``alt`` only
from cell metadata; the course keeps it in each output's metadata (``image/png: {alt}``,
see ``Panel._repr_mimebundle_`` and book/kernel_startup.py). After a notebook page is
read, its images get the alt text of the output with the same bytes, and a line under the
title gives the notebook's run time recorded by book/build.py. Every page gets each of
its scripts once. An image without alt text
is a build warning (``make site`` treats warnings as errors).
"""

import base64
import hashlib
import json
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _alt_by_hash(nb):
    """``{sha256 hex of the PNG bytes: alt}`` over every output of notebook JSON ``nb``."""
    found = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            alt = output.get("metadata", {}).get("image/png", {}).get("alt")
            if png and alt:
                found[hashlib.sha256(base64.b64decode(png)).hexdigest()] = alt
    return found


RUN_TIME = "Run time: {seconds:.1f} s, top to bottom (executed when this page was built, {built})."
RUN_TIME_ZH = "运行时间：从头到尾 {seconds:.1f} 秒（本页构建时执行，{built}）。"  # the zh-CN pages


def on_doctree_read(app, doctree):
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    nb = json.loads(source.read_text(encoding="utf-8"))
    alts = _alt_by_hash(nb)
    for image in doctree.findall(nodes.image):
        alt = alts.get(Path(image["uri"]).stem)
        if alt:
            image["alt"] = alt
        elif not image.get("alt"):
            logger.warning(f"figure without alt text: {image['uri']}", location=image)
    run = nb.get("metadata", {}).get("course_site")
    section = next(iter(doctree.findall(nodes.section)), None)
    if run and section is not None:
        template = RUN_TIME_ZH if source.parent.name == "zh-CN" else RUN_TIME
        text = template.format(seconds=run["run_time_s"], built=run["built"])
        para = nodes.paragraph(text, text, classes=["course-run-time"])
        title = next(iter(section.findall(nodes.title)))
        section.insert(section.index(title) + 1, para)


def on_page_context(app, pagename, templatename, context, doctree):
    """Each script once: Jupyter Book and sphinx-book-theme both set up sphinx-thebe, whose
    inline ``const THEBE_JS_URL`` declared twice is a script error on every page."""
    seen, scripts = set(), []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        name = str(getattr(script, "filename", script) or "")  # None and "": inline
        key = (name, tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            scripts.append(script)
    context["script_files"] = scripts


def on_builder_inited(app):
    """The course's stylesheet, ``book/static/course.css``, on every page."""
    app.config.html_static_path.append(str(Path(__file__).with_name("static")))
    app.add_css_file("course.css")


def setup(app):
    app.connect("builder-inited", on_builder_inited)
    app.connect("doctree-read", on_doctree_read)
    app.connect("html-page-context", on_page_context, priority=900)  # after the others add
    return {"parallel_read_safe": True, "parallel_write_safe": True}
