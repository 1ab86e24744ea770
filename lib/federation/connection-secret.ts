/** Associated data binding a sealed client secret to its account (a ciphertext copied to another row fails). */
export function connectionSecretContext(accountId: string): string {
  return `federation-client-secret:${accountId}`;
}
