"""The error decoder's pages: /errors, with the paste box and every known error,
and /errors/<id>, one message with the lesson that explains it.

The box matches in the browser (assets/70-errors.js) against the messages
embedded here as JSON: what a learner pastes is never sent to the server.
"""

import json

from dash import html

from .markdown import inline

LIST_ID = "all-errors"


def _data(entries):
    return json.dumps(
        [
            {
                "id": entry.id,
                "lesson": entry.lesson,
                "lessonTitle": entry.lesson_title,
                "order": entry.lesson_order,
                "title": entry.title,
                "message": entry.message,
                "url": entry.url,
                "section": entry.section,
                "sectionUrl": entry.section_url,
            }
            for entry in entries
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def paste_box(entries, list_url=f"#{LIST_ID}", heading=None):
    """A textarea, and what matches as the learner types (filled by the script)."""
    return html.Section(
        [
            html.H2(heading, className="h5") if heading else None,
            html.Label(
                "Paste a Dash error message, with the text around it if you like",
                htmlFor="error-paste",
                className="form-label",
            ),
            html.Textarea(
                id="error-paste",
                className="form-control error-paste",
                rows=6,
                spellCheck="false",
                autoComplete="off",
                placeholder="Duplicate callback outputs\nIn the callback for output(s): …",
                **{"aria-describedby": "error-paste-note"},
            ),
            html.P(
                "Matched in your browser as you type: nothing you paste leaves this page.",
                id="error-paste-note",
                className="form-text",
            ),
            html.Div(className="visually-hidden error-status", role="status"),
            html.Div(className="error-results"),
            html.Pre(
                className="error-echo",
                hidden=True,
                tabIndex=0,
                **{"aria-label": "Your text, with the part that matched marked"},
            ),
        ],
        className="error-decoder",
        **{"data-errors": _data(entries), "data-list": list_url, "aria-label": "Error decoder"},
    )


def _entry_item(entry):
    return html.Li(
        [
            html.A(inline(entry.title), href=entry.url, className="error-link"),
            html.Span(
                [
                    " · explained in ",
                    html.A(entry.section.replace("`", ""), href=entry.section_url),
                    " · from ",
                    html.Code(f"{entry.example}.py"),
                ],
                className="text-body-secondary small",
            ),
        ],
        **{"data-error": entry.id},
    )


def error_list(entries):
    """Every known error, lesson by lesson in reading order."""
    lessons = []
    for entry in entries:
        if not lessons or lessons[-1][0].lesson != entry.lesson:
            lessons.append((entry, []))
        lessons[-1][1].append(entry)
    return html.Section(
        [
            html.H2("Every error the lessons explain", id=LIST_ID),
            *[
                html.Section(
                    [
                        html.H3(
                            [
                                f"{first.lesson_order}. ",
                                html.A(first.lesson_title, href=first.lesson_url),
                            ],
                            className="h6",
                        ),
                        html.Ul([_entry_item(entry) for entry in items], className="error-items"),
                    ],
                    className="error-lesson",
                    **{"data-lesson": first.lesson},
                )
                for first, items in lessons
            ],
        ],
        className="error-list",
    )


def decoder_layout(entries):
    return html.Div(
        [
            html.H1("Error decoder"),
            html.P(
                "Got an error from Dash? Paste it here, from the dev tools, the browser "
                "console or the server's terminal, and see which lesson explains it.",
                className="lead",
            ),
            paste_box(entries),
            error_list(entries),
        ],
        className="errors-page",
    )


def error_layout(entry, entries):
    """One message: Dash's words, the lesson and section that explain it, the paste box."""
    return html.Div(
        [
            html.Nav(
                html.A("← Error decoder: every error", href=f"/errors#{LIST_ID}"),
                className="mb-2",
                **{"aria-label": "Back to the error decoder"},
            ),
            html.H1(inline(entry.title), className="h2"),
            html.P("Dash writes:", className="mb-1"),
            html.Pre(entry.message, className="error-message", tabIndex=0),
            html.P(
                [
                    "Explained in lesson ",
                    html.A(f"{entry.lesson_order}. {entry.lesson_title}", href=entry.lesson_url),
                    ", in the section ",
                    html.A(f"“{entry.section.replace('`', '')}”", href=entry.section_url),
                    ". The lesson's example ",
                    html.A(html.Code(f"{entry.example}.py"), href=entry.example_url),
                    " makes it.",
                ],
                className="error-where",
            ),
            paste_box(entries, list_url=f"/errors#{LIST_ID}", heading="Decode another error"),
        ],
        className="errors-page error-page",
        **{"data-error": entry.id},
    )
