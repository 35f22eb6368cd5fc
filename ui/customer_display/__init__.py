"""The customer display: a second window, on the customer's side of the counter."""
