"""Cost models for Google Cloud resources (provider `google` and `google-beta`): one module per service, listed in costgate.resources.registry."""
