"""The till: a window assembled from panels, one action table and flows over a sale session."""
