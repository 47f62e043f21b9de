"""The lessons and their mounted examples: loaded once at startup, never changed after."""

from .content.lessons import load_lessons
from .examples.mounting import load_examples

LESSONS = load_lessons()
EXAMPLES = load_examples(LESSONS)
