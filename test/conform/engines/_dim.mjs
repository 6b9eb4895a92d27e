// The dimension of a scenario: d for davies, d_S for thermal operations.
export function dimension(s) {
  if (s.model === 'davies') return Array.isArray(s.energies) ? s.energies.length : s.H.re.length;
  return s.HS.re.length;
}
