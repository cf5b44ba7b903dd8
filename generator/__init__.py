"""Publish an Obsidian vault as an MkDocs Material site.

Stages, each a module with one job: scan -> parse -> resolve -> compute -> render -> mkdocs.
"""

__version__ = "0.1.0"
