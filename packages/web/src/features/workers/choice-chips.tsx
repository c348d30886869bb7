import { Button } from "antd";
import type { ReactNode } from "react";

/** Big tap-to-toggle choices for a phone: several may be on at once; a chosen one is filled blue. */
export function ChoiceChips<T extends string>(props: {
  options: { value: T; label: ReactNode }[];
  value: T[];
  onChange: (value: T[]) => void;
  testId: string;
  columns?: number;
}) {
  const toggle = (v: T) =>
    props.onChange(props.value.includes(v) ? props.value.filter((x) => x !== v) : [...props.value, v]);
  return (
    <div style={{ display: "grid", gridTemplateColumns: `repeat(${props.columns ?? 2}, 1fr)`, gap: 8 }}>
      {props.options.map((o) => {
        const on = props.value.includes(o.value);
        return (
          <Button
            key={o.value}
            size="large"
            type={on ? "primary" : "default"}
            onClick={() => toggle(o.value)}
            aria-pressed={on}
            autoInsertSpace={false}
            data-testid={`${props.testId}-${o.value}`}
            style={{
              height: 52,
              whiteSpace: "normal",
              lineHeight: 1.2,
              padding: "4px 6px",
              fontWeight: on ? 600 : 400,
            }}
          >
            {o.label}
          </Button>
        );
      })}
    </div>
  );
}
