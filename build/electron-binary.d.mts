/** The Electron executable if this machine has it, else null. */
export function electronBinary(): string | null;
