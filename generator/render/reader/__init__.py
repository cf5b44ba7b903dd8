"""The reader's features (issue 14): properties panel, dates, social meta, site data (graph,
explorer), folder pages, feeds. `ReaderOptions` holds their switches."""

from generator.render.reader.options import ReaderOptions

__all__ = ["ReaderOptions"]
