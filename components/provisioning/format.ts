// Small text helpers for the Provisioning tab (fixed locale, so server and browser render the same).

export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? singular : plural}`;
}

/** "About 2 minutes left", for an estimate in seconds (null while there is nothing to estimate from). */
export function timeLeft(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "Estimating time left…";
  if (seconds < 5) return "Almost done";
  if (seconds < 60) return `About ${Math.max(5, Math.round(seconds / 5) * 5)} seconds left`;
  const minutes = Math.round(seconds / 60);
  return `About ${count(minutes, "minute")} left`;
}
