"""The VLU pack: a folder and a zip of the final PDFs, the cover sheet and a manifest.

Only files made for sharing go in (final redacted PDFs, the cover sheet, the manifest);
never the log, the review copy or an original. The pack is built in a private temporary
folder and moved into place whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__


@dataclass(frozen=True)
class Pack:
    """A written disclosure pack: its folder, its zip and the files in it."""

    folder: Path
    zip: Path
    files: list[str]


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's contents, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def manifest(files: Sequence[Path], *, case_id: str, region: str, signoff: dict[str, str], extra: dict | None = None) -> dict:
    """The manifest: what is in the pack, each file's SHA-256, who signed off, when, with which tool."""
    return {
        "case_id": case_id,
        "region": region or "not recorded",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tool": "sfo-redact",
        "tool_version": __version__,
        "sign_off": signoff,
        "files": [{"name": p.name, "sha256": sha256_file(p), "bytes": p.stat().st_size} for p in files],
        **(extra or {}),
    }


def build_pack(staging: Path, out_dir: Path, case_id: str, files: Sequence[Path], info: dict) -> Pack:
    """Move `files` and a manifest into `{case_id}-VLU-pack/` and zip it; both appear whole or not at all.

    `staging` is a private temporary folder inside `out_dir` (so renames stay on one disk).
    """
    name = f"{case_id}-VLU-pack"
    folder = staging / name
    folder.mkdir()
    placed = []
    for f in files:
        target = folder / f.name
        os.replace(f, target)
        placed.append(target)
    data = manifest(placed, **info)
    (folder / "manifest.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    members = placed + [folder / "manifest.json"]
    tmp_zip = staging / f"{name}.zip"
    with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in members:
            zf.write(path, f"{name}/{path.name}")
    final_folder, final_zip = out_dir / name, out_dir / f"{name}.zip"
    if final_folder.exists():
        # A pack from an earlier finalisation is replaced whole, never merged with the new one.
        old = staging / "previous-pack"
        os.replace(final_folder, old)
    os.replace(folder, final_folder)
    os.replace(tmp_zip, final_zip)
    shutil.rmtree(staging / "previous-pack", ignore_errors=True)
    return Pack(final_folder, final_zip, [p.name for p in members])
