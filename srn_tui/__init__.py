"""srn-tui: watch a Simple Recurrent Network (Elman network) compute and learn, tick by tick."""

__version__ = "0.1.0"
