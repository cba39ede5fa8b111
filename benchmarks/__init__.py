"""Issue 7: the pipeline measured against the straightforward Presidio + PyMuPDF way (see README.md)."""
