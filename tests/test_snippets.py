"""Code in a lesson's text is its example file's own lines, or says it is a sketch."""

import re
import textwrap

import pytest
from lessonkit import open_lesson
from playwright.sync_api import expect

from gotchas.content.lessons import load_lessons
from gotchas.content.snippets import SnippetError, extract, resolve

SOURCE = textwrap.dedent(
    """\
    from dash import Dash

    app = Dash(__name__)


    # Why speak exists.
    @callback(Output("m", "children"), Input("b", "n_clicks"))
    def speak(n):
        return n

    if __name__ == "__main__":
        app.run(debug=True)
    """
)


def test_a_function_comes_with_its_decorators_and_comment():
    assert extract(SOURCE, "speak") == (
        "# Why speak exists.\n"
        '@callback(Output("m", "children"), Input("b", "n_clicks"))\n'
        "def speak(n):\n"
        "    return n\n"
    )
    assert extract(SOURCE, "app") == "app = Dash(__name__)\n"


@pytest.mark.parametrize(
    "fence, problem",
    [
        ("```python\nx = 1\n```", "include=FILE.py:NAME"),
        ("```python include=fixed.py:nope\n```", "defines no top-level 'nope'"),
        ("```python include=other.py:speak\n```", "no file other.py"),
        ("```python include=fixed.py:speak\nstale copy\n```", "leave the block empty"),
        ("```python fixed.py\n```", "write include=FILE.py:NAME[,NAME] or sketch"),
    ],
)
def test_a_python_block_must_say_where_it_comes_from(tmp_path, fence, problem):
    (tmp_path / "fixed.py").write_text(SOURCE)
    with pytest.raises(SnippetError, match=re.escape(problem)):
        resolve(f"Text.\n\n{fence}\n", tmp_path)


def test_sketches_and_other_languages_pass_unchanged(tmp_path):
    text = "```python sketch\nx = 1\n```\n\n```text\nAn error\n```\n"
    assert resolve(text, tmp_path) == text


def _in_order(snippet, source):
    """Every line of the snippet is a line of the file, in the file's order."""
    lines = iter(source.splitlines())
    return all(
        line == "" or any(line == candidate for candidate in lines) for line in snippet.splitlines()
    )


INCLUDES = [
    (lesson.slug, lesson.path.parent)
    for lesson in load_lessons()
    if "include=" in lesson.body + lesson.try_it
]


@pytest.mark.browser
@pytest.mark.parametrize("slug, folder", INCLUDES, ids=[slug for slug, _ in INCLUDES])
def test_every_snippet_on_the_page_is_the_files_own_lines(page, site, slug, folder):
    open_lesson(page, site, slug)
    blocks = page.locator("pre[data-include]")
    expect(blocks.first).to_be_attached()
    for block in blocks.all():
        info = block.get_attribute("data-include")
        file, names = info.split("=", 1)[1].split(":")
        shown = block.evaluate("el => el.textContent")
        source = (folder / file).read_text(encoding="utf-8")
        assert _in_order(shown, source), f"{slug}: {info} is not {file}'s own lines"
        for name in names.split(","):
            assert f"def {name}(" in shown or f"{name} = " in shown, (slug, info, name)
        origin = block.locator("xpath=preceding-sibling::*[1]")
        expect(origin).to_contain_text(f"From {file}")
