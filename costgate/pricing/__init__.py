"""Prices for cost components: the PriceSource interface, the embedded catalog and the chain that tries sources in order."""
