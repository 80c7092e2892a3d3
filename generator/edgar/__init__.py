"""Talking to EDGAR: the API client (``client.py``) and the API tokens (``tokens.py``)."""
