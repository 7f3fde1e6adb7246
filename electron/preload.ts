// The whole surface the renderer gets: `window.custodian` with invoke and on. ipcRenderer itself
// never crosses the bridge (it would let the page send on any channel), and listeners receive
// only the payload, never the IPC event object.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { Bridge } from '../shared/contract/bridge';
import type { Result } from '../shared/contract/result';
import { EVENT_CHANNEL, INVOKE_CHANNEL, isEventName } from './ipc';

const bridge: Bridge = {
  async invoke(method, input, token) {
    try {
      return (await ipcRenderer.invoke(INVOKE_CHANNEL, { method, input, token })) as Result<unknown>;
    } catch (error) {
      // Only values that survive structured cloning can be sent; anything else is refused as input.
      if (/could not be cloned/i.test(String((error as Error)?.message))) {
        return {
          ok: false,
          error: { code: 'INVALID_INPUT', message: 'This request contained something Custodian cannot send.' },
        };
      }
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'The Custodian window lost touch with the customer file.' },
      };
    }
  },
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError(`Custodian has no event called ${String(event)}.`);
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('custodian', bridge);
