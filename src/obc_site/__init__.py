"""Generates the guidance site pages from the toolkit data: plain functions that MkDocs hooks call."""
