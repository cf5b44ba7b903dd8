"""The vault engine: a vault folder -> one link graph, as Obsidian reads it. Pure where it can be.

    scan (files, excludes; the only module that reads the vault)  ->  frontmatter (properties)
    ->  parse (one note's Obsidian syntax: links, embeds, headings, blocks, callouts, tags, code)
    ->  resolve (links to targets, backlinks, unresolved links, embed cycles)  ->  model (the nouns)

`vault.load_vault` runs the three steps; `paths` names the kinds of path and converts between them.
"""
