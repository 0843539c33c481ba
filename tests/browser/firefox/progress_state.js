/* What the progress store holds on this page, once a file:// page has synced with the shared
 * store (site/assets/filestore.js). Argument: {timeoutMs}. Returns {sets: [keys], synced, error}. */
async ({ timeoutMs }) => {
  const end = Date.now() + timeoutMs;
  const store = () => window.mvcalcFileStore;
  while (location.protocol === "file:" && !(store() && (store().synced || store().error))) {
    if (Date.now() > end) throw new Error("the file:// progress store never synced");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let sets = [];
  if (window.mvcalcProgress) sets = Object.keys(JSON.parse(window.mvcalcProgress.exportText()).sets || {});
  const tour = localStorage.getItem("mvcalc.tour");
  return { sets, tour, synced: store() ? store().synced : null, error: store() ? store().error : "" };
}
