"""The MkDocs adapter: the only stage that talks to MkDocs and Material.

`pipeline` runs a build top to bottom (vault -> docs -> site config -> MkDocs -> manifest), `config`
holds the settings and the site config handed to MkDocs, `plugin` is the `obsidian-vault` MkDocs plugin
(a thin adapter from MkDocs' events to the same pipeline), `pages` puts the renderer's pre-rendered
HTML into MkDocs' pages, `site_assets` ships math, CSS and JS, `manifest` writes `vault-manifest.json`.
"""
