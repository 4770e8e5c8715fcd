/** Bytes as base64, read in slices so that a large file does not overflow the call stack. */
export function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  const SLICE = 0x8000;
  let binary = "";
  for (let i = 0; i < view.length; i += SLICE) binary += String.fromCharCode(...view.subarray(i, i + SLICE));
  return btoa(binary);
}
