"""Mentorat: a chat bot that runs workplace mentoring programmes."""
