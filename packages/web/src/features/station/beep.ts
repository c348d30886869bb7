let context: AudioContext | undefined;

/**
 * A short tone: high for OK, low and longer for a problem, so a registrar who is looking at the
 * person (not the screen) hears which it was. Made with WebAudio: no sound files to load offline.
 */
export function beep(kind: "ok" | "problem"): void {
  try {
    context ??= new AudioContext();
    if (context.state === "suspended") void context.resume();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = kind === "ok" ? "sine" : "square";
    oscillator.frequency.value = kind === "ok" ? 1760 : 220;
    const seconds = kind === "ok" ? 0.12 : 0.45;
    const now = context.currentTime;
    gain.gain.setValueAtTime(0.25, now);
    gain.gain.exponentialRampToValueAtTime(0.001, now + seconds);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(now);
    oscillator.stop(now + seconds);
  } catch {
    // No audio device (or blocked): the colour still tells.
  }
}
