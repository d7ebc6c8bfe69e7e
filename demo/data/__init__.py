"""The demo's content as plain data: no database access here."""
