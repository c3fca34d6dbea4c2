import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer. The built client loads only its own scripts; React Flow and
 * echarts set inline `style` attributes, hence style-src 'unsafe-inline' (styles cannot run code).
 * No upgrade-insecure-requests: the demo is served over plain HTTP on a LAN address, where it would
 * break every asset; HTTPS deployments terminate TLS in front and get HSTS from helmet.
 */
export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });

/** API answers are per user and often personal data: never stored by a browser or a proxy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
