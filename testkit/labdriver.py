"""Drive the course in a real JupyterLab through headless Debian Chromium (Playwright).

Shared by the browser tests (tests/browser/) and the benchmarks (benchmarks/latency.py, playground.py).
A :class:`LabServer` runs JupyterLab on a free localhost port with temporary workspaces and
settings (news off); :func:`open_browser` starts /usr/bin/chromium (Playwright never downloads
a browser); :class:`NotebookPage` opens one notebook in its own workspace, runs all cells and
moves sliders with the keyboard while a hook on ``drawImage`` timestamps every canvas repaint.
"""

import base64
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from testkit.notebooks import ROOT, expected, notebook_id

ENGLISH_NOTEBOOKS = expected(edition="en")
NOTEBOOKS = expected()  # both editions: English, then the Simplified Chinese twins


CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SLIDER = ".widget-slider .noUi-handle"
CANVAS = ".jupyter-matplotlib-canvas-div > canvas:first-child"  # the painted one; 2nd: overlay
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'

# JupyterLab user settings for the test server: no news toast, no update check.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Run All changes the notebooks' outputs; never write them back into the repository.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

# Installed before any page script: counts and timestamps every drawImage per canvas, and
# the last keydown, so a repaint can be tied to the key press that caused it.
PAINT_HOOK = """
(() => {
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    const c = this.canvas;
    const now = performance.now();
    c.__draws = (c.__draws || 0) + 1;
    if (c.__armed) { c.__armed = false; c.__firstDraw = now; }
    return draw.apply(this, args);
  };
  document.addEventListener('keydown', () => { window.__lastKey = performance.now(); }, true);
})();
"""

# Given a slider handle, find the ipympl canvas in the same output (the figure it drives).
CANVAS_OF_HANDLE = """
(handle, canvas) => {
  let el = handle;
  while (el && !el.classList.contains('jp-OutputArea-output')) {
    const c = el.querySelector && el.querySelector(canvas);
    if (c) return c;
    el = el.parentElement;
  }
  return el ? el.querySelector(canvas) : null;
}
"""


def chromium_missing_reason():
    """``None`` if Chromium and Playwright are usable, else a sentence saying what is missing."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright's Python package is not installed (pip install -r requirements.txt)"
    return None


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """JupyterLab on ``127.0.0.1:<free port>`` serving ``root``, with a known token.

    Workspaces, user settings and runtime files live in a temporary directory that is
    removed on :meth:`stop`.
    """

    def __init__(self, root=ROOT, startup_timeout=60, env=None):
        self.root = Path(root)
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = Path(tempfile.mkdtemp(prefix="lab-test-"))
        settings = self.tmp / "settings"
        for name, values in LAB_SETTINGS.items():
            (settings / name).parent.mkdir(parents=True, exist_ok=True)
            (settings / name).write_text(json.dumps(values))
        env = dict(os.environ, **(env or {}), JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"))
        self.log = open(self.tmp / "lab.log", "w+")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "jupyter", "lab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}",
                f"--LabApp.user_settings_dir={settings}",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.extension_manager=readonly", "--ServerApp.allow_root=True",
                "--ServerApp.terminals_enabled=False",
            ],
            cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + startup_timeout
        while True:
            try:
                self.api("status")
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    log = self.log_text()
                    self.stop()
                    raise RuntimeError("JupyterLab did not start:\n" + log) from None
                time.sleep(0.2)

    def api(self, path, method="GET"):
        """JSON from the server's REST API (``/api/<path>``)."""
        request = urllib.request.Request(
            f"{self.url}/api/{path}", method=method,
            headers={"Authorization": f"token {self.token}"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def session(self, path):
        """The server's session for notebook ``path`` (relative to root), or ``None``."""
        for s in self.api("sessions"):
            if s["path"] == path:
                return s
        return None

    def kernel_state(self, path):
        """``'idle'``, ``'busy'``, ``'starting'``... of the kernel behind ``path``; None if none."""
        s = self.session(path)
        return s["kernel"]["execution_state"] if s else None

    def shutdown(self, path):
        """Stop the kernel of ``path`` (frees a CPU core for the next notebook)."""
        s = self.session(path)
        if s:
            self.api(f"sessions/{s['id']}", method="DELETE")

    def log_text(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-5000:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


@contextmanager
def open_browser(playwright):
    """A Chromium browser context from /usr/bin/chromium with a fresh profile directory."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800},  # the layout tests/browser/test_fit.py checks
        )  # fmt: skip
        context.add_init_script(PAINT_HOOK)
        try:
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class NotebookPage:
    """One notebook opened in its own JupyterLab workspace in a fresh page."""

    def __init__(self, context, lab, notebook):
        self.lab = lab
        self.path = Path(notebook).resolve().relative_to(lab.root).as_posix()
        self.workspace = "t-" + notebook_id(notebook).replace("_", "-").replace("/", "-")
        self.page = context.new_page()
        self.console = []  # JavaScript errors and failed requests seen in the page
        self.page.on("pageerror", lambda e: self.console.append(f"page error: {e}"))
        self.page.on(
            "console",
            lambda m: m.type == "error" and self.console.append(f"console error: {m.text}"),
        )
        self.page.on(
            "response",
            lambda r: (
                r.status >= 400
                and self.console.append(f"request failed: {r.request.method} {r.url} ({r.status})")
            ),
        )
        self.page.on(
            "requestfailed",
            lambda r: self.console.append(f"request failed: {r.method} {r.url} ({r.failure})"),
        )
        self.page.set_default_timeout(30_000)

    def open(self, timeout=60):
        """Load the notebook in workspace ``t-<stem>`` (reset) and wait for its kernel."""
        url = f"{self.lab.url}/lab/workspaces/{self.workspace}/tree/{self.path}"
        self.page.goto(f"{url}?reset&token={self.lab.token}")
        self.page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
        self._wait(lambda: self.lab.kernel_state(self.path) == "idle", timeout, "kernel start")

    def run_all(self, timeout=180, render_timeout=20):
        """Run > Run All Cells; wait until every code cell ran (or one failed), kernel idle."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        self.page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        self._wait(lambda: not self.unexecuted() or self.errors(), timeout, "Run All Cells")
        self.wait_idle(timeout)
        self.wait_rendered(render_timeout)

    def prompts(self):
        """The input prompt of every code cell, e.g. ``'[3]:'``, ``'[*]:'``, ``'[ ]:'``.

        Read as textContent: JupyterLab skips rendering off-screen cells, so innerText is
        empty there.
        """
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                .map(p => p.textContent.trim())"""
        )

    def unexecuted(self):
        """Indices (among code cells) of cells without an execution count.

        A cell whose input is collapsed (a hidden solution) shows an empty prompt: not counted.
        """
        return [i for i, p in enumerate(self.prompts()) if p and not any(c.isdigit() for c in p)]

    def wait_idle(self, timeout=30):
        """Kernel idle and no cell busy (``[*]``), twice in a row 100 ms apart."""

        def idle():
            busy = any("*" in p for p in self.prompts())
            return not busy and self.lab.kernel_state(self.path) == "idle"

        self._wait(lambda: idle() and (time.sleep(0.1) or idle()), timeout, "kernel idle")

    def wait_rendered(self, timeout=20, quiet=1.0):
        """Wait until widgets stop appearing and every ipympl figure has been painted.

        Returns quietly after ``timeout`` too: :meth:`unpainted` then says which are blank.
        """

        def state():
            return self.page.evaluate(
                """([s, c]) => [document.querySelectorAll(s).length,
                    document.querySelectorAll(c).length,
                    [...document.querySelectorAll(c)].filter(x => x.__draws).length,
                    document.body.textContent.includes('Loading widget')]""",
                [SLIDER, CANVAS],
            )

        deadline = time.monotonic() + timeout
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            now = state()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet and now[2] == now[1] and not now[3]:
                return
            time.sleep(0.1)

    def unpainted(self):
        """One line per ipympl figure that was never painted (its canvas stays blank)."""
        return self.page.evaluate(
            """(c) => [...document.querySelectorAll(c)].flatMap((x, i) => x.__draws ? [] :
                [`figure #${i} (${x.width}x${x.height} px) in the output of code cell ` +
                 [...document.querySelectorAll('.jp-CodeCell')].indexOf(x.closest('.jp-CodeCell'))])""",
            CANVAS,
        )

    def errors(self):
        """Texts of error/stderr outputs and widget render failures shown in the notebook."""
        found = self.page.evaluate(
            """(sel) => [...document.querySelectorAll(sel)].map(e => e.textContent.trim())
                .concat([...document.querySelectorAll('.jp-OutputArea-output')]
                    .map(e => e.textContent).filter(t => t.includes('Error displaying widget')))""",
            STDERR,
        )
        return found + self.console

    def code_cells(self):
        return self.page.locator(".jp-CodeCell").count()

    def sliders(self):
        """Locators of every slider handle in the notebook, in document order."""
        return self.page.locator(SLIDER).all()

    def toggles(self):
        """Locators of every toggle-button group in the notebook, in document order."""
        return self.page.locator(".widget-toggle-buttons").all()

    def toggle_options(self, group):
        """``(selected, others)``: the button texts of a toggle-button group."""
        texts = group.locator("button").all_text_contents()
        selected = group.locator("button.mod-active").first.text_content()
        return selected, [t for t in texts if t != selected]

    def click_toggle(self, group, text):
        """Click the button of ``group`` whose text is exactly ``text``."""
        exact = re.compile(f"^{re.escape(text)}$")
        group.locator("button").filter(has_text=exact).first.click()

    def slider_label(self, handle):
        """The description label of the slider that ``handle`` belongs to."""
        return handle.evaluate(
            "h => (h.closest('.widget-slider').querySelector('.widget-label') || {}).textContent"
        )

    def slider_disabled(self, handle):
        """True if the slider is disabled (e.g. its parameter does not apply right now)."""
        return handle.evaluate(
            "h => !!h.closest('[disabled]') || !!h.closest('.widget-slider.mod-disabled')"
        )

    def canvas_of(self, handle):
        """The ipympl canvas shown in the same output as ``handle``, or ``None``."""
        canvas = handle.evaluate_handle(CANVAS_OF_HANDLE, CANVAS)
        return canvas.as_element()

    def drives_other_canvas(self, handle):
        """True if ``handle``'s output holds a canvas that is not ipympl's (the playground's
        anywidget canvas, tested by test_playground.py)."""
        return handle.evaluate(
            """(h, c) => { const out = h.closest('.jp-OutputArea-output');
                return !!out && !out.querySelector(c) && !!out.querySelector('canvas'); }""",
            CANVAS,
        )

    def key_for(self, handle):
        """ArrowRight, or ArrowLeft if the slider already sits at its maximum."""
        now, top = handle.evaluate(
            "h => [parseFloat(h.getAttribute('aria-valuenow')),"
            " parseFloat(h.getAttribute('aria-valuemax'))]"
        )
        return "ArrowLeft" if now >= top else "ArrowRight"

    def press(self, handle, canvas, key, timeout=10):
        """Focus ``handle``, press ``key``; ms from keydown to the canvas repaint, or None."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        handle.scroll_into_view_if_needed()
        handle.focus()
        canvas.evaluate("c => { c.__armed = true; c.__firstDraw = null; }")
        handle.press(key)
        try:
            self.page.wait_for_function(
                "c => c.__firstDraw !== null", arg=canvas, timeout=timeout * 1000
            )
        except PlaywrightTimeout:
            return None
        return self.page.evaluate("c => c.__firstDraw - window.__lastKey", canvas)

    def pixels(self, canvas):
        """The canvas content as a PNG data URL (compare two to see a change)."""
        return canvas.evaluate("c => c.toDataURL()")

    def wait_changed(self, canvas, before, timeout=10):
        """Wait until the canvas pixels differ from ``before``; False if they never do."""
        deadline = time.monotonic() + timeout
        while self.pixels(canvas) == before:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def canvas_png(self, canvas):
        """What ``canvas`` shows, as PNG bytes."""
        return base64.b64decode(self.pixels(canvas).split(",", 1)[1])

    def canvas_pngs(self):
        """``(canvas element, PNG bytes)`` of every ipympl figure in the page, in order."""
        canvases = [c.element_handle() for c in self.page.locator(CANVAS).all()]
        return [(c, self.canvas_png(c)) for c in canvases]

    def panel_groups(self):
        """Per output with sliders (but the playground's): ``{"labels": [[description, readout],
        ...], "readout": text}``.

        Texts without whitespace, as :func:`kernel_state._text` gives them.
        """
        return self.page.evaluate(
            r"""(figure) => [...document.querySelectorAll('.jp-OutputArea-output')].flatMap(o => {
                const sliders = [...o.querySelectorAll('.widget-slider')];
                if (!sliders.length) return [];
                // not a Panel: notebook 06's playground (its own canvas), test_playground.py
                if (o.querySelector('canvas') && !o.querySelector(figure)) return [];
                const text = e => (e ? e.textContent : '').replace(/\s+/g, '');
                return [{
                  labels: sliders.map(s => [text(s.querySelector('.widget-label')),
                                            text(s.querySelector('.widget-readout'))]),
                  readout: text(o.querySelector('.widget-html-content')),
                }];
            })""",
            CANVAS,
        )

    def close(self):
        try:
            self.lab.shutdown(self.path)
        finally:
            self.page.close()

    def _wait(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{self.path}: {what} not done after {timeout} s; prompts {self.prompts()},"
                    f" kernel {self.lab.kernel_state(self.path)}"
                )
            time.sleep(0.1)

    # --- Fit: nothing wider than its output area -----------------------------------------

    def layout(self):
        """``{viewport, file_browser}``: the window size and the file browser's width (0 if closed)."""
        return self.page.evaluate(
            """() => {
              const fb = document.querySelector('.jp-FileBrowser');
              const open = fb && fb.checkVisibility() ? fb.getBoundingClientRect().width : 0;
              return {viewport: [innerWidth, innerHeight], file_browser: Math.round(open)};
            }"""
        )

    def overflowing(self):
        """One line per figure, widget box or readout that does not fit its output area.

        Not fitting: its right edge lies past the right edge of the ``.jp-OutputArea-output``
        holding it (cut off, or reachable only by scrolling), or it or the output area needs
        horizontal scrolling (``scrollWidth > clientWidth`` where overflow is not visible).
        """
        return self.page.evaluate(FIT_CHECK, CANVAS)

    def cramped_sliders(self, min_track=48):
        """One line per visible slider whose track is under ``min_track`` px long: its
        description and label squeezed it to a knob that cannot be dragged."""
        return self.page.evaluate(
            """(minTrack) => [...document.querySelectorAll('.widget-slider')]
                 .filter((s) => s.checkVisibility())
                 .map((s) => [s, s.querySelector('.noUi-target')])
                 .filter(([, t]) => t && t.getBoundingClientRect().width < minTrack)
                 .map(([s, t]) => `slider "${s.querySelector('label')?.textContent.trim()}": ` +
                                  `its track is ${Math.round(t.getBoundingClientRect().width)} px`)""",
            min_track,
        )

    def screenshot_outputs(self, folder):
        """Save the page and each output holding a figure as PNGs in ``folder``; their paths."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        stem = Path(self.path).with_suffix("").as_posix().removeprefix("notebooks/")
        stem = stem.replace("/", "-")  # zh-CN/01_x -> zh-CN-01_x: both editions kept
        paths = [folder / f"{stem}.png"]
        self.page.screenshot(path=paths[0])
        outputs = self.page.locator(".jp-OutputArea-output", has=self.page.locator(CANVAS))
        for i in range(outputs.count()):
            paths.append(folder / f"{stem}-figure{i}.png")
            outputs.nth(i).screenshot(path=paths[-1])
        return paths


@contextmanager
def ran_all(context, lab, notebook):
    """``notebook`` opened in a fresh page after Run All (a :class:`NotebookPage`), then closed."""
    nb = NotebookPage(context, lab, notebook)
    try:
        nb.open()
        nb.run_all()
        yield nb
    finally:
        nb.close()


# Run in the page by NotebookPage.overflowing(); the argument is the canvas selector.
FIT_CHECK = """
(canvasSelector) => {
  const cells = [...document.querySelectorAll('.jp-CodeCell')];
  const items = [canvasSelector, '.widget-box', '.widget-html', '.widget-slider',
                 '.widget-toggle-buttons', '.jupyter-matplotlib'].join(', ');
  const describe = (el) => el.matches(canvasSelector)
    ? `figure (${el.width}x${el.height} px canvas)`
    : el.matches('.widget-html') ? `readout "${el.textContent.trim().slice(0, 40)}"`
    : el.matches('.widget-box') ? 'widget box' : [...el.classList].join('.');
  const found = [];
  for (const area of document.querySelectorAll('.jp-OutputArea-output')) {
    const where = `code cell ${cells.indexOf(area.closest('.jp-CodeCell'))}`;
    const edge = area.getBoundingClientRect().right;
    for (const el of area.querySelectorAll(items)) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > edge + 0.5) {
        found.push(`${where}: ${describe(el)} ends ${Math.round(box.right - edge)} px past ` +
                   `the output area's right edge`);
      }
    }
    for (const el of [area, ...area.querySelectorAll('*')]) {
      const overflow = getComputedStyle(el).overflowX;
      if (el.clientWidth === 0 || overflow === 'visible') continue;
      const name = el === area ? 'the output area' : describe(el);
      if (['auto', 'scroll'].includes(overflow) && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${where}: ${name} scrolls sideways ` +
                   `(${el.scrollWidth} px content in ${el.clientWidth} px)`);
      } else if (el !== area) {  // hidden or clip: is a figure, widget or readout cut off?
        const cut = el.getBoundingClientRect().right;
        for (const item of el.querySelectorAll(items)) {
          const box = item.getBoundingClientRect();
          if (box.width > 0 && box.right > cut + 0.5) {
            found.push(`${where}: ${describe(item)} cut off by ${name} ` +
                       `(${Math.round(box.right - cut)} px)`);
          }
        }
      }
    }
  }
  return found;
}
"""


class KernelProbe:
    """A second client of the kernel behind a notebook open in the lab: runs probe code.

    Connects through the kernel's connection file in the server's runtime directory, so
    what it reads is the very state the page is showing (not a fresh kernel's).
    """

    def __init__(self, lab, path):
        from jupyter_client import BlockingKernelClient

        kernel_id = lab.session(path)["kernel"]["id"]
        self.client = BlockingKernelClient(
            connection_file=str(lab.tmp / "runtime" / f"kernel-{kernel_id}.json")
        )
        self.client.load_connection_file()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=30)

    def run(self, code, timeout=60):
        """Run ``code`` in the kernel; its stdout. Raises with the traceback if it failed."""
        msg_id = self.client.execute(code, store_history=False, allow_stdin=False)
        out, error = [], None
        deadline = time.monotonic() + timeout
        while True:
            msg = self.client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                error = "\n".join(content["traceback"])
            elif kind == "status" and content["execution_state"] == "idle":
                break
        if error:
            raise RuntimeError(f"probe failed in the kernel:\n{error}")
        return "".join(out)

    def json(self, code):
        """Run ``code``, which must print one JSON document; the decoded value."""
        return json.loads(self.run(code))

    def close(self):
        self.client.stop_channels()


KERNEL_STATE = (Path(__file__).parent / "kernel_state.py").read_text()


def documented_state(notebook, timeout=300):
    """Every panel's state after the notebook runs headless (nbclient, no browser attached).

    This is the state the notebook's own code sets and asserts: the state a learner must
    see after Run All.
    """
    import nbclient
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(KERNEL_STATE + "\npanel_state()"))
    nbclient.NotebookClient(
        nb, timeout=timeout, resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    return json.loads("".join(o.get("text", "") for o in nb.cells[-1].outputs))


def png_pixels(png):
    """RGBA pixels ``(height, width, 4)`` of PNG bytes."""
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def pixels_differ(a, b, level=40, share=0.001):
    """Why two RGBA pictures differ (a sentence), or None when they agree within tolerance.

    They agree when they have one size and at most ``share`` of the pixels of ``a`` differ
    by more than ``level`` (of 255) in some channel from every pixel of ``b`` within one
    pixel of them: a marker snapped to the next pixel or a rounding in a blitted frame
    passes; a missing axis, a blank canvas or a curve in another place does not.
    """
    import numpy as np

    if a.shape != b.shape:
        return f"sizes differ: {a.shape[1]}x{a.shape[0]} vs {b.shape[1]}x{b.shape[0]} px"
    height, width = a.shape[:2]
    a, padded = a.astype(int), np.pad(b.astype(int), ((1, 1), (1, 1), (0, 0)), mode="edge")
    nearest = np.full((height, width), 255)
    for dy in range(3):
        for dx in range(3):
            shifted = padded[dy : dy + height, dx : dx + width]
            nearest = np.minimum(nearest, np.abs(a - shifted).max(axis=2))
    far = (nearest > level).mean()
    return None if far <= share else f"{100 * far:.2f}% of the pixels differ"


def kernel_frames(probe, ids=None):
    """``{id(fig): pixels}``: the kernel's full render of each (or the given) figure."""
    frames = probe.json(KERNEL_STATE + f"\nfigure_frames({ids!r})")
    return {int(i): png_pixels(base64.b64decode(png)) for i, png in frames.items()}


def match_figures(nb, probe):
    """Pair every canvas in the page with the kernel figure it shows; problems as sentences."""
    frames, pairs, problems = kernel_frames(probe), [], []
    for index, (canvas, png) in enumerate(nb.canvas_pngs()):
        shown = png_pixels(png)
        reasons = {i: pixels_differ(shown, frame) for i, frame in frames.items()}
        same = [i for i, why in reasons.items() if why is None]
        if same:
            pairs.append((canvas, same[0]))
        else:
            near = min(reasons.values(), key=len, default="no figures in the kernel")
            problems.append(f"canvas #{index}: matches no kernel figure (closest: {near})")
    return pairs, problems


def wait_same_as_kernel(nb, probe, canvas, figure, timeout=5):
    """None once the canvas shows the kernel's full render of ``figure``, else why not.

    On failure both pictures are kept in build/browser-failures/ (named in the sentence).
    """
    deadline = time.monotonic() + timeout
    while True:
        frame = kernel_frames(probe, [figure]).get(figure)
        if frame is None:
            return "its figure is gone from the kernel"
        shown = png_pixels(nb.canvas_png(canvas))
        why = pixels_differ(shown, frame)
        if why is None:
            return None
        if time.monotonic() > deadline:
            return f"{why} ({keep_pictures(nb, shown, frame)})"
        time.sleep(0.2)


def keep_pictures(nb, shown, frame):
    """Save the page's and the kernel's picture for a failure report; where they are."""
    from PIL import Image

    folder = ROOT / "build" / "browser-failures"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{Path(nb.path).stem}-{time.strftime('%H%M%S')}-{secrets.token_hex(2)}"
    Image.fromarray(shown).save(folder / f"{stem}-page.png")
    Image.fromarray(frame).save(folder / f"{stem}-kernel.png")
    return f"see {folder.relative_to(ROOT)}/{stem}-{{page,kernel}}.png"


def state_problems(nb, probe, notebook):
    """Kernel vs documented state, and page vs kernel, for every panel."""
    documented, kernel = documented_state(notebook), probe.json(KERNEL_STATE + "\npanel_state()")
    problems = [
        f"panel {name!r} in the kernel: {kernel.get(name)} but the notebook documents {want}"
        for name, want in documented.items()
        if kernel.get(name) != want
    ]
    shown = [{"labels": p["labels"], "readout": p["readout"]} for p in kernel.values()]
    problems += [
        f"the page shows a panel in a state the kernel has not: {group}"
        for group in nb.panel_groups()
        if group not in shown
    ]
    return problems
