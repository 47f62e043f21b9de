"""Serve the site for a benchmark, optionally with one optimisation switched off.

Usage: python benchmarks/serve.py PORT [--no-shared-bundles] [--no-gzip] [--no-probe]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import gotchas.examples.mounting as mounting  # noqa: E402
import gotchas.serving.compression as compression  # noqa: E402

if "--no-shared-bundles" in sys.argv:
    mounting.share_bundles = lambda app: None
if "--no-gzip" in sys.argv:
    compression.compress_responses = lambda server: None
if "--no-probe" in sys.argv:
    mounting._inject_probe = lambda app, example: None

import app  # noqa: E402

app.app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False, threaded=True)
