#include "x11_events.hpp"

#include <initializer_list>

#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3.h>
#include <GLFW/glfw3native.h>

namespace porchlight::smoke {

void send_x11_tap(GLFWwindow* window, float x, float y) {
  Display* display = glfwGetX11Display();
  const ::Window x_window = glfwGetX11Window(window);
  const int pixel_x = static_cast<int>(x);
  const int pixel_y = static_cast<int>(y);
  // GLFW reads the position with XQueryPointer, so the real pointer must move; the buttons can be sent events.
  XWarpPointer(display, None, x_window, 0, 0, 0, 0, pixel_x, pixel_y);
  for (const int type : {ButtonPress, ButtonRelease}) {
    XEvent event{};
    event.xbutton.type = type;
    event.xbutton.display = display;
    event.xbutton.window = x_window;
    event.xbutton.button = Button1;
    event.xbutton.x = pixel_x;
    event.xbutton.y = pixel_y;
    event.xbutton.same_screen = True;
    XSendEvent(display, x_window, True, type == ButtonPress ? ButtonPressMask : ButtonReleaseMask, &event);
  }
  XFlush(display);
}

void send_x11_close_request(GLFWwindow* window) {
  Display* display = glfwGetX11Display();
  const ::Window x_window = glfwGetX11Window(window);
  XEvent event{};
  event.xclient.type = ClientMessage;
  event.xclient.window = x_window;
  event.xclient.message_type = XInternAtom(display, "WM_PROTOCOLS", False);
  event.xclient.format = 32;
  event.xclient.data.l[0] = static_cast<long>(XInternAtom(display, "WM_DELETE_WINDOW", False));
  event.xclient.data.l[1] = CurrentTime;
  XSendEvent(display, x_window, False, NoEventMask, &event);
  XFlush(display);
}

}  // namespace porchlight::smoke
