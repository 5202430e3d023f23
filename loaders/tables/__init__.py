"""Reference tables as sources: dated treaty parties, regime and organisation memberships."""
