"""The Peewee/SQLite data layer: no Textual here."""
