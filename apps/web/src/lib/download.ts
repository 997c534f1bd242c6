/** Saves text the API produced (an export, a publiccode.yml) as a file, without another request. */
export function downloadText(filename: string, content: string, contentType = "text/plain;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([content], { type: contentType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download asynchronously: revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
