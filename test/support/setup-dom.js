const page = globalThis.window;
if (page !== undefined) {
  require("@testing-library/jest-dom");
  // jsdom has no layout: Fluent UI components that watch their size need a ResizeObserver to exist.
  if (!page.ResizeObserver) {
    page.ResizeObserver = class ResizeObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}
