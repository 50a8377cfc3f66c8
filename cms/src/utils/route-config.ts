/** Route config shared by the four content APIs: reads go through the drafts policy. */
const readPolicies = { policies: ['global::published-only'] };

export const publicReadRouteConfig = {
  find: readPolicies,
  findOne: readPolicies,
};
