"""SalesTUI: a keyboard-first terminal CRM whose records are the evidence."""

__version__ = "0.1.0"
