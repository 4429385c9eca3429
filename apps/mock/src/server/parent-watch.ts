/**
 * Ends the server's process when the process that started it is gone, however it went
 * (even SIGKILL, which runs no handler there): the IPC channel closes, and, should there
 * be none, the parent's pid changes (the orphan is re-parented). Returns a function that
 * stops watching, for a child that closes the channel itself.
 */
export function exitWithParent(onGone: (reason: string) => void, pollMs = 500): () => void {
  const parent = process.ppid;
  const onDisconnect = () => onGone("the parent process closed the IPC channel");
  if (process.channel !== undefined) process.once("disconnect", onDisconnect);
  const timer = setInterval(() => {
    if (process.ppid !== parent) onGone(`the parent process ${parent} is gone`);
  }, pollMs);
  timer.unref();
  return () => {
    process.removeListener("disconnect", onDisconnect);
    clearInterval(timer);
  };
}
