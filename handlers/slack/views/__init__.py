"""Pure functions returning Block Kit: no I/O, snapshot-tested."""
