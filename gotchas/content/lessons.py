"""Lessons as content: each folder under lessons/ is read, validated and frozen.

A lesson folder holds lesson.md (YAML front matter + markdown body) and the
example apps it frames: broken.py and fixed.py always, more if it lists them.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter

from .headings import headings
from .snippets import SnippetError, resolve

REPO_ROOT = Path(__file__).resolve().parents[2]
LESSONS_DIR = REPO_ROOT / "lessons"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EXAMPLE_NAME = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
VERSION = re.compile(r"^\d+\.\d+(?:\.\d+)?$")
# dash.ctx.triggered_id | dash.Output(allow_duplicate) | renderer: ID not found in layout
API = re.compile(r"^(dash(\.\w+)+(\(\w+\))?|renderer: \S.*)$")
API_FORMS = "dash.ctx.triggered_id, dash.Output(allow_duplicate) or 'renderer: <text>'"
TRY_IT = re.compile(r"^## Try it[ \t]*\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
REQUIRED_EXAMPLES = ("broken", "fixed")
ORIGINAL_SECTION = "The original page's six"
ERROR_KEYS = ("id", "example", "section", "message")


class LessonError(ValueError):
    """A lesson folder that cannot be published, with the file and field at fault."""

    def __init__(self, path, field, problem):
        super().__init__(f"{path}: field '{field}': {problem}")


@dataclass(frozen=True)
class Change:
    version: str
    note: str
    api: str  # what shows the change in Dash itself; tests/test_version_notes.py checks it
    marker: str | None = None  # text that first appears in that release, where api's name is common


@dataclass(frozen=True)
class Example:
    lesson: str
    name: str
    caption: str
    path: Path
    # Changes server state (registers callbacks, keeps data): each visitor gets
    # their own instance of it (gotchas/examples/instances.py).
    private: bool = False

    @property
    def key(self):
        return f"{self.lesson}/{self.name}"

    @property
    def url(self):
        return f"/examples/{self.lesson}/{self.name}/"

    @property
    def download_url(self):
        return f"/examples/{self.lesson}/{self.name}.py"

    @property
    def page_url(self):
        """The example full screen, with its sandbox: a page of the site."""
        return f"/lessons/{self.lesson}/{self.name}"

    @property
    def source(self):
        return self.path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class DashError:
    """A message Dash writes that a lesson explains: the error decoder's entry for it."""

    id: str  # kebab-case, unique across lessons: its page is /errors/<id>
    lesson: str
    example: str  # the example whose run makes Dash write it
    section: str  # the heading of the lesson's text that explains it, as written
    message: str  # Dash's words, as the pinned version writes them

    @property
    def url(self):
        return f"/errors/{self.id}"


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    order: int
    summary: str
    tested_with: str
    changes: tuple
    original: int | None
    section: str
    examples: tuple
    try_it: str
    body: str
    path: Path
    errors: tuple = ()

    @property
    def url(self):
        return f"/lessons/{self.slug}"

    def example(self, name):
        return next(e for e in self.examples if e.name == name)


def _field(meta, path, name, kind, required=True):
    if name not in meta:
        if required:
            raise LessonError(path, name, "is required")
        return None
    value = meta[name]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise LessonError(path, name, f"must be {kind.__name__}, got {value!r}")
    if isinstance(value, str) and not value.strip():
        raise LessonError(path, name, "must not be empty")
    return value


def _changes(meta, path):
    changes = []
    for item in _field(meta, path, "changes", list, required=False) or []:
        if not isinstance(item, dict) or set(item) - {"marker"} != {"version", "note", "api"}:
            raise LessonError(
                path, "changes", "each item needs 'version', 'note', 'api' (and may have 'marker')"
            )
        version = str(item["version"])
        if not VERSION.match(version):
            raise LessonError(path, "changes", f"'{version}' is not a Dash version like 2.9.0")
        if not API.match(str(item["api"])):
            raise LessonError(path, "changes", f"api '{item['api']}' is not like {API_FORMS}")
        changes.append(Change(version, str(item["note"]), str(item["api"]), item.get("marker")))
    return tuple(changes)


def _examples(meta, path, slug):
    captions = _field(meta, path, "examples", dict)
    for name in REQUIRED_EXAMPLES:
        if name not in captions:
            raise LessonError(path, "examples", f"must describe '{name}'")
    examples = []
    for name, caption in captions.items():
        if not isinstance(name, str) or not EXAMPLE_NAME.match(name):
            raise LessonError(path, "examples", f"'{name}' is not a snake_case file stem")
        if not isinstance(caption, str) or not caption.strip():
            raise LessonError(path, "examples", f"'{name}' needs a caption")
        file = path.parent / f"{name}.py"
        if not file.is_file():
            raise LessonError(path, "examples", f"'{name}' has no file {file.name}")
        examples.append(Example(slug, name, caption, file))
    private = _field(meta, path, "private", list, required=False) or []
    unknown = [name for name in private if name not in captions]
    if unknown:
        raise LessonError(path, "private", f"'{unknown[0]}' is not one of the examples")
    return tuple(Example(e.lesson, e.name, e.caption, e.path, e.name in private) for e in examples)


def _errors(meta, path, slug, examples, body):
    """The Dash messages the lesson explains: each made by one of its examples,
    each explained under one of its headings."""
    names = [example.name for example in examples]
    titles = headings(body)
    errors = []
    for item in _field(meta, path, "errors", list, required=False) or []:
        if not isinstance(item, dict) or set(item) != set(ERROR_KEYS):
            raise LessonError(path, "errors", f"each item needs {', '.join(ERROR_KEYS)}")
        error_id, example, section, message = (item[key] for key in ERROR_KEYS)
        if not isinstance(error_id, str) or not SLUG.match(error_id):
            raise LessonError(path, "errors", f"id '{error_id}' must be kebab-case")
        if error_id in [error.id for error in errors]:
            raise LessonError(path, "errors", f"id '{error_id}' is listed twice")
        if example not in names:
            raise LessonError(
                path, "errors", f"'{error_id}': example '{example}' is not one of {names}"
            )
        if section not in titles:
            raise LessonError(
                path, "errors", f"'{error_id}': section '{section}' is not a heading of the text"
            )
        if not isinstance(message, str) or not message.strip():
            raise LessonError(path, "errors", f"'{error_id}' needs Dash's message")
        errors.append(DashError(error_id, slug, example, section, message.strip()))
    return tuple(errors)


def _try_it(body, path):
    """The '## Try it' steps, placed beside the live pair, and the rest of the text."""
    match = TRY_IT.search(body)
    if not match or not re.search(r"^1\. ", match.group(1), re.MULTILINE):
        raise LessonError(path, "body", "needs a '## Try it' section with numbered steps")
    return match.group(1).strip(), (body[: match.start()] + body[match.end() :]).strip()


def _text(body, path):
    try:
        return resolve(body, path.parent)
    except SnippetError as error:
        raise LessonError(path, "body", str(error)) from None


FIELDS = {
    "title",
    "slug",
    "order",
    "summary",
    "tested_with",
    "changes",
    "original",
    "section",
    "examples",
    "private",
    "errors",
}


def load_lesson(path):
    path = Path(path)
    post = frontmatter.load(path)
    meta = post.metadata
    unknown = sorted(set(meta) - FIELDS)
    if unknown:
        raise LessonError(
            path, unknown[0], f"is not a lesson field (known: {', '.join(sorted(FIELDS))})"
        )
    slug = _field(meta, path, "slug", str)
    if not SLUG.match(slug) or slug != path.parent.name:
        raise LessonError(path, "slug", f"'{slug}' must be kebab-case and match its folder name")
    tested_with = str(_field(meta, path, "tested_with", str))
    if not VERSION.match(tested_with):
        raise LessonError(path, "tested_with", f"'{tested_with}' is not a Dash version")
    original = _field(meta, path, "original", int, required=False)
    if original is not None and not 1 <= original <= 6:
        raise LessonError(path, "original", "is the gotcha's place (1-6) on the original page")
    section = _field(meta, path, "section", str, required=original is None)
    if original is not None and section is not None:
        raise LessonError(path, "section", f"an original gotcha is in '{ORIGINAL_SECTION}'")
    if not post.content.strip():
        raise LessonError(path, "body", "the lesson has no text")
    try_it, body = _try_it(_text(post.content, path), path)
    examples = _examples(meta, path, slug)
    return Lesson(
        slug=slug,
        title=_field(meta, path, "title", str),
        order=_field(meta, path, "order", int),
        summary=_field(meta, path, "summary", str),
        tested_with=tested_with,
        changes=_changes(meta, path),
        original=original,
        section=section or ORIGINAL_SECTION,
        examples=examples,
        try_it=try_it,
        body=body,
        path=path,
        errors=_errors(meta, path, slug, examples, body),
    )


def load_lessons(root=LESSONS_DIR):
    """All lessons in reading order; a bad folder stops everything with its reason."""
    lessons = [load_lesson(md) for md in sorted(Path(root).glob("*/lesson.md"))]
    orders = [lesson.order for lesson in lessons]
    for lesson in lessons:
        if orders.count(lesson.order) > 1:
            raise LessonError(lesson.path, "order", f"{lesson.order} is used by another lesson")
    # An error's id is its address: one lesson only.
    owners = {}
    for lesson in lessons:
        for error in lesson.errors:
            if error.id in owners:
                raise LessonError(
                    lesson.path, "errors", f"id '{error.id}' is used by {owners[error.id]} too"
                )
            owners[error.id] = lesson.slug
    return tuple(sorted(lessons, key=lambda lesson: lesson.order))


def sections(lessons):
    """(heading, lessons) pairs: the old docs page's six in its order, then each
    section named in the lessons' front matter, in the order of its first lesson."""
    named = {}
    for lesson in sorted(lessons, key=lambda lsn: (lsn.original or 0, lsn.order)):
        named.setdefault(lesson.section, []).append(lesson)
    original = named.pop(ORIGINAL_SECTION, [])
    rest = sorted(named.items(), key=lambda item: min(lsn.order for lsn in item[1]))
    return ([(ORIGINAL_SECTION, original)] if original else []) + rest


def reading_order(lessons):
    """Every lesson once, as the sidebar lists them: section by section."""
    return [lesson for _, items in sections(lessons) for lesson in items]
