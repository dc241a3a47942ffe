// A tiny command bus: a keyboard shortcut asks a component that owns the state (the detail's open
// tab) to act, without App holding that state or the component knowing about shortcuts.

export interface Commands {
  /** Show this tab of the open delivery (the tabs a shortcut asks for). */
  'detail.show-tab': 'replay';
  'detail.compare': null;
}

const bus = new EventTarget();

export function sendCommand<K extends keyof Commands>(name: K, detail: Commands[K]): void {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}

/** Subscribes for as long as the caller's effect lives; returns the unsubscribe function. */
export function onCommand<K extends keyof Commands>(name: K, handler: (detail: Commands[K]) => void): () => void {
  const listener = (event: Event) => handler((event as CustomEvent<Commands[K]>).detail);
  bus.addEventListener(name, listener);
  return () => bus.removeEventListener(name, listener);
}
