/**
 * Every count about people that anyone but the person sees is changed a little by the cell key
 * method (shared/src/cell-key.ts), then shown as "fewer than 5" under the partnership's threshold.
 * The page "How we protect these numbers" explains it; every table with such a number links to it.
 */

/** The page's address for a partnership (public: families and partners read the same page). */
export const protectionPath = (tenantId: string) => `/${tenantId}/how-we-protect-these-numbers`;

/** What a count under the threshold is written as: "fewer than 5". */
export const fewerThan = (threshold: number) => `fewer than ${threshold}`;
