"""Documents to paper: receipts (ESC/POS), shelf labels and reports (PDF)."""
