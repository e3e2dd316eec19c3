"""Microsoft Teams front end."""
