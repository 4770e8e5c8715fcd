/** Saves `blob` as a file named `name`, as the browser saves a download. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the file from the URL after the click returns: let it go a while later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
