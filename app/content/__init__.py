"""The content pipeline: files in ``content/`` → validated, rendered → database."""
