"""The deal screens: a deal with its lines, terms, stage and history; the memo preview and its forms; lists."""
