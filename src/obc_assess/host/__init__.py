"""The host-only part of obc_assess, never shipped to the browser.

Reading and checking the YAML data, building definitions from it, and the command line.
"""
