"""Text extraction: news articles and official statements -> entities, transfers, claims."""
