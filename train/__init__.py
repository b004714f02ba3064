"""Scripts that train the models shipped in `newsprism/analyse/models` from ../shared/data."""
