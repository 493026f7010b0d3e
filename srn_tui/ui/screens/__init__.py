"""Screens: the main step-through layout, help, and the file dialog."""
