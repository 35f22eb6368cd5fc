"""The LINE Official Account: webhook, message rendering, the Messaging API client, LIFF."""
