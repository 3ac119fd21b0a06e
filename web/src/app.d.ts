import type { Session } from '$lib/server/session';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in member of staff, from a verified Cognito ID token; null when signed out. */
      session: Session | null;
      /** Seconds from an API 429, sent as this page's Retry-After. */
      retryAfter?: number;
    }
    interface Error {
      message: string;
    }
    interface PageData {
      /** The partnership the page is about, shown in the header when known. */
      partnership?: { id: string; name: string };
    }
  }
}

export {};
