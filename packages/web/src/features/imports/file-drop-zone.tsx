import { InboxOutlined } from "@ant-design/icons";
import { Typography, theme } from "antd";
import { type DragEvent, useId, useState } from "react";

/**
 * Drag a file here or click to choose one. A plain labelled file input underneath, so keyboards,
 * phones and browser tests all reach it the same way.
 */
export function FileDropZone(props: {
  accept: string;
  title: string;
  hint: string;
  disabled?: boolean;
  onFile: (file: File) => void;
}) {
  const { token } = theme.useToken();
  const [over, setOver] = useState(false);
  const inputId = useId();

  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !props.disabled) props.onFile(file);
  };

  return (
    <label
      htmlFor={inputId}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        display: "block",
        padding: "36px 16px",
        textAlign: "center",
        cursor: props.disabled ? "not-allowed" : "pointer",
        border: `2px dashed ${over ? token.colorPrimary : token.colorBorder}`,
        borderRadius: token.borderRadiusLG,
        background: over ? token.colorPrimaryBg : token.colorFillAlter,
        transition: "all 0.2s",
      }}
    >
      <input
        id={inputId}
        type="file"
        accept={props.accept}
        disabled={props.disabled}
        data-testid="import-file-input"
        style={{ position: "absolute", width: 1, height: 1, opacity: 0, overflow: "hidden" }}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) props.onFile(file);
        }}
      />
      <InboxOutlined style={{ fontSize: 44, color: token.colorPrimary }} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {props.title}
      </Typography.Title>
      <Typography.Text type="secondary">{props.hint}</Typography.Text>
    </label>
  );
}
