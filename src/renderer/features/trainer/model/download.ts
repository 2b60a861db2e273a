/**
 * Saves text through the browser's download (works in the Electron window and the browser harness,
 * and needs no file-system access from the page). The object URL is revoked right after.
 */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
