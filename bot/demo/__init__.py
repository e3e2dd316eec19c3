"""The bot offline: a Slack Web API emulator on loopback, signed requests, and the scripted demo.

The test suite drives the real app through the same harness (`bot.demo.harness`), so what the
demo shows is what the tests check.
"""
