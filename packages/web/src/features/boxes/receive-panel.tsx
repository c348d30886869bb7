/** Placeholder: the lab's box receipt, embedded in the lab page. */
export function ReceivePanel() {
  return null;
}
