"""Kernel startup for the site build: bare ipympl figures get ``alt`` text, as panels do.

A panel's output carries its PNG with :func:`nbs_utils.plots.alt_text` in the output
metadata (``Panel._repr_mimebundle_``); a notebook that shows a figure as ``fig.canvas``
gets ipympl's own bundle, whose PNG has none. Registered for ipympl's ``Canvas`` by name
(ipympl is imported only once a notebook uses it), this formatter adds the same metadata.
Run by book/build.py through ``--IPKernelApp.exec_lines``; learners' kernels never see it.
"""


def _canvas_bundle(canvas):
    from nbs_utils.plots import alt_text

    data = canvas._repr_mimebundle_()
    return data, {"image/png": {"alt": alt_text(canvas.figure)}}


def install(shell):
    formatter = shell.display_formatter.mimebundle_formatter
    formatter.for_type_by_name("ipympl.backend_nbagg", "Canvas", _canvas_bundle)


if __name__ == "course_site_startup":
    install(get_ipython())  # noqa: F821 (run inside the kernel)
