import { asMember } from '$lib/server/member-forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ data: await asMember(event, (client) => client.data()) });
