"""Dash's published releases, read from PyPI, to check when an API first shipped.

Downloads are kept in ~/.cache/callback-gotchas/releases between runs. Old
releases are sdists of a few kB; since 2.0 a wheel is about 10 MB.
"""

import io
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from functools import cache
from pathlib import Path

from packaging.version import Version

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "callback-gotchas"
RENDERER_PIN = re.compile(r"dash[-_]renderer\s*==\s*([0-9][0-9a-z.]*)")


@cache
def releases(package="dash"):
    """Every final release of the package on the index, oldest first."""
    out = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", package],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = re.search(r"Available versions: (.*)", out).group(1).split(", ")
    return sorted(v for v in map(Version, listed) if not v.is_prerelease)


def previous(version, package="dash"):
    return max(v for v in releases(package) if v < Version(version))


def _archive(package, version):
    folder = CACHE / "releases"
    folder.mkdir(parents=True, exist_ok=True)
    stem = package.replace("-", "_")
    names = (f"{stem}-{version}-*.whl", f"{stem}-{version}.tar.gz", f"{package}-{version}.*")
    for pattern in names:
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", folder]
        + [f"{package}=={version}"],
        check=True,
        capture_output=True,
    )
    return _archive(package, version)


@cache
def files(package, version):
    """{path inside the release: text} for its Python, JavaScript and requirement files."""
    path = _archive(package, str(version))
    wanted = re.compile(r"\.(py|js|txt|cfg)$|PKG-INFO$|METADATA$")
    texts = {}
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if wanted.search(name):
                    texts[name] = archive.read(name).decode("utf-8", "replace")
    else:
        with tarfile.open(fileobj=io.BytesIO(path.read_bytes())) as archive:
            for member in archive.getmembers():
                if member.isfile() and wanted.search(member.name):
                    data = archive.extractfile(member).read()
                    texts[member.name] = data.decode("utf-8", "replace")
    return texts


def renderer_of(version):
    """(package, version) holding the browser code of that Dash release."""
    if Version(str(version)) >= Version("2.0.0"):
        return "dash", str(version)
    for text in files("dash", version).values():
        pinned = RENDERER_PIN.search(text)
        if pinned:
            return "dash-renderer", pinned.group(1)
    raise LookupError(f"dash {version} pins no dash-renderer")


def ships(version, marker, kind):
    """Whether that Dash release's Python ('py') or renderer ('js') code contains marker."""
    package, release = ("dash", str(version)) if kind == "py" else renderer_of(version)

    def wanted(name):
        # Only the renderer's own bundles: react-dom ships beside them.
        return name.endswith(".py") if kind == "py" else "/dash_renderer." in name

    pattern = re.compile(marker)
    texts = files(package, release).items()
    return any(pattern.search(text) for name, text in texts if wanted(name))
