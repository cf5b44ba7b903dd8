"""Speedups that reach into MkDocs', Material's or Pygments' internals: one door, one switch.

Only the adapter imports this package. Each speedup checks that the libraries it patches are the
versions it was verified on and otherwise stays off with one logged line; `speedups: false` in the
plugin options (or `--no-speedups`) turns every one of them off, and tests hold the site built with
them to the site built without them.
"""
