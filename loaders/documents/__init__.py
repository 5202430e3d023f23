"""Articles and statements as Document nodes: the text, its sidecar metadata and its content hash."""
