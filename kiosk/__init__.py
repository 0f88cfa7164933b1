"""Campaign kiosk: a full-screen Qt Quick app showing police child-safety campaigns in schools."""

__version__ = "0.1.0"
