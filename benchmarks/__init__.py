"""Speed and accuracy benchmarks (``make bench``, ``make validate``)."""
