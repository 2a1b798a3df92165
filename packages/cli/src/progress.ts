/** Where progress goes: stderr, so stdout stays the command's result. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Runs a task and shows progress once it has taken a second: a spinner on a
 * terminal, one line otherwise; then its duration, or nothing for a quick one.
 * `step` updates the label as the task moves on.
 */
export async function withProgress<T>(label: string, task: (step: (label: string) => void) => Promise<T>, stream: ProgressStream = process.stderr): Promise<T> {
  const began = Date.now();
  let current = label;
  let shown = false;
  let frame = 0;
  const draw = (): void => {
    shown = true;
    if (stream.isTTY) stream.write(`\r\x1b[2K${frames[frame++ % frames.length]} ${current}`);
  };
  const show = setTimeout(() => {
    if (!stream.isTTY) stream.write(`${current}…\n`);
    draw();
    spin = setInterval(draw, 80);
  }, 1000);
  let spin: ReturnType<typeof setInterval> | undefined;
  const step = (next: string): void => {
    current = next;
    if (shown && !stream.isTTY) stream.write(`${current}…\n`);
  };
  try {
    const result = await task(step);
    if (shown) stream.write(`${stream.isTTY ? "\r\x1b[2K" : ""}✔ ${label} (${((Date.now() - began) / 1000).toFixed(1)}s)\n`);
    return result;
  } catch (error) {
    if (shown && stream.isTTY) stream.write("\r\x1b[2K");
    throw error;
  } finally {
    clearTimeout(show);
    clearInterval(spin);
  }
}
