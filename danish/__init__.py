"""Danish for users: dates, numbers, rich text and the text of uploaded files.

The lowest layer: every app uses it, it uses no app (the import contract in pyproject.toml).
"""
