"""The language of everything the learner reads from ``nbs_utils``: English or 简体中文.

Every learner-facing string in the package (panel readouts, control labels, figure titles,
axis and legend labels, checker messages) is written in English and passed through
:func:`_` where it is used; templates with values are ``_("... {name} ...").format(...)``.
:func:`_` looks the English text up in the catalogue of the chosen language
(:data:`nbs_utils.messages_zh_cn.MESSAGES` for ``"zh-CN"``) and returns it unchanged in
English or when it has no entry (``tests/test_language.py`` requires an entry for every one,
and fails naming file and line when learner-facing text bypasses :func:`_`). Names the code
uses (activations, data sets) stay English as values; :func:`label` gives what is shown.

A notebook chooses the language once, in its first code cell, before any panel is built
(matplotlib titles are set when a figure is built)::

    use_language("zh-CN")

The choice is the one piece of process-wide state here, as with :mod:`gettext`'s
``install``. For Chinese it also sets matplotlib's font to WenQuanYi Micro Hei (Debian
package ``fonts-wqy-microhei``), which has the CJK glyphs matplotlib's DejaVu Sans lacks,
with ``axes.unicode_minus = False`` (the font has no U+2212 minus sign).
"""

LANGUAGES = ("en", "zh-CN")
"""The languages of the course."""

CJK_FONT = "WenQuanYi Micro Hei"
"""The matplotlib font family of the Chinese edition."""

CJK_FONT_PACKAGE = "fonts-wqy-microhei"
"""The Debian package that provides :data:`CJK_FONT`."""

_current = {"language": "en", "catalogue": {}, "names": {}}


def language():
    """The language chosen by :func:`use_language` (``"en"`` until then)."""
    return _current["language"]


def _(message):
    """``message`` (English) in the chosen language; unchanged when it has no entry."""
    _check_message(message)
    return _current["catalogue"].get(message, message)


def label(name):
    """The label shown for ``name``, a name the code uses (an activation, a data set).

    The code keeps the English name (``get("relu")``, a toggle's ``value``); the learner
    reads its label: the name itself in English, :data:`~nbs_utils.messages_zh_cn.NAMES`
    in Chinese, else the catalogue's entry (a name a notebook marks with :func:`N_`, such
    as a trained net's ``N_("width 2, 1 layer")``), else the name unchanged. Not a string:
    ``str(name)``.
    """
    if not isinstance(name, str):
        return str(name)
    return _current["names"].get(name, _current["catalogue"].get(name, name))


def labelled(names):
    """``[(label(name), name), ...]``: the options of a toggle or dropdown showing labels."""
    if isinstance(names, str) or not hasattr(names, "__iter__"):
        raise TypeError(f"names must be a list of names, got {type(names).__name__}")
    return [(label(name), name) for name in names]


def use_language(name):
    """Choose the language of panels, figures and checkers: ``"en"`` or ``"zh-CN"``.

    For ``"zh-CN"`` the CJK font must be installed; if it is not, this raises a
    ``RuntimeError`` naming the Debian package, and nothing changes.
    """
    if name not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {name!r}")
    import matplotlib as mpl

    if name == "zh-CN":
        from .messages_zh_cn import MESSAGES, NAMES

        ensure_cjk_font()
        mpl.rcParams["font.family"] = [CJK_FONT, "DejaVu Sans"]
        mpl.rcParams["axes.unicode_minus"] = False
        catalogue, names = MESSAGES, NAMES
    else:
        mpl.rcParams["font.family"] = mpl.rcParamsDefault["font.family"]
        mpl.rcParams["axes.unicode_minus"] = mpl.rcParamsDefault["axes.unicode_minus"]
        catalogue, names = {}, {}
    _current.update(language=name, catalogue=catalogue, names=names)


def ensure_cjk_font():
    """Make :data:`CJK_FONT` known to matplotlib, or raise naming the package to install.

    matplotlib caches its font list; a font installed after the cache was written is
    found by scanning the system font folders and added to the font manager.
    """
    from matplotlib import font_manager

    def known():
        return any(f.name == CJK_FONT for f in font_manager.fontManager.ttflist)

    if not known():
        for path in font_manager.findSystemFonts():
            if "wqy-microhei" in path.lower():
                font_manager.fontManager.addfont(path)
    if not known():
        raise RuntimeError(
            f"the Chinese edition needs the font {CJK_FONT!r}, which is not installed: "
            f"install the Debian package {CJK_FONT_PACKAGE} "
            f"(sudo apt-get install -y {CJK_FONT_PACKAGE}), then restart the kernel"
        )


def N_(message):
    """Mark ``message`` for the catalogue without translating it (gettext's ``N_``).

    For English constants defined at import time, before a language is chosen; they are
    translated with :func:`_` where they are shown.
    """
    _check_message(message)
    return message


def _check_message(message):
    if not isinstance(message, str):
        raise TypeError(f"a message must be a string (English text), got {type(message).__name__}")


translated = _
""":func:`_` under a name for notebooks, where IPython rebinds ``_`` to the last result:
``assert translated("not separable") in panel.readout.value`` holds in every language."""
