"""Pure-Python services over the data layer; the CLI and the TUI both call these. No Textual here."""
