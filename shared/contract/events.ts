// Events the core pushes to the renderer (one table, like the methods).
export type CoreEvents = {
  /** The session ended (locked by the user, by idle time, or the file was closed). */
  'session.ended': { reason: 'locked' | 'idle' | 'closed' };
  /**
   * From the host, not the core: a file the page saved (an <a download> of the blob: URL `url`)
   * reached the disk at `path`, or did not (`path` null: cancelled in the save dialog, or failed).
   * The renderer says which (renderer/src/download.ts), the same for every host.
   */
  'download.done': { url: string; path: string | null; cancelled: boolean };
};
export type EventName = keyof CoreEvents;
