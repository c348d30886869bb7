import { useCallback, useState } from "react";

/**
 * A choice kept on this device (localStorage), such as the point a tablet works at: it is there
 * again after a reload or the next morning. `read` turns the stored text back into the choice,
 * or undefined when it is missing or unreadable. In private mode it holds for the page only.
 */
export function useDeviceChoice<T>(
  key: string,
  read: (stored: string) => T | undefined,
  write: (choice: T) => string,
): [T | undefined, (next: T | undefined) => void] {
  const [choice, setChoice] = useState<T | undefined>(() => {
    try {
      const stored = localStorage.getItem(key);
      return stored === null ? undefined : read(stored);
    } catch {
      return undefined;
    }
  });
  const remember = useCallback(
    (next: T | undefined) => {
      try {
        if (next === undefined) localStorage.removeItem(key);
        else localStorage.setItem(key, write(next));
      } catch {
        // private mode: the choice still holds on this page
      }
      setChoice(next);
    },
    [key, write],
  );
  return [choice, remember];
}
