"""Load example files in the order given, in this fresh process, and print what each serves.

Usage: python tests/dump_examples.py KEY=PATH [KEY=PATH ...]
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gotchas.content.lessons import Example  # noqa: E402
from gotchas.examples.mounting import load_example  # noqa: E402


def served(item):
    client = item.app.server.test_client()
    return {
        "dependencies": client.get("/_dash-dependencies").get_json(),
        "layout": client.get("/_dash-layout").get_json(),
    }


if __name__ == "__main__":
    loaded = {}
    for arg in sys.argv[1:]:
        key, path = arg.split("=", 1)
        lesson, name = key.split("/")
        loaded[key] = load_example(Example(lesson, name, name, Path(path).resolve()))
    print(json.dumps({key: served(item) for key, item in loaded.items()}))
