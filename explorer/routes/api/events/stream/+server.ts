import { errorResponse } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/**
 * Server-sent events: each new chain event as `data: <EventDto JSON>` (event name = its type); a comment
 * every 15 s keeps proxies from closing the stream.
 */
export const GET: RequestHandler = async ({ locals, request }) => {
  const explorer = locals.explorer;
  try {
    await explorer.index.ready();
  } catch (e) {
    return errorResponse(e);
  }
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(': walrus-ts explorer events\n\n');
      const off = explorer.index.subscribe((e) => send(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), 15_000);
      cleanup = () => {
        off();
        clearInterval(keepAlive);
      };
      request.signal.addEventListener('abort', () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    },
  });
};
