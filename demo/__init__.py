"""Demo and benchmark data: `manage.py seed_demo` and `manage.py seed_volume`.

This app builds on all the others and nothing builds on it: the portal runs
the same without it, and no other app imports from it.
"""
