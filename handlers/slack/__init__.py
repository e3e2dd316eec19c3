"""Slack front end: Bolt listeners, Block Kit views."""
