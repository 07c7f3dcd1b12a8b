"""The site builder's pieces (book/build.py); the whole build is tests/browser/test_site.py."""

import base64
import hashlib
import json

import pytest

from book.build import (
    MATHJAX_SCRIPT,
    ROOT,
    binder_repository,
    book_config,
    front_page,
    notebooks,
    table_of_contents,
)

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_binder_repository_is_read_from_the_readme_badge():
    owner, repo, ref = binder_repository(README)
    assert f"https://mybinder.org/v2/gh/{owner}/{repo}/{ref}?" in README
    text = "[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/me/course/main?urlpath=lab)"
    assert binder_repository(text) == ("me", "course", "main")
    with pytest.raises(ValueError, match="one repository"):
        binder_repository(text + "\nhttps://mybinder.org/v2/gh/other/course/main")
    with pytest.raises(ValueError, match="none"):
        binder_repository("no badge here")


def test_front_page_is_the_readme_title_intro_and_table_without_badges():
    page = front_page(README)
    assert page.startswith(README.splitlines()[0] + "\n")
    rows = [line for line in README.splitlines() if line.startswith("| ") and ".ipynb)" in line]
    assert rows and all(row in page for row in rows)
    assert "badge" not in page and "## Two commands" not in page
    with pytest.raises(ValueError, match="The notebooks, in order"):
        front_page("# Title\n\nno table")


def test_notebooks_are_found_by_glob_with_subfolders_as_parts(tmp_path):
    for name in ["notebooks/02_b.ipynb", "notebooks/01_a.ipynb", "notebooks/zh-CN/01_a.ipynb",
                 "notebooks/.ipynb_checkpoints/01_a-checkpoint.ipynb"]:  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    found = notebooks(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "notebooks/01_a.ipynb", "notebooks/02_b.ipynb", "notebooks/zh-CN/01_a.ipynb",
    ]  # fmt: skip
    toc = table_of_contents(found, tmp_path)
    assert toc["root"] == "index"
    assert toc["parts"] == [
        {"caption": "The course", "chapters": [{"file": "notebooks/01_a"}, {"file": "notebooks/02_b"}]},
        {"caption": "简体中文版 (zh-CN)", "chapters": [{"file": "notebooks/zh-CN/01_a"}]},
    ]  # fmt: skip
    assert len(notebooks()) >= 5  # the course itself


def test_config_takes_the_repository_and_serves_mathjax_from_the_site(tmp_path):
    config = book_config("me", "course", "main", tmp_path)
    assert config["repository"]["url"] == "https://github.com/me/course"
    assert config["repository"]["branch"] == "main"
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    sphinx = config["sphinx"]["config"]
    assert sphinx["mathjax_path"] == "../" + MATHJAX_SCRIPT  # relative to _static/: outside it
    assert sphinx["html_extra_path"] == [str(tmp_path)]
    assert sphinx["nb_ipywidgets_js"] == {}  # no widget scripts from a CDN
    assert sphinx["nb_mime_priority_overrides"][0] == ["html", "image/png", 0]


def test_package_lock_pins_mathjax_3_with_its_integrity():
    lock = json.loads((ROOT / "book" / "package-lock.json").read_text())
    entry = lock["packages"]["node_modules/mathjax"]
    assert entry["version"].startswith("3.") and entry["integrity"].startswith("sha512-")
    wanted = json.loads((ROOT / "book" / "package.json").read_text())["dependencies"]["mathjax"]
    assert wanted == entry["version"]


def test_alt_text_is_matched_to_images_by_the_hash_of_their_bytes():
    pytest.importorskip("sphinx", reason="site tools: pip install -r requirements-site.txt")
    from book.course_site import _alt_by_hash

    png = base64.b64encode(b"png bytes").decode()
    nb = {"cells": [{"outputs": [
        {"data": {"image/png": png}, "metadata": {"image/png": {"alt": "Figure: t"}}},
        {"data": {"image/png": base64.b64encode(b"other").decode()}, "metadata": {}},
        {"text": "no data"},
    ]}]}  # fmt: skip
    assert _alt_by_hash(nb) == {hashlib.sha256(b"png bytes").hexdigest(): "Figure: t"}


def test_kernel_startup_gives_bare_figures_alt_text():
    from IPython.core.formatters import DisplayFormatter

    from book import kernel_startup
    from nbs_utils.plots import label_axes, new_figure

    class Shell:
        display_formatter = DisplayFormatter()

    shell = Shell()
    kernel_startup.install(shell)
    fig, ax = new_figure()
    label_axes(ax, "a title", "$x$", "$y$")
    data, metadata = shell.display_formatter.format(fig)
    assert data["image/png"] and metadata["image/png"] == {"alt": "Figure: a title (x: x, y: y)"}
