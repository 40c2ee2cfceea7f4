"""Cost models for AWS resources: one module per service, listed in costgate.resources.registry."""
