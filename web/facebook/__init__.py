"""Facebook Page / Messenger: the webhook, its events, rendered messages and the Send API client."""
