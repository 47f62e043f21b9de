"""What changed from broken.py: a line diff of two example files, as Dash components.

difflib finds the lines only in the old file (removed, marked −) and only in
the new one (added, marked +); a few unchanged lines around each change give
context, and longer unchanged runs fold into a <details> that opens to show
them. Every line keeps its number in both files and its pygments highlighting,
lexed from the whole file so a line inside a string reads as one. The text of
each line is the file's line exactly: expanded, the context and added lines
read back as the new file, the context and removed lines as the old one.
"""

import difflib
from dataclasses import dataclass

from dash import html

from .highlight import highlighted_code, token_runs

CONTEXT = 3  # unchanged lines shown on each side of a change
KINDS = {
    # kind: (css class, marker, words for a screen reader)
    "removed": ("diff-removed", "−", "removed: "),
    "added": ("diff-added", "+", "added: "),
    "same": ("diff-same", " ", ""),
}


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
    css, marker, words = KINDS[line.kind]
    runs = old_runs[line.old - 1] if line.old else new_runs[line.new - 1]
    return html.Div(
        [
            html.Span(line.old or "", className="diff-no diff-old-no"),
            html.Span(line.new or "", className="diff-no diff-new-no"),
            html.Span(
                [
                    html.Span(marker, **{"aria-hidden": "true"}),
                    html.Span(words, className="visually-hidden"),
                ],
                className="diff-mark",
            ),
            highlighted_code(runs),
        ],
        className=f"diff-line {css}",
    )


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
                html.Details(
                    [
                        html.Summary(
                            f"{_plural(len(item.lines), 'unchanged line')} ({where})",
                            className="diff-fold-summary",
                        ),
                        *[_row(line, old_runs, new_runs) for line in item.lines],
                    ],
                    className="diff-fold",
                )
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
                html.Div(rows, className="diff-rows"),
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
