"""The course site, built from a fresh clone and read offline in headless Chromium.

``python -m book`` (what ``make site`` runs) builds the committed repository, cloned into a
temporary folder; the site is served on localhost and every page is opened with every
request that leaves localhost blocked. Each page must render, typeset every formula
(MathJax served by the site itself), load every image (alt text, not blank) and link only
to pages and anchors that exist.
"""

import base64
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
from labdriver import ROOT, free_port

sys.path.insert(0, str(ROOT))
from book.build import binder_repository, notebooks  # noqa: E402

NOTEBOOKS = [p.relative_to(ROOT).with_suffix(".html").as_posix() for p in notebooks(ROOT)]
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
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", folder, clone
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
        assert 'class="course-run-time">Run time: ' in html, f"{page}: no run time"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_offline_with_math_figures_and_links(site, browser, page):
    url, folder, _ = site
    left, failed, errors = [], [], []

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
        assert response.status == 200
        tab.wait_for_load_state("networkidle")
        heading = tab.locator("main h1 >> visible=true").first
        assert heading.is_visible() and heading.inner_text().strip(), f"{page}: no title shown"
        math = tab.evaluate(MATH)
        images = tab.evaluate(IMAGES)
        links = tab.evaluate("() => [...document.querySelectorAll('a[href]')].map((a) => a.href)")
        tab.wait_for_load_state("networkidle")  # fonts MathJax asked for
    finally:
        tab.close()

    assert not left, f"{page}: requests left localhost: {left}"
    assert not failed, f"{page}: failed requests: {failed}"
    assert not errors, f"{page}: script errors: {errors}"
    assert math["typeset"] == math["formulas"] and not math["raw"], f"{page}: {math}"
    if page in NOTEBOOKS:
        assert math["formulas"] > 0 and str(math["version"]).startswith("3."), math
    figures = [i for i in images if "/_images/" in i["src"]]
    if page in NOTEBOOKS:
        assert figures, f"{page}: no figures"
    for image in images:
        assert image["width"] > 0, f"{page}: image did not load: {image['src']}"
        assert (image["alt"] or "").strip(), f"{page}: image without alt text: {image['src']}"
    for figure in figures:
        assert figure["alt"].startswith("Figure: "), figure
        assert figure["colours"] > 3, f"{page}: blank figure {figure}"
    for link in sorted(set(links)):
        _check_link(link, url, folder, page)


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
                assert images.get(f"../_images/{digest}.png") == alt, f"{page}: {alt}"


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


def _check_link(link, url, folder, page):
    if not link.startswith(url):
        return  # outside the site: GitHub, Binder (never requested by the test)
    parts = urllib.parse.urlsplit(link)
    path = urllib.parse.unquote(parts.path).lstrip("/") or "index.html"
    target = folder / path
    if target.is_dir():
        target = target / "index.html"
    assert target.is_file(), f"{page}: broken link {link}"
    if parts.fragment and target.suffix == ".html":
        html = target.read_text(encoding="utf-8")
        fragment = urllib.parse.unquote(parts.fragment)
        assert f'id="{fragment}"' in html, f"{page}: link to a missing anchor {link}"
