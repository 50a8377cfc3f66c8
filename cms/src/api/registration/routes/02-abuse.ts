/**
 * The registration form's proof-of-work challenge (src/registration-guard/). Public, without
 * Strapi's permission check: the site's form script fetches it before posting.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/registrations/challenge',
      handler: 'registration-challenge.issue',
      config: { auth: false },
    },
  ],
};
