"""Benchmarks of the core against hand-written baselines: ``python -m benchmarks`` (see README.md)."""
