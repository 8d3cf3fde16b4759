interface VsCodeApi<T> {
  postMessage(message: T): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi<T>(): VsCodeApi<T>;

export function vscodeApi<T>(): VsCodeApi<T> {
  return acquireVsCodeApi<T>();
}
