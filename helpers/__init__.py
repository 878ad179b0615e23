"""crosspress helpers: the testable logic behind the notebooks.

One module per concern (see docs/design.md). Notebooks import from here and stay thin.
"""

__version__ = "0.1.0"
