"""`python -m pipeline.cli`: the same as the sfo-redact command."""

from pipeline.cli import main

raise SystemExit(main())
