"""Use cases: one function per user action (a command, a click, a form), shared by Slack and Teams.

Each takes (session, actor, parsed input) and returns an outcome the front end renders. The
authorization policy is asked in the services they call; the front ends only parse and render.
"""
