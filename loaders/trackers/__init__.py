"""Aid trackers: dated commitments to a recipient, each cited to its source (Protect Ukraine Now)."""
