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
