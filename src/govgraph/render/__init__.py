"""Render stage: one module per output format."""
