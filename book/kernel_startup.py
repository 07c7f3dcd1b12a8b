"""Kernel startup for the site build: every figure output gets ``alt`` text, as panels do.

A panel's output carries its PNG with :func:`nbs_utils.plots.alt_text` in the output
metadata (``Panel._repr_mimebundle_``). A notebook that shows a figure as ``fig.canvas``
gets ipympl's own bundle, and ``display(fig)`` (or the inline backend) IPython's PNG, with
no alt text. Registered by type name (nothing is imported before a notebook uses it), these
formatters add the same metadata. Run by book/build.py through ``--IPKernelApp.exec_lines``;
learners' kernels never see it.
"""

import base64
import io


def _canvas_bundle(canvas):
    """ipympl's bundle of a canvas (widget view, PNG, HTML), with the figure's alt text."""
    from nbs_utils.plots import alt_text

    return canvas._repr_mimebundle_(), {"image/png": {"alt": alt_text(canvas.figure)}}


def _figure_bundle(fig):
    """A PNG of a figure shown as itself, cropped as the inline backend does, with alt text."""
    from nbs_utils.plots import alt_text

    png = io.BytesIO()
    fig.savefig(png, format="png", bbox_inches="tight")
    data = {"image/png": base64.b64encode(png.getvalue()).decode("ascii"), "text/plain": repr(fig)}
    return data, {"image/png": {"alt": alt_text(fig)}}


def install(shell):
    formatter = shell.display_formatter.mimebundle_formatter
    formatter.for_type_by_name("ipympl.backend_nbagg", "Canvas", _canvas_bundle)
    formatter.for_type_by_name("matplotlib.figure", "Figure", _figure_bundle)


if __name__ == "course_site_startup":
    install(get_ipython())  # noqa: F821 (run inside the kernel)
