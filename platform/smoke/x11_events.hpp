#pragma once
// Events the smoke test sends to its own window, as X11 would deliver them. Xlib stays inside x11_events.cpp:
// its macros (Status, None, Window, ...) would clash with our names.

struct GLFWwindow;

namespace porchlight::smoke {

// A touch with pointer emulation: the pointer jumps to the finger, then button 1 presses and releases.
void send_x11_tap(GLFWwindow* window, float x, float y);

// What the window manager sends for Alt+F4 or its close button.
void send_x11_close_request(GLFWwindow* window);

}  // namespace porchlight::smoke
