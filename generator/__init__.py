"""sec16: prepare SEC Section 16 insider filings as EDGAR ownership XML."""

__version__ = "0.1.0"
