"""The lessons and their mounted examples: loaded once at startup, never changed after."""

from .content import load_lessons
from .mounting import load_examples

LESSONS = load_lessons()
EXAMPLES = load_examples(LESSONS)
