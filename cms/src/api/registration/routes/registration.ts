/**
 * The registration API, public and without a login (the visitor proves who they are with the links
 * mailed to them). Only these routes: no core CRUD, so nobody can list or read registrations.
 *
 *   GET  /api/registrations/places?workshop=<documentId>   places left
 *   POST /api/registrations                                the form (urlencoded or JSON)
 *   GET  /api/registrations/confirm?token=                 the confirmation link
 *   GET  /api/registrations/cancel?token=                  the cancel page (a form)
 *   POST /api/registrations/cancel                         cancel, optionally erasing the data
 */
const publicRoute = (method: 'GET' | 'POST', path: string, handler: string, middlewares: string[] = []) => ({
  method,
  path,
  handler: `registration.${handler}`,
  config: { auth: false as const, middlewares },
});

export default {
  type: 'content-api',
  routes: [
    publicRoute('GET', '/registrations/places', 'places'),
    publicRoute('POST', '/registrations', 'submit', ['api::registration.submission-guard']),
    publicRoute('GET', '/registrations/confirm', 'confirm'),
    publicRoute('GET', '/registrations/cancel', 'cancelPage'),
    publicRoute('POST', '/registrations/cancel', 'cancel'),
  ],
};
