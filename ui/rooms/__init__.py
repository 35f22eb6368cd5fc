"""The co-working room's windows: the calendar, the booking dialog, the booking picker."""
