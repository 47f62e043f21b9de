"""What changed from broken.py: a line diff of two example files, as Dash components.

difflib finds the lines only in the old file (removed, marked −) and only in
the new one (added, marked +); a few unchanged lines around each change give
context, and longer unchanged runs fold into a <details> that opens to show
them. Every line keeps its number in both files and its pygments highlighting,
lexed from the whole file so a line inside a string reads as one. The text of
each line is the file's line exactly: expanded, the context and added lines
read back as the new file, the context and removed lines as the old one.

The rows travel as data on one component and assets/09-diff.js builds them:
as seven components a line they were 2,800 of a lesson's 3,400, and the
renderer's time on them delayed every lesson page.
"""

import difflib
import json
from dataclasses import dataclass

from dash import html

from .highlight import painted, token_runs

CONTEXT = 3  # unchanged lines shown on each side of a change


@dataclass(frozen=True)
class Line:
    kind: str  # "removed", "added" or "same"
    old: int | None  # its number in the old file, from 1
    new: int | None  # its number in the new file
    text: str  # the line, without its line break


@dataclass(frozen=True)
class Fold:
    """A run of unchanged lines, hidden until asked for."""

    lines: tuple


def lines_of(source):
    """The file's lines without their breaks (split on "\n" only, as the lexer does)."""
    lines = source.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def line_diff(old_source, new_source, context=CONTEXT):
    """Lines and Folds, in order: every line of both files once, changes never folded."""
    old, new = lines_of(old_source), lines_of(new_source)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    items = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same = [Line("same", i1 + k + 1, j1 + k + 1, old[i1 + k]) for k in range(i2 - i1)]
            first, last = i1 == 0, i2 == len(old) and j2 == len(new)
            keep_before = 0 if first else context  # after the change above
            keep_after = 0 if last else context  # before the change below
            if len(same) > keep_before + keep_after + 1:
                end = len(same) - keep_after
                items += same[:keep_before]
                items.append(Fold(tuple(same[keep_before:end])))
                items += same[end:]
            else:
                items += same
            continue
        items += [Line("removed", i + 1, None, old[i]) for i in range(i1, i2)]
        items += [Line("added", None, j + 1, new[j]) for j in range(j1, j2)]
    return items


def counts(items):
    removed = sum(1 for item in items if isinstance(item, Line) and item.kind == "removed")
    added = sum(1 for item in items if isinstance(item, Line) and item.kind == "added")
    return removed, added


def _highlighted_lines(source):
    """Each line of the file as (class, text) runs, lexed as one file."""
    lines = [[]]
    for css, text in token_runs(source, "python"):
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append((css, part))
    return lines


def _row(line, old_runs, new_runs):
    """[kind, old number, new number, text, tokens]: a row as assets/09-diff.js reads it."""
    runs = old_runs[line.old - 1] if line.old else new_runs[line.new - 1]
    return [line.kind, line.old or "", line.new or "", *painted(runs)]


def _plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def diff_view(old_path, new_path, context=CONTEXT):
    """A closed <details>: 'What changed from broken.py', then the line diff."""
    old_source = old_path.read_text(encoding="utf-8")
    new_source = new_path.read_text(encoding="utf-8")
    items = line_diff(old_source, new_source, context)
    old_runs, new_runs = _highlighted_lines(old_source), _highlighted_lines(new_source)
    removed, added = counts(items)
    old_name, new_name = old_path.name, new_path.name
    rows = []
    for item in items:
        if isinstance(item, Fold):
            first, last = item.lines[0], item.lines[-1]
            where = f"{new_name} lines {first.new}–{last.new}"
            rows.append(
                {
                    "fold": f"{_plural(len(item.lines), 'unchanged line')} ({where})",
                    "rows": [_row(line, old_runs, new_runs) for line in item.lines],
                }
            )
        else:
            rows.append(_row(item, old_runs, new_runs))
    summary = f"What changed from {old_name}: {_plural(removed, 'line')} removed, {added} added"
    return html.Details(
        [
            html.Summary(summary),
            html.P(
                [
                    "− only in ",
                    html.Code(old_name),
                    ", + only in ",
                    html.Code(new_name),
                    "; on the left, each line's number in ",
                    html.Code(old_name),
                    " and in ",
                    html.Code(new_name),
                    ".",
                ],
                className="diff-legend",
            ),
            html.Div(
                html.Div(className="diff-rows", **{"data-rows": json.dumps(rows)}),
                className="highlight diff",
                tabIndex=0,
                role="region",
                **{
                    "aria-label": f"Changes from {old_name} to {new_name}",
                    "data-old": old_name,
                    "data-new": new_name,
                },
            ),
        ],
        className="example-diff",
    )
