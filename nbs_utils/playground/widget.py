"""The interactive playground: a canvas (:mod:`.canvas`, anywidget) + ipywidgets controls
over a Playground.

Design (measured, see COURSE.md "Live training, measured here" and the README): training
runs in an asyncio task on the kernel's own event loop, yielding after every slice of steps
so widget messages are handled at once; each frame is ONE image of colour levels (the map,
plus thumbnails and loss curve every 2nd frame and right after a change), a byte per pixel,
at most 60 per second, painted by the browser the moment it arrives. A change while paused
is answered first by the map alone, then the rest. The exact readouts are computed in a
worker thread on a snapshot of the weights, at most once a second while playing, so they
never delay a frame.

Every callback from the browser runs on the kernel's main event loop, between two slices
(:meth:`PlaygroundWidget._in_turn`): JupyterLab may hand widget messages to the kernel on
another thread (ipykernel 7 handles comm messages in a subshell, so that widgets answer while
a cell runs), and a change made there during a slice would be half seen by it; a pause, say,
would show the weights of mid-slice.

While paused, the maps that one step of the control in focus would give (either way, for
every control that changes the map: data set, noise, test fraction, layers, a layer's width
or activation, a feature) are computed ahead on a copy and sent to the browser
(:meth:`.LevelCanvas.prepare`), which paints the right one the moment the key is pressed,
without waiting for the kernel's round trip; the kernel's own frame follows and is the same.
"""

import asyncio
import base64
import concurrent.futures
import threading
import time

import ipywidgets as W
import numpy as np

from .._validate import as_number
from ..language import _
from . import controls, render
from .canvas import LevelCanvas
from .model import Diverged
from .readouts import readouts_html

MAX_FPS, THUMBS_EVERY, READOUT_EVERY_S = 60, 2, 1.0
TRAIN_SLICE_S = 0.005  # training time between two yields to the event loop
WEIGHT_LIMIT = 100.0  # an edited weight or bias lies in [-WEIGHT_LIMIT, WEIGHT_LIMIT]
SETTLE_S = 0.03  # after a change while paused: the map at once, the rest this much later
VIEW_OPTIONS = ("show_test", "discretize")  # the toggles of how the map is drawn
# the controls that set one Playground setting each, and that setting
SETTING_OF = {"problem": "problem", "dataset": "dataset", "noise": "noise", "split": "test_fraction", "seed": "seed",
              "lr": "learning_rate", "reg_rate": "reg_rate"}  # fmt: skip


class PlaygroundWidget(W.VBox):
    """Display it (or the :class:`Playground` itself) in a notebook to play."""

    def __init__(self, pg):
        self.pg = pg
        self._loop, self._loop_thread = _running_loop(), threading.get_ident()
        self.canvas = LevelCanvas(
            render.WIDTH, render.HEIGHT, render.PALETTE, on_ready=self._in_turn(self.repaint_all),
            on_click=self._in_turn(self.click), on_focus=self._in_turn(self._focused),
            alt=pg.description(),
            layout=W.Layout(width=f"{render.WIDTH}px", height=f"{render.HEIGHT}px"),
        )  # fmt: skip
        self.c = controls.build(pg)
        self._moves = self._one_step_moves()
        self.canvas.watch(list(self._moves))
        self._focus = None
        box, self._layer_columns = controls.layout(self.c, self.canvas)
        super().__init__([box])
        self.add_class("nbs-own-keys")  # see canvas.py: keys go to the controls, not to Lab
        self.playing, self._task, self._pending = False, None, None
        self._full_frame_due = False
        self.frames = self.thumbnail_frames = self.readout_count = 0
        self._steps_per_slice, self._losses = 10, ([], [])
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._readout_future, self._readout_dirty, self._last_readout = None, False, 0.0
        self._img = render.blank()
        self._grids_for_box()
        self._weight_list, self._weight_quiet = None, False
        self._wire()
        self._weight_options()
        self._show_layer_columns()
        self.repaint(thumbnails=True)
        self.refresh_readouts()  # (in the kernel: the worker thread shows them once done)

    # ---- painting ---------------------------------------------------------------------
    def _grids_for_box(self):
        self._grid = render.grid(self.pg.box)

    def repaint(self, thumbnails=True):
        """Draw the current net into the canvas: one level image (the map alone, or the
        whole frame with thumbnails and loss curve), one message."""
        pg = self.pg
        outputs = pg.unit_outputs(self._grid)  # hidden layers, then p
        self._img[: render.MAP_W, render.MAP_X :] = self._map(pg, outputs[-1])
        if thumbnails:
            render.draw_network(self._img, pg.layers, outputs[:-1])
            render.draw_curve(self._img, *self._losses)
            self.canvas.paint(self._img)
            self.thumbnail_frames += 1
        else:
            self.canvas.paint(self._img[: render.MAP_W, render.MAP_X :], render.MAP_X, 0)
        self.frames += 1
        if thumbnails:  # the text readouts change with the thumbnails, at most 20 times a second
            self._status()
            if not self.playing:  # (not while playing: it would overwrite what is being typed)
                self._show_weight()

    def _map(self, pg, p=None, view=None):
        """The decision map of ``pg`` (levels), from its probabilities ``p`` on the grid,
        drawn as ``view`` says (default: as the map's toggles say)."""
        p = pg.unit_outputs(self._grid)[-1] if p is None else p
        view = self._view() if view is None else view
        return render.map_image(
            p, pg._points, pg._labels, pg._is_test, pg.box, regression=pg.regression, **view
        )

    def _view(self):
        """How the map is drawn: :func:`.render.map_image`'s options, from their toggles."""
        return {name: self.c[name].value for name in VIEW_OPTIONS}

    def repaint_all(self):
        """Send the whole last frame again (a new view of the canvas asked for it)."""
        self.canvas.paint(self._img)

    def _status(self):
        pg = self.pg
        if pg.regression:
            acc = _("- (regression: no classes)")
        else:
            acc = f"{pg.accuracy('test'):.3f}" if len(pg.points("test")[1]) else "-"
        loss_train, loss_test = pg.loss("train"), pg.loss("test")
        self.c["status"].value = (
            _(
                "step <b>{step}</b> · epoch {epoch} · loss train {train} (grey) / test {test} "
                "(black) · test accuracy {acc} · {n} training points"
            ).format(
                step=pg.step,
                epoch=f"{pg.epoch:.1f}",
                train=f"{loss_train:.4f}",
                test=f"{loss_test:.4f}",
                acc=acc,
                n=len(pg.points("train")[1]),
            )  # fmt: skip
            + ("" if self.playing else f" · <b>{_('paused')}</b>")  # the final status of a pause
            + (f"<br><b>{pg.message}</b>" if pg.message else "")
        )

    def _record_loss(self):
        train, test = self._losses
        train.append(self.pg.loss("train"))
        test.append(self.pg.loss("test"))
        if len(train) > 2000:  # keep the curve light: every other point of the history
            del train[::2], test[::2]

    # ---- prepared maps: one step of the control in focus, painted by the browser ----------
    def _one_step_moves(self):
        """Every control that changes the map, with what its new value does to a playground
        and to the map's view (the same settings its observer applies)."""
        c = self.c
        moves = {
            c[key]: lambda pg, view, value, setting=SETTING_OF[key]: pg.configure(
                **{setting: value}
            )
            for key in ("problem", "dataset", "noise", "split")  # (seed typed; lr, reg: no map)
        }
        moves[c["layers"]] = lambda pg, view, n: pg.configure(**self._shape(layers=n))
        for i, act in enumerate(c["acts"]):
            moves[act] = lambda pg, view, name, i=i: pg.set_activation(name, layer=i)
        for i, width in enumerate(c["widths"]):
            moves[width] = lambda pg, view, units, i=i: pg.configure(
                **self._shape(width=(i, units))
            )
        for name, toggle in c["features"].items():
            moves[toggle] = lambda pg, view, on, name=name: pg.configure(
                features=self._features((name, on))
            )
        for name in VIEW_OPTIONS:
            moves[c[name]] = lambda pg, view, on, name=name: view.update({name: on})
        return moves

    def _focused(self, control):
        self._focus = control
        self._prepare()

    def _of_a_missing_layer(self, control):
        """Whether ``control`` belongs to a hidden layer the net does not have."""
        controls_of_layer = zip(self.c["acts"], self.c["widths"])
        return any(control in pair for pair in list(controls_of_layer)[len(self.pg.hidden) :])

    def _prepare(self):
        """While paused: send the maps of the control in focus moved one step either way."""
        control = self._focus
        if self.playing or control is None or self._of_a_missing_layer(control):
            return
        frames = {}
        for synced, value in controls.one_step(control):
            copy, view = self.pg.snapshot(), self._view()
            try:
                self._moves[control](copy, view, value)
            except (TypeError, ValueError):
                continue  # (no feature left, say: the real change is refused too)
            frames[synced] = self._map(copy, view=view)
        self.canvas.prepare(control, frames, render.MAP_X, 0)

    # ---- readouts (worker thread) -------------------------------------------------------
    def refresh_readouts(self, now=False):
        """Compute the readouts for the current weights: in the worker thread when an event
        loop runs (the kernel), shown once done; right here if ``now`` (else, outside an
        event loop, they wait for a call with ``now=True``)."""
        loop = _running_loop()
        if now or loop is None:
            if now:
                self._show_readouts(_safe_readouts(self.pg.snapshot()))
            return
        if self._readout_future is not None and not self._readout_future.done():
            self._readout_dirty = True  # run again for the newest weights once this is done
            return
        self._readout_dirty, self._last_readout = False, time.monotonic()
        self._readout_future = self._executor.submit(_safe_readouts, self.pg.snapshot())
        self._readout_future.add_done_callback(
            lambda f: loop.is_closed() or loop.call_soon_threadsafe(self._show_readouts, f.result())
        )

    def _show_readouts(self, html):
        self.c["readouts"].value = html
        self.readout_count += 1
        if self._readout_dirty and not self.playing:
            self.refresh_readouts()

    # ---- play / pause / step --------------------------------------------------------------
    def play(self):
        """Start training in an asyncio task on the kernel's event loop."""
        if self.playing:
            return
        self.playing = True
        self.pg.message = ""
        self.c["play"].description, self.c["play"].icon = _("pause"), "pause"
        self._task = asyncio.ensure_future(self._run())

    def pause(self):
        self.playing = False
        self.c["play"].description, self.c["play"].icon = _("play"), "play"
        self.repaint(thumbnails=True)
        self.refresh_readouts()
        self._prepare()

    def step(self, n=1):
        """``n`` training steps, then repaint (what the step button does)."""
        if self._train(n):
            self._record_loss()
        self.repaint(thumbnails=True)
        self.refresh_readouts()
        self._prepare()

    def _train(self, n):
        self.canvas.version += 1
        try:
            self.pg.train(n)
            return True
        except (Diverged, ValueError) as err:
            self.pg.message = str(err)
            self._losses = ([], [])
            if self.playing:
                self.pause()
            return False

    async def _run(self):
        last_frame, frame = 0.0, 0
        while self.playing:
            start = time.perf_counter()
            if not self._train(self._steps_per_slice):
                break
            spent = time.perf_counter() - start
            self._steps_per_slice = int(
                np.clip(self._steps_per_slice * TRAIN_SLICE_S / max(spent, 1e-6), 1, 2000)
            )
            now = time.perf_counter()
            if now - last_frame >= 1.0 / MAX_FPS:
                frame += 1
                thumbs = frame % THUMBS_EVERY == 0 or self._full_frame_due
                self._full_frame_due = False
                if thumbs:
                    self._record_loss()
                self.repaint(thumbnails=thumbs)
                last_frame = now
            if time.monotonic() - self._last_readout >= READOUT_EVERY_S:
                self.refresh_readouts()
            await asyncio.sleep(0.001)  # let the kernel handle widget messages

    # ---- control wiring ---------------------------------------------------------------------
    def _in_turn(self, callback):
        """``callback``, run on the kernel's main event loop (see the module docstring): at
        once when called there or outside an event loop, else queued for it."""

        def call(*args):
            loop = self._loop
            if loop is None or loop.is_closed() or threading.get_ident() == self._loop_thread:
                return callback(*args)
            loop.call_soon_threadsafe(callback, *args)

        return call

    def _wire(self):
        c, turn = self.c, self._in_turn
        c["play"].on_click(turn(lambda _: self.pause() if self.playing else self.play()))
        c["step"].on_click(turn(lambda _: self.step()))
        c["reset"].on_click(turn(lambda _: self._changed(self.pg.reset)))
        c["regenerate"].on_click(turn(lambda _: setattr(c["seed"], "value", c["seed"].value + 1)))
        c["clear"].on_click(turn(lambda _: self._changed(self.pg.clear_points, keep_weights=True)))
        c["add_point"].on_click(turn(lambda _: self.add_typed_point()))
        for key, setting in SETTING_OF.items():
            c[key].observe(turn(self._setter(setting)), "value")
        c["batch"].observe(turn(lambda ch: self._configure(batch_size=ch["new"] or None)), "value")
        c["reg"].observe(
            turn(lambda ch: self._configure(regularization=None if ch["new"] == "none" else ch["new"])),
            "value",
        )  # fmt: skip
        self._features_observer, self._shape_observer = (
            turn(self._on_features),
            turn(self._on_shape),
        )
        for toggle in c["features"].values():
            toggle.observe(self._features_observer, "value")
        for w in [c["layers"], *c["widths"]]:
            w.observe(self._shape_observer, "value")
        for i, a in enumerate(c["acts"]):
            a.observe(turn(lambda ch, i=i: self._on_activation(i, ch["new"])), "value")
        for name in VIEW_OPTIONS:  # the weights and data stay: only the picture changes
            c[name].observe(turn(lambda _: self._changed(lambda: None, keep_weights=True)), "value")
        c["csv_export"].on_click(
            turn(lambda _: self._download("points.csv", self.pg.to_csv().encode()))
        )
        c["npz_export"].on_click(
            turn(lambda _: self._download("playground.npz", self._npz_bytes()))
        )
        c["csv_import"].observe(turn(lambda ch: self._upload(ch, self._load_csv)), "value")
        c["npz_import"].observe(turn(lambda ch: self._upload(ch, self._load_npz)), "value")
        c["weight"].observe(turn(lambda _: self._weight_quiet or self._show_weight()), "value")
        c["weight_value"].observe(turn(self._on_weight_value), "value")
        c["deselect"].on_click(turn(lambda _: self.pick("none")))

    def _setter(self, setting):
        def set_it(change):
            if setting in ("problem", "dataset"):
                if getattr(self.pg, setting) == change["new"]:
                    return  # (the other menu was set to agree with the playground)
                self._configure(**{setting: change["new"]})
                self.c["problem"].value, self.c["dataset"].value = self.pg.problem, self.pg.dataset
                return
            self._configure(**{setting: change["new"]})

        return set_it

    def _configure(self, **settings):
        self._changed(lambda: self.pg.configure(**settings), keep_weights="batch_size" in settings
                      or set(settings) <= {"learning_rate", "regularization", "reg_rate"})  # fmt: skip

    def _changed(self, action, keep_weights=False):
        try:
            action()
        except (TypeError, ValueError) as err:
            self.pg.message = str(err)
        self._weight_options()
        self.canvas.version += 1
        if not keep_weights:
            self._losses = ([], [])
        self._steps_per_slice = 10
        if self.playing:  # the next frame shows it, thumbnails and status included
            self._full_frame_due = True
            self.canvas.alt = self.pg.description()
            return
        self.repaint(thumbnails=False)  # the map first, alone: the fastest visible answer
        self.canvas.alt = self.pg.description()
        self._prepare()
        self._later(self._settle)

    def _settle(self):
        """After a change while paused: thumbnails, curve, status and exact readouts."""
        self.repaint(thumbnails=True)
        self.refresh_readouts()

    def _later(self, callback, delay=SETTLE_S):
        """Run ``callback`` after ``delay`` on the event loop (at once without one); a newer
        request replaces a pending one."""
        loop = _running_loop()
        if loop is None:
            callback()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(delay, callback)

    def _features(self, toggled=None):
        """The feature names switched on, with ``toggled = (name, on)`` applied."""
        on = {name: t.value for name, t in self.c["features"].items()}
        if toggled:
            on[toggled[0]] = toggled[1]
        return tuple(name for name, value in on.items() if value)

    def _shape(self, layers=None, width=None):
        """``hidden`` and ``activation`` settings of the shape controls, with ``layers`` hidden
        layers or ``width = (layer, units)`` applied."""
        n = self.c["layers"].value if layers is None else layers
        widths = [w.value for w in self.c["widths"]]
        if width:
            widths[width[0]] = width[1]
        return {"hidden": tuple(widths[:n]), "activation": [a.value for a in self.c["acts"][:n]]}

    def _on_features(self, _change):
        names = self._features()
        if not names:  # at least one feature: turn the last one back on
            self.c["features"]["x1"].value = True
            return
        self._changed(lambda: self.pg.configure(features=names))

    def _on_shape(self, _change):
        shape = self._shape()
        self._show_layer_columns()
        if shape["hidden"] != self.pg.hidden:
            self._changed(lambda: self.pg.configure(**shape))

    def _on_activation(self, layer, name):
        if layer < len(self.pg.hidden) and self.pg.activations[layer] != name:
            self._changed(lambda: self.pg.set_activation(name, layer=layer), keep_weights=True)

    def _show_layer_columns(self):
        for i, column in enumerate(self._layer_columns):
            column.layout.display = None if i < self.c["layers"].value else "none"

    # ---- the canvas: add points, neuron formulas ------------------------------------------
    def click(self, x, y):
        """A click at canvas pixel ``(x, y)``: add a point on the map, or show a formula."""
        if x >= render.MAP_X and y < render.MAP_W:
            (x0, x1), (y0, y1) = self.pg.box
            u = x0 + (x - render.MAP_X) / render.MAP_W * (x1 - x0)
            v = y1 - y / render.MAP_W * (y1 - y0)
            label = self._new_point_label()
            self._changed(lambda: self.pg.add_point(u, v, label), keep_weights=True)
            return
        hit = render.thumbnail_at(x, y)
        if hit is not None and hit[0] < len(self.pg.hidden) and hit[1] < self.pg.hidden[hit[0]]:
            self.c["formula"].value = f"<code>{self.pg.neuron_formula(*hit)}</code>"
            self.pick(("b", *hit))  # and its bias, to edit
            return
        link = render.link_at(x, y, [W.shape for W, _b in self.pg.layers])
        if link is not None:
            self.pick(("w", *link))

    # ---- editing one weight or bias (a click on its link or neuron picks it) --------------
    def pick(self, key):
        """Edit the weight or bias ``key`` (see :func:`parameter_options`), or none."""
        self._weight_quiet = True
        try:
            self.c["weight"].value = key
        finally:
            self._weight_quiet = False
        self.c["weight_note"].value = controls.weight_hint()
        self._show_weight()

    def _weight_options(self):
        """The editor's list: every weight and bias of the net (the one picked stays picked
        while it exists)."""
        options = [(_("none"), "none"), *parameter_options(self.pg)]
        if options == self._weight_list:
            return
        control, self._weight_list = self.c["weight"], options
        keep = control.value if control.value in {key for _label, key in options} else "none"
        self._weight_quiet = True
        try:
            control.options, control.value = options, keep
        finally:
            self._weight_quiet = False
        self._show_weight()

    def _show_weight(self):
        """The picked weight's value in its number box (disabled when none is picked)."""
        key, box = self.c["weight"].value, self.c["weight_value"]
        self._weight_quiet = True
        try:
            box.disabled = key == "none"
            if key != "none":
                box.value = parameter(self.pg, key)
        finally:
            self._weight_quiet = False

    def _on_weight_value(self, change):
        key = self.c["weight"].value
        if self._weight_quiet or key == "none" or change["new"] == parameter(self.pg, key):
            return
        try:
            value = as_number(change["new"], self.c["weight"].label, -WEIGHT_LIMIT, WEIGHT_LIMIT)
        except (TypeError, ValueError) as err:  # refused: the box shows the weight again
            self.c["weight_note"].value = f"<b>{err}</b>"
            self._show_weight()
            return
        self.c["weight_note"].value = controls.weight_hint()
        self._changed(lambda: set_parameter(self.pg, key, value), keep_weights=True)

    def add_typed_point(self):
        """Add the point typed into the x₁, x₂ boxes, of the chosen class (the keyboard's
        way to do what a click on the map does)."""
        u, v, label = self.c["point_x1"].value, self.c["point_x2"].value, self._new_point_label()
        self._changed(lambda: self.pg.add_point(u, v, label), keep_weights=True)

    def _new_point_label(self):
        """The chosen class of a new point; in regression its target: -1 (blue) or +1."""
        label = self.c["click_class"].value
        return (2.0 * label - 1.0) if self.pg.regression else label

    # ---- files --------------------------------------------------------------------------
    def _download(self, name, data):
        href = "data:application/octet-stream;base64," + base64.b64encode(data).decode()
        link = _("download {name}").format(name=name)
        self.c["download"].value = f'<a download="{name}" href="{href}">{link}</a>'

    def _npz_bytes(self):
        import io

        buffer = io.BytesIO()
        self.pg.save(buffer)
        return buffer.getvalue()

    def _upload(self, change, load):
        files = change["new"]
        if files:
            content = bytes(files[0]["content"])
            self._changed(lambda: load(content), keep_weights=True)

    def _load_csv(self, content):
        self.pg.from_csv(content)

    def _load_npz(self, content):
        self.pg.load(content)
        self._sync_controls()

    def _sync_controls(self):
        """Set the shape controls to the playground's (after loading weights)."""
        pg, c = self.pg, self.c
        with self.hold_trait_notifications():
            for toggle_name, toggle in c["features"].items():
                toggle.unobserve(self._features_observer, "value")
                toggle.value = toggle_name in pg.features
                toggle.observe(self._features_observer, "value")
            for w in [c["layers"], *c["widths"]]:
                w.unobserve(self._shape_observer, "value")
            c["layers"].value = len(pg.hidden)
            for w, h in zip(c["widths"], pg.hidden):
                w.value = min(8, h)
            for w in [c["layers"], *c["widths"]]:
                w.observe(self._shape_observer, "value")
        self._show_layer_columns()


def parameter_options(pg):
    """``(label, key)`` for every weight and bias of ``pg``'s net, labelled in words: key
    ``("w", layer, j, i)`` is ``W[j, i]`` of ``pg.layers[layer]``, ``("b", layer, j)`` is
    ``b[j]``; hidden layers count from 1, as the layer controls do."""
    layers = pg.layers

    def source(k, i):  # unit i of what layers[k] takes in
        return pg.features[i] if k == 0 else _("neuron {i} of layer {layer}").format(i=i + 1, layer=k)  # fmt: skip

    def target(k, j):  # unit j of what layers[k] gives out
        if k == len(layers) - 1:
            return _("the output")
        return _("neuron {i} of layer {layer}").format(i=j + 1, layer=k + 1)

    options = []
    for k, (weights, _b) in enumerate(layers):
        for j in range(weights.shape[0]):
            options += [
                (_("weight from {a} to {b}").format(a=source(k, i), b=target(k, j)), ("w", k, j, i))
                for i in range(weights.shape[1])
            ]  # fmt: skip
            options.append((_("bias of {b}").format(b=target(k, j)), ("b", k, j)))
    return options


def parameter(pg, key):
    """The weight or bias ``key`` (see :func:`parameter_options`) of ``pg``, a float."""
    W, b = pg._layers[key[1]]
    return float(W[key[2], key[3]] if key[0] == "w" else b[key[2]])


def set_parameter(pg, key, value):
    """Set the weight or bias ``key`` (see :func:`parameter_options`) of ``pg`` to ``value``,
    a finite number in ``[-WEIGHT_LIMIT, WEIGHT_LIMIT]`` (else a ValueError or TypeError,
    and the weights stay as they were)."""
    value = as_number(value, _("the weight"), -WEIGHT_LIMIT, WEIGHT_LIMIT)
    layers = pg.layers
    W, b = layers[key[1]]
    if key[0] == "w":
        W[key[2], key[3]] = value
    else:
        b[key[2]] = value
    pg.layers = layers


def _safe_readouts(pg):
    try:
        return readouts_html(pg)
    except Exception as err:  # a readout must never take the playground down
        return _("readouts unavailable: {error}").format(error=f"{type(err).__name__}: {err}")


def _running_loop():
    """The event loop running this code (the kernel's), or ``None`` outside one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
