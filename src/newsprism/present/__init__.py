"""Output: exports now; the web app and reports later."""
