"""sfo-redact: redaction of Serious Further Offence reviews for disclosure to victims.

The stages run one way: read -> detect -> resolve -> decide -> render -> verify -> log.
Each stage is a module with a function of the same name.
"""

__version__ = "0.1.0"
