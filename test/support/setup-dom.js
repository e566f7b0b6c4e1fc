if (typeof window !== "undefined") {
  require("@testing-library/jest-dom");
  // jsdom has no layout: Fluent UI components that watch their size need a ResizeObserver to exist.
  if (!window.ResizeObserver) {
    window.ResizeObserver = class ResizeObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}
