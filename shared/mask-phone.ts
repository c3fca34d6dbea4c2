/**
 * A phone number with its middle digits hidden, "138****5678": enough to tell customers apart in a
 * queue on a screen others can see, not enough to call them. Short numbers keep only their last two.
 * The agent workbench masks in the browser (the agent may reveal the number to dial it); the customer
 * trace masks on the server, so the full number never reaches a supervisor's browser.
 */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length >= 8) return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
  return p.length > 2 ? `${'*'.repeat(p.length - 2)}${p.slice(-2)}` : '*'.repeat(p.length);
}
