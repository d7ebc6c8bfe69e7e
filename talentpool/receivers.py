"""Receivers of the applicants signals (filled in below)."""
