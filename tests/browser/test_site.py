"""The course site, built from a fresh clone and read offline in headless Chromium.

``python -m book`` (what ``make site`` runs) builds the committed repository, cloned into a
temporary folder; the site is served on localhost and every page is opened with every
request that leaves localhost blocked. Each page must render, typeset every formula
(MathJax served by the site itself), load every image (alt text, not blank) and link only
to pages and anchors that exist.
"""

import base64
import contextlib
import functools
import hashlib
import html
import html.parser
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse

import pytest

from book.build import binder_repository, notebooks
from testkit.labdriver import ROOT, free_port


def _committed(paths):
    """The paths git tracks: what a fresh clone holds (all of them without git)."""
    try:
        tracked = subprocess.run(
            ["git", "ls-files", "notebooks"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return paths
    return [p for p in paths if p.relative_to(ROOT).as_posix() in tracked]


NOTEBOOKS = [
    p.relative_to(ROOT).with_suffix(".html").as_posix() for p in _committed(notebooks(ROOT))
]
PAGES = ["index.html", *NOTEBOOKS, "genindex.html", "search.html"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# In the page: every image loaded and drawn; how many distinct colours a figure has.
IMAGES = """
async () => Promise.all([...document.images].map(async (img) => {
  try { await img.decode(); } catch (e) {}
  let colours = null;
  if (img.naturalWidth && img.src.includes('/_images/')) {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < px.length && seen.size < 50; i += 4 * 7) {
      seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
    colours = seen.size;
  }
  return {src: img.src, alt: img.getAttribute('alt'), width: img.naturalWidth, colours};
}))
"""

# Formulas Sphinx marked for MathJax, and TeX delimiters left in the text outside code.
MATH = """
async () => {
  if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
  const math = [...document.querySelectorAll('.math')];
  const raw = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('pre, code, script, style, .highlight')) continue;
    if (/\\\\[(\\[]/.test(node.textContent)) raw.push(node.textContent.slice(0, 80));
  }
  return {
    version: window.MathJax && MathJax.version,
    formulas: math.length,
    typeset: math.filter((el) => el.querySelector('mjx-container')).length,
    raw,
  };
}
"""


def _site_missing_reason():
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        return "Jupyter Book is not installed (pip install -r requirements-site.txt)"
    if shutil.which("npm") is None:
        return "npm not found (MathJax comes from the npm registry; apt-get install npm)"
    if shutil.which("git") is None:
        return "git not found"
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory, browser):
    """``(url, folder)`` of the site built from a fresh clone, served on localhost."""
    reason = _site_missing_reason()
    if reason and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"the site test cannot run under CI: {reason}", pytrace=False)
    if reason:
        pytest.skip(reason)
    clone = tmp_path_factory.mktemp("site") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = dict(os.environ, PYTHONPATH=str(clone))
    proc = subprocess.run(
        [sys.executable, "-m", "book", "--json"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, (
        f"python -m book failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
    )
    folder = clone / "build" / "site"
    with _serve(folder) as url:
        yield url, folder, clone


@contextlib.contextmanager
def _serve(folder):
    """``folder`` over HTTP on a free localhost port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_the_site_has_a_page_per_notebook_and_nothing_unexpected(site):
    _, folder, _ = site
    built = {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    built = {p for p in built if not p.startswith(("_", "mathjax/"))}
    assert built == set(PAGES)


def test_front_page_is_the_readmes_table_of_notebooks(site):
    _, folder, clone = site
    readme = (clone / "README.md").read_text(encoding="utf-8")
    index = (folder / "index.html").read_text(encoding="utf-8")
    text = _text(index)
    rows = [line for line in readme.splitlines() if line.startswith("| ") and ".ipynb)" in line]
    assert len(rows) >= 5
    for row in rows:
        link = row.split("](", 1)[1].split(")", 1)[0]  # notebooks/NN_name.ipynb
        assert f'href="{link.removesuffix(".ipynb")}.html"' in index, link
        why = row.rstrip(" |").rsplit("| ", 1)[1]
        assert why.replace("`", "") in text, why


def test_every_notebook_page_has_its_binder_button_and_run_time(site):
    _, folder, clone = site
    owner, repo, ref = binder_repository((clone / "README.md").read_text(encoding="utf-8"))
    for page in NOTEBOOKS:
        html = (folder / page).read_text(encoding="utf-8")
        notebook = page.removesuffix(".html") + ".ipynb"
        binder = f"https://mybinder.org/v2/gh/{owner}/{repo}/{ref}?urlpath=lab/tree/{notebook}"
        assert f'href="{binder}"' in html, f"{page}: no launch button to {binder}"
        run_time = "运行时间：" if page.startswith("notebooks/zh-CN/") else "Run time: "
        assert f'class="course-run-time">{run_time}' in html, f"{page}: no run time in its language"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_offline_with_math_figures_and_links(site, browser, page):
    url, folder, _ = site
    notebook = page in NOTEBOOKS
    assert not _problems(browser, url, folder, page, notebook=notebook)


def test_the_page_checks_catch_a_broken_page(browser, tmp_path):
    """The checks above can fail: a page with each defect gets each complaint."""
    from PIL import Image

    (tmp_path / "_images").mkdir()
    Image.new("RGB", (40, 30), "white").save(tmp_path / "_images" / "blank.png")
    (tmp_path / "bad.html").write_text(
        "<html><body><main><h1>Bad</h1>"
        '<p><span class="math">\\(x^2\\)</span></p>'
        '<img src="_images/blank.png"><img alt="x" src="http://192.0.2.1/remote.png">'
        '<a href="missing.html">gone</a><a href="bad.html#nowhere">anchor</a>'
        f'<div class="cell_output" style="width: 200px"><pre style="overflow: auto">{"x" * 400}</pre></div>'
        "</main></body></html>"
    )
    with _serve(tmp_path) as url:
        problems = "\n".join(_problems(browser, url, tmp_path, "bad.html", notebook=True))
    for complaint in [
        "requests left localhost: ['http://192.0.2.1/remote.png']",
        "formulas not typeset",
        "TeX left raw",
        "image without alt text",
        "blank figure",
        "image did not load: http://192.0.2.1/remote.png",
        "broken link",
        "missing anchor",
        "printed output scrolls sideways",
    ]:
        assert complaint in problems, problems


# The start of each printed output (<pre> in a cell's output) wider than its box.
SIDEWAYS = """() => [...document.querySelectorAll('.cell_output pre')]
  .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
  .map((pre) => pre.textContent.slice(0, 40))"""


def _problems(browser, url, folder, page, notebook):
    """What is wrong with ``page`` opened from ``url`` in a tab that only reaches localhost."""
    left, failed, errors, problems = [], [], [], []

    def route(request_route):
        host = urllib.parse.urlsplit(request_route.request.url).hostname
        if host in LOCAL_HOSTS or request_route.request.url.startswith("data:"):
            request_route.continue_()
        else:
            left.append(request_route.request.url)
            request_route.abort()

    tab = browser.new_page()
    try:
        tab.route("**/*", route)
        tab.on("pageerror", lambda err: errors.append(str(err)))
        tab.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        response = tab.goto(url + page, wait_until="load")
        tab.wait_for_load_state("networkidle")
        heading = tab.locator("main h1 >> visible=true").first
        if response.status != 200 or not heading.is_visible() or not heading.inner_text().strip():
            problems.append(f"{page}: not rendered (HTTP {response.status}, no visible title)")
        math = tab.evaluate(MATH)
        images = tab.evaluate(IMAGES)
        links = tab.evaluate("() => [...document.querySelectorAll('a[href]')].map((a) => a.href)")
        sideways = tab.evaluate(SIDEWAYS)
        tab.wait_for_load_state("networkidle")  # fonts MathJax asked for
    finally:
        tab.close()

    def complain(condition, message):
        if condition:
            problems.append(f"{page}: {message}")

    complain(left, f"requests left localhost: {left}")
    complain(failed, f"failed requests: {failed}")
    complain(errors, f"script errors: {errors}")
    complain(math["typeset"] < math["formulas"], f"formulas not typeset: {math}")
    complain(math["raw"], f"TeX left raw: {math['raw']}")
    complain(notebook and not str(math["version"]).startswith("3."), f"no MathJax 3: {math}")
    complain(notebook and not math["formulas"], "no formulas")
    figures = [i for i in images if "/_images/" in i["src"]]
    complain(notebook and not figures, "no figures")
    for image in images:
        complain(not image["width"], f"image did not load: {image['src']}")
        complain(not (image["alt"] or "").strip(), f"image without alt text: {image['src']}")
    for figure in figures:
        complain(figure["colours"] is not None and figure["colours"] <= 3, f"blank figure {figure}")
    complain(sideways, f"printed output scrolls sideways: {sideways}")
    for link in sorted(set(links)):
        complain(problem := _link_problem(link, url, folder), problem)
    return problems


def test_figures_are_the_notebooks_outputs_with_their_alt_text(site):
    """Every PNG output of every executed notebook is on its page with its alt text."""
    _, folder, clone = site
    for page in NOTEBOOKS:
        executed = clone / "build" / "book" / "src" / page.replace(".html", ".ipynb")
        images = _images(folder / page)
        for cell in json.loads(executed.read_text())["cells"]:
            for output in cell.get("outputs", []):
                if "image/png" not in output.get("data", {}):
                    continue
                digest = hashlib.sha256(base64.b64decode(output["data"]["image/png"])).hexdigest()
                alt = output["metadata"]["image/png"]["alt"]
                up = "../" * page.count("/")  # notebooks/zh-CN/x.html: ../../_images
                assert images.get(f"{up}_images/{digest}.png") == alt, f"{page}: {alt}"


def _images(page):
    """``{src: alt}`` of the ``<img>`` tags of an HTML file."""

    class Images(html.parser.HTMLParser):
        found = {}

        def handle_starttag(self, tag, attrs):
            if tag == "img":
                attrs = dict(attrs)
                self.found[attrs.get("src")] = attrs.get("alt")

    parser = Images()
    parser.found = {}
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def _text(page_html):
    """The words of an HTML page: no tags, entities decoded, typographic quotes plain."""
    words = html.unescape(re.sub(r"<[^>]+>", " ", page_html))
    return " ".join(words.replace("\u2019", "'").replace("\u2018", "'").split())


def _link_problem(link, url, folder):
    """Why an internal link does not resolve (a missing file or anchor); None if it does."""
    if not link.startswith(url):
        return None  # outside the site: GitHub, Binder (never requested by the test)
    parts = urllib.parse.urlsplit(link)
    path = urllib.parse.unquote(parts.path).lstrip("/") or "index.html"
    target = folder / path
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"broken link {link}"
    if parts.fragment and target.suffix == ".html":
        fragment = urllib.parse.unquote(parts.fragment)
        if f'id="{fragment}"' not in target.read_text(encoding="utf-8"):
            return f"link to a missing anchor {link}"
    return None
