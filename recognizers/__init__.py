"""Presidio recognizers for SFO reviews: one recognizer per file, enabled in recognizers.yaml."""

import os

# Presidio's EmailRecognizer validates domains with tldextract, which downloads the public
# suffix list on first use. An empty URL list makes it use the snapshot bundled with the
# package, so nothing leaves the machine. This must run before presidio_analyzer is imported.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
