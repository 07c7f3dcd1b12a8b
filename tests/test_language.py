"""The message catalogue: every English string the learner reads has a Chinese entry, the
Chinese edition's figures draw with no missing-glyph warning, and a missing font fails
with a message naming the Debian package."""

import re
import string
import warnings

import matplotlib as mpl
import pytest

from nbs_utils import language
from nbs_utils.language import _, use_language
from nbs_utils.messages_zh_cn import MESSAGES
from testkit.panels import build, panel_builders
from tools import catalogue

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    use_language("en")


def fields(text):
    """The ``{field}`` names of a format string, sorted."""
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name)


def test_the_catalogue_scan_finds_the_panels_checkers_and_notebook_titles():
    english = catalogue.english_strings()
    for expected in (
        "layers",
        "Nudge: {nudge}",
        "decision regions of y",
        "negative log likelihood",
    ):
        assert expected in english
    assert "$y_1$" not in english  # math only: nothing to translate


def test_every_english_string_has_a_chinese_entry():
    missing = catalogue.missing(MESSAGES)
    assert not missing, f"no zh-CN entry in nbs_utils/messages_zh_cn.py for: {missing}"


def test_no_entry_is_left_over_from_a_string_the_code_no_longer_uses():
    stale = sorted(set(MESSAGES) - set(catalogue.english_strings()))
    assert not stale, f"entries nobody uses (remove them): {stale}"


@pytest.mark.parametrize("english", sorted(MESSAGES))
def test_an_entry_is_chinese_and_keeps_the_fields_math_and_tags(english):
    chinese = MESSAGES[english]
    assert CJK.search(chinese), f"{english!r} -> {chinese!r} has no Chinese in it"
    assert fields(chinese) == fields(english)
    for pattern in (r"\$[^$]*\$", r"<[^<>]*>"):
        assert sorted(re.findall(pattern, chinese)) == sorted(re.findall(pattern, english))


def test_english_by_default_and_chinese_once_chosen():
    assert language.language() == "en"
    assert _("layers") == "layers"
    use_language("zh-CN")
    assert language.language() == "zh-CN"
    assert _("layers") == MESSAGES["layers"]
    assert _("a string with no entry") == "a string with no entry"
    assert mpl.rcParams["font.family"][0] == language.CJK_FONT
    assert mpl.rcParams["axes.unicode_minus"] is False
    use_language("en")
    assert _("layers") == "layers"
    assert mpl.rcParams["font.family"] == mpl.rcParamsDefault["font.family"]


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="zh-CN"):
        use_language("fr")


def test_a_missing_font_names_the_debian_package(monkeypatch):
    from matplotlib import font_manager

    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    with pytest.raises(RuntimeError, match="fonts-wqy-microhei"):
        use_language("zh-CN")
    assert language.language() == "en"


@pytest.mark.parametrize("name", sorted(panel_builders()))
def test_chinese_panels_draw_without_missing_glyphs(name):
    use_language("zh-CN")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" is a UserWarning
        panel = build(panel_builders()[name])
        panel.fig.canvas.draw()
    title_text = " ".join(t.get_text() for t in panel.fig.findobj(mpl.text.Text))
    assert CJK.search(title_text), f"{name}: no Chinese text in the figure"
    assert CJK.search(panel.readout.value), f"{name}: the readout is not in Chinese"
    labels = " ".join(str(c.description) for c in panel.controls.values())
    assert CJK.search(labels), f"{name}: no control label in Chinese"


def test_a_chinese_checker_prints_chinese(capsys):
    from nbs_utils.checks import check_forward

    use_language("zh-CN")
    check_forward.reset()
    check_forward(None)
    assert capsys.readouterr().out.startswith("尚未作答")
    check_forward(lambda X, W1, b1, W2, b2, act: X @ W1.T @ W2.T)
    assert MESSAGES["Nudge: {nudge}"].split("{")[0] in capsys.readouterr().out
    check_forward.reset()


def test_make_font_check_fails_for_chinese_only_when_the_font_is_missing(monkeypatch, capsys):
    from matplotlib import font_manager

    from tools import check_font

    assert check_font.main("zh-CN") == 0  # installed here (.ci/run installs it)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    assert check_font.main("zh-CN") == 1
    assert "fonts-wqy-microhei" in capsys.readouterr().err
    assert check_font.main("en") == 0
    assert check_font.main("fr") == 2


def test_ci_and_make_lab_install_or_check_the_font():
    root = catalogue.ROOT
    assert "fonts-wqy-microhei" in (root / ".ci" / "run").read_text()
    makefile = (root / "Makefile").read_text()
    assert "lab: $(READY) font-check" in makefile
    assert "tools.check_font $(LANG_EDITION)" in makefile


def test_the_scan_also_finds_texts_that_label_axes_slider_and_toggle_look_up():
    code = (
        'label_axes(ax, "a new title", "$x$", ylabel="a new y label")\n'
        'controls = {"k": slider("a new slider", 0, 1, 0.1, 0), "a": toggle("a toggle", ["relu"])}\n'
        'print("not for the learner")\n'
    )
    found = catalogue.strings_in_code(code)
    assert sorted(found) == ["$x$", "a new slider", "a new title", "a new y label", "a toggle"]


def test_controls_and_titles_built_after_the_choice_are_chinese():
    from nbs_utils.plots import label_axes, new_figure
    from nbs_utils.widgets import slider, toggle

    use_language("zh-CN")
    assert slider("layers", 1, 8, 1, 5, integer=True).description == MESSAGES["layers"]
    assert toggle("activation", ["relu", "tanh"]).description == MESSAGES["activation"]
    _fig, ax = new_figure()
    label_axes(ax, "Decision regions", "$x_1$", "value")
    assert (ax.get_title(), ax.get_ylabel()) == (MESSAGES["Decision regions"], MESSAGES["value"])


def test_no_learner_facing_text_bypasses_the_catalogue():
    bypass = catalogue.unwrapped()
    assert not bypass, "English text that does not go through _() (wrap it):\n" + "\n".join(bypass)


UNTRANSLATED = """\
ax.set_title(f"{n} layers")
line = ax.plot(x, y, label="the network")
slider(f"unit {i}: height", 0, 1, 0.1, 0)
raise ValueError(f"weights must be {n} numbers")
widget.value = "<b>Diverged</b>: lower the rate"
self.message = f"training diverged at step {step}"
def update(k):
    return "the stack is affine"
_label_small(ax, "input space")
"""
TRANSLATED = """\
ax.set_title(_("{n} layers").format(n=n))
line = ax.plot(x, y, label=_("the network"))
slider(_("unit {i}: height").format(i=i), 0, 1, 0.1, 0)
raise ValueError(_("weights must be {n} numbers").format(n=n))
widget.value = _("<b>Diverged</b>: lower the rate")
self.message = f"training diverged at step {step}"  # untranslated: for a log file
def update(k):
    return f"{label(k)}: {formula}"
_label_small(ax, N_("input space"), "$h_1$", "my_tanh(x)")
"""


def test_the_bypass_scan_names_the_line_of_each_untranslated_text():
    found = catalogue.unwrapped_in_code(UNTRANSLATED, "panels/new.py")
    assert [line for line, _text in found] == [1, 2, 3, 4, 5, 6, 8, 9]
    assert (2, "the network") in found
    assert catalogue.unwrapped_in_code(TRANSLATED, "panels/new.py") == []
    # errors and readouts of the math modules are not learner-facing: not scanned there
    assert catalogue.unwrapped_in_code("raise ValueError(f'{n} rows')", "nets.py") == []


def test_the_bypass_scan_finds_every_unmarked_message_in_a_checker():
    code = """\
def _grade(answer):
    what = f"the output with {name}"
    mistakes = [(-want, "the sign is flipped")]
    if bad:
        return WRONG, "the step goes uphill"
    return CORRECT, N_("right."), _("fine {x}").format(x=1)
check = Checker("check", _grade, nudge="look again", hint=N_("h"), answer="return x + 1")
"""
    found = catalogue.unwrapped_in_code(code, "checks/new.py")
    assert [line for line, _text in found] == [2, 3, 5, 7]


def test_a_deliberately_untranslated_legend_fails_the_scan_with_file_and_line(tmp_path):
    """The real scan over a copy of the package, with one legend label left unwrapped."""
    import shutil

    copy = tmp_path / "nbs_utils"
    shutil.copytree(catalogue.PACKAGE, copy)
    panel = copy / "panels" / "collapse.py"
    source = panel.read_text(encoding="utf-8")
    assert 'label=_("network")' in source
    panel.write_text(source.replace('label=_("network")', 'label="network"'), encoding="utf-8")
    original = catalogue.PACKAGE, catalogue.ROOT
    try:
        catalogue.PACKAGE, catalogue.ROOT = copy, tmp_path
        bypass = catalogue.unwrapped()
    finally:
        catalogue.PACKAGE, catalogue.ROOT = original
    line = source[: source.index('label=_("network")')].count("\n") + 1
    assert bypass == [f"nbs_utils/panels/collapse.py:{line}: 'network'"]


def test_no_function_rebinds_the_underscore_it_translates_with():
    """``for _ in ...`` makes ``_`` local to the function: a ``_("...")`` there then fails."""
    import ast

    bad = []
    for path in sorted(catalogue.PACKAGE.rglob("*.py")):
        for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            in_comprehension = {
                id(n)
                for c in ast.walk(func)
                if isinstance(c, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
                for g in c.generators
                for n in ast.walk(g.target)
            }
            binds = any(
                isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                and id(n) not in in_comprehension
                for n in ast.walk(func)
            )  # fmt: skip
            calls = any(
                isinstance(n, ast.Call) and getattr(n.func, "id", None) == "_"
                for n in ast.walk(func)
            )
            if binds and calls:
                bad.append(f"{path.name}:{func.lineno} {func.name}")
    assert not bad, f"these functions bind _ and also call _(): {bad}"


def test_every_name_shown_has_a_chinese_label():
    from nbs_utils.activations import NAMES as ACTIVATIONS
    from nbs_utils.lessons.universality import FEATURE_ACTIVATIONS
    from nbs_utils.messages_zh_cn import NAMES
    from nbs_utils.playground.settings import DATASETS, PROBLEMS

    shown = {*ACTIVATIONS, *DATASETS, *PROBLEMS, *FEATURE_ACTIVATIONS}
    assert not shown - set(NAMES), f"no label in messages_zh_cn.NAMES for {shown - set(NAMES)}"
    assert not set(NAMES) - shown, f"labels nobody shows: {set(NAMES) - shown}"
    for name in ("identity", "step", "circle", "xor", "spiral", "square"):
        assert CJK.search(NAMES[name])


def test_toggles_show_labels_and_keep_the_names_as_values():
    from nbs_utils.panels.collapse import collapse_panel
    from nbs_utils.widgets import toggle

    assert toggle("activation", ["identity", "relu"]).options == (
        ("identity", "identity"),
        ("relu", "relu"),
    )
    use_language("zh-CN")
    control = toggle("activation", ["identity", "relu"], "relu")
    assert control.value == "relu" and control.label == "ReLU"
    assert [label for label, _v in control.options] == ["恒等", "ReLU"]
    panel = collapse_panel(activation="identity")
    assert "恒等" in panel.fig.axes[0].get_title()
    panel.set(activation="leaky_relu")
    assert "Leaky ReLU" in panel.fig.axes[0].get_title()


def test_chinese_playground_divergence_dropdowns_and_errors():
    from nbs_utils.activations import get
    from nbs_utils.playground import Diverged, Playground, controls

    use_language("zh-CN")
    pg = Playground("circle", hidden=(8, 8, 8), activation="leaky_relu", seed=0, learning_rate=10.0)
    with pytest.raises(Diverged, match="发散"):
        pg.train(steps=500)
    assert "发散" in pg.message and "学习率" in pg.message
    c = controls.build(pg)
    assert c["dataset"].value == "circle" and c["dataset"].label == "圆形"
    assert c["acts"][0].value == "leaky_relu" and c["acts"][0].label == "Leaky ReLU"
    assert ("阶跃", "step") not in c["acts"][0].options
    with pytest.raises(ValueError, match="未知的激活函数"):
        get("nope")
    with pytest.raises(ValueError, match="split 必须是"):
        pg.accuracy("validation")
    use_language("en")
    with pytest.raises(ValueError, match="unknown activation"):
        get("nope")


def test_chinese_checkers_name_the_answer_in_chinese(capsys):
    from nbs_utils.checks import check_close, check_gradient_step

    use_language("zh-CN")
    check_close.reset()
    check_close("x", 2.0, "the slope", "twice")
    out = capsys.readouterr().out
    assert "应为数值" in out and "一步一步重新计算" in out
    check_gradient_step.reset()
    check_gradient_step(lambda layers, X, y, activation, lr: 5)
    assert "应为由 2 个 (W, b) 对组成的列表" in capsys.readouterr().out
    check_close.reset()
    check_gradient_step.reset()


NOTEBOOK_UNTRANSLATED = """\
print(f"{n} regions in the box")
print("linearly separable:", result.separable)
plots.label_axes(ax, f"{name}: {verdict}")
print(row.format("k", "pieces"))
ax.plot(x, y, label="relu")
print(f"{'widths':>18} {n}")
print(translated("{name}: accuracy {a:.1%}").format(name=name, a=a))
"""
NOTEBOOK_TRANSLATED = """\
print(translated("{n} regions in the box").format(n=n))
print(translated("linearly separable: {answer}").format(answer=result.separable))
plots.label_axes(ax, f"{label(name)}: {verdict}")
print(row.format("k", *translated("pieces|params").split("|")))
ax.plot(x, y, label=label("relu"))
ax.bar(x, y, label="softmax(z)")
print(f"x1={x1}  ->  XOR={t}")  # untranslated: symbols
print(translated("{name}: accuracy {a:.1%}").format(name=label(name), a=a))
print({label(k): f"{v:.1e}" for k, v in gaps.items()}, np.round(w, 3))
"""


def test_the_bypass_scan_finds_untranslated_prints_and_names_in_notebook_code():
    found = catalogue.unwrapped_in_code(NOTEBOOK_UNTRANSLATED, "notebooks/new.ipynb")
    assert [line for line, _text in found] == [1, 2, 3, 4, 5, 6, 7]
    assert (3, "{name} (use label(name))") in found and (4, "pieces") in found
    assert catalogue.unwrapped_in_code(NOTEBOOK_TRANSLATED, "notebooks/new.ipynb") == []


def test_a_planted_untranslated_print_fails_the_notebook_scan_with_cell_and_line(tmp_path):
    """The real scan over a copy of the English notebooks, one print left in English."""
    import json
    import shutil

    copy = tmp_path / "notebooks"
    copy.mkdir()
    for path in catalogue.NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(path, copy / path.name)
    planted = copy / "06_playground.ipynb"
    nb = json.loads(planted.read_text(encoding="utf-8"))
    wrapped = 'print(translated("bit-identical after {n} steps").format(n=a.step))'
    (cell,) = [c for c in nb["cells"] if wrapped in "".join(c["source"])]
    source = "".join(cell["source"])
    line = source[: source.index(wrapped)].count("\n") + 1
    cell["source"] = source.replace(wrapped, 'print(f"bit-identical after {a.step} steps")')
    planted.write_text(json.dumps(nb), encoding="utf-8")
    original = catalogue.NOTEBOOKS
    try:
        catalogue.NOTEBOOKS = copy
        bypass = catalogue.unwrapped()
    finally:
        catalogue.NOTEBOOKS = original
    where = f"notebooks/06_playground.ipynb cell {cell['id']} line {line}"
    assert bypass == [f"{where}: 'bit-identical after {{}} steps'"]


def test_label_shows_a_name_a_notebook_marked_for_the_catalogue():
    from nbs_utils.language import label

    assert label("width 2, 1 layer") == "width 2, 1 layer"
    use_language("zh-CN")
    assert label("width 2, 1 layer") == MESSAGES["width 2, 1 layer"]
    assert label("relu") == "ReLU" and label("no such name") == "no such name"


def test_the_width_lab_and_layer_panels_show_a_marked_net_name_in_chinese():
    from nbs_utils.datasets import circles
    from nbs_utils.panels.depth import width_lab_panel
    from nbs_utils.panels.layers import layers_panel
    from nbs_utils.train import train_classifier

    X, y = circles(n=60, seed=0)
    trainings = {"width 2, 1 layer": train_classifier(X, y, [2], steps=20, seed=0)}
    use_language("zh-CN")
    chinese = MESSAGES["width 2, 1 layer"]
    lab = width_lab_panel(trainings, X, y, n=20)
    assert lab.values == {"net": "width 2, 1 layer"} and lab.controls["net"].label == chinese
    assert chinese in lab.fig.axes[0].get_title() and chinese in lab.readout.value
    layers = layers_panel(trainings, X, y)
    assert layers.controls["net"].label == chinese and chinese in layers.readout.value
