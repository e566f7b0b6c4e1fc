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
if (page !== undefined) {
  // Fluent's components render slowly in jsdom on a busy two-core machine: wait up to 5 s for what must appear, not 1 s.
  require("@testing-library/react").configure({ asyncUtilTimeout: 5000 });
}
