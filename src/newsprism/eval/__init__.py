"""Gold-data readers and scorers behind `newsprism eval`."""
