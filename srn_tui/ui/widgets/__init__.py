"""One module per widget; each updates in place through a `show(...)` method."""
