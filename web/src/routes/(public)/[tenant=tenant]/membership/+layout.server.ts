import type { LayoutServerLoad } from './$types';

// A member's own details: never kept by a shared cache or the back-forward cache.
export const load: LayoutServerLoad = ({ setHeaders }) => {
  setHeaders({ 'cache-control': 'private, no-store' });
};
