import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { type ReactNode, type Ref } from "react";
import { usePaneStyles } from "./styles";

export type MessageIntent = "success" | "info" | "warning" | "error";

export interface Message {
  readonly intent: MessageIntent;
  readonly text: string;
}

/**
 * A message a screen reader announces when it appears: errors at once
 * (`role="alert"`), the rest when the reader is idle (`role="status"`).
 */
export function StatusMessage({
  intent,
  title,
  children,
  focusRef,
}: {
  intent: MessageIntent;
  title?: string;
  children: ReactNode;
  /** Given, the message can take the focus (an answer to the control the user just used). */
  focusRef?: Ref<HTMLDivElement>;
}) {
  const styles = usePaneStyles();
  return (
    <div
      role={intent === "error" ? "alert" : "status"}
      aria-live={intent === "error" ? "assertive" : "polite"}
      className={styles.message}
      ref={focusRef}
      tabIndex={focusRef === undefined ? undefined : -1}
    >
      <MessageBar intent={intent} layout="multiline">
        <MessageBarBody className={styles.wrapText}>
          {title !== undefined && <MessageBarTitle>{title}</MessageBarTitle>}
          {children}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
