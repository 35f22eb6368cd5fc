"""Benchmarks (not tests): each prints a table beside a floor measured in the same run."""
