"""The Textual interface: the app, its main screen and panes, help, palette commands and forms."""
