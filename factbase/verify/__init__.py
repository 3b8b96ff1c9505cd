"""Verification: does each cited span support its claim's value?

``rules`` judges one span (pure: a value and mentions in, a verdict out), ``claim`` handles
one claim, ``unit`` is the unit of work (one source and its citations), and ``run`` plans the
units, runs them on an executor and finishes with the checks across claims. ``factbase.check``
is :func:`factbase.verify.run.check`.
"""
