"""Hand-written JSON Lines: one entity per line, reference fields become relations (docs/curated-jsonl.md)."""
