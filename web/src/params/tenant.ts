import type { ParamMatcher } from '@sveltejs/kit';

/** A partnership's id: lower-case letters, numbers and dashes (the shared `slug`), so /favicon.ico is not one. */
export const match: ParamMatcher = (param) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(param) && param.length <= 60;
