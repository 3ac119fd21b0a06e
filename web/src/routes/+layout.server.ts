import type { LayoutServerLoad } from './$types';

/** Who is signed in, for the header. Never the tokens: those stay in httpOnly cookies. */
export const load: LayoutServerLoad = ({ locals }) => ({ caller: locals.session?.caller ?? null });
