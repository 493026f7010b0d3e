"""The words layer: facts (engine records, live readings, the key table) turned into English and
Chinese, and every number written one way (numbers.py). No Textual: the headless commands use it."""
