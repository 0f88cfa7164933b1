"""Just enough Xlib (through ctypes) to act like a window manager and a keyboard on an Xvfb screen.

A window manager closes a window (Alt+F4, its close button) by sending it a WM_DELETE_WINDOW client message;
XTest types keys as if on a real keyboard. Test-only: the kiosk itself never talks to X directly.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import subprocess
from collections.abc import Iterator
from ctypes import POINTER, byref, c_char_p, c_int, c_long, c_uint, c_ulong, c_void_p

CLIENT_MESSAGE = 33


class XClientMessageEvent(ctypes.Structure):
    _fields_ = [
        ("type", c_int),
        ("serial", c_ulong),
        ("send_event", c_int),
        ("display", c_void_p),
        ("window", c_ulong),
        ("message_type", c_ulong),
        ("format", c_int),
        ("l", c_long * 5),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", XClientMessageEvent), ("pad", c_long * 24)]


class X:
    def __init__(self, display_name: str) -> None:
        self.lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        self.lib.XOpenDisplay.restype = c_void_p
        self.lib.XDefaultRootWindow.restype = c_ulong
        self.lib.XDefaultRootWindow.argtypes = [c_void_p]
        self.lib.XInternAtom.restype = c_ulong
        self.lib.XInternAtom.argtypes = [c_void_p, c_char_p, c_int]
        self.lib.XQueryTree.argtypes = [c_void_p, c_ulong] + [c_void_p] * 4
        self.lib.XGetWMProtocols.argtypes = [c_void_p, c_ulong, c_void_p, c_void_p]
        self.lib.XGetWindowProperty.argtypes = [c_void_p, c_ulong, c_ulong, c_long, c_long, c_int, c_ulong]
        self.lib.XGetWindowProperty.argtypes += [c_void_p] * 5
        self.lib.XSendEvent.argtypes = [c_void_p, c_ulong, c_int, c_long, c_void_p]
        self.lib.XFlush.argtypes = [c_void_p]
        self.lib.XFree.argtypes = [c_void_p]
        self.lib.XStringToKeysym.restype = c_ulong
        self.lib.XStringToKeysym.argtypes = [c_char_p]
        self.lib.XKeysymToKeycode.restype = c_uint
        self.lib.XKeysymToKeycode.argtypes = [c_void_p, c_ulong]
        self.xtst.XTestFakeKeyEvent.argtypes = [c_void_p, c_uint, c_int, c_ulong]
        self.display = self.lib.XOpenDisplay(display_name.encode())
        if not self.display:
            raise OSError(f"cannot open X display {display_name}")
        self.root = self.lib.XDefaultRootWindow(self.display)

    def atom(self, name: str) -> int:
        return int(self.lib.XInternAtom(self.display, name.encode(), 0))

    def _pid(self, window: int) -> int | None:
        actual_type, actual_format, count, after = c_ulong(), c_int(), c_ulong(), c_ulong()
        data = POINTER(c_ulong)()
        status = self.lib.XGetWindowProperty(
            self.display, window, self.atom("_NET_WM_PID"), 0, 1, 0, 0,
            byref(actual_type), byref(actual_format), byref(count), byref(after), byref(data),
        )  # fmt: skip
        if status != 0 or not data or count.value != 1:
            return None
        pid = int(data[0])
        self.lib.XFree(data)
        return pid

    def closable_windows(self, pid: int) -> list[int]:
        """Top-level windows of process `pid` that accept WM_DELETE_WINDOW (what a window manager would close)."""
        root_ret, parent_ret, count = c_ulong(), c_ulong(), c_uint()
        children = POINTER(c_ulong)()
        self.lib.XQueryTree(self.display, self.root, byref(root_ret), byref(parent_ret), byref(children), byref(count))
        delete = self.atom("WM_DELETE_WINDOW")
        found = []
        for i in range(count.value):
            window = int(children[i])
            protocols, n = POINTER(c_ulong)(), c_int()
            if self._pid(window) != pid or not self.lib.XGetWMProtocols(
                self.display, window, byref(protocols), byref(n)
            ):
                continue
            if delete in [int(protocols[k]) for k in range(n.value)]:
                found.append(window)
            self.lib.XFree(protocols)
        if children:
            self.lib.XFree(children)
        return found

    def close(self, window: int) -> None:
        """What a window manager does on Alt+F4 or the title bar's close button."""
        event = XEvent()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.window = window
        event.xclient.message_type = self.atom("WM_PROTOCOLS")
        event.xclient.format = 32
        event.xclient.l[0] = self.atom("WM_DELETE_WINDOW")
        self.lib.XSendEvent(self.display, window, 0, 0, byref(event))
        self.lib.XFlush(self.display)

    def press(self, *keys: str) -> None:
        """A chord through XTest, e.g. press("Control_L", "q"): keys go down in order and up in reverse."""
        codes = [self.lib.XKeysymToKeycode(self.display, self.lib.XStringToKeysym(k.encode())) for k in keys]
        for code in codes:
            self.xtst.XTestFakeKeyEvent(self.display, code, 1, 0)
        for code in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.display, code, 0, 0)
        self.lib.XFlush(self.display)


@contextlib.contextmanager
def xvfb_display(screen: str = "1024x768x24") -> Iterator[str]:
    """A private Xvfb for one test: yields its DISPLAY (":N", the free number Xvfb chose) and stops it after."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        yield ":" + os.read(read_end, 64).decode().strip()
    finally:
        os.close(read_end)
        server.kill()
        server.wait(timeout=10)
