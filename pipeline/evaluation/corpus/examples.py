"""Regenerate the bundled examples: `python -m pipeline.evaluation.corpus.examples [--out examples]`.

One invented case (fixed seed) written as the review in Word and its action plan as PDF,
plus the case file that fits both, so `make demo` can redact them with one `--case`.
examples/README.md is written by hand and left alone.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from pipeline.evaluation.corpus.generate import generate_case

EXAMPLE_SEED = 819
EXAMPLE_PAGES = 8


def write_examples(out_dir: Path) -> list[Path]:
    """Generate the example case and copy its review, action plan and case file into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in list(out_dir.glob("SFO*.docx")) + list(out_dir.glob("SFO*.pdf")):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        case = generate_case(
            EXAMPLE_SEED, Path(tmp), formats=("docx",), pages=EXAMPLE_PAGES,
            with_action_plan=True, action_plan_formats=("pdf",),
        )  # fmt: skip
        written = []
        for source in [*case.documents, case.case_file]:
            target = out_dir / source.name
            shutil.copyfile(source, target)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("examples"))
    args = parser.parse_args(argv)
    for path in write_examples(args.out):
        print(path)


if __name__ == "__main__":
    main()
