import type { HTMLAttributes } from "react";

/**
 * Table row attributes: a test id and a click that opens the row. antd types `onRow` as plain
 * HTML attributes, which do not list data-* keys, hence the one cast kept here.
 */
export function rowProps(testId: string, onOpen: () => void): HTMLAttributes<HTMLElement> {
  return {
    "data-testid": testId,
    onClick: onOpen,
    onKeyDown: (event) => {
      if (event.key === "Enter") onOpen();
    },
    tabIndex: 0,
    style: { cursor: "pointer" },
  } as HTMLAttributes<HTMLElement>;
}
