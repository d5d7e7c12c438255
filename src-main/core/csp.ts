/**
 * One policy for the Electron window and the preview server. Styles allow inline because Mantine writes its
 * CSS variables into a <style> element; scripts never do. 'self' is the page's own origin: http://127.0.0.1:<port>
 * in the preview, app://aeo in the desktop app (a standard scheme, so it has a real origin, unlike file://).
 */
const directives = (connect: string) => [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src ${connect}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
];

/** The preview server's page talks to its own /api over fetch and EventSource. */
export const CONTENT_SECURITY_POLICY = directives("'self'").join('; ');

/** The desktop page talks to main only over IPC, so it may open no connection at all. */
export const DESKTOP_CONTENT_SECURITY_POLICY = directives("'none'").join('; ');
