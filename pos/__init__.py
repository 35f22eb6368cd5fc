"""OTOP POS: point of sale for Thai OTOP community-products centres."""

__version__ = "0.1.0"
