"""Making a corpus from links: ``danvan fetch`` (sources.py reads lists, sitemaps and feeds; client.py asks
politely; store.py names and keeps the pages; crawl.py runs it all)."""
