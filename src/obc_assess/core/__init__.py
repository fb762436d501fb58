"""The browser-safe part of obc_assess, shipped whole to Pyodide (stdlib only).

The model, validation, scoring, rendering, the JSON API and the words.
"""
