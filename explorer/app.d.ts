// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Explorer } from '$lib/server/explorer.ts';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Stable error code (explorer/lib/errors.ts), e.g. EXPLORER_BLOB_NOT_FOUND. */
      code?: string;
    }
    interface Locals {
      explorer: Explorer;
    }
    // interface PageData {}
  }
}

export {};
