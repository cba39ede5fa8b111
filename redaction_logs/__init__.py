"""The redaction log (Annex I): writing it, and later reading a reviewer's edits back."""
