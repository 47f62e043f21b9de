"""Code in a lesson's text comes from its example files, so it cannot drift from them.

A fence written as ```python include=fixed.py:speak``` (empty in lesson.md) is
filled with the lines of `speak` in fixed.py: its decorators, its body and
the comment lines right above it. Names are top-level functions, classes or
assignment targets (`app`, `app.layout`), several joined by commas. A Python
fence that shows code of no file must say so: ```python sketch```.
"""

import ast
import re

FENCE = re.compile(r"^```[ \t]*([^\n`]*?)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
INCLUDE = re.compile(r"^include=([a-z0-9_]+\.py):([\w.,]+)$")


class SnippetError(ValueError):
    """A fence that names no file, no such name, or a Python block of unknown origin."""


def _named(node, name):
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name == name
    if isinstance(node, ast.Assign):
        return any(ast.unparse(target) == name for target in node.targets)
    if isinstance(node, ast.AnnAssign):
        return ast.unparse(node.target) == name
    return False


def extract(source, name):
    """The lines of the top-level definition `name`, with its decorators and leading comments."""
    node = next((n for n in ast.parse(source).body if _named(n, name)), None)
    if node is None:
        raise SnippetError(f"defines no top-level '{name}'")
    lines = source.splitlines(keepends=True)
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return "".join(lines[start : node.end_lineno])


def parse_info(info):
    """(language, {"include": (file, names)} or {"sketch": True} or {})."""
    language, *words = info.split() or ["text"]
    if not words:
        return language, {}
    if words == ["sketch"]:
        return language, {"sketch": True}
    match = INCLUDE.match(words[0]) if len(words) == 1 else None
    if not match:
        raise SnippetError(f"'{info}': write include=FILE.py:NAME[,NAME] or sketch")
    return language, {"include": (match.group(1), tuple(match.group(2).split(",")))}


def resolve(text, folder):
    """The markdown with every include fence filled from its file; refuses unmarked Python."""

    def fill(match):
        info, code = match.group(1), match.group(2)
        language, marks = parse_info(info)
        if language == "python" and not marks:
            raise SnippetError(
                "a python block must be include=FILE.py:NAME (the file's own lines) "
                "or marked sketch"
            )
        if "include" not in marks:
            return match.group(0)
        if code.strip():
            raise SnippetError(f"'{info}' is filled from the file: leave the block empty")
        file, names = marks["include"]
        if not (folder / file).is_file():
            raise SnippetError(f"'{info}': no file {file} in this lesson")
        source = (folder / file).read_text(encoding="utf-8")
        try:
            pieces = [extract(source, name) for name in names]
        except SnippetError as error:
            raise SnippetError(f"'{info}': {file} {error}") from None
        return f"```{info}\n" + "\n".join(pieces) + "```"

    return FENCE.sub(fill, text)
