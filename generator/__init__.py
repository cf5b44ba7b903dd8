"""Publish an Obsidian vault as an MkDocs Material site.

The package is grouped by stage; imports go one way only (checked by import-linter in `make lint`):

    engine     scan, frontmatter, parse, resolve: the vault as one link graph
    blocks     computed `activation` blocks (plots, cards, benchmarks, notebooks)
    render     the graph -> Material-flavoured markdown, assets and site data in a build folder
    adapter    MkDocs: site config, the build run, the `obsidian-vault` plugin, manifest
    speedups   what reaches into MkDocs', Material's or Pygments' internals, behind one switch
    commands   `python -m generator build | serve | check`
"""

__version__ = "0.1.0"
