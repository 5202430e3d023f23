"""Reference data: the treaty catalogue, weapon categories and the rules that classify weapons."""
