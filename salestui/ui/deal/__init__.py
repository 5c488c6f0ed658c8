"""The deal screens: a customer's deals, one deal (lines, terms, stage, history), and its written confirmation."""
