// Events the core pushes to the renderer (one table, like the methods).
export type CoreEvents = {
  /** The session ended (locked by the user, by idle time, or the file was closed). */
  'session.ended': { reason: 'locked' | 'idle' | 'closed' };
};
export type EventName = keyof CoreEvents;
