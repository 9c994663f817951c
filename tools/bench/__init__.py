"""Benchmarks, the large-association generator and the query-count budget of Frontlijn (issue 9).

Plain modules, not a Django app: ``python -m bench --help``. See docs/BENCHMARKS.md.
"""
