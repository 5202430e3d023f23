"""SIPRI Arms Transfers Database exports, both CSV formats.

classic/transfers split and type-check rows (records); loader maps deals to the graph."""
